package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
)

// shellRecipe is the text of docs/ci.md's shell recipe: the ```sh block
// after the "recipe: shell" marker, so the page shows what is tested.
func shellRecipe(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- recipe: shell -->\n```sh\n(.*?)\n```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/ci.md has no ```sh block after <!-- recipe: shell -->")
	}
	return string(m[1])
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
	bin := clientrun.BuildFakeaws(t)
	tests := []struct {
		name     string
		endpoint string // "" → the recipe starts the binary
	}{
		{name: "starts the binary"},
		{name: "service at AWS_ENDPOINT_URL", endpoint: clientrun.Server(t, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env, dir := clientrun.Env(t, tt.endpoint)
			if tt.endpoint == "" {
				env = clientrun.Without(env, "AWS_ENDPOINT_URL")
			}
			env = append(clientrun.Without(env, "PATH"), "PATH="+bin+string(filepath.ListSeparator)+os.Getenv("PATH"),
				"FAKEAWS_ADDR="+clientrun.FreeAddr(t))
			cmd := exec.Command("bash", "-x", "-c", recipe)
			cmd.Env, cmd.Dir = env, dir
			clientrun.Run(t, "docs/ci.md shell recipe ("+tt.name+")", cmd)
			log, err := os.ReadFile(filepath.Join(dir, "denied.txt"))
			if err != nil || !strings.Contains(string(log), "AccessDenied") {
				t.Fatalf("the recipe's expected denial left %q (%v), want AccessDenied", log, err)
			}
		})
	}
}
