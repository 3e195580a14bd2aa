package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
)

func TestParseSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		env     []string
		want    settings
		wantErr string
	}{
		{"defaults", nil, nil, settings{addr: "127.0.0.1:4566", data: ".fakeaws", iam: "enforce", logLevel: "info"}, ""},
		{"env", nil, []string{"FAKEAWS_ADDR=0.0.0.0:1", "FAKEAWS_DATA=/d", "FAKEAWS_EPHEMERAL=true", "FAKEAWS_IAM=soft", "FAKEAWS_STRICT_ACCOUNTS=1", "FAKEAWS_CONFIG=w.json"},
			settings{addr: "0.0.0.0:1", data: "/d", ephemeral: true, iam: "soft", strictAccounts: true, config: "w.json", logLevel: "info"}, ""},
		{"flags win over env", []string{"--addr", "127.0.0.1:0", "--iam=off"}, []string{"FAKEAWS_ADDR=0.0.0.0:1", "FAKEAWS_IAM=soft"},
			settings{addr: "127.0.0.1:0", data: ".fakeaws", iam: "off", logLevel: "info"}, ""},
		{"legacy bucket defaults flag", []string{"--legacy-bucket-defaults"}, nil,
			settings{addr: "127.0.0.1:4566", data: ".fakeaws", iam: "enforce", logLevel: "info", legacyBuckets: true}, ""},
		{"legacy bucket defaults env", nil, []string{"FAKEAWS_LEGACY_BUCKET_DEFAULTS=true"},
			settings{addr: "127.0.0.1:4566", data: ".fakeaws", iam: "enforce", logLevel: "info", legacyBuckets: true}, ""},
		{"bad legacy env", nil, []string{"FAKEAWS_LEGACY_BUCKET_DEFAULTS=maybe"}, settings{}, "FAKEAWS_LEGACY_BUCKET_DEFAULTS"},
		{"bad bool env", nil, []string{"FAKEAWS_EPHEMERAL=maybe"}, settings{}, "FAKEAWS_EPHEMERAL"},
		{"stray argument", []string{"extra"}, nil, settings{}, "unexpected arguments"},
		{"admin hosts repeated and comma-separated, after the env's", []string{"--admin-host", "fakeaws, fakeaws.internal", "--admin-host=10.0.0.5", "--admin-anywhere"},
			[]string{"FAKEAWS_ADMIN_HOST=from-env"},
			settings{addr: "127.0.0.1:4566", data: ".fakeaws", iam: "enforce", logLevel: "info", adminAnywhere: true,
				adminHosts: adminHosts{"from-env", "fakeaws", "fakeaws.internal", "10.0.0.5"}}, ""},
		{"admin host with a port", []string{"--admin-host", "fakeaws:4566"}, nil, settings{}, "without a port"},
		{"admin host wildcard", []string{"--admin-host", "*"}, nil, settings{}, "without a port"},
		{"admin host URL", []string{"--admin-host", "http://fakeaws"}, nil, settings{}, "without a port"},
		{"empty admin host", []string{"--admin-host", "fakeaws,"}, nil, settings{}, "without a port"},
		{"bad admin host env", nil, []string{"FAKEAWS_ADMIN_HOST=a b"}, settings{}, "FAKEAWS_ADMIN_HOST"},
		{"timeouts from env", nil, []string{"FAKEAWS_BODY_READ_TIMEOUT=3s", "FAKEAWS_IDLE_TIMEOUT=2s"},
			settings{addr: "127.0.0.1:4566", data: ".fakeaws", iam: "enforce", logLevel: "info", bodyReadTimeout: 3 * time.Second, idleTimeout: 2 * time.Second}, ""},
		{"timeout flags win over env", []string{"--body-read-timeout=5s", "--idle-timeout", "1m"}, []string{"FAKEAWS_BODY_READ_TIMEOUT=3s"},
			settings{addr: "127.0.0.1:4566", data: ".fakeaws", iam: "enforce", logLevel: "info", bodyReadTimeout: 5 * time.Second, idleTimeout: time.Minute}, ""},
		{"bad timeout env", nil, []string{"FAKEAWS_IDLE_TIMEOUT=soon"}, settings{}, "FAKEAWS_IDLE_TIMEOUT"},
		{"timeout not positive", []string{"--body-read-timeout=0s"}, nil, settings{}, "must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSettings(tt.args, tt.env, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseSettings(%v, %v) error = %v, want containing %q", tt.args, tt.env, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want.bodyReadTimeout == 0 {
				tt.want.bodyReadTimeout = emulator.DefaultBodyReadTimeout
			}
			if tt.want.idleTimeout == 0 {
				tt.want.idleTimeout = defaultTimeouts.idle
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseSettings(%v, %v) = %+v, want %+v", tt.args, tt.env, got, tt.want)
			}
		})
	}
}

func TestServePrintsURLAndShutsDown(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--ephemeral"}, nil, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading first line: %v", err)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "fakeaws listening on ")
	if !ok || !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0") {
		t.Fatalf("first line = %q, want 'fakeaws listening on http://127.0.0.1:PORT'", line)
	}
	go io.Copy(io.Discard, pr)
	resp, err := http.Get(url + "/_fakeaws/health")
	if err != nil {
		t.Fatal(err)
	}
	var health map[string]string
	_ = json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if resp.StatusCode != 200 || health["status"] != "ok" || health["version"] == "" {
		t.Errorf("health = %d %v, want 200 status ok with a version", resp.StatusCode, health)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v after shutdown, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
}
