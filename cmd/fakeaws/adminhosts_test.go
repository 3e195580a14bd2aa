package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeAdminHost starts fakeaws with --admin-host and checks the name
// reaches the admin guard: /_fakeaws/health answers under it and under a
// loopback name, and refuses another name.
func TestServeAdminHost(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--ephemeral", "--admin-host", "fakeaws.test"}, nil, pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("step 'shut down' hung: run still going 30s after cancel")
		}
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading first line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimPrefix(strings.TrimSpace(line), "fakeaws listening on ")
	client := &http.Client{Timeout: 30 * time.Second}
	for host, want := range map[string]int{"fakeaws.test:4566": 200, "localhost": 200, "evil.example": 403} {
		r, _ := http.NewRequest(http.MethodGet, url+"/_fakeaws/health", nil)
		r.Host = host
		resp, err := client.Do(r)
		if err != nil {
			t.Fatalf("GET /_fakeaws/health Host %s: %v", host, err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET /_fakeaws/health Host %s = %d, want %d", host, resp.StatusCode, want)
		}
	}
}
