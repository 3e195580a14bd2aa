package golden

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's cors.rs and public_access_cors.rs.

const bktPreflightOp = "S3 OPTIONS (CORS preflight)"

// bktRule is the suite's simple_rule, with optional headers and max age.
func bktRule(origins, methods, allowed, expose []string, maxAge int32) types.CORSRule {
	r := types.CORSRule{AllowedOrigins: origins, AllowedMethods: methods, AllowedHeaders: allowed, ExposeHeaders: expose}
	if maxAge != 0 {
		r.MaxAgeSeconds = aws.Int32(maxAge)
	}
	return r
}

// bktCORS puts the rules on argminBkt as the primary user.
func bktCORS(rules ...types.CORSRule) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).PutBucketCors(ctx, &s3.PutBucketCorsInput{Bucket: aws.String(argminBkt),
			CORSConfiguration: &types.CORSConfiguration{CORSRules: rules}})
		return err
	}
}

// bktCORSBucket is setup_cors_bucket: a private bucket with rules.
func bktCORSBucket(rules ...types.CORSRule) []argminStep {
	return argminSteps(argminBucket(false, ""), bktCORS(rules...))
}

// bktPublicCORSBucket is setup_public_cors_bucket: create_public_bucket
// (Block Public Access off, public-read) with rules.
func bktPublicCORSBucket(rules ...types.CORSRule) []argminStep {
	return argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead), bktCORS(rules...))
}

// bktUnsigned sends an unsigned request with headers to path (or to a
// full URL when path starts with "http").
func bktUnsigned(method, path string, header http.Header, body []byte) bktCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		u := path
		if !strings.HasPrefix(u, "http") {
			u = w.Endpoint + path
		}
		r, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		for k, v := range header {
			r.Header[http.CanonicalHeaderKey(k)] = v
		}
		return w.HTTP.Do(r)
	}
}

func bktPreflight(path, origin, method, headers string) bktCall {
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	if method != "" {
		h.Set("Access-Control-Request-Method", method)
	}
	if headers != "" {
		h.Set("Access-Control-Request-Headers", headers)
	}
	return bktUnsigned(http.MethodOptions, path, h, nil)
}

func bktOpCase(c Case, op string) Case {
	c.Op = op
	return c
}

// bktCORSRaw is put_bucket_cors_raw: a signed PUT ?cors with Content-MD5.
func bktCORSRaw(query, body string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		sum := md5.Sum([]byte(body))
		return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"?"+query, []byte(body),
			http.Header{"Content-Md5": {base64.StdEncoding.EncodeToString(sum[:])}})
	}
}

func bktCORSRules(n int) string {
	var b strings.Builder
	b.WriteString("<CORSConfiguration>")
	for i := range n {
		fmt.Fprintf(&b, "<CORSRule><AllowedOrigin>https://%d.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>", i)
	}
	b.WriteString("</CORSConfiguration>")
	return b.String()
}

func bktGetCORS(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).GetBucketCors(ctx, &s3.GetBucketCorsInput{Bucket: aws.String(argminBkt)})
}

func TestArgminCORSConfig(t *testing.T) {
	src := func(test string) string { return argmin("cors.rs", test) }
	one := bktRule([]string{"http://example.com"}, []string{"GET", "PUT"}, []string{"*"}, []string{"x-amz-request-id"}, 3600)
	two := []types.CORSRule{
		bktRule([]string{"http://example.com", "https://example.org"}, []string{"GET", "PUT"}, []string{"content-type", "x-amz-meta-*"},
			[]string{"etag", "x-amz-request-id"}, 3600),
		bktRule([]string{"*"}, []string{"HEAD", "POST"}, []string{"authorization"}, []string{"x-amz-version-id"}, 60)}
	deleteCORS := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: aws.String(argminBkt)})
	}
	oversized := "<CORSConfiguration><CORSRule><AllowedOrigin>https://" + strings.Repeat("a", 65*1024) +
		".example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"
	shapeRule := bktRule([]string{"https://example.com"}, []string{"GET", "PUT"}, []string{"*"}, []string{"x-amz-request-id"}, 3600)
	Run(t, []Case{
		argminCase("GetBucketCors/the rule put", src("test_cors_set_get_delete"), bktCORSBucket(one), bktGetCORS,
			Want{Fields: map[string]any{"CORSRules": Len(1), "CORSRules[0].AllowedOrigins": Len(1), "CORSRules[0].AllowedOrigins[0]": "http://example.com",
				"CORSRules[0].AllowedMethods": bktAll("GET", "PUT")}}),
		argminCase("GetBucketCors/after DeleteBucketCors", src("test_cors_set_get_delete"),
			append(bktCORSBucket(one), bktStep(deleteCORS)), bktGetCORS, Want{Refused: true}),
		argminCase("GetBucketCors/two rules round trip", src("test_cors_get_round_trip_multiple_rules_and_headers"), bktCORSBucket(two...), bktGetCORS,
			Want{Fields: map[string]any{"CORSRules": Len(2),
				"CORSRules[0].AllowedOrigins": "[http://example.com https://example.org]", "CORSRules[0].AllowedMethods": bktAll("GET", "PUT"),
				"CORSRules[0].AllowedHeaders": bktAll("content-type", "x-amz-meta-*"), "CORSRules[0].ExposeHeaders": bktAll("etag", "x-amz-request-id"),
				"CORSRules[0].MaxAgeSeconds": 3600, "CORSRules[1].AllowedOrigins": "[*]", "CORSRules[1].AllowedMethods": bktAll("HEAD", "POST"),
				"CORSRules[1].AllowedHeaders": bktAll("authorization"), "CORSRules[1].ExposeHeaders": bktAll("x-amz-version-id"),
				"CORSRules[1].MaxAgeSeconds": 60}}),
		argminCase("PutBucketCors/100 rules", src("test_cors_put_max_rules"), argminSteps(argminBucket(false, "")),
			bktCORSRaw("cors", bktCORSRules(100)), Want{}),
		argminCase("GetBucketCors/100 rules", src("test_cors_put_max_rules"), argminSteps(argminBucket(false, ""), bktStep(bktCORSRaw("cors", bktCORSRules(100)))),
			bktGetCORS, Want{Fields: map[string]any{"CORSRules": Len(100)}}),
		argminCase("PutBucketCors/101 rules", src("test_cors_put_too_many_rules_rejected"), argminSteps(argminBucket(false, "")),
			bktCORSRaw("cors", bktCORSRules(101)), Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}),
		argminCase("PutBucketCors/over 64 KiB", src("test_cors_put_oversized_config_rejected"), argminSteps(argminBucket(false, "")),
			bktRawBody(bktCORSRaw("cors", oversized)), Want{Status: http.StatusBadRequest, Code: "MaxMessageLengthExceeded",
				Fields: map[string]any{"Body.Text": bktHas("<MaxMessageLengthBytes>65536</MaxMessageLengthBytes>")}}),
		argminCase("GetBucketCors/no configuration", src("test_cors_get_no_config"), argminSteps(argminBucket(false, "")), bktGetCORS, Want{Refused: true}),
		argminCase("DeleteBucketCors/no configuration", src("test_cors_delete_no_config"), argminSteps(argminBucket(false, "")), deleteCORS,
			Want{Status: http.StatusNoContent}),
		argminCase("GetBucketCors/the body as AWS writes it", src("test_get_bucket_cors_response_shape"), bktCORSBucket(shapeRule),
			bktRawBody(bktSignedGet("/"+argminBkt+"?cors=")), Want{Fields: map[string]any{"header:Content-Type": Absent,
				"header:x-amz-request-id": Present, "header:x-amz-id-2": Present,
				"Body.Text": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule>" +
					"<AllowedOrigin>https://example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>" +
					"<MaxAgeSeconds>3600</MaxAgeSeconds><ExposeHeader>x-amz-request-id</ExposeHeader><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>"}}),
		argminCase("PutBucketCors/the acknowledgement", src("test_cors_write_ack_shapes"), argminSteps(argminBucket(false, "")),
			bktRawBody(bktCORSRaw("cors=", "<CORSConfiguration><CORSRule><AllowedOrigin>https://example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")),
			Want{Fields: map[string]any{"Body.Text": "", "header:Content-Type": Absent, "header:x-amz-request-id": Present, "header:x-amz-id-2": Present}}),
		argminCase("DeleteBucketCors/the acknowledgement", src("test_cors_write_ack_shapes"),
			bktCORSBucket(bktRule([]string{"https://example.com"}, []string{"GET"}, nil, nil, 0)),
			bktRawBody(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodDelete, "/"+argminBkt+"?cors=", nil, nil)
			}), Want{Status: http.StatusNoContent, Fields: map[string]any{"Body.Text": "", "header:Content-Type": Absent,
				"header:x-amz-request-id": Present, "header:x-amz-id-2": Present}}),
	})
}

// bktSignedGet is a signed GET as the primary user.
func bktSignedGet(path string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, http.MethodGet, path, nil, nil)
	}
}

// bktRawBody keeps a raw response's body for "Body.Text".
func bktRawBody(call bktCall) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := call(ctx, w, u)
		resp, ok := out.(*http.Response)
		if err != nil || !ok {
			return out, err
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, err = b.ReadFrom(resp.Body)
		resp.Body = &bktTextBody{Text: b.String(), r: strings.NewReader(b.String())}
		return resp, err
	}
}

func TestArgminCORSPreflight(t *testing.T) {
	src := func(test string) string { return argmin("cors.rs", test) }
	bkt := "/" + argminBkt
	get := func(origin string) []types.CORSRule {
		return []types.CORSRule{bktRule([]string{origin}, []string{"GET"}, nil, nil, 0)}
	}
	ok := func(f map[string]any) Want { return Want{Fields: f} }
	forbidden := func(f map[string]any) Want { return Want{Refused: true, Status: http.StatusForbidden, Fields: f} }
	acao := "header:Access-Control-Allow-Origin"
	acam := "header:Access-Control-Allow-Methods"
	maxAge := "header:Access-Control-Max-Age"
	matrix := bktCORSBucket(bktRule([]string{"http://*suffix"}, []string{"GET"}, nil, nil, 0), bktRule([]string{"http://start*end"}, []string{"GET"}, nil, nil, 0),
		bktRule([]string{"http://prefix*"}, []string{"GET"}, nil, nil, 0), bktRule([]string{"http://*.put"}, []string{"PUT"}, nil, nil, 0))
	multi := bktCORSBucket(bktRule([]string{"http://first.com"}, []string{"GET"}, nil, nil, 100), bktRule([]string{"*"}, []string{"GET", "POST"}, nil, nil, 200))
	cases := []Case{
		argminCase("OPTIONS/a matching preflight", src("test_cors_preflight_basic"), bktCORSBucket(get("http://example.com")[0]),
			bktPreflight(bkt, "http://example.com", "GET", ""), ok(map[string]any{acao: "http://example.com", acam: Present})),
		argminCase("OPTIONS/a body does not change a preflight", src("test_cors_preflight_ignores_non_empty_body"), bktCORSBucket(get("http://example.com")...),
			bktUnsigned(http.MethodOptions, bkt, http.Header{"Origin": {"http://example.com"}, "Access-Control-Request-Method": {"GET"}},
				[]byte("this body should not affect preflight evaluation")), ok(map[string]any{acao: "http://example.com"})),
		argminCase("OPTIONS/an origin no rule allows", src("test_cors_preflight_no_match"), bktCORSBucket(get("http://example.com")...),
			bktPreflight(bkt, "http://other.com", "GET", ""), forbidden(nil)),
		argminCase("OPTIONS/no Access-Control-Request-Method", src("test_cors_preflight_missing_request_method"), bktCORSBucket(get("http://example.com")...),
			bktPreflight(bkt, "http://example.com", "", ""), forbidden(nil)),
		argminCase("OPTIONS/no Origin", src("test_cors_preflight_missing_origin"), bktCORSBucket(get("http://example.com")...),
			bktPreflight(bkt, "", "GET", ""), Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("OPTIONS/allowed request headers", src("test_cors_preflight_with_headers"),
			bktCORSBucket(bktRule([]string{"http://example.com"}, []string{"GET"}, []string{"x-custom-header", "content-type"}, nil, 0)),
			bktPreflight(bkt, "http://example.com", "GET", "x-custom-header, content-type"), ok(map[string]any{"header:Access-Control-Allow-Headers": Present})),
		argminCase("OPTIONS/origin * answers *", src("test_cors_preflight_wildcard_origin"), bktCORSBucket(get("*")...),
			bktPreflight(bkt, "http://anything.com", "GET", ""), ok(map[string]any{acao: "*", "header:Access-Control-Allow-Credentials": Absent})),
		argminCase("OPTIONS/allowed header *", src("test_cors_preflight_wildcard_headers"),
			bktCORSBucket(bktRule([]string{"http://example.com"}, []string{"GET"}, []string{"*"}, nil, 0)),
			bktPreflight(bkt, "http://example.com", "GET", "x-anything, x-whatever"), ok(nil)),
		argminCase("OPTIONS/a request header no rule allows", src("test_cors_preflight_rejects_disallowed_request_headers"),
			bktCORSBucket(bktRule([]string{"http://example.com"}, []string{"GET"}, []string{"x-amz-meta-header1"}, nil, 0)),
			bktPreflight(bkt+"/missing", "http://example.com", "GET", "x-amz-meta-header2"), forbidden(map[string]any{acao: Absent, acam: Absent})),
		argminCase("OPTIONS/the first matching rule's max age", src("test_cors_multiple_rules"), multi,
			bktPreflight(bkt, "http://first.com", "GET", ""), ok(map[string]any{maxAge: "100"})),
		argminCase("OPTIONS/the wildcard rule's max age", src("test_cors_multiple_rules"), multi,
			bktPreflight(bkt, "http://other.com", "GET", ""), ok(map[string]any{maxAge: "200"})),
		argminCase("OPTIONS/http://*.example.com allows a subdomain", src("test_cors_origin_with_wildcard"), bktCORSBucket(get("http://*.example.com")...),
			bktPreflight(bkt, "http://sub.example.com", "GET", ""), ok(nil)),
		argminCase("OPTIONS/http://*.example.com does not allow the bare domain", src("test_cors_origin_with_wildcard"), bktCORSBucket(get("http://*.example.com")...),
			bktPreflight(bkt, "http://example.com", "GET", ""), forbidden(nil)),
		argminCase("OPTIONS/MaxAgeSeconds", src("test_cors_max_age"),
			bktCORSBucket(bktRule([]string{"http://example.com"}, []string{"GET"}, nil, nil, 7200)),
			bktPreflight(bkt, "http://example.com", "GET", ""), ok(map[string]any{maxAge: "7200"})),
	}
	for _, m := range []struct {
		origin, method string
		allowed        bool
	}{
		{"http://foo.suffix", "GET", true}, {"http://foo.suffix.get", "GET", false}, {"http://startend", "GET", true},
		{"http://start12end", "GET", true}, {"http://0start12end", "GET", false}, {"http://prefix", "GET", true},
		{"http://prefix.suffix", "GET", true}, {"http://bla.prefix", "GET", false}, {"http://foo.put", "GET", false}, {"http://foo.put", "PUT", true},
	} {
		want := forbidden(map[string]any{acao: Absent, acam: Absent})
		if m.allowed {
			want = ok(map[string]any{acao: m.origin, acam: m.method})
		}
		cases = append(cases, argminCase("OPTIONS/wildcard matrix "+m.origin+" "+m.method, src("test_cors_preflight_origin_wildcard_matrix"), matrix,
			bktPreflight(bkt, m.origin, m.method, ""), want))
	}
	for i := range cases {
		cases[i] = bktOpCase(cases[i], bktPreflightOp)
	}
	cases = append(cases, argminCase("GetObject/anonymous denied still carries CORS headers", src("test_cors_actual_request_headers"),
		append(bktCORSBucket(bktRule([]string{"http://example.com"}, []string{"GET"}, nil, []string{"x-amz-request-id"}, 0)), argminPut("obj", "hello", "")),
		bktUnsigned(http.MethodGet, bkt+"/obj", http.Header{"Origin": {"http://example.com"}}, nil),
		Want{Refused: true, Fields: map[string]any{acao: "http://example.com"}}))
	Run(t, cases)
}

func TestArgminPublicAccessCORS(t *testing.T) {
	src := func(test string) string { return argmin("public_access_cors.rs", test) }
	obj := "/" + argminBkt + "/obj"
	acao := "header:Access-Control-Allow-Origin"
	acam := "header:Access-Control-Allow-Methods"
	origin := func(o string) http.Header { return http.Header{"Origin": {o}} }
	withObj := func(rules ...types.CORSRule) []argminStep {
		return append(bktPublicCORSBucket(rules...), argminPut("obj", "hello", types.ObjectCannedACLPublicRead))
	}
	rule := func(o string, methods ...string) types.CORSRule { return bktRule([]string{o}, methods, nil, nil, 0) }
	matrix := withObj(rule("http://*suffix", "GET"), rule("http://start*end", "GET"), rule("http://prefix*", "GET"))
	presign := func(put bool, header http.Header) bktCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			p := s3.NewPresignClient(primary(w, u), s3.WithPresignExpires(10*time.Minute))
			var url string
			if put {
				r, err := p.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("upload")})
				if err != nil {
					return nil, err
				}
				url = r.URL
			} else {
				r, err := p.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("obj")})
				if err != nil {
					return nil, err
				}
				url = r.URL
			}
			return bktUnsigned(http.MethodOptions, url, header, nil)(ctx, w, u)
		}
	}
	cases := []Case{
		argminCase("GetObject/a matching origin on a public object", src("test_cors_actual_request_public_bucket"),
			withObj(bktRule([]string{"http://example.com"}, []string{"GET"}, nil, []string{"x-amz-request-id"}, 0)),
			bktUnsigned(http.MethodGet, obj, origin("http://example.com"), nil),
			Want{Fields: map[string]any{acao: "http://example.com", "header:Access-Control-Expose-Headers": Present, "header:Access-Control-Allow-Credentials": "true"}}),
		argminCase("GetObject/an origin no rule allows on a public object", src("test_cors_actual_request_no_match"), withObj(rule("http://specific.com", "GET")),
			bktUnsigned(http.MethodGet, obj, origin("http://other.com"), nil), Want{Fields: map[string]any{acao: Absent}}),
		argminCase("GetObject/a missing key still carries CORS headers", src("test_cors_actual_request_missing_object_headers"),
			bktPublicCORSBucket(rule("http://example.com", "GET")), bktUnsigned(http.MethodGet, "/"+argminBkt+"/missing", origin("http://example.com"), nil),
			Want{Refused: true, Status: http.StatusNotFound, Fields: map[string]any{acao: "http://example.com", acam: "GET"}}),
		argminCase("PutObject/anonymous denied matches the rule by the request's method", src("test_cors_actual_request_put_uses_request_method_for_matching"),
			bktPublicCORSBucket(rule("http://example.put", "PUT")), bktUnsigned(http.MethodPut, obj, origin("http://example.put"), []byte{}),
			Want{Refused: true, Status: http.StatusForbidden, Fields: map[string]any{acao: "http://example.put", acam: "PUT"}}),
		bktOpCase(argminCase("OPTIONS/a presigned GET URL's preflight", src("test_cors_presigned_get_object_preflight"), withObj(rule("http://example.com", "GET")),
			presign(false, http.Header{"Origin": {"http://example.com"}, "Access-Control-Request-Method": {"GET"}}),
			Want{Fields: map[string]any{acao: "http://example.com", acam: "GET"}}), bktPreflightOp),
		bktOpCase(argminCase("OPTIONS/a presigned PUT URL's preflight", src("test_cors_presigned_put_object_preflight"),
			bktPublicCORSBucket(bktRule([]string{"http://example.com"}, []string{"PUT"}, []string{"content-type"}, nil, 0)),
			presign(true, http.Header{"Origin": {"http://example.com"}, "Access-Control-Request-Method": {"PUT"}, "Access-Control-Request-Headers": {"content-type"}}),
			Want{Fields: map[string]any{acao: "http://example.com", acam: "PUT", "header:Access-Control-Allow-Headers": "content-type"}}), bktPreflightOp),
	}
	for _, m := range []struct{ origin, allowed string }{
		{"http://foo.suffix", "http://foo.suffix"}, {"http://foo.bar", ""}, {"http://startend", "http://startend"},
		{"http://start12end", "http://start12end"}, {"http://0start12end", ""}, {"http://prefix", "http://prefix"},
		{"http://prefix.suffix", "http://prefix.suffix"}, {"http://bla.prefix", ""},
	} {
		f := map[string]any{acao: Absent, acam: Absent}
		if m.allowed != "" {
			f = map[string]any{acao: m.allowed, acam: "GET"}
		}
		cases = append(cases, argminCase("GetObject/wildcard matrix "+m.origin, src("test_cors_actual_request_origin_wildcard_matrix"), matrix,
			bktUnsigned(http.MethodGet, obj, origin(m.origin), nil), Want{Fields: f}))
	}
	Run(t, cases)
}
