package main

import (
	"context"
	"fmt"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
)

// applyConfig creates the world a --config file declares, through the
// server's own handlers (see emulator/config). Any problem names the file
// and the JSON path of the bad field, and the server does not start.
func applyConfig(ctx context.Context, srv *emulator.Server, path string) error {
	c, err := config.Load(path)
	if err != nil {
		return fmt.Errorf("--config %s: %w", path, err)
	}
	if err := config.Apply(ctx, srv, c, config.Options{}); err != nil {
		return fmt.Errorf("--config %s: %w", path, err)
	}
	return nil
}
