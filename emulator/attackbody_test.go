package emulator_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// swapped is a root-signed request whose x-amz-content-sha256 and
// signature are for signedBody, sent with sentBody instead.
func swapped(method, path, signedBody, sentBody string, header map[string]string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := e.s3(t, e.root, method, path, signedBody, header)
		r.Body = io.NopCloser(strings.NewReader(sentBody))
		r.ContentLength = int64(len(sentBody))
		return r
	}
}

func tagging(v string) string {
	return `<Tagging><TagSet><Tag><Key>k</Key><Value>` + v + `</Value></Tag></TagSet></Tagging>`
}

func publicPolicy(action string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"` + action + `","Resource":"arn:aws:s3:::atk/*"}]}`
}

func deleteOf(key string) string { return `<Delete><Object><Key>` + key + `</Key></Object></Delete>` }

// TestAttackBodySwapped replaces the signed body of configuration and
// batch requests, whose handlers read a document and may stop before its
// end: S3 checks the payload against x-amz-content-sha256 before acting,
// 400 XAmzContentSHA256Mismatch
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html),
// and the configuration is left as it was.
func TestAttackBodySwapped(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	versioning := func(s string) string {
		return `<VersioningConfiguration><Status>` + s + `</Status></VersioningConfiguration>`
	}
	cors := func(origin string) string {
		return `<CORSConfiguration><CORSRule><AllowedOrigin>` + origin + `</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	}
	pab := func(b string) string {
		return `<PublicAccessBlockConfiguration><BlockPublicAcls>` + b + `</BlockPublicAcls></PublicAccessBlockConfiguration>`
	}
	const code = "XAmzContentSHA256Mismatch"
	runAttacks(t, e, []attack{
		{name: "PutObjectTagging", req: swapped("PUT", "/atk/obj?tagging", tagging("good"), tagging("evil"), nil), status: 400, code: code},
		{name: "PutBucketTagging", req: swapped("PUT", "/atk?tagging", tagging("good"), tagging("evil"), nil), status: 400, code: code},
		{name: "PutBucketPolicy", req: swapped("PUT", "/atk?policy", publicPolicy("s3:GetObjectTagging"), publicPolicy("s3:GetObject"), nil), status: 400, code: code},
		{name: "PutBucketCors", req: swapped("PUT", "/atk?cors", cors("http://a.example"), cors("*"), nil), status: 400, code: code},
		{name: "PutBucketVersioning", req: swapped("PUT", "/atk?versioning", versioning("Enabled"), versioning("Suspended"), nil), status: 400, code: code},
		{name: "PutPublicAccessBlock", req: swapped("PUT", "/atk?publicAccessBlock", pab("true"), pab("false"), nil), status: 400, code: code},
		{name: "DeleteObjects", req: swapped("POST", "/atk?delete", deleteOf("nothing"), deleteOf("secret"),
			map[string]string{"Content-MD5": contentMD5(deleteOf("nothing"))}), status: 400, code: code},
	})
	for path, want := range map[string]string{
		"/atk/obj?tagging": "<TagSet></TagSet>",
		"/atk?versioning":  "<Status>Enabled</Status>",
	} {
		if out := atkMust(t, e.s3(t, e.root, "GET", path, "", nil), http.StatusOK); !strings.Contains(out, want) {
			t.Errorf("GET %s after the attempts = %s, want %s", path, out, want)
		}
	}
	for path, want := range map[string]int{"/atk?policy": 404, "/atk?cors": 404, "/atk?tagging": 404, "/atk/secret": 200} {
		if status, out := atkDo(t, e.s3(t, e.root, "GET", path, "", nil)); status != want {
			t.Errorf("GET %s after the attempts = %d %s, want %d", path, status, trim(out), want)
		}
	}
}

// md5Swapped is a root-signed request with an unsigned payload whose
// signed Content-MD5 is signedBody's, sent with sentBody instead.
func md5Swapped(method, path, signedBody, sentBody string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := atkReq(t, method, e.url(path), []byte(signedBody))
		r.Header.Set("Content-MD5", contentMD5(signedBody))
		e.root.signHeader(r, []string{"content-md5", "host", "x-amz-content-sha256", "x-amz-date"}, "UNSIGNED-PAYLOAD")
		r.Body = io.NopCloser(strings.NewReader(sentBody))
		r.ContentLength = int64(len(sentBody))
		return r
	}
}

// TestAttackBodySwappedUnderContentMD5 replaces the body of requests whose
// payload is unsigned but whose Content-MD5 is signed: every operation
// that reads a body checks it against Content-MD5, 400 BadDigest "The
// Content-MD5 you specified did not match what we received."
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
func TestAttackBodySwappedUnderContentMD5(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	xml := func(root, inner string) string { return "<" + root + ">" + inner + "</" + root + ">" }
	sse := func(alg string) string {
		return xml("ServerSideEncryptionConfiguration", xml("Rule", xml("ApplyServerSideEncryptionByDefault", xml("SSEAlgorithm", alg))))
	}
	acl := func(id string) string {
		return xml("AccessControlPolicy", xml("Owner", xml("ID", id))+"<AccessControlList></AccessControlList>")
	}
	var attacks []attack
	for _, c := range []struct{ method, path, signed, sent string }{
		{"PUT", "/atk/md5obj", "good", "evil"},
		{"PUT", "/atk/obj?tagging", tagging("good"), tagging("evil")},
		{"PUT", "/atk?tagging", tagging("good"), tagging("evil")},
		{"PUT", "/atk?policy", publicPolicy("s3:GetObjectTagging"), publicPolicy("s3:GetObject")},
		{"PUT", "/atk?versioning", xml("VersioningConfiguration", xml("Status", "Enabled")), xml("VersioningConfiguration", xml("Status", "Suspended"))},
		{"POST", "/atk?delete", deleteOf("nothing"), deleteOf("secret")},
		{"PUT", "/atk?publicAccessBlock", xml("PublicAccessBlockConfiguration", xml("BlockPublicAcls", "true")), xml("PublicAccessBlockConfiguration", xml("BlockPublicAcls", "false"))},
		{"PUT", "/atk?ownershipControls", xml("OwnershipControls", xml("Rule", xml("ObjectOwnership", "BucketOwnerEnforced"))),
			xml("OwnershipControls", xml("Rule", xml("ObjectOwnership", "ObjectWriter")))},
		{"PUT", "/atk?encryption", sse("AES256"), sse("aws:kms")},
		{"PUT", "/atk?acl", acl("x"), acl("y")},
		{"PUT", "/atk/obj?acl", acl("x"), acl("y")},
		{"PUT", "/atk?requestPayment", xml("RequestPaymentConfiguration", xml("Payer", "BucketOwner")), xml("RequestPaymentConfiguration", xml("Payer", "Requester"))},
	} {
		a := attack{name: c.method + " " + c.path, req: md5Swapped(c.method, c.path, c.signed, c.sent), status: 400, code: "BadDigest",
			message: "The Content-MD5 you specified did not match what we received."}
		if c.path == "/atk/md5obj" {
			a.absent = c.path
		}
		attacks = append(attacks, a)
	}
	runAttacks(t, e, attacks)
	atkMust(t, e.s3(t, e.root, "HEAD", "/atk/secret", "", nil), http.StatusOK)
}
