package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
)

// TestAWSCLI replays each seed's AWS CLI commands as written
// (seedNNN.sh in this directory), and the other CLI scripts there (org.sh),
// each against its own server.
func TestAWSCLI(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed: skipping the AWS CLI seed scripts")
	}
	scripts, err := filepath.Glob("*.sh")
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
						world = filepath.Join("../..", strings.TrimSpace(w))
					}
				}
			}
			env, dir := clientrun.Env(t, clientrun.Server(t, world))
			abs, _ := filepath.Abs(script)
			cmd := exec.Command("bash", abs)
			cmd.Env = append(env, "FAKEAWS_REPO="+clientrun.Abs(t, "../.."))
			cmd.Dir = dir
			clientrun.Run(t, script, cmd)
		})
	}
}
