package s3

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// TestErrorBodyWritesQuotesAsThey: an error document carries apostrophes
// and double quotes as the characters themselves, as S3 writes them
// (AWS bodies: "the region 'us-east-1' is wrong" in minio/s3verify#128;
// `Policy Condition failed: ["eq", "$Content-Type", "application/java-archive"]`,
// request id Z6F9T2A5ZC30KFKW, quoted in a browser-POST bug report);
// minio/mint's PresignedPostPolicy test compares the raw body. Ampersands
// and angle brackets stay escaped.
func TestErrorBodyWritesQuotesAsThey(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, message, want string
	}{
		{"double quotes", `Invalid according to Policy: Policy Condition failed: ["eq", "$key", "k"]`,
			`<Message>Invalid according to Policy: Policy Condition failed: ["eq", "$key", "k"]</Message>`},
		{"apostrophes", "the region 'eu-west-1' is wrong; expecting 'us-east-1'",
			"<Message>the region 'eu-west-1' is wrong; expecting 'us-east-1'</Message>"},
		{"markup stays escaped", `a<b>&"c"`, `<Message>a&lt;b&gt;&amp;"c"</Message>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodPost, "/b", nil)
			WriteError(w, r, "REQ1", awserr.New("AccessDenied", http.StatusForbidden, c.message).With("Detail", `"x"`))
			body := w.Body.String()
			if w.Code != http.StatusForbidden || !strings.Contains(body, "<Code>AccessDenied</Code>") {
				t.Fatalf("status %d body %s", w.Code, body)
			}
			if !strings.Contains(body, c.want) {
				t.Errorf("body %s\nwant it to contain %s", body, c.want)
			}
			if !strings.Contains(body, `<Detail>"x"</Detail>`) {
				t.Errorf("body %s: extra field's quotes escaped", body)
			}
		})
	}
}
