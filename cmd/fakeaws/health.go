package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"time"
)

// healthCommand checks a running server's /_fakeaws/health: exit 0 when it
// answers 200, 1 otherwise. The Docker image's HEALTHCHECK runs it (the
// distroless image has no shell or curl).
func healthCommand(ctx context.Context, args, env []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeaws health", flag.ContinueOnError)
	fs.SetOutput(stdout)
	endpoint := fs.String("endpoint", defaultEndpoint(env), "fakeaws URL (the server FAKEAWS_ADDR names, when set)")
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *endpoint+"/_fakeaws/health", nil)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s", *endpoint, resp.Status)
	}
	_, err = stdout.Write(body)
	return err
}
