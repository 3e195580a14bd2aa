package conformance

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
)

// TestJavaScriptSDK runs the seed flows through the AWS SDK for JavaScript
// v3 (conformance/js/seeds.mjs). It needs node and the packages of
// js/package-lock.json, installed by jsSDKMissing; it skips when they
// cannot be installed.
func TestJavaScriptSDK(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed: skipping the JavaScript SDK seeds")
	}
	if why := jsSDKMissing(); why != "" {
		t.Skip(why + ": skipping the JavaScript SDK seeds")
	}
	dir := clientrun.Abs(t, "js")
	env, scratch := clientrun.Env(t, clientrun.Server(t, ""))
	cmd := exec.Command(node, filepath.Join(dir, "seeds.mjs"))
	cmd.Env, cmd.Dir = env, scratch
	clientrun.Run(t, "js/seeds.mjs", cmd)
}

// jsSDKMissing installs js/node_modules (the AWS SDK for JavaScript v3,
// shared with examples/js) and says why it cannot be used ("" when it can).
func jsSDKMissing() string {
	return nodeModulesMissing("js", "@aws-sdk/client-s3/package.json", "@aws-sdk/client-sts/package.json", "@aws-sdk/client-iam/package.json")
}
