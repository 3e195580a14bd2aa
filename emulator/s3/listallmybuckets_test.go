package s3

import (
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
)

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

// TestListBucketsFollowsWrites: ListBuckets answers from a list cached per
// bucket generation (bucketList); after each bucket write it lists the
// caller's buckets as they now are, with prefix, bucket-region and
// max-buckets applied as before.
func TestListBucketsFollowsWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	list := func(c authn.Caller, query string) string {
		t.Helper()
		w := e.must(c, treq{method: "GET", target: "/" + query}, 200)
		var names []string
		for _, m := range regexp.MustCompile(`<Name>([^<]*)</Name>`).FindAllStringSubmatch(w.Body.String(), -1) {
			names = append(names, m[1])
		}
		if tok := regexp.MustCompile(`<ContinuationToken>([^<]*)</ContinuationToken>`).FindStringSubmatch(w.Body.String()); tok != nil {
			names = append(names, "token")
		}
		return strings.Join(names, ",")
	}
	const eu = "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
	steps := []struct {
		name   string
		write  func()
		caller authn.Caller
		query  string
		want   string
	}{
		{"empty", func() {}, a, "", ""},
		{"first bucket", func() { e.createBucket(a, "alpha") }, a, "", "alpha"},
		{"other account's bucket", func() { e.createBucket(b, "beta") }, a, "", "alpha"},
		{"other account lists its own", func() {}, b, "", "beta"},
		{"second bucket", func() { e.createBucket(a, "able") }, a, "", "able,alpha"},
		{"bucket in eu-west-1", func() { e.must(a, treq{method: "PUT", target: "/europa", body: eu}, 200) }, a, "", "able,alpha,europa"},
		{"region filter", func() {}, a, "?bucket-region=eu-west-1", "europa"},
		{"prefix", func() {}, a, "?prefix=al", "alpha"},
		{"max-buckets", func() {}, a, "?max-buckets=2", "able,alpha,token"},
		{"deleted bucket", func() { e.must(a, treq{method: "DELETE", target: "/alpha"}, 204) }, a, "", "able,europa"},
		{"recreated by the other account", func() { e.createBucket(b, "alpha") }, b, "", "alpha,beta"},
		{"not listed to the first", func() {}, a, "", "able,europa"},
	}
	for _, s := range steps {
		s.write()
		if got := list(s.caller, s.query); got != s.want {
			t.Errorf("%s: ListBuckets%s = %q, want %q", s.name, s.query, got, s.want)
		}
	}
}
