package emulator_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

func newServer(t *testing.T) (*emulator.Server, *httptest.Server) {
	t.Helper()
	ts, srv := emulatortest.Start(t, emulator.Options{})
	return srv, ts
}

func query(t *testing.T, ts *httptest.Server, key, service, body string) (*http.Response, string) {
	t.Helper()
	r, _ := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return sendAs(t, r, key, service, body)
}

// sendAs signs r, whose body is body, for service as key's root (secret
// "test"), or leaves it unsigned (anonymous) when key is "", sends it and
// returns the response with its body read.
func sendAs(t *testing.T, r *http.Request, key, service, body string) (*http.Response, string) {
	t.Helper()
	if key != "" {
		sum := sha256.Sum256([]byte(body))
		creds := aws.Credentials{AccessKeyID: key, SecretAccessKey: "test"}
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), service, "us-east-1", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestDispatch(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	tests := []struct {
		name       string
		key        string
		service    string
		body       string
		wantStatus int
		wantBody   []string
	}{
		{"signed STS", "111111111111", "sts", "Action=GetCallerIdentity&Version=2011-06-15", 200,
			[]string{"<GetCallerIdentityResponse", "<Arn>arn:aws:iam::111111111111:root</Arn>", "<RequestId>"}},
		{"signed IAM", "111111111111", "iam", "Action=ListUsers&Version=2010-05-08", 200,
			[]string{"<ListUsersResponse", `xmlns="https://iam.amazonaws.com/doc/2010-05-08/"`}},
		{"unsigned IAM", "", "", "Action=ListUsers&Version=2010-05-08", 403,
			[]string{"<Code>MissingAuthenticationToken</Code>", "<ErrorResponse"}},
		{"unsigned STS", "", "", "Action=GetCallerIdentity&Version=2011-06-15", 403,
			[]string{"<Code>MissingAuthenticationToken</Code>"}},
		{"unknown action", "111111111111", "iam", "Action=FlyToTheMoon&Version=2010-05-08", 400,
			[]string{"<Code>InvalidAction</Code>", "Could not find operation FlyToTheMoon for version 2010-05-08"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := query(t, ts, tt.key, tt.service, tt.body)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d; body %s", resp.StatusCode, tt.wantStatus, body)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body does not contain %q:\n%s", want, body)
				}
			}
		})
	}
}

func TestAnonymousS3ReachesS3(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	resp, err := http.Get(ts.URL + "/no-such-bucket/key")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 404 && resp.StatusCode != 403 {
		t.Errorf("anonymous GET = %d, want an S3 404 or 403; body %s", resp.StatusCode, b)
	}
	if !strings.Contains(string(b), "<Error>") || resp.Header.Get("x-amz-request-id") == "" {
		t.Errorf("anonymous GET body/headers not S3's: %s %v", b, resp.Header)
	}
}

func TestAdminEndpoints(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	// A denied request shows up in the decision log.
	query(t, ts, "111111111111", "iam", "Action=CreateUser&UserName=alice&Version=2010-05-08")
	query(t, ts, "111111111111", "iam", "Action=CreateAccessKey&UserName=alice&Version=2010-05-08")

	resp, err := http.Get(ts.URL + "/_fakeaws/decisions")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(resp.Body)
	var lines int
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("decision line %q is not JSON: %v", sc.Text(), err)
		}
		for _, k := range []string{"time", "principal", "action", "resource", "decision"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("decision %v lacks %q", rec, k)
			}
		}
		lines++
	}
	resp.Body.Close()
	if lines < 2 {
		t.Errorf("decisions has %d lines, want at least 2", lines)
	}

	resp, err = http.Post(ts.URL+"/_fakeaws/reset", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("reset = %d, want 200", resp.StatusCode)
	}
	_, body := query(t, ts, "111111111111", "iam", "Action=GetUser&UserName=alice&Version=2010-05-08")
	if !strings.Contains(body, "<Code>NoSuchEntity</Code>") {
		t.Errorf("after reset GetUser = %s, want NoSuchEntity", body)
	}

	resp, err = http.Get(ts.URL + "/_fakeaws/ui")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `src="/_fakeaws/ui/console.js"`) || strings.Contains(string(b), "<script>") {
		t.Errorf("ui = %d, want 200 with a page that loads its script from a file (no inline script)", resp.StatusCode)
	}
	for path, want := range map[string]string{"/_fakeaws/ui/console.js": "/_fakeaws/lesson", "/_fakeaws/ui/console.css": "overflow-wrap", "/_fakeaws/": "/_fakeaws/ui"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s = %d, want 200 containing %q", path, resp.StatusCode, want)
		}
	}
}

func TestAdminIsLoopbackOnly(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	r := httptest.NewRequest(http.MethodPost, "/_fakeaws/reset", nil)
	r.RemoteAddr = "203.0.113.9:5555"
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Errorf("reset from a remote address = %d, want 403", w.Code)
	}
}

func TestWorld(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	query(t, ts, "111111111111", "iam", "Action=CreateUser&UserName=alice&Version=2010-05-08")
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sts:AssumeRole"}]}`
	query(t, ts, "111111111111", "iam", "Action=CreateRole&RoleName=reader&Version=2010-05-08&AssumeRolePolicyDocument="+url.QueryEscape(trust))
	var world struct {
		Accounts []struct {
			ID    string
			Users []struct{ Name, ARN string }
			Roles []struct {
				Name  string
				Trust string `json:"trustPolicy"`
			}
		}
	}
	getJSON(t, ts.URL+"/_fakeaws/world", &world)
	if len(world.Accounts) != 1 || world.Accounts[0].ID != "111111111111" {
		t.Fatalf("accounts = %+v, want only 111111111111", world.Accounts)
	}
	a := world.Accounts[0]
	if len(a.Users) != 1 || a.Users[0].ARN != "arn:aws:iam::111111111111:user/alice" {
		t.Errorf("users = %+v, want alice", a.Users)
	}
	if len(a.Roles) != 1 || !strings.Contains(a.Roles[0].Trust, "user/alice") {
		t.Errorf("roles = %+v, want reader trusting alice", a.Roles)
	}
}

// TestHomeShowsServedEndpoint: the index page's "Point a client at it"
// block names the address the page was fetched from, not the default port,
// so a server started with --addr 127.0.0.1:0 shows a working command.
func TestHomeShowsServedEndpoint(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	resp, err := http.Get(ts.URL + "/_fakeaws/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	want := "export AWS_ENDPOINT_URL=" + ts.URL + "\n"
	if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
		t.Errorf("GET /_fakeaws/ = %d, want 200 containing %q; got\n%s", resp.StatusCode, want, b)
	}
}
