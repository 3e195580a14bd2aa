package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/fakeawstest"
)

// startServer starts a fresh fakeaws on a free loopback port for an
// out-of-process client, optionally with a --config world applied.
func startServer(t *testing.T, world string) string {
	t.Helper()
	var opts []fakeawstest.Option
	if world != "" {
		opts = append(opts, fakeawstest.WithConfigFile(world))
	}
	return fakeawstest.Start(t, opts...).URL
}

// clientEnv is the environment of a client process: the machine's, minus
// AWS settings that would leak in, plus a scratch config and credentials
// file and the endpoint.
func clientEnv(t *testing.T, endpoint string) (env []string, dir string) {
	dir = t.TempDir()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") && k != "AWS_CA_BUNDLE" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"AWS_ENDPOINT_URL="+endpoint,
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_EC2_METADATA_DISABLED=true",
		// The CLI caches assumed-role credentials under ~/.aws/cli/cache:
		// a fresh HOME keeps another run's sessions out.
		"HOME="+dir,
	)
	return env, dir
}

// runClient runs a client command and reports its output when it fails.
// timeout should be generous (a shared 2-core machine can be many times
// slower than usual); a client still running then fails the test with the
// step that hung named (emulatortest.RunClient).
func runClient(t *testing.T, name string, cmd *exec.Cmd, timeout time.Duration) {
	t.Helper()
	// Stop before the test binary's own deadline (go test -timeout), whose
	// panic would name no step.
	if d, ok := t.Deadline(); ok && time.Until(d)-time.Minute < timeout {
		timeout = max(time.Until(d)-time.Minute, time.Second)
	}
	out, err := emulatortest.RunClient(cmd, timeout)
	if err != nil {
		t.Errorf("%s: %v\n%s", name, err, out)
	} else if testing.Verbose() {
		t.Logf("%s:\n%s", name, out)
	}
}

// TestAWSCLI replays each seed's AWS CLI commands as written
// (conformance/cli/seedNNN.sh), and the other CLI scripts there (org.sh),
// each against its own server.
func TestAWSCLI(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed: skipping the AWS CLI seed scripts")
	}
	scripts, err := filepath.Glob("cli/*.sh")
	if err != nil || len(scripts) < 2 {
		t.Fatalf("no scripts in cli/: %v", err)
	}
	for _, script := range scripts {
		if filepath.Base(script) == "lib.sh" {
			continue // sourced by the others
		}
		t.Run(filepath.Base(script), func(t *testing.T) {
			t.Parallel()
			world := ""
			if b, err := os.ReadFile(script); err == nil {
				// "# world: examples/x.json" applies a --config world first.
				for _, line := range strings.Split(string(b), "\n") {
					if w, ok := strings.CutPrefix(line, "# world: "); ok {
						world = filepath.Join("..", strings.TrimSpace(w))
					}
				}
			}
			env, dir := clientEnv(t, startServer(t, world))
			abs, _ := filepath.Abs(script)
			cmd := exec.Command("bash", abs)
			cmd.Env = append(env, "FAKEAWS_REPO="+mustAbs(t, ".."))
			cmd.Dir = dir
			runClient(t, script, cmd, 6*time.Minute)
		})
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
