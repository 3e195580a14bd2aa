package conformance

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// shellRecipe is the text of docs/ci.md's shell recipe: the ```sh block
// after the "recipe: shell" marker, so the page shows what is tested.
func shellRecipe(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- recipe: shell -->\n```sh\n(.*?)\n```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/ci.md has no ```sh block after <!-- recipe: shell -->")
	}
	return string(m[1])
}

// buildFakeaws builds the binary into a fresh directory and returns it.
func buildFakeaws(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("go", "build", "-o", dir, "../cmd/fakeaws").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/fakeaws: %v\n%s", err, out)
	}
	return dir
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// withoutEnv drops the variables named from env.
func withoutEnv(env []string, names ...string) []string {
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

// TestCIShellRecipe runs docs/ci.md's shell recipe as written: once
// starting the binary itself, once against a running server named by
// AWS_ENDPOINT_URL (how the service-container recipes use it). bash -x
// traces each command, so a failure or a hang shows the step.
func TestCIShellRecipe(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed: skipping the CI shell recipe")
	}
	recipe := shellRecipe(t)
	bin := buildFakeaws(t)
	tests := []struct {
		name     string
		endpoint string // "" → the recipe starts the binary
	}{
		{name: "starts the binary"},
		{name: "service at AWS_ENDPOINT_URL", endpoint: startServer(t, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env, dir := clientEnv(t, tt.endpoint)
			if tt.endpoint == "" {
				env = withoutEnv(env, "AWS_ENDPOINT_URL")
			}
			env = append(withoutEnv(env, "PATH"), "PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"),
				"FAKEAWS_ADDR="+freeAddr(t))
			cmd := exec.Command("bash", "-x", "-c", recipe)
			cmd.Env, cmd.Dir = env, dir
			runClient(t, "docs/ci.md shell recipe ("+tt.name+")", cmd, 6*time.Minute)
			log, err := os.ReadFile(filepath.Join(dir, "denied.txt"))
			if err != nil || !strings.Contains(string(log), "AccessDenied") {
				t.Fatalf("the recipe's expected denial left %q (%v), want AccessDenied", log, err)
			}
		})
	}
}
