package main

import (
	"context"
	"fmt"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
)

// loadConfig reads and checks a --config file. Any problem names the file
// and the JSON path of the bad field, and the server does not start.
func loadConfig(path string) (*config.Config, error) {
	c, err := config.Load(path)
	if err != nil {
		return nil, fmt.Errorf("--config %s: %w", path, err)
	}
	return c, nil
}

// applyConfig creates the world c (read from path) declares, through the
// server's own handlers (see emulator/config).
func applyConfig(ctx context.Context, srv *emulator.Server, path string, c *config.Config) error {
	if err := config.Apply(ctx, srv, c, config.Options{}); err != nil {
		return fmt.Errorf("--config %s: %w", path, err)
	}
	return nil
}
