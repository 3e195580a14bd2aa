package emulator_test

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// step is one request of a sequence and the answer it must get.
type step struct {
	name   string
	req    func(t *testing.T, e *attackEnv) *http.Request
	status int
	code   string
}

func runSteps(t *testing.T, e *attackEnv, steps []step) {
	t.Helper()
	for _, s := range steps {
		status, body := atkDo(t, s.req(t, e))
		if status != s.status || atkField(body, "Code") != s.code {
			t.Fatalf("%s = %d %s, want %d %s", s.name, status, trim(body), s.status, s.code)
		}
	}
}

func iamStep(kv ...string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request { return e.queryReq(t, e.root, "iam", kv...) }
}

func getAs(who func(*attackEnv) rawSigner, path string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request { return e.s3(t, who(e), "GET", path, "", nil) }
}

func atkReader(e *attackEnv) rawSigner { return e.reader }

// TestAttackRevokedCredentials uses credentials after they were revoked,
// each first used while valid so that every cache (resolved keys,
// derived signing keys, opened sessions) holds them. AWS refuses a
// deactivated or deleted access key with InvalidAccessKeyId
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) and
// evaluates a session's permissions on every request, so a deny on
// aws:TokenIssueTime (the AWSRevokeOlderSessions policy) refuses older
// sessions at once
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html).
func TestAttackRevokedCredentials(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	revoke := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:TokenIssueTime":"` +
		time.Now().Add(time.Hour).UTC().Format(time.RFC3339) + `"}}}]}`
	runSteps(t, e, []step{
		{"reader reads", getAs(atkReader, "/atk/obj"), 200, ""},
		{"deactivate the reader's key", func(t *testing.T, e *attackEnv) *http.Request {
			return e.queryReq(t, e.root, "iam", "Action", "UpdateAccessKey", "UserName", "reader", "AccessKeyId", e.reader.akid, "Status", "Inactive")
		}, 200, ""},
		{"deactivated key reads", getAs(atkReader, "/atk/obj"), 403, "InvalidAccessKeyId"},
		{"reactivate", func(t *testing.T, e *attackEnv) *http.Request {
			return e.queryReq(t, e.root, "iam", "Action", "UpdateAccessKey", "UserName", "reader", "AccessKeyId", e.reader.akid, "Status", "Active")
		}, 200, ""},
		{"reader reads again", getAs(atkReader, "/atk/obj"), 200, ""},
		{"delete the reader's key", func(t *testing.T, e *attackEnv) *http.Request {
			return e.queryReq(t, e.root, "iam", "Action", "DeleteAccessKey", "UserName", "reader", "AccessKeyId", e.reader.akid)
		}, 200, ""},
		{"deleted key reads", getAs(atkReader, "/atk/obj"), 403, "InvalidAccessKeyId"},
		{"session reads", getAs(atkSession, "/atk/obj"), 200, ""},
		{"revoke older sessions", iamStep("Action", "PutRolePolicy", "RoleName", "atk-role", "PolicyName", "AWSRevokeOlderSessions", "PolicyDocument", revoke), 200, ""},
		{"revoked session reads", getAs(atkSession, "/atk/obj"), 403, "AccessDenied"},
		{"drop the revocation", iamStep("Action", "DeleteRolePolicy", "RoleName", "atk-role", "PolicyName", "AWSRevokeOlderSessions"), 200, ""},
		{"session reads again", getAs(atkSession, "/atk/obj"), 200, ""},
		{"drop the role's policy", iamStep("Action", "DeleteRolePolicy", "RoleName", "atk-role", "PolicyName", "s3"), 200, ""},
		{"session without the policy reads", getAs(atkSession, "/atk/obj"), 403, "AccessDenied"},
		{"delete the role", iamStep("Action", "DeleteRole", "RoleName", "atk-role"), 200, ""},
		{"deleted role's session reads", getAs(atkSession, "/atk/obj"), 400, "InvalidToken"},
		{"recreate the role", iamStep("Action", "CreateRole", "RoleName", "atk-role", "AssumeRolePolicyDocument", atkTrust), 200, ""},
		{"grant the new role", iamStep("Action", "PutRolePolicy", "RoleName", "atk-role", "PolicyName", "s3", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), 200, ""},
		{"old session of the recreated role reads", getAs(atkSession, "/atk/obj"), 400, "InvalidToken"},
	})
}

// advance moves the server's clock forward by d.
func advance(d string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		return atkReq(t, "POST", e.url("/_fakeaws/clock?advance="+d), nil)
	}
}

// TestAttackExpiredSession uses a role session, in its headers and in a
// presigned URL signed for a week, after the session expired (the
// server's clock moved past it): the session's expiry bounds both, S3
// answering 400 ExpiredToken "The provided token has expired."
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
// Signed request times follow the wall clock, so the requests are not
// refused for skew.
func TestAttackExpiredSession(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	link := atkReq(t, "GET", e.url("/atk/obj"), nil)
	e.session.presign(link, "604800")
	runSteps(t, e, []step{
		{"session reads", getAs(atkSession, "/atk/obj"), 200, ""},
		{"link reads", func(*testing.T, *attackEnv) *http.Request { return link.Clone(context.Background()) }, 200, ""},
		{"two hours pass", advance("2h"), 200, ""},
		{"expired session reads", getAs(atkSession, "/atk/obj"), 400, "ExpiredToken"},
		{"expired session's link reads", func(*testing.T, *attackEnv) *http.Request { return link.Clone(context.Background()) }, 400, "ExpiredToken"},
		{"expired session writes", func(t *testing.T, e *attackEnv) *http.Request { return e.s3(t, e.session, "PUT", "/atk/h1", "x", nil) }, 400, "ExpiredToken"},
		{"h1 absent", func(t *testing.T, e *attackEnv) *http.Request { return e.s3(t, e.root, "HEAD", "/atk/h1", "", nil) }, 404, ""},
	})
}
