// Package clientrun runs out-of-process clients (the AWS CLI, boto3, Node,
// shell recipes) against fresh fakeaws servers in tests: a server per test,
// an environment that keeps the machine's AWS settings out, and a runner
// that fails the test naming the step a client hung on.
package clientrun

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/fakeawstest"
)

// Server starts a fresh fakeaws on a free loopback port for an
// out-of-process client, optionally with a --config world applied, and
// returns its URL.
func Server(t *testing.T, world string) string {
	t.Helper()
	var opts []fakeawstest.Option
	if world != "" {
		opts = append(opts, fakeawstest.WithConfigFile(world))
	}
	return fakeawstest.Start(t, opts...).URL
}

// Env is the environment of a client process: the machine's, minus AWS
// settings that would leak in, plus a scratch config and credentials file
// and the endpoint. dir is the scratch directory, also the client's HOME.
// PATH starts with links past pyenv's shims (unshimmed).
func Env(t *testing.T, endpoint string) (env []string, dir string) {
	dir = t.TempDir()
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") && k != "AWS_CA_BUNDLE" {
			continue
		}
		if k == "PATH" {
			kv = "PATH=" + unshimmed(t) + string(filepath.ListSeparator) + kv[len("PATH="):]
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

// shimmed lists the programs clients run many times per test whose pyenv
// shim is worth skipping.
var shimmed = []string{"aws", "python3"}

// realPrograms maps each of shimmed that is a pyenv shim to the program
// it runs (`pyenv which`), found once per test binary.
var realPrograms = sync.OnceValue(func() map[string]string {
	programs := map[string]string{}
	for _, name := range shimmed {
		p, err := exec.LookPath(name)
		if err != nil || filepath.Base(filepath.Dir(p)) != "shims" {
			continue
		}
		out, err := exec.Command("pyenv", "which", name).Output()
		if target := strings.TrimSpace(string(out)); err == nil && filepath.IsAbs(target) {
			programs[name] = target
		}
	}
	return programs
})

// unshimmed returns a directory of links to the programs behind pyenv's
// shims (realPrograms), to put first on a client's PATH. A shim is a
// shell script that runs `pyenv exec`, which costs about half a second of
// CPU per call on top of the AWS CLI's own second: a third of every CLI
// script's time. The links run the same programs without the detour.
func unshimmed(t *testing.T) string {
	dir := t.TempDir()
	for name, target := range realPrograms() {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Without drops the variables named from env.
func Without(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, n := range names {
			keep = keep && k != n
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}

// Timeout is how long one client run (a script, a seed file, an example)
// may take. It is generous: one step of the AWS CLI costs about 1.3 s of
// CPU, and on a shared 2-core machine at a load of 10 a 40-step script
// took over 6 minutes. go test's own deadline still bounds it (Run).
const Timeout = 12 * time.Minute

// Run runs a client command and reports its output when it fails. A
// client still running after Timeout fails the test with the step that
// hung named (emulatortest.RunClient).
func Run(t *testing.T, name string, cmd *exec.Cmd) {
	t.Helper()
	Output(t, name, cmd)
}

// Output is Run returning what the client printed (stdout and stderr
// together), for a test that checks the client's report line by line.
func Output(t *testing.T, name string, cmd *exec.Cmd) string {
	t.Helper()
	timeout := Timeout
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
	return out
}

// Abs is filepath.Abs, failing the test on error.
func Abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// BuildFakeaws builds the fakeaws binary into a fresh directory and
// returns the directory.
func BuildFakeaws(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("go", "build", "-o", dir, "github.com/fakeaws/fakeaws/cmd/fakeaws").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/fakeaws: %v\n%s", err, out)
	}
	return dir
}

// FreeAddr is a loopback address with a port free a moment ago.
func FreeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
