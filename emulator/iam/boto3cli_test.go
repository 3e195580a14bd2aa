package iam_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestCLIQA runs testdata/cli_qa.py (boto3 for the bulk, the AWS CLI for
// representative commands) against a whole server on httptest: real SigV4,
// real sessions, real policy evaluation. It skips only when python3 with
// boto3, or the aws command, is missing.
func TestCLIQA(t *testing.T) {
	t.Parallel()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed")
	}
	if err := exec.Command(py, "-c", "import boto3").Run(); err != nil {
		t.Skip("boto3 not installed")
	}
	ts, _ := emulatortest.Start(t, emulator.Options{})

	script, err := filepath.Abs(filepath.Join("testdata", "cli_qa.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, script)
	home := t.TempDir()
	env := []string{"AWS_ENDPOINT_URL=" + ts.URL, "HOME=" + home, "PYTHONDONTWRITEBYTECODE=1"}
	for _, kv := range os.Environ() {
		// The harness sets its own credentials and config; an outer
		// profile or session token must not leak in.
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") || k == "HOME" {
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = env
	cmd.Dir = home
	// Generous: on a loaded shared machine the script alone takes two
	// minutes; the deadline only turns a hang into a failure that names
	// the call that hung (RunClient's Python traceback).
	output, err := emulatortest.RunClient(cmd, 8*time.Minute)
	out := []byte(output)
	if err != nil {
		var fails []string
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "FAIL") {
				fails = append(fails, line)
			}
		}
		t.Fatalf("cli_qa.py: %v\n%s\n\nfull output:\n%s", err, strings.Join(fails, "\n"), out)
	}
	t.Logf("%s", lastLine(string(out)))
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:]
}
