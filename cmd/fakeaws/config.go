package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/store"
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
// server's own handlers (see emulator/config). A world the server refuses
// leaves the store as it was, not half applied: on an empty store
// (a fresh --data dir, or the wipe of POST /_fakeaws/reset) what was
// created is wiped again; on a store holding data the world is first
// applied to a scratch store made with the same options (opts), and only a
// world that applies there cleanly touches the real one.
func applyConfig(ctx context.Context, srv *emulator.Server, opts emulator.Options, path string, c *config.Config) error {
	empty, err := storeIsEmpty(ctx, srv.DB())
	if err != nil {
		return fmt.Errorf("--config %s: %w", path, err)
	}
	if !empty {
		if err := dryRunConfig(ctx, opts, c); err != nil {
			return fmt.Errorf("--config %s (refused before touching --data): %w", path, err)
		}
	}
	if err := config.Apply(ctx, srv, c, config.Options{}); err != nil {
		if empty {
			if rerr := srv.DB().Reset(ctx); rerr != nil {
				err = errors.Join(err, fmt.Errorf("wiping the partly applied world: %w", rerr))
			}
		}
		return fmt.Errorf("--config %s: %w", path, err)
	}
	return nil
}

// storeIsEmpty reports whether db holds no account, bucket, access key or
// organization.
func storeIsEmpty(ctx context.Context, db *store.DB) (bool, error) {
	empty := true
	err := db.View(ctx, func(tx *store.Tx) error {
		if len(tx.Accounts()) > 0 {
			empty = false
			return nil
		}
		for _, kind := range []string{store.KindBucket, store.KindAccessKey, store.KindOrganization} {
			err := tx.ForEach(store.Global, kind, "", "", func(string, store.Decoder) error {
				empty = false
				return store.ErrStop
			})
			if err != nil && !errors.Is(err, store.ErrStop) {
				return err
			}
		}
		return nil
	})
	return empty, err
}

// dryRunConfig applies c to a scratch server on a temporary store.
func dryRunConfig(ctx context.Context, opts emulator.Options, c *config.Config) error {
	dir, err := os.MkdirTemp("", "fakeaws-dryrun-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	opts.StartingWorld = nil
	scratch, err := emulator.New(db, opts)
	if err != nil {
		return err
	}
	return config.Apply(ctx, scratch, c, config.Options{})
}
