package conformance

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
)

// TestBoto3 runs the seed flows through boto3 (conformance/boto3/seeds.py).
func TestBoto3(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed: skipping the boto3 seeds")
	}
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		t.Skip("boto3 not installed (pip install boto3): skipping the boto3 seeds")
	}
	env, dir := clientrun.Env(t, clientrun.Server(t, ""))
	cmd := exec.Command("python3", clientrun.Abs(t, filepath.Join("boto3", "seeds.py")))
	cmd.Env, cmd.Dir = env, dir
	clientrun.Run(t, "boto3/seeds.py", cmd)
}
