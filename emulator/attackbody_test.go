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
