package emulator_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// Merlin's key in examples/emrys-odin.json (seed 000's world).
const (
	merlinKey    = "AKIAEMRYSMERLIN00001"
	merlinSecret = "emrys/merlin/EXAMPLEKEY0000000000000"
	odinRole     = "arn:aws:iam::222222222222:role/S3ReadWriteRoleEmrys"
)

// chromium finds Debian's chromium (or Chrome) for the browser tests.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH: the console browser test needs it (apt-get install -y chromium)")
	return ""
}

// headless runs chromium headless at 1024x768 on url with extra flags and
// returns its standard output. Whatever the page writes to the JavaScript
// console (an uncaught error, a failed fetch, a Content-Security-Policy
// refusal) fails the test: the console writes nothing when all is well.
func headless(t *testing.T, bin, url string, flags ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--window-size=1024,768", "--hide-scrollbars", "--virtual-time-budget=15000",
		"--enable-logging=stderr", "--v=0", "--log-level=0"},
		flags...)
	var stderr strings.Builder
	var out []byte
	var err error
	for try := 0; try < 2; try++ {
		// Chromium now and then crashes on a loaded machine (SIGSEGV):
		// once is the browser's, twice is the test's failure.
		cmd := exec.CommandContext(ctx, bin, append(append(args, "--user-data-dir="+t.TempDir()), url)...)
		stderr.Reset()
		cmd.Stderr = &stderr
		out, err = cmd.Output()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != -1 || ctx.Err() != nil {
			break
		}
	}
	if ctx.Err() != nil {
		t.Fatalf("chromium on %s %v did not finish within 4 minutes", url, flags)
	}
	if err != nil {
		t.Fatalf("chromium on %s %v: %v", url, flags, err)
	}
	for _, line := range consoleMessages(stderr.String()) {
		t.Errorf("chromium on %s: the page wrote to the JavaScript console: %s", url, line)
	}
	return string(out)
}

// consoleMessages are the JavaScript console lines of chromium's log
// ("[...:INFO:CONSOLE:12] \"message\", source: URL (12)"; older
// versions write CONSOLE(12)).
func consoleMessages(log string) []string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, ":CONSOLE") && strings.Contains(line, "source:") {
			out = append(out, line)
		}
	}
	return out
}

// signedQuery sends a signed Query API request with key and secret.
func signedQuery(t *testing.T, ts *httptest.Server, key, secret, service, body string) (int, string) {
	t.Helper()
	return signedQueryWith(t, ts, aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}, service, body)
}

// signedQueryWith sends a signed Query API request with creds (a session
// token included).
func signedQueryWith(t *testing.T, ts *httptest.Server, creds aws.Credentials, service, body string) (int, string) {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// seed000 starts a server with examples/emrys-odin.json applied.
func seed000(t *testing.T) (*httptest.Server, *emulator.Server) {
	t.Helper()
	return exampleWorld(t, "emrys-odin.json")
}

// exampleWorld starts a server with examples/NAME applied and its
// decision log empty.
func exampleWorld(t *testing.T, name string) (*httptest.Server, *emulator.Server) {
	t.Helper()
	c, err := config.Load(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return worldOf(t, c)
}

// worldOf starts a server with c applied and its decision log empty.
func worldOf(t *testing.T, c *config.Config) (*httptest.Server, *emulator.Server) {
	t.Helper()
	ts, srv := emulatortest.Start(t, emulator.Options{})
	if err := config.Apply(context.Background(), srv, c, config.Options{}); err != nil {
		t.Fatal(err)
	}
	srv.Authorizer().Log().Reset()
	return ts, srv
}

// TestConsoleInBrowser drives the console in headless Chromium over seed
// 000's world: an allowed AssumeRole and a denied GetObject appear as
// steps with their explanations, the trust chain's edges are coloured by
// them, and the lesson exports as Markdown. With FAKEAWS_SCREENSHOTS=DIR
// it also saves the 1024x768 screenshots kept in docs/.
func TestConsoleInBrowser(t *testing.T) {
	bin := chromium(t)
	ts, _ := seed000(t)

	// Step 1: merlin assumes Odin's role (allowed). Step 2: merlin reads
	// Odin's bucket with his own keys (denied: only the role may).
	code, body := signedQuery(t, ts, merlinKey, merlinSecret, "sts",
		"Action=AssumeRole&Version=2011-06-15&RoleSessionName=s3-access&RoleArn="+url.QueryEscape(odinRole))
	if code != 200 {
		t.Fatalf("AssumeRole = %d %s", code, body)
	}
	if got := s3As(t, ts, http.MethodGet, "/odin-bucket/hello.txt", merlinKey, merlinSecret); got != http.StatusForbidden {
		t.Fatalf("merlin's own GetObject = %d, want 403", got)
	}
	var reqID string
	for _, l := range decisionLines(t, ts) {
		if l.Operation == "GetObject" && l.Principal == "arn:aws:iam::111111111111:user/merlin" {
			reqID = l.RequestID
		}
	}
	if code, body := postForm(t, ts.URL+"/_fakeaws/lesson/note", url.Values{"requestId": {reqID},
		"note": {"Merlin's own keys reach nothing in Odin: only the role's session may."}}); code != 200 {
		t.Fatalf("lesson note = %d %s", code, body)
	}

	shots := os.Getenv("FAKEAWS_SCREENSHOTS")
	shot := func(name string) []string {
		if shots == "" {
			return nil
		}
		return []string{"--screenshot=" + filepath.Join(shots, name)}
	}

	t.Run("decisions with explanations", func(t *testing.T) {
		dom := headless(t, bin, ts.URL+"/_fakeaws/ui?explain=all#decisions", "--dump-dom")
		expectInPage(t, dom, "decisions tab",
			"merlin@emrys", "AssumeRole", "GetObject", `class="Allow"`, `class="ImplicitDeny"`, "403 AccessDenied",
			// the explanations: both sides of the cross-account request
			"Caller's account emrys", "Resource's account odin",
			"That is all AWS tells a caller from another account; the reason is below.",
			"Across accounts both must allow: the caller's account (its identity policies) and the resource's account",
			"no identity-based policy of arn:aws:iam::111111111111:user/merlin allows s3:GetObject",
			"trust policy of role/S3ReadWriteRoleEmrys allows",
			"Merlin's own keys reach nothing in Odin",
			// the way seed 000 teaches, found in the trust chain
			"Another way in: merlin@emrys may assume S3ReadWriteRoleEmrys@odin, and its sessions may s3:GetObject on odin-bucket.",
		)
		if shots != "" {
			headless(t, bin, ts.URL+"/_fakeaws/ui?explain=all#decisions", shot("console-decisions.png")...)
		}
	})

	t.Run("trust chain", func(t *testing.T) {
		dom := headless(t, bin, ts.URL+"/_fakeaws/ui#chain", "--dump-dom")
		expectInPage(t, dom, "trust chain",
			`class="edge allowed cross-account" data-from="arn:aws:iam::111111111111:user/merlin" data-to="`+odinRole+`"`,
			`class="edge untried" data-from="`+odinRole+`" data-to="arn:aws:s3:::odin-bucket"`,
			// merlin's own try on Odin's bucket, denied
			`class="edge denied cross-account" data-from="arn:aws:iam::111111111111:user/merlin" data-to="arn:aws:s3:::odin-bucket"`,
			"merlin@emrys → S3ReadWriteRoleEmrys@odin: ", "tried: allowed",
			// each action links to its explanation; object actions ask about the bucket's objects
			`<a href="/_fakeaws/ui?principal=arn%3Aaws%3Aiam%3A%3A111111111111%3Auser%2Fmerlin&amp;action=sts%3AAssumeRole&amp;resource=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FS3ReadWriteRoleEmrys"`,
			`resource=arn%3Aaws%3As3%3A%3A%3Aodin-bucket%2F*" title="why? explain s3:GetObject by S3ReadWriteRoleEmrys@odin on odin-bucket/*">s3:GetObject</a>`,
			"policies allow nothing; tried ", ">s3:GetObject denied</a>",
			// which colour is which account
			`<g class="account-key" data-account="111111111111"><rect x="80" y="55" width="16" height="16" rx="3" fill="#dbeafe"`,
			`>account emrys (111111111111)</text>`, `data-account="222222222222"`, `>account odin (222222222222)</text>`,
		)
		// Merlin's direct try and the role's edge end on the same bucket:
		// their arrowheads must not sit on each other.
		heads := regexp.MustCompile(`data-to="arn:aws:s3:::odin-bucket"[^>]*><title>[^<]*</title><path [^>]*></path><polygon points="([^"]+)"`).FindAllStringSubmatch(dom, -1)
		if len(heads) != 2 || heads[0][1] == heads[1][1] {
			t.Errorf("arrowheads into odin-bucket = %v, want two at different places", heads)
		}
		// The AssumeRole link opens What if? with the answer.
		why := headless(t, bin, ts.URL+"/_fakeaws/ui?principal=arn%3Aaws%3Aiam%3A%3A111111111111%3Auser%2Fmerlin&action=sts%3AAssumeRole&resource=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FS3ReadWriteRoleEmrys", "--dump-dom")
		if !strings.Contains(why, `sts:AssumeRole: </span><span class="Allow"`) {
			t.Errorf("the trust chain's AssumeRole link does not explain the allowed AssumeRole")
		}
		if t.Failed() {
			t.Logf("DOM:\n%s", dom)
		}
		if shots != "" {
			headless(t, bin, ts.URL+"/_fakeaws/ui#chain", shot("console-chain.png")...)
		}
	})

	t.Run("what if", func(t *testing.T) {
		q := url.Values{"principal": {"arn:aws:sts::222222222222:assumed-role/S3ReadWriteRoleEmrys/s3-access"},
			"action": {"s3:GetObject,s3:DeleteObject"}, "resource": {"arn:aws:s3:::odin-bucket/hello.txt"}}
		dom := headless(t, bin, ts.URL+"/_fakeaws/ui?"+q.Encode(), "--dump-dom")
		for _, want := range []string{"s3:GetObject: ", "s3:DeleteObject: ", "statement #2", "it applies to this request",
			// questions a class asks of this world, one click each
			`<button class="example" type="button">May merlin@emrys assume S3ReadWriteRoleEmrys@odin?</button>`,
			`<button class="example" type="button">May a session of S3ReadWriteRoleEmrys@odin read and write objects in odin-bucket?</button>`,
			`<button class="example" type="button">May merlin@emrys read odin-bucket with their own keys?</button>`,
		} {
			if !strings.Contains(dom, want) {
				t.Errorf("the what-if answer lacks %q", want)
			}
		}
		// The answer is below the form: the page must still open at the
		// top, with the header and its tabs in view.
		whatifPNG := filepath.Join(t.TempDir(), "whatif.png")
		headless(t, bin, ts.URL+"/_fakeaws/ui?"+q.Encode(), "--screenshot="+whatifPNG)
		if !headerAtTop(t, whatifPNG) {
			t.Errorf("the what-if page opens scrolled: the header and its tabs are off the top (%s)", whatifPNG)
		}
		if shots != "" {
			headless(t, bin, ts.URL+"/_fakeaws/ui?"+q.Encode(), shot("console-whatif.png")...)
			headless(t, bin, ts.URL+"/_fakeaws/ui#world", shot("console-policies.png")...)
		}
	})

	// A what-if question naming the S3 operation is answered as that
	// operation is (TestExplainOperation pins the endpoint): the form
	// offers the operations of the action typed, with a hint of what the
	// one picked changes.
	t.Run("what if with an operation", func(t *testing.T) {
		session := "arn:aws:sts::222222222222:assumed-role/S3ReadWriteRoleEmrys/s3-access"
		for _, tc := range []struct {
			name  string
			q     url.Values
			wants []string
		}{
			{"CopyObject reads its source", url.Values{"principal": {session}, "action": {"s3:PutObject"}, "operation": {"CopyObject"},
				"resource": {"arn:aws:s3:::odin-bucket/copy.txt"}, "context": {"s3:x-amz-copy-source=odin-bucket/hello.txt"}}, []string{
				`<option value="">none: the action alone</option><option value="CopyObject">CopyObject</option><option value="CreateMultipartUpload">CreateMultipartUpload</option><option value="PostObject">PostObject</option><option value="PutObject">PutObject</option>`,
				"CopyObject also reads its source: give it as the condition key s3:x-amz-copy-source=bucket/key.",
				`s3:PutObject as CopyObject: </span><span class="Allow"`,
				"Question 1 of 2: s3:PutObject on arn:aws:s3:::odin-bucket/copy.txt → Allowed",
				"Question 2 of 2: s3:GetObject on arn:aws:s3:::odin-bucket/hello.txt → Allowed",
			}},
			{"anonymous CreateMultipartUpload is refused", url.Values{"principal": {"anonymous"}, "action": {"s3:PutObject"}, "operation": {"CreateMultipartUpload"},
				"resource": {"arn:aws:s3:::odin-bucket/big.bin"}}, []string{
				`s3:PutObject as CreateMultipartUpload: </span><span class="Refused"`,
				"client gets 403 AccessDenied", "Anonymous users cannot initiate multipart uploads.  Please authenticate.",
			}},
			{"an operation that does not ask the action", url.Values{"principal": {session}, "action": {"s3:GetObject"}, "operation": {"CopyObject"},
				"resource": {"arn:aws:s3:::odin-bucket/hello.txt"}}, []string{
				// kept in the form although not offered, so the server says why
				`<option value="CopyObject">CopyObject</option>`,
				`CopyObject asks s3:PutObject of the object, not s3:GetObject`,
			}},
			{"several actions offer none", url.Values{"principal": {session}, "action": {"s3:GetObject,s3:PutObject"},
				"resource": {"arn:aws:s3:::odin-bucket/hello.txt"}}, []string{
				`<select id="xOperation" aria-describedby="xOperationHint" disabled=""><option value="">none: the action alone</option></select>`,
				"An operation goes with one action: ask one at a time to pick one.",
			}},
		} {
			dom := headless(t, bin, ts.URL+"/_fakeaws/ui?"+tc.q.Encode(), "--dump-dom")
			expectInPage(t, dom, "what-if "+tc.name, tc.wants...)
		}
		copyQ := url.Values{"principal": {session}, "action": {"s3:PutObject"}, "operation": {"CopyObject"},
			"resource": {"arn:aws:s3:::odin-bucket/copy.txt"}, "context": {"s3:x-amz-copy-source=odin-bucket/hello.txt"}}
		png := filepath.Join(t.TempDir(), "whatif-operation.png")
		headless(t, bin, ts.URL+"/_fakeaws/ui?"+copyQ.Encode(), "--screenshot="+png)
		if !headerAtTop(t, png) {
			t.Errorf("the what-if page opens scrolled: the header and its tabs are off the top (%s)", png)
		}
		if shots != "" {
			headless(t, bin, ts.URL+"/_fakeaws/ui?"+copyQ.Encode(), shot("console-whatif-operation.png")...)
		}
	})

	t.Run("policies in plain words", func(t *testing.T) {
		dom := headless(t, bin, ts.URL+"/_fakeaws/ui#world", "--dump-dom")
		expectInPage(t, dom, "Policies tab",
			"<b>Statement 1: </b>Whoever holds this policy may sts:AssumeRole on S3ReadWriteRoleEmrys@odin.",
			"<b>Statement 1: </b>Account emrys (111111111111) may sts:AssumeRole. Naming an account trusts all its users and roles (not only its root user)",
			"<b>Statement 2: </b>Whoever holds this policy may s3:GetObject, s3:PutObject, s3:DeleteObject on every object in odin-bucket.",
			"No bucket policy: only users and roles of account odin can be allowed in, by their own identity policies.",
			"object ownership: BucketOwnerEnforced (ACLs are off: only policies decide)",
		)
	})

	t.Run("larger text", func(t *testing.T) {
		for _, tt := range []struct {
			query   string
			big     bool
			pressed string
		}{
			{"", false, `aria-pressed="false"`},
			{"?big=1", true, `aria-pressed="true"`},
		} {
			dom := headless(t, bin, ts.URL+"/_fakeaws/ui"+tt.query, "--dump-dom")
			html := dom[strings.Index(dom, "<html"):]
			html = html[:strings.IndexByte(html, '>')]
			if got := strings.Contains(html, "big"); got != tt.big {
				t.Errorf("ui%s: <html> %q has the larger-text class = %v, want %v", tt.query, html, got, tt.big)
			}
			if !strings.Contains(dom, `id="bigger" type="button" `+tt.pressed) {
				t.Errorf("ui%s: the A+ button is not %s", tt.query, tt.pressed)
			}
		}
	})

	t.Run("lesson export", func(t *testing.T) {
		md := getBody(t, ts.URL+"/_fakeaws/lesson.md")
		for _, want := range []string{
			"## Step 1 — AssumeRole by `arn:aws:iam::111111111111:user/merlin`: allowed",
			"## Step 2 — GetObject by `arn:aws:iam::111111111111:user/merlin`: refused: 403 AccessDenied",
			"**Trainer's note:** Merlin's own keys reach nothing in Odin",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("lesson.md lacks %q:\n%s", want, md)
			}
		}
		dom := headless(t, bin, ts.URL+"/_fakeaws/ui", "--dump-dom")
		if !strings.Contains(dom, `href="/_fakeaws/lesson.md"`) {
			t.Errorf("the console has no export link")
		}
	})
}

func postForm(t *testing.T, u string, v url.Values) (int, string) {
	t.Helper()
	resp, err := http.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestConsoleFindingsInBrowser loads seed 004's world (the role's policy
// names the bucket arn:aws:s3:::222222222222/cross-account-bucket) with a
// misspelt action and a redundant resource added, and checks the Policies
// tab shows each Access Analyzer finding next to its policy: type, issue
// code, details, and the span marked in the document.
func TestConsoleFindingsInBrowser(t *testing.T) {
	bin := chromium(t)
	ts := seed004WithFindings(t)
	dom := headless(t, bin, ts.URL+"/_fakeaws/ui#world", "--dump-dom")
	expectInPage(t, dom, "Policies tab",
		"Access Analyzer: 3 findings in 3 policies",
		"inline policy s3-as-in-the-seed — Access Analyzer: 1 finding (WARNING)",
		`<span class="ftype">WARNING</span><code>RESOURCE_NOT_FOUND_IN_WORLD</code>`,
		"The bucket 222222222222 does not exist in this fakeaws world. S3 ARNs carry no account ID",
		`<mark class="finding WARNING" title="1: WARNING RESOURCE_NOT_FOUND_IN_WORLD">"arn:aws:s3:::222222222222/cross-account-bucket"</mark><sup class="fnum WARNING">1</sup>`,
		`<span class="ftype">ERROR</span><code>INVALID_ACTION</code>`,
		`<mark class="finding ERROR" title="1: ERROR INVALID_ACTION">"s3:GetObjet"</mark>`,
		`<span class="ftype">SUGGESTION</span><code>REDUNDANT_RESOURCE</code>`,
		`<mark class="finding SUGGESTION" title="1: SUGGESTION REDUNDANT_RESOURCE">"arn:aws:s3:::cross-account-bucket/reports/*"</mark>`,
	)
	// The user's policy names a role that exists: no finding, no mark.
	if strings.Count(dom, "<mark ") != 3 {
		t.Errorf("the Policies tab marks %d spans, want 3 (one per finding)", strings.Count(dom, "<mark "))
	}
	if t.Failed() {
		t.Logf("DOM:\n%s", dom)
	}
	if shots := os.Getenv("FAKEAWS_SCREENSHOTS"); shots != "" {
		// Only the policies with findings, so all three fit one screen.
		headless(t, bin, ts.URL+"/_fakeaws/ui?findings=only#world", "--screenshot="+filepath.Join(shots, "console-findings.png"))
	}
}

// headerAtTop says whether the screenshot's top left corner is the
// console's header bar (#1f2937), not the page scrolled past it.
func headerAtTop(t *testing.T, file string) bool {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot %s: %v", file, err)
	}
	r, g, b, _ := img.At(img.Bounds().Min.X+4, img.Bounds().Min.Y+4).RGBA()
	return r>>8 == 0x1f && g>>8 == 0x29 && b>>8 == 0x37
}

// TestConsoleSessionChainInBrowser follows seed 000 through the role:
// merlin assumes Odin's role (step 1), its session reads the bucket
// (allowed), deletes the bucket (denied within Odin's account) and lists
// Odin's users (denied; an IAM user has no resource-based policy). A
// class must see, for each session step, who assumed the role and which
// trust and identity statements let them; for a denial within one
// account, that neither side allowed (both are what failed), and the
// decisions in plain words.
func TestConsoleSessionChainInBrowser(t *testing.T) {
	bin := chromium(t)
	ts, _ := seed000(t)
	code, body := signedQuery(t, ts, merlinKey, merlinSecret, "sts",
		"Action=AssumeRole&Version=2011-06-15&RoleSessionName=s3-access&RoleArn="+url.QueryEscape(odinRole))
	if code != 200 {
		t.Fatalf("AssumeRole = %d %s", code, body)
	}
	session := aws.Credentials{AccessKeyID: xmlField(t, body, "AccessKeyId"), SecretAccessKey: xmlField(t, body, "SecretAccessKey"),
		SessionToken: xmlField(t, body, "SessionToken")}
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/odin-bucket/hello.txt", http.StatusOK},
		{http.MethodDelete, "/odin-bucket", http.StatusForbidden},
	} {
		if got := s3With(t, ts, tt.method, tt.path, session); got != tt.want {
			t.Fatalf("session %s %s = %d, want %d", tt.method, tt.path, got, tt.want)
		}
	}
	if code, body := signedQueryWith(t, ts, session, "iam", "Action=ListUsers&Version=2010-05-08"); code != http.StatusForbidden {
		t.Fatalf("session ListUsers = %d %s, want 403", code, body)
	}

	dom := headless(t, bin, ts.URL+"/_fakeaws/ui?explain=all#decisions", "--dump-dom")
	expectInPage(t, dom, "decisions tab",
		// the legend, and the decisions in plain words with the term in the tooltip
		"no statement allows it — the default.",
		`<span class="ImplicitDeny" title="ImplicitDeny: implicit deny: no statement allows it">Denied</span>`,
		`<span class="Allow" title="Allow: a statement allows it and none denies it">Allowed</span>`,
		// where the session came from, on its row and in its explanation
		"assumed by merlin@emrys in step 1",
		"How this caller got here: step 1",
		"the role's trust policy (account odin trusts the caller): statement #1 of trust policy of role/S3ReadWriteRoleEmrys",
		"the caller's identity policy (account emrys lets its user assume the role): statement #1 of arn:aws:iam::111111111111:policy/AssumeOdinRole",
		// the trust policy names the account, not only its root user
		"the statement names account 111111111111 (the account, not only its root user)",
		// DeleteBucket within Odin's account: neither side allows, both failed
		"Caller's account odin: does not allow (within one account, either side would be enough)",
		"Resource's account odin: does not allow (within one account, either side would be enough)",
		"the bucket policy may name arn:aws:iam::222222222222:role/S3ReadWriteRoleEmrys",
		// ListUsers: an IAM user has no resource-based policy
		"Resource's account odin: has no say here",
		"arn:aws:iam::222222222222:user/ cannot have a resource-based policy: only the caller's identity policies decide",
		// keyboard and screen reader: which step a button acts on, and the open tab
		`aria-label="Hide step 2" aria-expanded="true"`, `aria-label="Note on step 2"`,
		`data-tab="decisions" class="active" aria-current="page"`,
	)
	// The session's GetObject went through and its DeleteBucket did not:
	// the role's edge into the bucket says so, not plain green.
	chain := headless(t, bin, ts.URL+"/_fakeaws/ui#chain", "--dump-dom")
	expectInPage(t, chain, "trust chain tab",
		`class="edge mixed" data-from="`+odinRole+`" data-to="arn:aws:s3:::odin-bucket"`,
		"tried: some allowed, some denied",
	)
	// An anonymous caller has no account: no "both accounts must allow".
	anon := headless(t, bin, ts.URL+"/_fakeaws/ui?principal=anonymous&action=s3:GetObject&resource=arn:aws:s3:::odin-bucket/hello.txt", "--dump-dom")
	if !strings.Contains(anon, "s3:GetObject: ") || strings.Contains(anon, "Across accounts both must allow") {
		t.Errorf("the anonymous what-if lacks its answer or claims two accounts must allow")
	}
}

// TestConsoleBareWorldInBrowser opens the console on the bare Emrys/Odin
// world the README's live demo starts from (merlin, no policies, Odin
// empty, no requests yet): no panel is left empty without saying why and
// what to do.
func TestConsoleBareWorldInBrowser(t *testing.T) {
	bin := chromium(t)
	ts, _ := exampleWorld(t, "emrys-odin-bare.json")
	dom := headless(t, bin, ts.URL+"/_fakeaws/ui#world", "--dump-dom")
	expectInPage(t, dom, "bare world's console",
		"No requests yet. Point a client at this endpoint (export AWS_ENDPOINT_URL="+ts.URL+", then for example aws sts get-caller-identity)",
		"no policies: it may do nothing yet",
		"No users, roles, policies or buckets in this account yet: create them with the AWS CLI (credentials of account 222222222222)",
	)
}

// expectInPage reports each of wants that page (the DOM of what, a tab or
// answer of the console) lacks, then the DOM once.
func expectInPage(t *testing.T, page, what string, wants ...string) {
	t.Helper()
	missing := false
	for _, want := range wants {
		if !strings.Contains(page, want) {
			t.Errorf("the %s lacks %q", what, want)
			missing = true
		}
	}
	if missing {
		t.Logf("DOM:\n%s", page)
	}
}

// Names as long as IAM and S3 allow: a role name of 64 characters, a
// bucket name of 63.
const (
	longRole   = "S3ReadWriteRoleEmrysForTheSpringClassOf2026-DataLakeIngestReader"
	longBucket = "odin-bucket-for-the-spring-class-of-2026-data-lake-ingest-files"
)

// TestConsoleLongNamesInBrowser opens the trust chain of seed 000's world
// with its role and bucket renamed to the longest names AWS allows: each
// box shows the whole name over several lines, every line inside its box
// as Chromium lays it out, and the tooltip and screen-reader label name
// it in full. With FAKEAWS_SCREENSHOTS=DIR it saves
// console-chain-long-names.png.
func TestConsoleLongNamesInBrowser(t *testing.T) {
	bin := chromium(t)
	seed, err := os.ReadFile(filepath.Join("..", "examples", "emrys-odin.json"))
	if err != nil {
		t.Fatal(err)
	}
	seed = []byte(strings.NewReplacer("S3ReadWriteRoleEmrys", longRole, "odin-bucket", longBucket).Replace(string(seed)))
	c, err := config.Parse(seed)
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := worldOf(t, c)
	roleARN := "arn:aws:iam::222222222222:role/" + longRole
	if code, body := signedQuery(t, ts, merlinKey, merlinSecret, "sts",
		"Action=AssumeRole&Version=2011-06-15&RoleSessionName=s3-access&RoleArn="+url.QueryEscape(roleARN)); code != 200 {
		t.Fatalf("AssumeRole = %d %s", code, body)
	}

	dom := headless(t, bin, ts.URL+"/_fakeaws/ui#chain", "--dump-dom")
	expectInPage(t, dom, "trust chain with long names",
		`role="img" aria-label="role `+longRole+`@odin, account odin (222222222222)"><title>`+longRole+"@odin",
		`role="img" aria-label="bucket `+longBucket+`, account odin (222222222222)"><title>`+longBucket,
		"merlin@emrys → "+longRole+"@odin: ",
	)
	for arn, want := range map[string]string{roleARN: longRole + "@odin", "arn:aws:s3:::" + longBucket: longBucket} {
		if got := nameLines(dom, arn); strings.Join(got, "") != want || len(got) < 2 {
			t.Errorf("the box of %s shows %q, want %q over several lines", arn, got, want)
		}
	}
	fit := headless(t, bin, fitPage(t, ts.URL), "--dump-dom")
	if m := regexp.MustCompile(`(?s)<pre id="fit">(.*?)</pre>`).FindStringSubmatch(fit); m == nil || strings.TrimSpace(m[1]) != "checked 9 texts" {
		t.Errorf("the boxes' texts as Chromium lays them out: %q, want \"checked 9 texts\" and no complaint", m)
	}
	if shots := os.Getenv("FAKEAWS_SCREENSHOTS"); shots != "" {
		headless(t, bin, ts.URL+"/_fakeaws/ui#chain", "--screenshot="+filepath.Join(shots, "console-chain-long-names.png"))
	}
}

// nameLines are the lines of the name in the diagram's box for arn.
func nameLines(dom, arn string) []string {
	g := regexp.MustCompile(`(?s)data-arn="` + regexp.QuoteMeta(arn) + `".*?</g>`).FindString(dom)
	var lines []string
	for _, m := range regexp.MustCompile(`<text [^>]*font-size="15"[^>]*>([^<]*)</text>`).FindAllStringSubmatch(g, -1) {
		lines = append(lines, m[1])
	}
	return lines
}

// fitPage serves the trust chain of the server at base inline in a page
// whose script reports each text of a box that reaches outside the box or
// overlaps the text above it, as Chromium lays them out.
func fitPage(t *testing.T, base string) string {
	t.Helper()
	page := `<!doctype html><html><body>` + getBody(t, base+"/_fakeaws/graph.svg") + `<pre id="fit"></pre><script>
const out = [];
let n = 0;
for (const g of document.querySelectorAll('g.node')) {
  const box = g.querySelector('rect').getBBox();
  let above = box.y;
  for (const text of g.querySelectorAll('text')) {
    const b = text.getBBox();
    n++;
    if (b.x < box.x || b.x + b.width > box.x + box.width - 4 || b.y + b.height > box.y + box.height) out.push('outside its box: ' + text.textContent);
    if (b.y < above - 1) out.push('overlaps the line above: ' + text.textContent);
    above = b.y + b.height;
  }
}
document.getElementById('fit').textContent = 'checked ' + n + ' texts\n' + out.join('\n');
</script></body></html>`
	fs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = io.WriteString(w, page)
	}))
	t.Cleanup(fs.Close)
	return fs.URL
}
