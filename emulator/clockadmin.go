package emulator

import (
	"net/http"
	"time"
)

// clockState is what GET and POST /_fakeaws/clock answer.
type clockState struct {
	Offset        string  `json:"offset"`
	OffsetSeconds float64 `json:"offsetSeconds"`
	Now           string  `json:"now"`
	Wall          string  `json:"wall"`
}

func (s *Server) clockState() clockState {
	off := s.clock.Offset()
	return clockState{
		Offset:        off.String(),
		OffsetSeconds: off.Seconds(),
		Now:           s.clock.Now().UTC().Format(time.RFC3339Nano),
		Wall:          s.clock.Wall().UTC().Format(time.RFC3339Nano),
	}
}

// showClock answers GET /_fakeaws/clock: how far fakeaws's clock runs ahead.
func (s *Server) showClock(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.clockState())
}

// advanceClock answers POST /_fakeaws/clock?advance=DURATION (Go duration
// syntax: 90s, 16m, 1h30m): it moves the clock forward, never back.
func (s *Server) advanceClock(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("advance")
	d, err := time.ParseDuration(raw)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"status": "error",
			"error": "advance=" + raw + ": want a Go duration such as 90s, 16m or 1h30m"})
		return
	}
	if _, err := s.clock.Advance(d); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"status": "error",
			"error": "advance=" + raw + ": " + err.Error()})
		return
	}
	s.log.Info("clock advanced", "by", d, "offset", s.clock.Offset())
	writeJSON(w, http.StatusOK, s.clockState())
}
