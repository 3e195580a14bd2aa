package emulator

import (
	"context"
	"fmt"
)

// Reset brings the server back to its starting world: the one
// Options.StartingWorld re-creates (the --config world), or no accounts,
// records or object bodies without one; the decision log, the lesson
// notes and the last accessed data not yet written start empty.
//
// It is atomic with respect to requests: it waits for the requests in
// flight to finish and holds new ones until it is done, so a request runs
// wholly before or wholly after it, and an acknowledged write is either
// wiped with everything else or kept whole (never a record whose body is
// gone). Requests sent while a reset waits queue behind it.
//
// Code that re-creates a starting world after the wipe belongs here,
// inside the same critical section, serving its requests through ServeAs
// (which does not take the request lock).
func (s *Server) Reset(ctx context.Context) error {
	s.requests.Lock()
	defer s.requests.Unlock()
	if err := s.db.Reset(ctx); err != nil {
		return fmt.Errorf("reset store: %w", err)
	}
	s.authz.ResetServiceAccess()
	s.notes.reset()
	if s.opts.StartingWorld != nil {
		// Back to the --config world, so configured keys keep working.
		if err := s.opts.StartingWorld(ctx, s); err != nil {
			return fmt.Errorf("re-create the starting world: %w", err)
		}
	}
	s.authz.Log().Reset()
	return nil
}
