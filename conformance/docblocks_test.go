package conformance

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// docShellBlock is the n-th ```sh block of a page of the repository.
func docShellBlock(t *testing.T, page string, n int) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", page))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) <= n {
		t.Fatalf("%s has %d ```sh blocks, want block %d", page, len(blocks), n)
	}
	return blocks[n][1]
}

// expectComment is a command followed by a comment that starts with what
// it prints: an ARN or an AWS error code (AccessDenied, InvalidBucketName).
// Other comments describe and are not checked.
var expectComment = regexp.MustCompile(`^(.*?)\s+#\s*(arn:aws:\S+|[A-Z][a-z]+[A-Z][A-Za-z]*:?)(?:\s|$)`)

// checkedScript turns a doc's shell block into a bash script that runs it
// as written and checks what the doc says: a command whose comment starts
// with an ARN or an error code (`aws sts get-caller-identity  #
// arn:aws:iam::1111...:root`, `... # AccessDenied: another account`) must
// print it, whether it succeeds or fails; every other command must succeed. Only the
// endpoint is changed: the doc's http://127.0.0.1:4566 becomes endpoint.
func checkedScript(block, endpoint string) string {
	var b strings.Builder
	b.WriteString("set -euo pipefail\n")
	for _, line := range strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n") {
		line = strings.ReplaceAll(line, "http://127.0.0.1:4566", endpoint)
		m := expectComment.FindStringSubmatch(line)
		if trimmed := strings.TrimSpace(line); m == nil || strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, "export ") {
			b.WriteString(line + "\n")
			continue
		}
		cmd, want := m[1], strings.TrimSuffix(m[2], ":")
		fmt.Fprintf(&b, "out=$( { set +x; %s ; } 2>&1 ) || true\nprintf '%%s\\n' \"$out\"\n", cmd)
		fmt.Fprintf(&b, "grep -qF -- %s <<<\"$out\" || { echo %s >&2; exit 1; }\n",
			shellQuote(want), shellQuote("the doc expects "+want+" from: "+cmd))
	}
	return b.String()
}

// shellQuote quotes s for bash, as one word taken literally.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// TestDocShellBlocks runs shell blocks that README and docs/ show users,
// as written, each against a fresh server: README's first AWS CLI steps
// and docs/organizations.md's organization.
func TestDocShellBlocks(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("aws"); err != nil {
		t.Skip("aws CLI not installed: skipping the docs' shell blocks")
	}
	tests := []struct {
		page  string
		block int // index among the page's ```sh blocks
	}{
		{"README.md", 1},
		{"docs/organizations.md", 0},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.page, "/", "_"), func(t *testing.T) {
			t.Parallel()
			block := docShellBlock(t, tt.page, tt.block)
			if !strings.Contains(block, "http://127.0.0.1:4566") {
				t.Fatalf("%s block %d names no http://127.0.0.1:4566 endpoint:\n%s", tt.page, tt.block, block)
			}
			url := startServer(t, "")
			env, dir := clientEnv(t, url)
			script := filepath.Join(dir, "block.sh")
			if err := os.WriteFile(script, []byte(checkedScript(block, url)), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("bash", "-x", script)
			cmd.Env, cmd.Dir = env, dir
			runClient(t, tt.page, cmd, 6*time.Minute)
		})
	}
}
