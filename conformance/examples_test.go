package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
)

// TestPytestExample runs examples/pytest's boto3 role flow with its fixture
// starting the real binary: under pytest when installed, else the module's
// own runner (the same test function and server context manager).
func TestPytestExample(t *testing.T) {
	t.Parallel()
	if err := exec.Command("python3", "-c", "import boto3").Run(); err != nil {
		t.Skip("python3 with boto3 not installed: skipping examples/pytest")
	}
	bin := clientrun.BuildFakeaws(t)
	env, dir := clientrun.Env(t, "")
	env = append(clientrun.Without(env, "AWS_ENDPOINT_URL"), "FAKEAWS_BIN="+filepath.Join(bin, "fakeaws"))
	example := clientrun.Abs(t, "../examples/pytest")
	cmd := exec.Command("python3", filepath.Join(example, "test_role_flow.py"))
	if exec.Command("python3", "-c", "import pytest").Run() == nil {
		cmd = exec.Command("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", example)
	}
	cmd.Env, cmd.Dir = env, dir
	clientrun.Run(t, "examples/pytest", cmd)
}

// TestJSGlobalSetupExample runs examples/js's JS SDK v3 role flow with
// node's test runner, its globalSetup starting the real binary.
func TestJSGlobalSetupExample(t *testing.T) {
	t.Parallel()
	if why := jsSDKMissing(); why != "" {
		t.Skip(why + ": skipping examples/js")
	}
	bin := clientrun.BuildFakeaws(t)
	env, dir := clientrun.Env(t, "")
	env = append(clientrun.Without(env, "AWS_ENDPOINT_URL"), "FAKEAWS_BIN="+filepath.Join(bin, "fakeaws"))
	// The example resolves the SDK from a node_modules beside it.
	for _, f := range []string{"globalSetup.mjs", "roleflow.test.mjs"} {
		b, err := os.ReadFile(filepath.Join("../examples/js", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(clientrun.Abs(t, "js/node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", "--test", "roleflow.test.mjs")
	cmd.Env, cmd.Dir = env, dir
	clientrun.Run(t, "examples/js", cmd)
}
