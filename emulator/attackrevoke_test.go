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
		// S3 answers a deleted role's session, and after the role is made
		// again under the same name, as an unknown key (recorded against
		// AWS in justincormack/argmin guides/aws-compatibility.md,
		// deleted-role slice, 2026-07-13).
		{"deleted role's session reads", getAs(atkSession, "/atk/obj"), 403, "InvalidAccessKeyId"},
		{"recreate the role", iamStep("Action", "CreateRole", "RoleName", "atk-role", "AssumeRolePolicyDocument", atkTrust), 200, ""},
		{"grant the new role", iamStep("Action", "PutRolePolicy", "RoleName", "atk-role", "PolicyName", "s3", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), 200, ""},
		{"old session of the recreated role reads", getAs(atkSession, "/atk/obj"), 403, "InvalidAccessKeyId"},
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

// s3Step is an S3 request as who.
func s3Step(who func(*attackEnv) rawSigner, method, path, body string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request { return e.s3(t, who(e), method, path, body, nil) }
}

func atkOther(e *attackEnv) rawSigner { return e.other }

// TestAttackStaleCaches changes who may do what right after the old
// answer was given (so every cache of buckets, policies and resolved keys
// holds it) and asks again: a bucket deleted and re-created by another
// account is that account's, a removed grant, a group's deny, a
// permissions boundary and a managed policy's new default version count
// from the next request, as AWS evaluates every request against the
// current policies.
func TestAttackStaleCaches(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	grant := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::atk/*"}]}`
	denyGet := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`
	listOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`
	runSteps(t, e, []step{
		{"A creates swap", s3Step(atkRoot, "PUT", "/swap", ""), 200, ""},
		{"A writes swap", s3Step(atkRoot, "PUT", "/swap/k", "a"), 200, ""},
		{"A empties swap", s3Step(atkRoot, "DELETE", "/swap/k", ""), 204, ""},
		{"A deletes swap", s3Step(atkRoot, "DELETE", "/swap", ""), 204, ""},
		{"B creates swap", s3Step(atkOther, "PUT", "/swap", ""), 200, ""},
		{"B writes swap", s3Step(atkOther, "PUT", "/swap/b", "b"), 200, ""},
		{"A writes B's swap", s3Step(atkRoot, "PUT", "/swap/k2", "a"), 403, "AccessDenied"},
		{"A reads B's swap", s3Step(atkRoot, "GET", "/swap/b", ""), 403, "AccessDenied"},
		{"A deletes B's swap", s3Step(atkRoot, "DELETE", "/swap", ""), 403, "AccessDenied"},
		{"grant B", s3Step(atkRoot, "PUT", "/atk?policy", grant), 204, ""},
		{"B reads", s3Step(atkOther, "GET", "/atk/obj", ""), 200, ""},
		{"drop the grant", s3Step(atkRoot, "DELETE", "/atk?policy", ""), 204, ""},
		{"B reads without the grant", s3Step(atkOther, "GET", "/atk/obj", ""), 403, "AccessDenied"},
		{"create a denying group", iamStep("Action", "CreateGroup", "GroupName", "g"), 200, ""},
		{"its deny", iamStep("Action", "PutGroupPolicy", "GroupName", "g", "PolicyName", "d", "PolicyDocument", denyGet), 200, ""},
		{"reader reads", getAs(atkReader, "/atk/obj"), 200, ""},
		{"reader joins the group", iamStep("Action", "AddUserToGroup", "GroupName", "g", "UserName", "reader"), 200, ""},
		{"reader in the group reads", getAs(atkReader, "/atk/obj"), 403, "AccessDenied"},
		{"reader leaves the group", iamStep("Action", "RemoveUserFromGroup", "GroupName", "g", "UserName", "reader"), 200, ""},
		{"reader reads again", getAs(atkReader, "/atk/obj"), 200, ""},
		{"a list-only policy", iamStep("Action", "CreatePolicy", "PolicyName", "b", "PolicyDocument", listOnly), 200, ""},
		{"as the reader's boundary", iamStep("Action", "PutUserPermissionsBoundary", "UserName", "reader", "PermissionsBoundary", "arn:aws:iam::111111111111:policy/b"), 200, ""},
		{"reader reads within the boundary", getAs(atkReader, "/atk/obj"), 403, "AccessDenied"},
		{"drop the boundary", iamStep("Action", "DeleteUserPermissionsBoundary", "UserName", "reader"), 200, ""},
		{"attach the list-only policy", iamStep("Action", "AttachUserPolicy", "UserName", "reader", "PolicyArn", "arn:aws:iam::111111111111:policy/b"), 200, ""},
		{"reader reads with it", getAs(atkReader, "/atk/obj"), 200, ""},
		{"its new default version denies", iamStep("Action", "CreatePolicyVersion", "PolicyArn", "arn:aws:iam::111111111111:policy/b", "SetAsDefault", "true", "PolicyDocument", denyGet), 200, ""},
		{"reader reads under v2", getAs(atkReader, "/atk/obj"), 403, "AccessDenied"},
		{"back to v1", iamStep("Action", "SetDefaultPolicyVersion", "PolicyArn", "arn:aws:iam::111111111111:policy/b", "VersionId", "v1"), 200, ""},
		{"reader reads under v1", getAs(atkReader, "/atk/obj"), 200, ""},
		{"trust now denies", iamStep("Action", "UpdateAssumeRolePolicy", "RoleName", "atk-role", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`), 200, ""},
		{"the old session still reads (its role's policies allow)", getAs(atkSession, "/atk/obj"), 200, ""},
	})
}
