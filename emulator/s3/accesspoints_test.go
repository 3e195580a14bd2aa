package s3

import (
	"regexp"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
)

// apReq is an S3 Control access point request of acct.
func apReq(method, path, acct, body string) treq {
	return treq{method: method, target: "/v20180820/accesspoint" + path, body: body, header: map[string]string{"X-Amz-Account-Id": acct}}
}

func createAPBody(bucket, extra string) string {
	return `<CreateAccessPointRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><Bucket>` + bucket + `</Bucket>` + extra + `</CreateAccessPointRequest>`
}

// TestAccessPointControl: Create, Get, List, Delete and errors as recorded
// from AWS (LocalStack test_s3control.snapshot.json TestS3ControlAccessPoint,
// 30 May 2024).
func TestAccessPointControl(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "apb")
	steps := []step{
		{"list empty", apReq("GET", "", acctA, ""), 200, "", "<ListAccessPointsResult"},
		{"create", apReq("PUT", "/myap", acctA, createAPBody("apb", "")), 200, "",
			"<AccessPointArn>arn:aws:s3:us-east-1:" + acctA + ":accesspoint/myap</AccessPointArn><Alias>myap-"},
		{"create again", apReq("PUT", "/myap", acctA, createAPBody("apb", "")), 409, "AccessPointAlreadyOwnedByYou",
			"Your previous request to create the named accesspoint succeeded and you already own it."},
		{"get", apReq("GET", "/myap", acctA, ""), 200, "",
			"<Name>myap</Name><Bucket>apb</Bucket><NetworkOrigin>Internet</NetworkOrigin><PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls>"},
		{"get endpoints", apReq("GET", "/myap", acctA, ""), 200, "", "<entry><key>ipv4</key><value>s3-accesspoint.us-east-1.amazonaws.com</value></entry>"},
		{"list", apReq("GET", "", acctA, ""), 200, "", "<AccessPoint><Name>myap</Name><NetworkOrigin>Internet</NetworkOrigin><Bucket>apb</Bucket>"},
		{"no such bucket", apReq("PUT", "/other", acctA, createAPBody("nope-bucket", "")), 400, "InvalidRequest",
			"Amazon S3 AccessPoint can only be created for existing bucket"},
		{"name too short", apReq("PUT", "/sa", acctA, createAPBody("apb", "")), 400, "InvalidURI", "<URI>accesspoint/sa</URI>"},
		{"name with underscore", apReq("PUT", "/xn-_test-alias", acctA, createAPBody("apb", "")), 400, "InvalidURI", "<URI>accesspoint/xn-_test-alias</URI>"},
		{"name of 51", apReq("PUT", "/"+strings.Repeat("a", 51), acctA, createAPBody("apb", "")), 400, "InvalidURI", ""},
		{"name in upper case", apReq("PUT", "/WRONG-casing", acctA, createAPBody("apb", "")), 400, "InvalidURI", ""},
		{"leading hyphen", apReq("PUT", "/-hyphen-start", acctA, createAPBody("apb", "")), 400, "InvalidRequest", "Your Amazon S3 AccessPoint name is invalid"},
		{"s3alias suffix", apReq("PUT", "/cannot-end-s3alias", acctA, createAPBody("apb", "")), 400, "InvalidRequest", "Your Amazon S3 AccessPoint name is invalid"},
		{"dot", apReq("PUT", "/cannot-have.dot", acctA, createAPBody("apb", "")), 400, "InvalidRequest", "Your Amazon S3 AccessPoint name is invalid"},
		{"partial block public access", apReq("PUT", "/partial", acctA, createAPBody("apb",
			"<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>")), 200, "", ""},
		{"partial read back", apReq("GET", "/partial", acctA, ""), 200, "",
			"<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls><BlockPublicPolicy>false</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets>"},
		{"page of one", apReq("GET", "?maxResults=1", acctA, ""), 200, "", "<NextToken>"},
		{"another account's header", apReq("GET", "/myap", acctB, ""), 403, "AccessDenied", ""},
		{"delete", apReq("DELETE", "/myap", acctA, ""), 204, "", ""},
		{"get deleted", apReq("GET", "/myap", acctA, ""), 404, "NoSuchAccessPoint", "<AccessPointName>myap</AccessPointName>"},
		{"delete deleted", apReq("DELETE", "/myap", acctA, ""), 404, "NoSuchAccessPoint", "The specified accesspoint does not exist"},
	}
	e.run(t, a, steps)
}

// TestAccessPointPolicyDocument: an access point policy names only the
// access point and objects through it, and Block Public Access refuses a
// public one.
func TestAccessPointPolicyDocument(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "apb")
	e.must(a, apReq("PUT", "/myap", acctA, createAPBody("apb", "")), 200)
	apARN := "arn:aws:s3:us-east-1:" + acctA + ":accesspoint/myap"
	put := func(principal, resource string) treq {
		doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"s3:GetObject","Resource":"` + resource + `"}]}`
		return apReq("PUT", "/myap/policy", acctA, "<PutAccessPointPolicyRequest><Policy>"+xmlEscape(doc)+"</Policy></PutAccessPointPolicyRequest>")
	}
	steps := []step{
		{"no policy", apReq("GET", "/myap/policy", acctA, ""), 404, "NoSuchAccessPointPolicy", ""},
		{"bucket resource", put(`{"AWS":"arn:aws:iam::`+acctB+`:root"}`, "arn:aws:s3:::apb/*"), 400, "MalformedPolicy", "Policy has invalid resource"},
		{"public blocked", put(`"*"`, apARN+"/object/*"), 403, "AccessDenied", "because public policies are prevented by the BlockPublicPolicy setting"},
		{"put", put(`{"AWS":"arn:aws:iam::`+acctB+`:root"}`, apARN+"/object/*"), 200, "", ""},
		{"get", apReq("GET", "/myap/policy", acctA, ""), 200, "", "accesspoint/myap/object/*"},
		{"status", apReq("GET", "/myap/policyStatus", acctA, ""), 200, "", "<PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>"},
		{"delete", apReq("DELETE", "/myap/policy", acctA, ""), 204, "", ""},
		{"gone", apReq("GET", "/myap/policy", acctA, ""), 404, "NoSuchAccessPointPolicy", ""},
	}
	e.run(t, a, steps)
}

var aliasRe = regexp.MustCompile(`<Alias>([a-z0-9-]+)</Alias>`)

// TestAccessPointRequests: a request naming an access point's alias acts on
// its bucket when both the bucket and the access point allow it.
func TestAccessPointRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	b := rootOf(acctB)
	e.createBucket(a, "apb")
	e.must(a, treq{method: "PUT", target: "/apb/k", body: "hello"}, 200)
	created := e.must(a, apReq("PUT", "/myap", acctA, createAPBody("apb", "")), 200).Body.String()
	m := aliasRe.FindStringSubmatch(created)
	if m == nil || len(m[1]) > 63 || !strings.HasSuffix(m[1], "-s3alias") {
		t.Fatalf("no alias of a bucket name's form in %s", created)
	}
	alias := m[1]
	apARN := "arn:aws:s3:us-east-1:" + acctA + ":accesspoint/myap"
	apPolicy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctB +
		`:root"},"Action":"s3:GetObject","Resource":"` + apARN + `/object/*"}]}`
	delegation := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*",` +
		`"Resource":["arn:aws:s3:::apb","arn:aws:s3:::apb/*"],"Condition":{"StringEquals":{"s3:DataAccessPointAccount":"` + acctA + `"}}}]}`
	apOnly := e.user(acctA, "aponly", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"`+apARN+`/object/*"}]}`)
	tests := []struct {
		name   string
		caller authn.Caller
		setup  []treq
		r      treq
		status int
		body   string
	}{
		{"owner reads", a, nil, treq{method: "GET", target: "/" + alias + "/k"}, 200, "hello"},
		{"owner lists", a, nil, treq{method: "GET", target: "/" + alias + "?list-type=2"}, 200, "<Key>k</Key>"},
		{"owner changes the bucket through it", a, nil, treq{method: "PUT", target: "/" + alias + "?versioning",
			body: "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}, 405, ""},
		{"anonymous", anonymous, nil, treq{method: "GET", target: "/" + alias + "/k"}, 403, ""},
		{"other account, no grant", b, nil, treq{method: "GET", target: "/" + alias + "/k"}, 403, ""},
		{"other account, access point policy only", b, []treq{apPolicyReq(apPolicy)}, treq{method: "GET", target: "/" + alias + "/k"}, 403, ""},
		{"other account, both", b, []treq{apPolicyReq(apPolicy), {method: "PUT", target: "/apb?policy", body: delegation}},
			treq{method: "GET", target: "/" + alias + "/k"}, 200, "hello"},
		{"other account, both, an action the access point does not grant", b, nil, treq{method: "PUT", target: "/" + alias + "/z", body: "x"}, 403, ""},
		{"delegation does not open the bucket itself", b, nil, treq{method: "GET", target: "/apb/k"}, 403, ""},
		{"user allowed the access point only, bucket delegating", apOnly, nil, treq{method: "GET", target: "/" + alias + "/k"}, 200, "hello"},
		{"same user, the bucket itself", apOnly, nil, treq{method: "GET", target: "/apb/k"}, 403, ""},
		{"an alias of no access point", a, nil, treq{method: "GET", target: "/nope-0123456789abcdefghijklmnopqrstuvwx-s3alias/k"}, 404, ""},
		// The host an SDK makes of the access point's ARN under a custom
		// endpoint: NAME-ACCOUNT.ENDPOINT.
		{"ARN host, owner", a, nil, treq{method: "GET", target: "/k", host: "myap-" + acctA + ".localhost:4566"}, 200, "hello"},
		{"ARN host, other account, both", b, nil, treq{method: "GET", target: "/k", host: "myap-" + acctA + ".localhost:4566"}, 200, "hello"},
		{"ARN host of no access point", a, nil, treq{method: "GET", target: "/k", host: "nope-" + acctA + ".localhost:4566"}, 404, "NoSuchBucket"},
		{"a bucket of that form wins", a, []treq{{method: "PUT", target: "/myap-" + acctA}, {method: "PUT", target: "/myap-" + acctA + "/k", body: "bucket's own"}},
			treq{method: "GET", target: "/k", host: "myap-" + acctA + ".localhost:4566"}, 200, "bucket's own"},
	}
	for _, tt := range tests { // in order: later cases rely on earlier set-up
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range tt.setup {
				e.must(a, s, s.status())
			}
			w := e.do(tt.caller, tt.r)
			if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("%s %s = %d %s, want %d containing %q", tt.r.method, tt.r.target, w.Code, w.Body, tt.status, tt.body)
			}
		})
	}
}

func apPolicyReq(doc string) treq {
	return apReq("PUT", "/myap/policy", acctA, "<PutAccessPointPolicyRequest><Policy>"+xmlEscape(doc)+"</Policy></PutAccessPointPolicyRequest>")
}

// status is the status a set-up request is expected to answer.
func (r treq) status() int {
	if r.method == "PUT" && strings.HasSuffix(r.target, "?policy") {
		return 204
	}
	return 200
}
