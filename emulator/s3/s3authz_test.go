package s3

import (
	"context"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestIsPublicPolicyConditionsThatPinNothing: a condition on a key that
// fixes the principal makes a wildcard statement non-public only when it
// holds fixed values for every caller. IfExists and ForAllValues are true
// when the key is absent (an anonymous caller has no aws:PrincipalAccount),
// and a policy variable is not a fixed value
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status:
// "fixed values (values that don't contain a wildcard or an AWS Identity
// and Access Management Policy Variable)"). Found by probing: each of these
// passed BlockPublicPolicy and escaped RestrictPublicBuckets.
func TestIsPublicPolicyConditionsThatPinNothing(t *testing.T) {
	t.Parallel()
	doc := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",` +
			`"Resource":"arn:aws:s3:::b/*","Condition":` + cond + `}]}`
	}
	tests := []struct {
		name, cond string
		want       bool
	}{
		{"StringEquals account", `{"StringEquals":{"aws:PrincipalAccount":"222222222222"}}`, false},
		{"StringEqualsIfExists account", `{"StringEqualsIfExists":{"aws:PrincipalAccount":"222222222222"}}`, true},
		{"ArnEqualsIfExists source arn", `{"ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:sns:us-east-1:111111111111:t"}}`, true},
		{"ForAllValues account", `{"ForAllValues:StringEquals":{"aws:PrincipalAccount":"222222222222"}}`, true},
		{"ForAnyValue account", `{"ForAnyValue:StringEquals":{"aws:PrincipalAccount":"222222222222"}}`, false},
		{"policy variable", `{"StringEquals":{"aws:PrincipalAccount":"${aws:PrincipalAccount}"}}`, true},
		{"IfExists beside a fixed key", `{"StringEqualsIfExists":{"aws:SourceAccount":"1"},"StringEquals":{"aws:PrincipalOrgID":"o-abc1234567"}}`, false},
		{"public source ip range", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, false},
	}
	for _, tc := range tests {
		if got := isPublicPolicy(doc(tc.cond)); got != tc.want {
			t.Errorf("isPublicPolicy(%s: %s) = %v, want %v", tc.name, tc.cond, got, tc.want)
		}
	}
}

// TestMissingKeyWithoutListBucketIsAccessDenied: every request naming one
// object answers AccessDenied, not NoSuchKey/NoSuchVersion, for a key or
// version that does not exist when the caller may not list the bucket, so
// no request tells an outsider which keys exist (AWS documents it for
// GetObject, HeadObject and GetObjectAttributes). Found by probing: the
// sub-resources and copy sources answered 404 to account B, which A's
// bucket policy let act on objects but not list.
func TestMissingKeyWithoutListBucketIsAccessDenied(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.createBucket(a, "src")
	e.must(a, treq{method: "PUT", target: "/src?versioning", body: `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`}, 200)
	e.must(a, treq{method: "PUT", target: "/src/exists", body: "x"}, 200)
	grant := func(list bool) string {
		s := `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:*","Resource":"arn:aws:s3:::src/*"}`
		if list {
			s += `,{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::src"}`
		}
		return `{"Version":"2012-10-17","Statement":[` + s + `]}`
	}
	e.createBucket(b, "dst")
	w := e.must(b, treq{method: "POST", target: "/dst/mp?uploads"}, 200)
	upload := between(w.Body.String(), "<UploadId>", "</UploadId>")
	const vid = "v3Nb2RZqbvOmD7kNY9JcuBCND2VN_qmb"
	tagging := `<Tagging><TagSet></TagSet></Tagging>`
	reqs := []struct {
		name     string
		r        treq
		notFound string // the code once B may list
	}{
		{"GetObjectTagging", treq{method: "GET", target: "/src/nope?tagging"}, "NoSuchKey"},
		{"PutObjectTagging", treq{method: "PUT", target: "/src/nope?tagging", body: tagging}, "NoSuchKey"},
		{"DeleteObjectTagging", treq{method: "DELETE", target: "/src/nope?tagging"}, "NoSuchKey"},
		{"GetObjectAcl", treq{method: "GET", target: "/src/nope?acl"}, "NoSuchKey"},
		{"GetObjectAttributes", treq{method: "GET", target: "/src/nope?attributes", header: map[string]string{"x-amz-object-attributes": "ETag"}}, "NoSuchKey"},
		{"GetObjectTagging of a missing version", treq{method: "GET", target: "/src/exists?tagging&versionId=" + vid}, "NoSuchVersion"},
		{"CopyObject", treq{method: "PUT", target: "/dst/c", header: map[string]string{"x-amz-copy-source": "src/nope"}}, "NoSuchKey"},
		{"CopyObject of a missing version", treq{method: "PUT", target: "/dst/c", header: map[string]string{"x-amz-copy-source": "src/exists?versionId=" + vid}}, "NoSuchVersion"},
		{"UploadPartCopy", treq{method: "PUT", target: "/dst/mp?partNumber=1&uploadId=" + upload, header: map[string]string{"x-amz-copy-source": "src/nope"}}, "NoSuchKey"},
	}
	for _, list := range []bool{false, true} {
		e.must(a, treq{method: "PUT", target: "/src?policy", body: grant(list)}, 204)
		for _, tc := range reqs {
			want := "AccessDenied"
			if list {
				want = tc.notFound
			}
			if code, _ := errCode(t, e.do(b, tc.r)); code != want {
				t.Errorf("%s by B (may list: %v) = %q, want %q", tc.name, list, code, want)
			}
		}
	}
}

// TestBucketPolicyCallsBelongToTheOwnerAccount: another account allowed
// s3:GetBucketPolicy, s3:PutBucketPolicy and s3:DeleteBucketPolicy by the
// bucket policy is refused with 405 MethodNotAllowed (found by probing: B
// could replace A's bucket policy), and the owner's root user reads,
// replaces and deletes a policy that denies it everything, as the API
// reference of the three actions documents.
func TestBucketPolicyCallsBelongToTheOwnerAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.createBucket(a, "owned")
	grantB := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},` +
		`"Action":["s3:GetBucketPolicy","s3:PutBucketPolicy","s3:DeleteBucketPolicy"],"Resource":"arn:aws:s3:::owned"}]}`
	e.must(a, treq{method: "PUT", target: "/owned?policy", body: grantB}, 204)
	e.run(t, b, []step{
		{name: "B GetBucketPolicy", r: treq{method: "GET", target: "/owned?policy"}, status: 405, code: "MethodNotAllowed"},
		{name: "B PutBucketPolicy", r: treq{method: "PUT", target: "/owned?policy", body: grantB}, status: 405, code: "MethodNotAllowed"},
		{name: "B DeleteBucketPolicy", r: treq{method: "DELETE", target: "/owned?policy"}, status: 405, code: "MethodNotAllowed"},
	})
	admin := e.user(acctA, "admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	denyAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::owned","arn:aws:s3:::owned/*"]}]}`
	e.must(a, treq{method: "PUT", target: "/owned?policy", body: denyAll}, 204)
	e.run(t, admin, []step{
		{name: "admin GetBucketPolicy denied", r: treq{method: "GET", target: "/owned?policy"}, status: 403, code: "AccessDenied"},
	})
	e.run(t, a, []step{
		{name: "root ListObjects denied", r: treq{method: "GET", target: "/owned"}, status: 403, code: "AccessDenied"},
	})
	if w := e.do(a, treq{method: "GET", target: "/owned?policy"}); w.Code != 200 || !strings.Contains(w.Body.String(), `"Deny"`) {
		t.Errorf("root GetBucketPolicy under a deny-all policy = %d %s, want 200 and the policy", w.Code, w.Body)
	}
	e.must(a, treq{method: "PUT", target: "/owned?policy", body: denyAll}, 204)
	e.must(a, treq{method: "DELETE", target: "/owned?policy"}, 204)
}

// TestUploadInitiatorMayListPartsAndAbort: the initiator of a multipart
// upload (and its account) may list the upload's parts and abort it
// without the bucket policy granting s3:ListMultipartUploadParts or
// s3:AbortMultipartUpload, as S3 grants by default; another account may
// not. Found by probing: account C, allowed only s3:PutObject on A's
// bucket, could start an upload but neither list nor abort it.
func TestUploadInitiatorMayListPartsAndAbort(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const acctC = "333333333333"
	a, b, c := rootOf(acctA), rootOf(acctB), rootOf(acctC)
	e.createBucket(a, "uploads")
	e.must(a, treq{method: "PUT", target: "/uploads?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
		`"Principal":{"AWS":["arn:aws:iam::333333333333:root","arn:aws:iam::222222222222:root"]},"Action":"s3:PutObject","Resource":"arn:aws:s3:::uploads/*"}]}`}, 204)
	w := e.must(c, treq{method: "POST", target: "/uploads/big?uploads"}, 200)
	id := between(w.Body.String(), "<UploadId>", "</UploadId>")
	parts := treq{method: "GET", target: "/uploads/big?uploadId=" + id}
	abort := treq{method: "DELETE", target: "/uploads/big?uploadId=" + id}
	e.run(t, b, []step{
		{name: "B ListParts", r: parts, status: 403, code: "AccessDenied"},
		{name: "B AbortMultipartUpload", r: abort, status: 403, code: "AccessDenied"},
	})
	e.run(t, c, []step{
		{name: "initiator ListParts", r: parts, status: 200, body: "<ListPartsResult"},
		{name: "initiator AbortMultipartUpload", r: abort, status: 204},
	})
}

// TestResourceAccountOfAnotherAccountsObjectIsTheBucketOwner: for an
// object account B wrote into A's bucket (ObjectWriter), aws:ResourceAccount
// and s3:ResourceAccount name A, the bucket owner, as for every other
// request on A's bucket. Found by probing: they named the object's owner,
// so a B user allowed s3:* only on B's resources ("Allow s3:* when
// aws:ResourceAccount is B") could read B's objects inside A's bucket.
func TestResourceAccountOfAnotherAccountsObjectIsTheBucketOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.must(a, treq{method: "PUT", target: "/shared", header: map[string]string{"x-amz-object-ownership": "ObjectWriter"}}, 200)
	e.must(a, treq{method: "PUT", target: "/shared?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
		`"Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["s3:PutObject","s3:GetObject"],"Resource":"arn:aws:s3:::shared/*"}]}`}, 204)
	e.must(b, treq{method: "PUT", target: "/shared/b-owned", body: "x"}, 200)
	for _, key := range []string{"aws:ResourceAccount", "s3:ResourceAccount"} {
		perimeter := e.user(acctB, "perimeter"+key[:3], `{"Version":"2012-10-17","Statement":[`+
			`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"`+key+`":"222222222222"}}}]}`)
		e.run(t, perimeter, []step{
			{name: key + " GetObject", r: treq{method: "GET", target: "/shared/b-owned"}, status: 403, code: "AccessDenied"},
			{name: key + " GetObjectAcl", r: treq{method: "GET", target: "/shared/b-owned?acl"}, status: 403, code: "AccessDenied"},
		})
	}
}

// TestGetObjectAttributesNeedsTheRead: GetObjectAttributes needs
// s3:GetObject besides s3:GetObjectAttributes (s3:GetObjectVersion besides
// s3:GetObjectVersionAttributes with a version id), as its API reference
// says. Found by probing: s3:GetObjectAttributes alone read an object's
// ETag, size and checksums.
func TestGetObjectAttributesNeedsTheRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "attrs")
	e.must(a, treq{method: "PUT", target: "/attrs/k", body: "x"}, 200)
	pol := func(actions string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[` + actions + `],"Resource":"*"}]}`
	}
	attrs := treq{method: "GET", target: "/attrs/k?attributes", header: map[string]string{"x-amz-object-attributes": "ETag"}}
	onlyAttrs := e.user(acctA, "onlyattrs", pol(`"s3:GetObjectAttributes","s3:ListBucket"`))
	both := e.user(acctA, "both", pol(`"s3:GetObjectAttributes","s3:GetObject"`))
	e.run(t, onlyAttrs, []step{{name: "GetObjectAttributes without s3:GetObject", r: attrs, status: 403, code: "AccessDenied"}})
	e.run(t, both, []step{{name: "GetObjectAttributes with s3:GetObject", r: attrs, status: 200, body: "<ETag>"}})
}

// TestExplainBucketPolicyCalls: /_fakeaws/explain answers the bucket
// policy calls as the requests are answered (the owner's root past a
// deny-all policy, another account's 405).
func TestExplainBucketPolicyCalls(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.createBucket(a, "explained")
	e.must(a, treq{method: "PUT", target: "/explained?policy", body: `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:*","Resource":"arn:aws:s3:::explained"},` +
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:*","Resource":"arn:aws:s3:::explained"}]}`}, 204)
	tests := []struct {
		name   string
		caller authn.Caller
		action string
		want   string // error code, "" for allowed
	}{
		{"owner root PutBucketPolicy", a, "s3:PutBucketPolicy", ""},
		{"owner root ListBucket", a, "s3:ListBucket", "AccessDenied"},
		{"other account GetBucketPolicy", b, "s3:GetBucketPolicy", "MethodNotAllowed"},
	}
	for _, tc := range tests {
		denied, _, err := e.h.Explain(context.Background(), &tc.caller, Question{Action: tc.action, Resource: "arn:aws:s3:::explained"})
		if err != nil {
			t.Fatalf("Explain(%s): %v", tc.name, err)
		}
		got := ""
		if ae, ok := awserr.As(denied); ok {
			got = string(ae.Code)
		} else if denied != nil {
			got = denied.Error()
		}
		if got != tc.want {
			t.Errorf("Explain(%s) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestEnforcedConditionalWrites: AWS's bucket policy that lets a user
// write only with If-None-Match (Example 1 of "Enforce conditional writes
// on Amazon S3 buckets") is accepted, and its s3:if-none-match and
// s3:ObjectCreationOperation keys are set: a PutObject or
// CompleteMultipartUpload without the header is denied, with it allowed,
// and the multipart steps that take no header (CreateMultipartUpload,
// UploadPart) are allowed through s3:ObjectCreationOperation false. Found
// by probing: PutBucketPolicy refused the keys as invalid and
// s3:ObjectCreationOperation was never set.
func TestEnforcedConditionalWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "condwrites")
	alice := e.user(acctA, "alice")
	principal := `"Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::condwrites/*"`
	e.must(a, treq{method: "PUT", target: "/condwrites?policy", body: `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"AllowConditionalPut","Effect":"Allow",` + principal + `,"Condition":{"Null":{"s3:if-none-match":"false"}}},` +
		`{"Sid":"AllowConditionalPutwithMPUs","Effect":"Allow",` + principal + `,"Condition":{"Bool":{"s3:ObjectCreationOperation":"false"}}}]}`}, 204)
	ifNone := map[string]string{"If-None-Match": "*"}
	e.run(t, alice, []step{
		{name: "PutObject without If-None-Match", r: treq{method: "PUT", target: "/condwrites/a", body: "x"}, status: 403, code: "AccessDenied"},
		{name: "PutObject with If-None-Match", r: treq{method: "PUT", target: "/condwrites/a", body: "x", header: ifNone}, status: 200},
	})
	w := e.must(alice, treq{method: "POST", target: "/condwrites/mp?uploads"}, 200)
	id := between(w.Body.String(), "<UploadId>", "</UploadId>")
	w = e.must(alice, treq{method: "PUT", target: "/condwrites/mp?partNumber=1&uploadId=" + id, body: "part"}, 200)
	etag := w.Header().Get("ETag")
	done := `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>` + etag + `</ETag></Part></CompleteMultipartUpload>`
	e.run(t, alice, []step{
		{name: "CompleteMultipartUpload without If-None-Match", r: treq{method: "POST", target: "/condwrites/mp?uploadId=" + id, body: done}, status: 403, code: "AccessDenied"},
		{name: "CompleteMultipartUpload with If-None-Match", r: treq{method: "POST", target: "/condwrites/mp?uploadId=" + id, body: done, header: ifNone}, status: 200},
	})
}

// TestCanonicalUserPrincipalNamesTheAccount: a bucket policy statement
// whose principal is an account's S3 canonical user id grants that
// account, as naming its root does. Found by probing: the canonical id
// was never part of the caller, so such a statement matched no one.
func TestCanonicalUserPrincipalNamesTheAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.createBucket(a, "canonical")
	e.must(a, treq{method: "PUT", target: "/canonical/k", body: "x"}, 200)
	e.must(a, treq{method: "PUT", target: "/canonical?policy", body: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
		`"Principal":{"CanonicalUser":"` + store.CanonicalID(acctB) + `"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::canonical/*"}]}`}, 204)
	if w := e.do(b, treq{method: "GET", target: "/canonical/k"}); w.Code != 200 {
		t.Errorf("GetObject by B = %d %s, want 200", w.Code, w.Body)
	}
	e.run(t, rootOf("333333333333"), []step{{name: "another account", r: treq{method: "GET", target: "/canonical/k"}, status: 403, code: "AccessDenied"}})
	e.run(t, e.user(acctB, "nopolicy"), []step{{name: "B user without policy", r: treq{method: "GET", target: "/canonical/k"}, status: 403, code: "AccessDenied"}})
}
