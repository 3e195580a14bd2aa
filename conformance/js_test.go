package conformance

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestJavaScriptSDK runs the seed flows through the AWS SDK for JavaScript
// v3 (conformance/js/seeds.mjs). It needs node and the packages of
// js/package-lock.json: when js/node_modules is missing it runs `npm ci`
// (the npm registry must be reachable), and skips when it cannot.
func TestJavaScriptSDK(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed: skipping the JavaScript SDK seeds")
	}
	dir := mustAbs(t, "js")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@aws-sdk", "client-s3")); err != nil {
		npm, err := exec.LookPath("npm")
		if err != nil {
			t.Skip("js/node_modules missing and npm not installed: skipping the JavaScript SDK seeds")
		}
		// Bounded: an unreachable registry must skip, not stall the suite.
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--fetch-timeout=30000", "--fetch-retries=1")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("js/node_modules missing and `npm ci` failed (registry unreachable?): %v\n%s", err, out)
		}
	}
	env, scratch := clientEnv(t, startServer(t, ""))
	cmd := exec.Command(node, filepath.Join(dir, "seeds.mjs"))
	cmd.Env, cmd.Dir = env, scratch
	runClient(t, "js/seeds.mjs", cmd, 6*time.Minute)
}
