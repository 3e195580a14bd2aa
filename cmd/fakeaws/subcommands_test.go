package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/config"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden (run with -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestEnvCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr string
	}{
		{"account", []string{"env", "--account", "111111111111"},
			"export AWS_ACCESS_KEY_ID=111111111111\nexport AWS_SECRET_ACCESS_KEY=test\nexport AWS_ENDPOINT_URL=http://127.0.0.1:4566\n" +
				"export AWS_REGION=us-east-1\nexport AWS_DEFAULT_REGION=us-east-1\nunset AWS_SESSION_TOKEN AWS_PROFILE\n", ""},
		{"endpoint and region", []string{"env", "--account", "222222222222", "--endpoint", "http://fakeaws:4566", "--region", "eu-west-1"},
			"export AWS_ACCESS_KEY_ID=222222222222\nexport AWS_SECRET_ACCESS_KEY=test\nexport AWS_ENDPOINT_URL=http://fakeaws:4566\n" +
				"export AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\nunset AWS_SESSION_TOKEN AWS_PROFILE\n", ""},
		{"quoted endpoint", []string{"env", "--account", "222222222222", "--endpoint", "http://x/a b"},
			"export AWS_ACCESS_KEY_ID=222222222222\nexport AWS_SECRET_ACCESS_KEY=test\nexport AWS_ENDPOINT_URL='http://x/a b'\n" +
				"export AWS_REGION=us-east-1\nexport AWS_DEFAULT_REGION=us-east-1\nunset AWS_SESSION_TOKEN AWS_PROFILE\n", ""},
		{"bad account", []string{"env", "--account", "1234"}, "", "want 12 digits"},
		{"stray argument", []string{"env", "x"}, "", "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(context.Background(), tt.args, nil, &out, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("run(%v) error = %v, want containing %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("run(%v): %v", tt.args, err)
			}
			if out.String() != tt.want {
				t.Errorf("run(%v) printed\n%s\nwant\n%s", tt.args, out.String(), tt.want)
			}
		})
	}
}

func TestProfileCommandGolden(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	conf := filepath.Join(dir, "aws", "config")
	creds := filepath.Join(dir, "aws", "credentials")
	// Existing content survives; a section the command owns is replaced.
	if err := os.MkdirAll(filepath.Dir(conf), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte("[profile mine]\nregion = eu-west-3\n\n[profile roleb]\nrole_arn = stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(creds, []byte("# my keys\n[mine]\naws_access_key_id = AKIAMINE\naws_secret_access_key = x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"profile", "--config", "testdata/profile/world.json", "--aws-config", conf, "--aws-credentials", creds}
	// An existing profile with other settings is not replaced silently.
	err := run(context.Background(), args, nil, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "[profile roleb] in "+conf) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("run(%v) without --force = %v, want a refusal naming [profile roleb] and --force", args, err)
	}
	if got, _ := os.ReadFile(conf); !strings.Contains(string(got), "role_arn = stale") {
		t.Fatalf("refused run changed %s:\n%s", conf, got)
	}
	args = append(args, "--force")
	var out bytes.Buffer
	if err := run(context.Background(), args, nil, &out, io.Discard); err != nil {
		t.Fatalf("run(%v): %v", args, err)
	}
	var kept []byte
	for _, line := range strings.SplitAfter(out.String(), "\n") {
		if backup, ok := strings.CutPrefix(strings.TrimSpace(line), "backup "); ok {
			if b, err := os.ReadFile(backup); err != nil || (strings.HasPrefix(backup, conf) && !strings.Contains(string(b), "role_arn = stale")) {
				t.Errorf("backup %s = %q (%v), want the replaced file", backup, b, err)
			}
			continue
		}
		kept = append(kept, line...)
	}
	if !strings.Contains(out.String(), "backup "+conf+".bak-") {
		t.Errorf("--force output lacks the config file's backup:\n%s", out.String())
	}
	golden(t, "profile/stdout.golden", kept)
	for name, path := range map[string]string{"profile/config.golden": conf, "profile/credentials.golden": creds} {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, got)
	}
	if fi, err := os.Stat(creds); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("credentials file mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	// Running again changes nothing.
	before, _ := os.ReadFile(conf)
	if err := run(context.Background(), args, nil, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(conf)
	if !bytes.Equal(before, after) {
		t.Errorf("second run changed the config file:\n%s\nwas\n%s", after, before)
	}
}

func TestProfileCommandErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"accounts":[{"id":"12"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"missing flags", []string{"profile", "--config", bad}, "are required"},
		{"bad config", []string{"profile", "--config", bad, "--aws-config", filepath.Join(dir, "c"), "--aws-credentials", filepath.Join(dir, "k")},
			"accounts[0].id: "},
		{"missing config", []string{"profile", "--config", filepath.Join(dir, "none.json"), "--aws-config", "c", "--aws-credentials", "k"},
			"none.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := run(context.Background(), tt.args, nil, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("run(%v) error = %v, want containing %q", tt.args, err, tt.wantErr)
			}
		})
	}
}

func TestMergeINI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		old  string
		want string
	}{
		{"empty", "", "[profile a]\nx = 1\n\n[b]\ny = 2\n"},
		{"keeps others", "[other]\nk = v\n", "[other]\nk = v\n\n[profile a]\nx = 1\n\n[b]\ny = 2\n"},
		{"replaces in place", "[profile  a]\nx = 0\nz = 9\n[other]\nk = v\n", "[profile a]\nx = 1\n\n[other]\nk = v\n\n[b]\ny = 2\n"},
	}
	sections := []iniSection{{"profile a", []string{"x = 1"}}, {"b", []string{"y = 2"}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := string(mergeINI([]byte(tt.old), sections)); got != tt.want {
				t.Errorf("mergeINI(%q) =\n%q\nwant\n%q", tt.old, got, tt.want)
			}
		})
	}
}

func TestHealthCommand(t *testing.T) {
	t.Parallel()
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/_fakeaws/health" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, `{"status":"ok"}`)
	}))
	t.Cleanup(ok.Close)
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusServiceUnavailable)
	}))
	t.Cleanup(down.Close)
	tests := []struct {
		name    string
		url     string
		wantErr bool
	}{
		{"healthy", ok.URL, false},
		{"unhealthy", down.URL, true},
		{"unreachable", "http://127.0.0.1:1", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			err := run(context.Background(), []string{"health", "--endpoint", tt.url}, nil, &out, io.Discard)
			if (err != nil) != tt.wantErr {
				t.Errorf("health(%s) error = %v, want error: %v", tt.url, err, tt.wantErr)
			}
			if !tt.wantErr && !strings.Contains(out.String(), `"ok"`) {
				t.Errorf("health(%s) printed %q, want the health JSON", tt.url, out.String())
			}
		})
	}
}

func TestServeBadConfigDoesNotStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name     string
		json     string
		wantPath string
	}{
		{"shape", `{"accounts":[{"id":"111111111111","roles":[{"name":"r","trust":{},"maxSession":1}]}]}`, "accounts[0].roles[0].maxSession: "},
		{"invalid principal", `{"accounts":[{"id":"111111111111"},{"id":"222222222222","roles":[{"name":"r","trust":
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/nobody"},"Action":"sts:AssumeRole"}]}}]}]}`,
			"accounts[1].roles[0].trust: "},
		{"bucket name", `{"accounts":[{"id":"111111111111","buckets":[{"name":"SampleBucketA"}]}]}`, "accounts[0].buckets[0].name: "},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, tt.name+".json")
			if err := os.WriteFile(path, []byte(tt.json), 0o644); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			args := []string{"--addr", "127.0.0.1:0", "--data", filepath.Join(dir, "data", string(rune('a'+i))), "--config", path}
			err := run(context.Background(), args, nil, &out, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantPath) {
				t.Fatalf("run(%v) error = %v, want containing %q", args, err, tt.wantPath)
			}
			var ce *config.Error
			if !errors.As(err, &ce) {
				t.Errorf("error %v is not a *config.Error", err)
			}
			if strings.Contains(out.String(), "listening") {
				t.Errorf("server started despite a bad config: %q", out.String())
			}
		})
	}
}
