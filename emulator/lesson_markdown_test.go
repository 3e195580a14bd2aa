package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestLessonMarkdownKeepsRequestTextOutOfMarkup: anyone who can send a
// request (an unsigned one from a web page will do) chooses the action
// and the key the lesson export prints. Before the fix a backtick closed
// the code span they were printed in and a newline in a key started a
// line of its own, so `<img src=x onerror=...>` reached the exported
// Markdown as raw HTML, which Markdown viewers render.
func TestLessonMarkdownKeepsRequestTextOutOfMarkup(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	send := func(method, path, body string) {
		t.Helper()
		r, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if body != "" {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	send(http.MethodPost, "/", "Version=2010-05-08&Action="+url.QueryEscape("x`<img src=x onerror=alert(1)>`"))
	send(http.MethodGet, "/no-such-bucket-md/"+url.PathEscape("a`\n\n<img src=x onerror=alert(2)>`\r<b>x</b>"), "")
	send(http.MethodGet, "/no-such-bucket-md/"+url.PathEscape("[click](javascript:alert(3))"), "")

	md := getBody(t, ts.URL+"/_fakeaws/lesson.md")
	if !strings.Contains(md, "iam:x`<img src=x onerror=alert(1)>`") || !strings.Contains(md, "alert(2)") {
		t.Fatalf("lesson.md lacks the probe requests:\n%s", md)
	}
	for i, line := range strings.Split(md, "\n") {
		if bad := markupOutsideCode(line); bad != "" {
			t.Errorf("lesson.md line %d: %s outside a code span: %q", i+1, bad, line)
		}
	}
}

// markupOutsideCode reports the first raw-HTML opener (<) or link opener
// ([) of a Markdown line that is not inside a code span, following
// CommonMark's code span rule (a run of n backticks up to the next run of
// exactly n) and its backslash escapes; "" when there is none.
func markupOutsideCode(line string) string {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case '\\':
			i++ // an escaped character is literal
		case '<', '[':
			return string(c)
		case '`':
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			if end := closingRun(line[i+n:], n); end >= 0 {
				i += n + end + n - 1
			} else {
				i += n - 1 // no closing run: the backticks are literal
			}
		}
	}
	return ""
}

// closingRun is the offset in s of the first run of exactly n backticks,
// or -1.
func closingRun(s string, n int) int {
	for j := 0; j < len(s); {
		if s[j] != '`' {
			j++
			continue
		}
		k := j
		for k < len(s) && s[k] == '`' {
			k++
		}
		if k-j == n {
			return j
		}
		j = k
	}
	return -1
}

// TestLessonSessionOrigin: in seed 000's world merlin assumes Odin's role
// twice under two session names; each session's later request names the
// step that made it (same role, same session name), in /_fakeaws/lesson
// and in the Markdown export, and merlin's own requests name none.
func TestLessonSessionOrigin(t *testing.T) {
	t.Parallel()
	ts, _ := seed000(t)
	sessions := map[string]aws.Credentials{}
	for _, name := range []string{"s3-access", "other"} {
		code, body := signedQuery(t, ts, merlinKey, merlinSecret, "sts",
			"Action=AssumeRole&Version=2011-06-15&RoleSessionName="+name+"&RoleArn="+url.QueryEscape(odinRole))
		if code != http.StatusOK {
			t.Fatalf("AssumeRole %s = %d %s", name, code, body)
		}
		sessions[name] = aws.Credentials{AccessKeyID: xmlField(t, body, "AccessKeyId"),
			SecretAccessKey: xmlField(t, body, "SecretAccessKey"), SessionToken: xmlField(t, body, "SessionToken")}
	}
	if got := s3With(t, ts, http.MethodDelete, "/odin-bucket", sessions["other"]); got != http.StatusForbidden {
		t.Fatalf("session other DeleteBucket = %d, want 403", got)
	}
	if got := s3With(t, ts, http.MethodGet, "/odin-bucket/hello.txt", sessions["s3-access"]); got != http.StatusOK {
		t.Fatalf("session s3-access GetObject = %d, want 200", got)
	}
	var lesson struct {
		Steps []struct {
			N, Origin int
		}
	}
	getJSON(t, ts.URL+"/_fakeaws/lesson", &lesson)
	want := []int{0, 0, 2, 1} // AssumeRole, AssumeRole, other's DeleteBucket, s3-access's GetObject
	if len(lesson.Steps) != len(want) {
		t.Fatalf("lesson has %d steps, want %d: %+v", len(lesson.Steps), len(want), lesson.Steps)
	}
	for i, st := range lesson.Steps {
		if st.Origin != want[i] {
			t.Errorf("step %d origin = %d, want %d", st.N, st.Origin, want[i])
		}
	}
	md := getBody(t, ts.URL+"/_fakeaws/lesson.md")
	for _, w := range []string{
		"assumed-role/S3ReadWriteRoleEmrys/other`: refused: 403 AccessDenied\n\nThe caller is the role session made in step 2 (AssumeRole).",
		"assumed-role/S3ReadWriteRoleEmrys/s3-access`: allowed\n\nThe caller is the role session made in step 1 (AssumeRole).",
		"`s3:DeleteBucket` on `arn:aws:s3:::odin-bucket`: **ImplicitDeny** — no statement allows it (identity)",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("lesson.md lacks %q:\n%s", w, md)
		}
	}
}

// getJSON decodes the JSON answer to a GET of u into v.
func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// getBody is the body of the answer to a GET of u.
func getBody(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TestLessonWayIn: the exported lesson names, under a user's refused S3
// request, the role the user may assume whose sessions may do it (the
// console's "Another way in"), and no such way where the trust chain has
// none.
func TestLessonWayIn(t *testing.T) {
	t.Parallel()
	ts, _ := seed000(t)
	merlin := aws.Credentials{AccessKeyID: merlinKey, SecretAccessKey: merlinSecret}
	for _, tt := range []struct {
		method, path string
	}{
		{http.MethodGet, "/odin-bucket/hello.txt"}, // the role's sessions may
		{http.MethodDelete, "/odin-bucket"},        // nobody may
	} {
		if got := s3With(t, ts, tt.method, tt.path, merlin); got != http.StatusForbidden {
			t.Fatalf("merlin %s %s = %d, want 403", tt.method, tt.path, got)
		}
	}
	md := getBody(t, ts.URL+"/_fakeaws/lesson.md")
	steps := strings.Split(md, "## Step ")
	if len(steps) != 3 {
		t.Fatalf("lesson.md has %d steps, want 2:\n%s", len(steps)-1, md)
	}
	const way = "Another way in: merlin@emrys may assume S3ReadWriteRoleEmrys@odin, and its sessions may s3:GetObject on odin-bucket."
	if !strings.Contains(steps[1], way) {
		t.Errorf("step 1 (GetObject) lacks %q:\n%s", way, steps[1])
	}
	if strings.Contains(steps[2], "Another way in") {
		t.Errorf("step 2 (DeleteBucket, which no role's sessions may do) names a way in:\n%s", steps[2])
	}
}
