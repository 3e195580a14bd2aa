package main

import (
	"context"
	"fmt"

	"github.com/fakeaws/fakeaws/emulator"
)

// applyConfig creates the world a --config file declares.
func applyConfig(ctx context.Context, srv *emulator.Server, path string) error {
	return fmt.Errorf("--config %s: not implemented yet", path)
}
