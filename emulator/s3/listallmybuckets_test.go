package s3

import "testing"

// TestListAllMyBucketsResource pins which Resource grants
// s3:ListAllMyBuckets: "*", and "arn:aws:s3:::*" as the S3 User Guide's
// walkthrough grants it ("Example walkthrough: Controlling access to a
// bucket with user policies", step 4.1: "The console should now list all
// the buckets"); it was refused (found by probing). The denial names no
// resource, as AWS's does ("User: ARN is not authorized to perform:
// s3:ListAllMyBuckets because no identity-based policy allows the
// s3:ListAllMyBuckets action", quoted from AWS in
// swisstopo/swissgeol-boreholes-dataextraction#294 and many others).
func TestListAllMyBucketsResource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createBucket(rootOf(acctA), "listed")
	grant := func(resource string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"` + resource + `"}]}`
	}
	cases := []struct {
		name, resource string
		want           int
	}{
		{"star", "*", 200},
		{"every S3 resource", "arn:aws:s3:::*", 200},
		{"one bucket", "arn:aws:s3:::listed", 403},
		{"objects of every bucket", "arn:aws:s3:::*/*", 403},
	}
	for i, tc := range cases {
		u := e.user(acctA, "lister"+string(rune('a'+i)), grant(tc.resource))
		w := e.do(u, treq{method: "GET", target: "/"})
		if w.Code != tc.want {
			t.Errorf("ListBuckets with s3:ListAllMyBuckets on %q (%s) = %d, want %d", tc.resource, tc.name, w.Code, tc.want)
		}
	}
	w := e.do(e.user(acctA, "nolist"), treq{method: "GET", target: "/"})
	code, msg := errCode(t, w)
	want := "User: arn:aws:iam::" + acctA + ":user/nolist is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action"
	if w.Code != 403 || code != "AccessDenied" || msg != want {
		t.Errorf("ListBuckets without permission = %d %s %q, want 403 AccessDenied %q", w.Code, code, msg, want)
	}
}
