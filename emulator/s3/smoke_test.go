package s3_test

import (
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/managed"
	s3emu "github.com/fakeaws/fakeaws/emulator/s3"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestBoto3Smoke runs testdata/boto3_smoke.py against the real server and
// against an S3-only server whose handler resolves POST upload keys
// through authn (as the server does once it passes Options.Keys). It
// skips when python3 or boto3 is missing.
func TestBoto3Smoke(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	if err := exec.Command(py, "-c", "import boto3").Run(); err != nil {
		t.Skip("boto3 not installed")
	}
	t.Run("server", func(t *testing.T) {
		runSmoke(t, py, emulatortest.New(t, emulator.Options{}))
	})
	t.Run("s3 with keys", func(t *testing.T) {
		db := openDB(t)
		set, err := managed.Load()
		if err != nil {
			t.Fatal(err)
		}
		an := &authn.Authenticator{DB: db, Now: time.Now}
		h := s3emu.New(s3emu.Options{DB: db, Authz: authz.New(db, authz.Options{Managed: set}), Keys: an})
		an.BucketFromHost = h.BucketFromHost
		srv := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			info, err := an.Authenticate(r, "SMOKE")
			if err != nil {
				http.Error(w, err.Error(), http.StatusForbidden)
				return
			}
			h.ServeHTTP(w, r.WithContext(authn.WithInfo(r.Context(), info)))
		})
		out := runSmoke(t, py, srv)
		if strings.Contains(out, "SKIP") {
			t.Errorf("POST upload skipped with Keys set:\n%s", out)
		}
	})
}

// TestS3TestsLike runs testdata/s3tests_like.py, checks in the style of
// ceph/s3-tests with AWS's documented results, against the real server.
// It skips when python3 or boto3 (with requests) is missing.
func TestS3TestsLike(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	if err := exec.Command(py, "-c", "import boto3, requests").Run(); err != nil {
		t.Skip("boto3 or requests not installed")
	}
	t.Parallel()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	out, err := runPython(py, "s3tests_like.py", ts.URL)
	if err != nil {
		t.Fatalf("s3tests_like.py: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:]))
}

// runPython runs a testdata script with no ambient AWS configuration: the
// scripts pass endpoint and credentials themselves.
func runPython(py, script string, args ...string) (string, error) {
	path, _ := filepath.Abs(filepath.Join("testdata", script))
	cmd := exec.Command(py, append([]string{path}, args...)...)
	for _, kv := range cmd.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	// Generous: the deadline only turns a hang into a failure that names
	// the call that hung.
	return emulatortest.RunClient(cmd, 8*time.Minute)
}

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func runSmoke(t *testing.T, py string, h http.Handler) string {
	t.Helper()
	ts := httptest.NewServer(h)
	defer ts.Close()
	out, err := runPython(py, "boto3_smoke.py", ts.URL)
	if err != nil {
		t.Fatalf("boto3 smoke run failed: %v\n%s", err, out)
	}
	return out
}
