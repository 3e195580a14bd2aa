package s3

import "testing"

// CreateBucket asks for s3:PutBucketAcl only when the request sets more
// than the private canned ACL (CreateBucket API reference, Permissions).
// rclone sends x-amz-acl: private on every CreateBucket.
func TestCreateBucketACLPermission(t *testing.T) {
	e := newEnv(t)
	onlyCreate := e.user("111111111111", "maker",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:CreateBucket","Resource":"*"}]}`)
	with := func(kv ...string) map[string]string {
		h := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			h[kv[i]] = kv[i+1]
		}
		return h
	}
	e.run(t, onlyCreate, []step{
		{"no ACL", treq{method: "PUT", target: "/acl-none"}, 200, "", ""},
		{"private canned ACL", treq{method: "PUT", target: "/acl-private", header: with("x-amz-acl", "private")}, 200, "", ""},
		{"another canned ACL", treq{method: "PUT", target: "/acl-authread", header: with("x-amz-acl", "authenticated-read")}, 403, "AccessDenied", "s3:PutBucketAcl"},
		{"private plus a grant", treq{method: "PUT", target: "/acl-grant", header: with("x-amz-acl", "private", "x-amz-grant-read", `id="abc"`)}, 403, "AccessDenied", "s3:PutBucketAcl"},
		{"a grant alone", treq{method: "PUT", target: "/acl-grant2", header: with("x-amz-grant-read", `id="abc"`)}, 403, "AccessDenied", "s3:PutBucketAcl"},
	})
}
