package s3

import (
	"strings"
	"testing"
)

const corsDoc = `<CORSConfiguration>
<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*suffix</AllowedOrigin></CORSRule>
<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>start*end</AllowedOrigin></CORSRule>
<CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>prefix*</AllowedOrigin></CORSRule>
<CORSRule><ID>put</ID><AllowedMethod>PUT</AllowedMethod><AllowedOrigin>*.put</AllowedOrigin><AllowedHeader>x-amz-*</AllowedHeader><AllowedHeader>content-type</AllowedHeader><ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-request-id</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>
<CORSRule><AllowedMethod>DELETE</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>
</CORSConfiguration>`

func TestBucketCorsConfiguration(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "corsb")
	steps := []step{
		{"get none", treq{method: "GET", target: "/corsb?cors"}, 404, "NoSuchCORSConfiguration", "<BucketName>corsb</BucketName>"},
		{"malformed", treq{method: "PUT", target: "/corsb?cors", body: "<CORSConfiguration><CORSRule>"}, 400, "MalformedXML", ""},
		{"no rules", treq{method: "PUT", target: "/corsb?cors", body: "<CORSConfiguration></CORSConfiguration>"}, 400, "MalformedXML", ""},
		{"no origin", treq{method: "PUT", target: "/corsb?cors", body: "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"}, 400, "MalformedXML", ""},
		{"bad method", treq{method: "PUT", target: "/corsb?cors", body: "<CORSConfiguration><CORSRule><AllowedMethod>PATCH</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>"},
			400, "InvalidRequest", "Unsupported method is PATCH"},
		{"two wildcards", treq{method: "PUT", target: "/corsb?cors", body: "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*a*</AllowedOrigin></CORSRule></CORSConfiguration>"},
			400, "InvalidRequest", "can not have more than one wildcard"},
		{"bad md5", treq{method: "PUT", target: "/corsb?cors", body: corsDoc, header: map[string]string{"Content-MD5": "1B2M2Y8AsgTpgAmY7PhCfg=="}}, 400, "BadDigest", ""},
		{"put", treq{method: "PUT", target: "/corsb?cors", body: corsDoc}, 200, "", ""},
		{"get", treq{method: "GET", target: "/corsb?cors"}, 200, "", "<MaxAgeSeconds>3000</MaxAgeSeconds>"},
		{"no bucket", treq{method: "GET", target: "/nocors?cors"}, 404, "NoSuchBucket", ""},
	}
	e.run(t, a, steps)
	w := e.must(a, treq{method: "GET", target: "/corsb?cors"}, 200)
	golden(t, "get-bucket-cors", w.Body.Bytes())

	if w := e.do(rootOf(acctB), treq{method: "GET", target: "/corsb?cors"}); w.Code != 403 {
		t.Errorf("other account GetBucketCors = %d, want 403", w.Code)
	}
	e.must(a, treq{method: "DELETE", target: "/corsb?cors"}, 204)
	e.must(a, treq{method: "GET", target: "/corsb?cors"}, 404)
}

func TestCorsRequests(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "corsr")
	e.createBucket(a, "plain")
	e.must(a, treq{method: "PUT", target: "/corsr?cors", body: corsDoc}, 200)
	e.must(a, treq{method: "PUT", target: "/corsr/bar", body: "x"}, 200)
	type hdrs = map[string]string
	tests := []struct {
		name    string
		caller  bool // signed by the owner (else anonymous)
		r       treq
		status  int
		code    string
		msg     string
		headers hdrs // "" means absent
	}{
		{"get no origin", true, treq{method: "GET", target: "/corsr/bar"}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "", "Vary": ""}},
		{"get suffix", true, treq{method: "GET", target: "/corsr/bar", header: hdrs{"Origin": "foo.suffix"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "foo.suffix", "Access-Control-Allow-Methods": "GET",
				"Access-Control-Allow-Credentials": "true", "Vary": corsVary}},
		// No rule matches: no CORS headers and no Vary (localstack
		// test_s3_cors.snapshot.json TestS3Cors::test_cors_match_origins "get-wrong-origin").
		{"get no match", true, treq{method: "GET", target: "/corsr/bar", header: hdrs{"Origin": "foo.bar"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "", "Vary": ""}},
		{"get suffix.get", true, treq{method: "GET", target: "/corsr/bar", header: hdrs{"Origin": "foo.suffix.get"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": ""}},
		{"get startend", true, treq{method: "GET", target: "/corsr/bar", header: hdrs{"Origin": "startend"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "startend"}},
		{"get start1end", true, treq{method: "GET", target: "/corsr/bar", header: hdrs{"Origin": "start1end"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "start1end"}},
		{"get prefix", true, treq{method: "GET", target: "/corsr/bar", header: hdrs{"Origin": "prefix.x"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "prefix.x"}},
		{"put wrong method", true, treq{method: "PUT", target: "/corsr/bar", body: "y", header: hdrs{"Origin": "foo.suffix"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": ""}},
		{"put put-origin", true, treq{method: "PUT", target: "/corsr/bar", body: "y", header: hdrs{"Origin": "foo.put"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "foo.put", "Access-Control-Allow-Methods": "PUT",
				"Access-Control-Expose-Headers": "ETag, x-amz-request-id", "Access-Control-Max-Age": "3000"}},
		{"error response keeps cors", true, treq{method: "GET", target: "/corsr/missing", header: hdrs{"Origin": "foo.suffix"}}, 404, "NoSuchKey", "",
			hdrs{"Access-Control-Allow-Origin": "foo.suffix"}},
		{"wildcard origin", true, treq{method: "DELETE", target: "/corsr/other", header: hdrs{"Origin": "http://x.example"}}, 204, "", "",
			hdrs{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": ""}},

		{"options no origin", false, treq{method: "OPTIONS", target: "/corsr"}, 400, "BadRequest",
			"Insufficient information. Origin request header needed.", nil},
		{"options no method", false, treq{method: "OPTIONS", target: "/corsr", header: hdrs{"Origin": "foo.suffix"}}, 403, "BadRequest", "", nil},
		{"preflight object", false, treq{method: "OPTIONS", target: "/corsr/bar", header: hdrs{"Origin": "foo.suffix", "Access-Control-Request-Method": "GET"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Origin": "foo.suffix", "Access-Control-Allow-Methods": "GET", "Vary": corsVary}},
		{"preflight bucket no match", false, treq{method: "OPTIONS", target: "/corsr", header: hdrs{"Origin": "foo.bar", "Access-Control-Request-Method": "GET"}}, 403, "AccessForbidden",
			corsNotAllowed, hdrs{"Access-Control-Allow-Origin": ""}},
		{"preflight wrong method", false, treq{method: "OPTIONS", target: "/corsr/bar", header: hdrs{"Origin": "foo.suffix", "Access-Control-Request-Method": "PUT"}}, 403, "AccessForbidden", corsNotAllowed, nil},
		{"preflight headers allowed", false, treq{method: "OPTIONS", target: "/corsr/bar", header: hdrs{"Origin": "a.put", "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "X-Amz-Date, Content-Type"}}, 200, "", "",
			hdrs{"Access-Control-Allow-Headers": "x-amz-date, content-type", "Access-Control-Max-Age": "3000", "Access-Control-Allow-Credentials": "true"}},
		{"preflight header refused", false, treq{method: "OPTIONS", target: "/corsr/bar", header: hdrs{"Origin": "a.put", "Access-Control-Request-Method": "PUT",
			"Access-Control-Request-Headers": "authorization"}}, 403, "AccessForbidden", corsNotAllowed, nil},
		{"preflight not enabled", false, treq{method: "OPTIONS", target: "/plain/x", header: hdrs{"Origin": "a", "Access-Control-Request-Method": "GET"}}, 403, "AccessForbidden", corsNotEnabled, nil},
		{"preflight no bucket", false, treq{method: "OPTIONS", target: "/nobucket/x", header: hdrs{"Origin": "a", "Access-Control-Request-Method": "GET"}}, 403, "AccessForbidden", "CORSResponse: Bucket not found", nil},
		{"preflight virtual host", false, treq{method: "OPTIONS", target: "/bar", host: "corsr.s3.localhost.localstack.cloud:4566",
			header: hdrs{"Origin": "prefix-z", "Access-Control-Request-Method": "GET"}}, 200, "", "", hdrs{"Access-Control-Allow-Origin": "prefix-z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := anonymous
			if tc.caller {
				c = a
			}
			w := e.do(c, tc.r)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d %s, want %d", tc.r.method, tc.r.target, w.Code, w.Body, tc.status)
			}
			var code, msg string
			if w.Code >= 300 {
				code, msg = errCode(t, w)
			}
			if code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
			if tc.msg != "" && msg != tc.msg {
				t.Errorf("message = %q, want %q", msg, tc.msg)
			}
			for k, want := range tc.headers {
				if got := w.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
	// The refusal names the method and resource type, as S3's does.
	w := e.do(anonymous, treq{method: "OPTIONS", target: "/corsr/bar", header: map[string]string{"Origin": "nope", "Access-Control-Request-Method": "GET"}})
	for _, want := range []string{"<Method>GET</Method>", "<ResourceType>OBJECT</ResourceType>"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("preflight refusal %s lacks %s", w.Body, want)
		}
	}
}

// TestParseCORSHeaderNames: AWS refuses an ExposeHeader that is no HTTP
// header name with InvalidRequest naming it as an AllowedHeader, and (as
// observed in scality/cloudserver#497, 2016) makes no such check on
// AllowedHeader.
func TestParseCORSHeaderNames(t *testing.T) {
	rule := func(inner string) []byte {
		return []byte("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin>" + inner + "</CORSRule></CORSConfiguration>")
	}
	for _, c := range []struct {
		inner, msg string // msg "" when taken
	}{
		{"<ExposeHeader>ETag</ExposeHeader><ExposeHeader>x-amz-meta-a_b</ExposeHeader>", ""},
		{"<ExposeHeader>Bad/Header</ExposeHeader>", `AllowedHeader "Bad/Header" contains invalid character.`},
		{"<ExposeHeader>X-Custom:Header</ExposeHeader>", `AllowedHeader "X-Custom:Header" contains invalid character.`},
		{"<ExposeHeader>Bad=Name</ExposeHeader>", `AllowedHeader "Bad=Name" contains invalid character.`},
		{"<ExposeHeader>invalid header</ExposeHeader>", `AllowedHeader "invalid header" contains invalid character.`},
		{"<AllowedHeader>Bad/Header</AllowedHeader>", ""},
	} {
		_, err := parseCORS(rule(c.inner))
		switch {
		case c.msg == "" && err != nil:
			t.Errorf("%s: refused: %v", c.inner, err)
		case c.msg != "" && (err == nil || err.Error() != "InvalidRequest: "+c.msg):
			t.Errorf("%s: got %v, want InvalidRequest %q", c.inner, err, c.msg)
		}
	}
}
