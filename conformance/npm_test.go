package conformance

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// npmInstalls holds one npmInstall per package directory: tests that share
// a node_modules (TestJavaScriptSDK and TestJSGlobalSetupExample share js/)
// run in parallel, and one must never read it while another's `npm ci` is
// deleting and rewriting it.
var npmInstalls sync.Map // directory -> *npmInstall

type npmInstall struct {
	once sync.Once
	why  string
}

// nodeModulesMissing installs dir/node_modules from dir's lockfile once per
// test binary (when npm's completion record or any of packages is absent)
// and says why the tests needing it cannot run ("" when they can).
func nodeModulesMissing(dir string, packages ...string) string {
	v, _ := npmInstalls.LoadOrStore(dir, &npmInstall{})
	install := v.(*npmInstall)
	install.once.Do(func() { install.why = installNodeModules(dir, packages) })
	return install.why
}

func installNodeModules(dir string, packages []string) string {
	if _, err := exec.LookPath("node"); err != nil {
		return "node is not installed"
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err.Error()
	}
	if nodeModulesComplete(abs, packages) {
		return ""
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return dir + "/node_modules missing and npm not installed (.ci/run runs `npm ci` there)"
	}
	// Bounded: an unreachable registry must skip, not stall the suite.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--prefer-offline", "--no-audit", "--no-fund", "--fetch-timeout=30000", "--fetch-retries=1")
	cmd.Dir = abs
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Sprintf("%s/node_modules missing and `npm ci` failed (registry unreachable?): %v\n%s", dir, err, tail(string(out), 2000))
	}
	if !nodeModulesComplete(abs, packages) {
		return fmt.Sprintf("%s: `npm ci` succeeded but left out one of %v", dir, packages)
	}
	return ""
}

// nodeModulesComplete reports whether npm finished installing dir's
// node_modules (it writes node_modules/.package-lock.json last) and each
// package is there.
func nodeModulesComplete(dir string, packages []string) bool {
	for _, p := range append([]string{".package-lock.json"}, packages...) {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", p)); err != nil {
			return false
		}
	}
	return true
}
