package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// TestArgminWirePostHeaderToken: a browser POST signed with a session key
// that carries x-amz-security-token as an HTTP header (sts_oracle.rs's S3
// POST probes, run against AWS S3: S3 answers as to a request whose header
// credentials are incomplete, whatever the form holds).
func TestArgminWirePostHeaderToken(t *testing.T) {
	src := func(probe string) string {
		return "justincormack/argmin crates/s3-tests/src/bin/sts_oracle.rs probe " + probe + " (run against AWS S3, 2026)"
	}
	noKey := Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: "No AWSAccessKey was presented."}
	// tokenCase is one case with its own session (cases run in parallel).
	tokenCase := func(name, source string, formToken bool, header func(token string) string, badSig bool) Case {
		var session aws.Credentials
		call := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			p := wirePost{key: "header-token", file: "data", creds: func(*World, *argminUsers) aws.Credentials { return session }}
			if formToken {
				p.conds = []any{map[string]string{"x-amz-security-token": session.SessionToken}}
				p.fields = [][2]string{{"x-amz-security-token", session.SessionToken}}
			}
			if badSig {
				p.edit = wireSet("x-amz-signature", strings.Repeat("0", 64))
			}
			p.header = http.Header{"X-Amz-Security-Token": {header(session.SessionToken)}}
			return p.send(ctx, w, u)
		}
		steps := argminSteps(argminBucket(false, ""), func(ctx context.Context, w *World, _ *argminUsers) error {
			var err error
			session, err = rootSession(ctx, w)
			return err
		})
		return argminCase(name, source, steps, call, noKey)
	}
	same := func(tok string) string { return tok }
	other := func(string) string { return "malformed-session-token" }
	Run(t, []Case{
		tokenCase("PostObject/session key, its token as a header only", src("s3-post-auth-live-header-token-valid"), false, same, false),
		tokenCase("PostObject/session key, its token in the form and another as a header", src("s3-post-auth-live-form-valid-header-mismatched"), true, other, false),
		tokenCase("PostObject/session key, token as a header, bad signature", src("s3-post-auth-live-header-token-valid-bad-signature"), false, same, true),
	})
}
