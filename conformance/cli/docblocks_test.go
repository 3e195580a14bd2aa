package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/conformance/clientrun"
)

// docShellBlock is the n-th ```sh block of a page of the repository.
func docShellBlock(t *testing.T, page string, n int) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("../..", page))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) <= n {
		t.Fatalf("%s has %d ```sh blocks, want block %d", page, len(blocks), n)
	}
	return blocks[n][1]
}

var (
	// expectComment is a command followed by a comment that starts with
	// what it prints: an ARN or an AWS error code (AccessDenied,
	// InvalidBucketName). Other comments describe and are not checked.
	expectComment = regexp.MustCompile(`^(.*?)\s+#\s*(arn:aws:\S+|[A-Z][a-z]+[A-Z][A-Za-z]*)[:,.]?(?:\s|$)`)
	// errorCodeInComment is an error code named by a comment line of its
	// own ("# 1. merlin tries first: AccessDenied, ..."): the next command
	// must print it.
	errorCodeInComment = regexp.MustCompile(`\b(AccessDenied|(?:NoSuch|Invalid|Malformed)[A-Za-z]+)\b`)
	// serverLine starts the server the rest of the block talks to.
	serverLine = regexp.MustCompile(`^go run \./cmd/fakeaws --ephemeral --config (\S+)`)
)

// docBlock is a doc's shell block made runnable against a test server.
type docBlock struct {
	script string // bash, checking what the doc says
	world  string // the --config file of the block's server line, if any
}

// rewriteDocBlock turns a doc's shell block into a bash script that runs
// it as written and checks what the doc says: a command whose comment (on
// its line, or on a comment line of its own just before it) names an ARN
// or an error code (`aws sts get-caller-identity  # arn:aws:iam::...:root`,
// `# 1. merlin tries first: AccessDenied, ...`) must print it, whether it
// succeeds or fails; every other command must succeed. Only what ties the
// block to a machine changes: the endpoint (http://127.0.0.1:4566 becomes
// endpoint, `fakeaws profile` gets --endpoint), `go run ./cmd/fakeaws`
// becomes the built binary bin, /tmp/aws/ becomes scratch's, examples/ the
// repository's, and the line starting the server is left to the test.
func rewriteDocBlock(block, endpoint, bin, scratch, repo string) docBlock {
	var d docBlock
	var b strings.Builder
	b.WriteString("set -euo pipefail\n")
	pending := ""
	for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
		trimmed := strings.TrimSpace(line)
		if m := serverLine.FindStringSubmatch(trimmed); m != nil {
			d.world = m[1]
			continue
		}
		line = strings.ReplaceAll(line, "http://127.0.0.1:4566", endpoint)
		line = strings.ReplaceAll(line, "go run ./cmd/fakeaws profile", "go run ./cmd/fakeaws profile --endpoint "+endpoint)
		line = strings.ReplaceAll(line, "go run ./cmd/fakeaws", bin)
		line = strings.ReplaceAll(line, "/tmp/aws/", scratch+"/aws/")
		line = strings.ReplaceAll(line, " examples/", " "+repo+"/examples/")
		switch m := expectComment.FindStringSubmatch(line); {
		case strings.HasPrefix(trimmed, "#"):
			if c := errorCodeInComment.FindString(trimmed); c != "" {
				pending = c
			}
			b.WriteString(line + "\n")
		case trimmed == "" || strings.HasPrefix(trimmed, "export "):
			b.WriteString(line + "\n")
		case m != nil:
			writeExpecting(&b, m[1], m[2])
			pending = ""
		case pending != "":
			writeExpecting(&b, line, pending)
			pending = ""
		default:
			b.WriteString(line + "\n")
		}
	}
	d.script = b.String()
	return d
}

// writeExpecting writes cmd, allowed to fail, and a check that it printed
// want.
func writeExpecting(b *strings.Builder, cmd, want string) {
	fmt.Fprintf(b, "out=$( { set +x; %s ; } 2>&1 ) || true\nprintf '%%s\\n' \"$out\"\n", cmd)
	fmt.Fprintf(b, "grep -qF -- %s <<<\"$out\" || { echo %s >&2; exit 1; }\n",
		shellQuote(want), shellQuote("the doc expects "+want+" from: "+strings.TrimSpace(cmd)))
}

// shellQuote quotes s for bash, as one word taken literally.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// TestDocShellBlocks runs shell blocks that README, docs/ and examples/
// show users, as written, each against a fresh server (with the world its
// block starts fakeaws with): README's first AWS CLI steps, its Emrys/Odin
// demo and known world, docs/organizations.md's organization, and
// examples/README.md's worlds, including the class that builds seed 000
// live and seed 004's pitfall.
func TestDocShellBlocks(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed: skipping the docs' shell blocks")
	}
	bin := filepath.Join(clientrun.BuildFakeaws(t), "fakeaws")
	repo := clientrun.Abs(t, "../..")
	tests := []struct {
		page  string
		block int // index among the page's ```sh blocks
	}{
		{"README.md", 1},
		{"README.md", 2},
		{"README.md", 3},
		{"docs/organizations.md", 0},
		{"examples/README.md", 0},
		{"examples/README.md", 1},
		{"examples/README.md", 2},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s#%d", tt.page, tt.block)
		t.Run(strings.ReplaceAll(name, "/", "_"), func(t *testing.T) {
			t.Parallel()
			block := docShellBlock(t, tt.page, tt.block)
			probe := rewriteDocBlock(block, "", bin, "", repo)
			world := ""
			if probe.world != "" {
				world = filepath.Join(repo, probe.world)
			}
			url := clientrun.Server(t, world)
			env, dir := clientrun.Env(t, url)
			// The blocks name their own endpoint, profiles and files; the
			// AWS CLI's defaults (~/.aws, HOME being dir) are the rest.
			env = clientrun.Without(env, "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")
			d := rewriteDocBlock(block, url, bin, dir, repo)
			script := filepath.Join(dir, "block.sh")
			if err := os.WriteFile(script, []byte(d.script), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("bash", "-x", script)
			cmd.Env, cmd.Dir = env, dir
			clientrun.Run(t, name, cmd)
		})
	}
}
