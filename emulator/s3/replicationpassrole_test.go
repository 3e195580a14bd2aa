package s3

import (
	"fmt"
	"strings"
	"testing"
)

// TestReplicationNeedsPassRole: PutBucketReplication hands the Role to S3,
// so the caller needs iam:PassRole on it besides
// s3:PutReplicationConfiguration ("To perform this operation, the user or
// role performing the action must have the iam:PassRole permission.",
// API_PutBucketReplication, Permissions), asked with iam:PassedToService
// s3.amazonaws.com; a role of another account is never passed. A refusal
// writes nothing.
func TestReplicationNeedsPassRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	root := rootOf(acctA)
	for _, b := range []string{"/src", "/dst"} {
		e.must(root, treq{method: "PUT", target: b}, 200)
		e.must(root, treq{method: "PUT", target: b + "?versioning", body: versioningOn}, 200)
	}
	s3Only := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutReplicationConfiguration","s3:GetReplicationConfiguration"],"Resource":"*"}]}`
	passRole := func(service string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::` + acctA +
			`:role/replication","Condition":{"StringEquals":{"iam:PassedToService":"` + service + `"}}}]}`
	}
	anyRole := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`
	rule := `<Priority>1</Priority><Filter><Prefix>Tax</Prefix></Filter><Status>Enabled</Status>` +
		`<Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination><DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>`
	put := treq{method: "PUT", target: "/src?replication", body: replicationBody(rule)}
	otherAccountRole := treq{method: "PUT", target: "/src?replication",
		body: `<ReplicationConfiguration><Role>arn:aws:iam::` + acctB + `:role/replication</Role><Rule>` + rule + `</Rule></ReplicationConfiguration>`}
	get := treq{method: "GET", target: "/src?replication"}
	for i, c := range []struct {
		name     string
		policies []string
		r        treq
		status   int
		code     string
		msg      string
	}{
		{"no iam:PassRole", []string{s3Only}, put, 403, "AccessDenied", "is not authorized to perform: iam:PassRole on resource: \"arn:aws:iam::" + acctA +
			":role/replication\" because no identity-based policy allows the iam:PassRole action"},
		{"iam:PassRole to another service", []string{s3Only, passRole("ec2.amazonaws.com")}, put, 403, "AccessDenied", "iam:PassRole"},
		{"a role of another account", []string{s3Only, anyRole}, otherAccountRole, 403, "AccessDenied", ""},
		{"iam:PassRole to S3", []string{s3Only, passRole("s3.amazonaws.com")}, put, 200, "", ""},
	} {
		name := fmt.Sprintf("user%d", i)
		t.Run(c.name, func(t *testing.T) {
			e.must(root, treq{method: "DELETE", target: "/src?replication"}, 204)
			u := e.user(acctA, name, c.policies...)
			w := e.do(u, c.r)
			code, msg := errCode(t, w)
			if w.Code != c.status || code != c.code || c.msg != "" && !strings.Contains(msg, c.msg) {
				t.Fatalf("PUT ?replication = %d %s %q, want %d %s %q", w.Code, code, msg, c.status, c.code, c.msg)
			}
			want := 404
			if c.status == 200 {
				want = 200
			}
			e.must(root, get, want)
		})
	}
}
