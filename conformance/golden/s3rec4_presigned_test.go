package golden

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// presignedGet is a GET of key in opsBucket through a URL presigned by
// owner, as Python's requests sends it.
func presignedGet(key string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		p, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		if err != nil {
			return nil, err
		}
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL, nil)
		if err != nil {
			return nil, err
		}
		return c.Options().HTTPClient.Do(r)
	}
}

// presignURL presigns method on pathQuery (SigV4 query, owner, us-east-1,
// an hour) with header signed as headers, as botocore's
// S3SigV4QueryAuth does.
func presignURL(ctx context.Context, w *World, method, pathQuery string, header http.Header) (string, error) {
	sep := "?"
	if strings.Contains(pathQuery, "?") {
		sep = "&"
	}
	r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+pathQuery+sep+"X-Amz-Expires=3600", nil)
	if err != nil {
		return "", err
	}
	for k, vs := range header {
		r.Header[http.CanonicalHeaderKey(k)] = vs
	}
	// S3 signs the path as sent (already escaped), as the SDK's S3 client does.
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableHeaderHoisting, o.DisableURIPathEscaping = true, true })
	u, _, err := signer.PresignHTTP(ctx, Root(owner), r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
	return u, err
}

// sendPresigned presigns method on pathQuery and sends it with body and
// header; the answer's body is in the "Body" header, its XML error
// elements in "Error-<Name>".
func sendPresigned(method, pathQuery, body string, header http.Header) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		u, err := presignURL(ctx, w, method, pathQuery, nil)
		if err != nil {
			return nil, err
		}
		out, err := sendRaw(ctx, w, method, u, body, header)
		if err != nil {
			return nil, err
		}
		return withBodyHeader(out.(*http.Response))
	}
}

// withBodyHeader re-buffers resp's body and copies it into the "Body"
// header.
func withBodyHeader(resp *http.Response) (any, error) {
	body, err := rebuffer(resp)
	if err != nil {
		return nil, err
	}
	resp.Header.Set("Body", string(body))
	return resp, nil
}

// presignedURLs4: requests through SigV4 presigned URLs
// (LocalStack TestS3PresignedUrl tests whose asserts hold AWS's answers).
func presignedURLs4() []Case {
	const pt = "TestS3PresignedUrl::"
	const ek = "/" + opsBucket + "/key-by-hostname"
	html := putKeyWith("key-by-hostname", "something", func(in *s3.PutObjectInput) { in.ContentType = aws.String("text/html; charset=utf-8") })
	const empty = "d41d8cd98f00b204e9800998ecf8427e"
	// S3's documented answer to a failed precondition
	// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList,
	// PreconditionFailed 412); the tests assert the status only.
	failed := Want{Status: 412, Code: "PreconditionFailed", Message: "At least one of the pre-conditions you specified did not hold"}
	ranged := putKeyWith("foo/bar/key-by-hostname", strings.Repeat("something ", 20), func(in *s3.PutObjectInput) { in.ContentType = aws.String("foo/bar; charset=utf-8") })
	return []Case{
		withStatus(204, s3OK("DeleteObject/presigned: no Content-Type, no Content-Length", s3rec4(pt+"test_delete_has_empty_content_length_header", "(asserts)"),
			s3Steps(html), nil, map[string]any{"header:Content-Type": Absent, "header:Content-Length": Absent, "header:X-Amz-Id-2": Present, "header:Body": ""})).
			calling(sendPresigned(http.MethodDelete, ek, "", nil)),
		withStatus(204, s3OK("DeleteObject/presigned with Accept-Encoding gzip", s3rec4(pt+"test_delete_has_empty_content_length_header", "(asserts)"),
			s3Steps(html), nil, map[string]any{"header:Content-Type": Absent, "header:Content-Length": Absent, "header:Content-Encoding": Absent})).
			calling(sendPresigned(http.MethodDelete, ek, "", http.Header{"Accept-Encoding": {"gzip"}})),
		s3OK("HeadObject/presigned: Content-Length of the object", s3rec4(pt+"test_head_has_correct_content_length_header", "(asserts)"),
			s3Steps(putKeyWith("key-by-hostname", "something body \n \n\r", func(in *s3.PutObjectInput) { in.ContentType = aws.String("text/html; charset=utf-8") })),
			nil, map[string]any{"header:Content-Length": "19"}).calling(sendPresigned(http.MethodHead, ek, "", nil)),
		s3OK("GetObject/presigned with a request body", s3rec4(pt+"test_get_object_ignores_request_body", "(asserts)"), s3Steps(putKey("foo-key", "foobar")),
			nil, map[string]any{"header:Body": "foobar"}).calling(sendPresigned(http.MethodGet, "/"+opsBucket+"/foo-key", "get body is ignored by AWS", nil)),
		s3OK("GetObject/presigned with an extra signed query parameter", s3rec4(pt+"test_presign_with_additional_query_params", "(asserts)"),
			s3Steps(putKey("test", "test-value")), nil, map[string]any{"header:Body": "test-value"}).
			calling(sendPresigned(http.MethodGet, "/"+opsBucket+"/test?requestedBy=abcDEF123", "", nil)),
		s3OK("GetObject/presigned keeps the stored Content-Type", s3rec4(pt+"test_s3_get_response_content_type_same_as_upload_and_range", "(asserts)"),
			s3Steps(ranged), nil, map[string]any{"header:Content-Type": "foo/bar; charset=utf-8"}).calling(sendPresigned(http.MethodGet, "/"+opsBucket+"/foo/bar/key-by-hostname", "", nil)),
		withStatus(206, s3OK("GetObject/presigned with a Range keeps the stored Content-Type", s3rec4(pt+"test_s3_get_response_content_type_same_as_upload_and_range", "(asserts)"),
			s3Steps(ranged), nil, map[string]any{"header:Content-Type": "foo/bar; charset=utf-8", "header:Body": "something something"})).
			calling(sendPresigned(http.MethodGet, "/"+opsBucket+"/foo/bar/key-by-hostname", "", http.Header{"Range": {"bytes=0-18"}})),
		s3OK("GetObject/presigned, no Content-Type stored", s3rec4(pt+"test_s3_get_response_default_content_type", "(asserts)"),
			s3Steps(botoPut("key-by-hostname", "something", nil)), nil, map[string]any{"header:Content-Type": "binary/octet-stream"}).
			calling(sendPresigned(http.MethodGet, ek, "", nil)),
		s3OK("GetObject/presigned with response-* overrides", s3rec4(pt+"test_s3_get_response_header_overrides[s3v4]", "(asserts)"),
			s3Steps(putKey("key-header-overrides", "something")), nil, map[string]any{"header:Cache-Control": "max-age=74",
				"header:Content-Disposition": `attachment; filename="foo.jpg"`, "header:Content-Encoding": "identity", "header:Content-Language": "de-DE",
				"header:Content-Type": "image/jpeg", "header:Expires": Match(`^(2015-10-21T07:28:00Z|Wed, 21 Oct 2015 07:28:00 GMT)$`)}).
			calling(sendPresigned(http.MethodGet, "/"+opsBucket+"/key-header-overrides?response-cache-control=max-age%3D74&response-content-disposition="+
				"attachment%3B%20filename%3D%22foo.jpg%22&response-content-encoding=identity&response-content-language=de-DE&response-content-type=image%2Fjpeg"+
				"&response-expires=Wed%2C%2021%20Oct%202015%2007%3A28%3A00%20GMT", "", nil)),
		{Name: "PutObject/presigned with If-Match in the query, not matching", Source: s3rec4(pt+"test_pre_signed_url_if_match", "(asserts)"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				bucket(ctx, t, w, opsBucket)
				object(ctx, t, w, opsBucket, "test-precondition", "test")
			},
			Call: sendPresigned(http.MethodPut, "/"+opsBucket+"/test-precondition?If-Match="+empty, "", nil), Want: failed},
		{Name: "PutObject/presigned with If-None-Match * in the query, new key", Source: s3rec4(pt+"test_pre_signed_url_if_none_match", "(asserts)"),
			Setup: withBucket(opsBucket), Call: sendPresigned(http.MethodPut, "/"+opsBucket+"/temp.txt?If-None-Match=%2A", "", nil)},
		{Name: "PutObject/presigned with If-None-Match * in the query, existing key", Source: s3rec4(pt+"test_pre_signed_url_if_none_match", "(asserts)"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				bucket(ctx, t, w, opsBucket)
				object(ctx, t, w, opsBucket, "temp.txt", "123")
			},
			Call: sendPresigned(http.MethodPut, "/"+opsBucket+"/temp.txt?If-None-Match=%2A", "", nil), Want: failed},
		s3OK("PutObject/presigned with a signed x-amz-content-sha256 header", s3rec4(pt+"test_s3_ignored_special_headers", "(asserts)"), nil, nil, nil).
			calling(func(ctx context.Context, w *World) (any, error) {
				u, err := presignURL(ctx, w, http.MethodPut, "/"+opsBucket+"/my-key", http.Header{"X-Amz-Content-Sha256": {"UNSIGNED-PAYLOAD"}})
				if err != nil {
					return nil, err
				}
				if !strings.Contains(u, "x-amz-content-sha256") {
					return nil, fmt.Errorf("x-amz-content-sha256 not signed: %s", u)
				}
				return sendRaw(ctx, w, http.MethodPut, u, "something", http.Header{"X-Amz-Content-Sha256": {"UNSIGNED-PAYLOAD"}})
			}),
		{Name: "GetObject/presigned PUT URL with %2F before the bucket", Source: s3rec4(pt+"test_pre_signed_url_forward_slash_bucket", "(asserts)"),
			Setup: withBucket(opsBucket),
			Call: func(ctx context.Context, w *World) (any, error) {
				u, err := presignURL(ctx, w, http.MethodPut, "/"+opsBucket+"/temp.txt", nil)
				if err != nil {
					return nil, err
				}
				return sendRaw(ctx, w, http.MethodGet, strings.Replace(u, "/"+opsBucket, "/%2F"+opsBucket, 1), "", nil)
			},
			Want: Want{Status: 403, Code: "SignatureDoesNotMatch", Fields: map[string]any{"header:Error-CanonicalRequest": Prefix("GET\n//" + opsBucket + "/temp.txt")}}},
	}
}

// presignedWrites4: a multipart upload and a copy through presigned URLs
// (LocalStack TestS3PresignedUrl tests; their asserts hold AWS's answers).
func presignedWrites4() []Case {
	const mp = "TestS3PresignedUrl::test_presigned_url_signature_authentication_multi_part"
	const data = "hello this is a upload test"
	// Each case has its own upload: the cases run in parallel.
	var upV4, upV2 mpuState
	begin := func(up *mpuState) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			out, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("temp.txt")})
			if err == nil {
				up.id = out.UploadId
			}
			return err
		}
	}
	// uploadThenGet sends the part of up through url(uploadId), completes
	// the upload and reads the object through get.
	uploadThenGet := func(up *mpuState, partURL func(w *World, id string) (string, error), getURL func(w *World) (string, error)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			u, err := partURL(w, aws.ToString(up.id))
			if err != nil {
				return nil, err
			}
			out, err := sendRaw(ctx, w, http.MethodPut, u, data, nil)
			if err != nil || out.(*http.Response).StatusCode != http.StatusOK {
				return out, err
			}
			etag := out.(*http.Response).Header.Get("ETag")
			if _, err := w.S3(Root(owner)).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String("temp.txt"),
				UploadId: up.id, MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: aws.String(etag), PartNumber: aws.Int32(1)}}}}); err != nil {
				return nil, err
			}
			g, err := getURL(w)
			if err != nil {
				return nil, err
			}
			out, err = sendRaw(ctx, w, http.MethodGet, g, "", nil)
			if err != nil {
				return nil, err
			}
			return withBodyHeader(out.(*http.Response))
		}
	}
	v4URL := func(ctx context.Context) (func(w *World, id string) (string, error), func(w *World) (string, error)) {
		return func(w *World, id string) (string, error) {
				return presignURL(ctx, w, http.MethodPut, "/"+opsBucket+"/temp.txt?partNumber=1&uploadId="+id, nil)
			}, func(w *World) (string, error) {
				return presignURL(ctx, w, http.MethodGet, "/"+opsBucket+"/temp.txt", nil)
			}
	}
	v2URL := func(w *World, id string) (string, error) {
		return presignV2(w, Root(owner), http.MethodPut, "/"+opsBucket+"/temp.txt", "", map[string]string{"partNumber": "1", "uploadId": id}), nil
	}
	v2Get := func(w *World) (string, error) {
		return presignV2(w, Root(owner), http.MethodGet, "/"+opsBucket+"/temp.txt", "", nil), nil
	}
	return []Case{
		s3OK("UploadPart/SigV4 presigned, then a presigned GET of the object", s3rec4(mp+"[s3v4-False]", "(asserts)"), s3Steps(begin(&upV4)), nil,
			map[string]any{"header:Body": data}).calling(func(ctx context.Context, w *World) (any, error) {
			part, get := v4URL(ctx)
			return uploadThenGet(&upV4, part, get)(ctx, w)
		}),
		s3OK("UploadPart/SigV2 presigned, then a presigned GET of the object", s3rec4(mp+"[s3-False]", "(asserts)"), s3Steps(begin(&upV2)), nil,
			map[string]any{"header:Body": data}).calling(uploadThenGet(&upV2, v2URL, v2Get)),
		s3OK("CopyObject/presigned, x-amz-copy-source signed as a header", s3rec4("TestS3PresignedUrl::test_s3_copy_md5", "(asserts)"),
			s3Steps(putKey("src", "something")), nil, map[string]any{"header:Xml-ETag": `"437b930db84b8079c2dd804a71936b5f"`}).
			calling(func(ctx context.Context, w *World) (any, error) {
				// botocore signs x-amz-copy-source as a header
				// (SignedHeaders host;x-amz-copy-source), not in the query.
				u, err := presignURL(ctx, w, http.MethodPut, "/"+opsBucket+"/dest", http.Header{"X-Amz-Copy-Source": {opsBucket + "/src"}})
				if err != nil {
					return nil, err
				}
				r, err := http.NewRequestWithContext(ctx, http.MethodPut, u, nil)
				if err != nil {
					return nil, err
				}
				r.Header.Set("X-Amz-Copy-Source", opsBucket+"/src")
				return withXMLFields(w.HTTP.Do(r))
			}),
	}
}

// presignedGetAs creates bucket b as creds, writes key "key" there and GETs
// it through a URL creds presigned (the body in the "Body" header).
func presignedGetAs(ctx context.Context, w *World, creds aws.Credentials, b string) (any, error) {
	c := w.S3(creds)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}); err != nil {
		return nil, err
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("key"), Body: strings.NewReader("test-value")}); err != nil {
		return nil, err
	}
	p, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("key")}, s3.WithPresignExpires(10*time.Minute))
	if err != nil {
		return nil, err
	}
	out, err := sendRaw(ctx, w, http.MethodGet, p.URL, "", nil)
	if err != nil {
		return nil, err
	}
	return withBodyHeader(out.(*http.Response))
}

// presignedCredentials4: presigned URLs signed with temporary credentials
// (LocalStack TestS3PresignedUrl tests; their asserts hold AWS's answers).
func presignedCredentials4() []Case {
	const pt = "TestS3PresignedUrl::"
	var admin aws.Credentials // an IAM user allowed sts:AssumeRole (a root cannot assume roles)
	return []Case{
		{Name: "GetObject/presigned with GetSessionToken credentials", Source: s3rec4(pt+"test_presigned_url_with_session_token", "(asserts)"),
			Call: func(ctx context.Context, w *World) (any, error) {
				out, err := w.STS(Root(owner)).GetSessionToken(ctx, &sts.GetSessionTokenInput{})
				if err != nil {
					return nil, err
				}
				return presignedGetAs(ctx, w, sessionOf(out.Credentials), "golden-session-presign")
			},
			Want: Want{Fields: map[string]any{"header:Body": "test-value"}}},
		{Name: "GetObject/presigned with an assumed role's credentials", Source: s3rec4(pt+"test_presigned_url_with_different_user_credentials", "(asserts)"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				admin = w.User(ctx, t, owner, "admin", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
				c := w.IAM(Root(owner))
				trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + owner + `"},"Action":"sts:AssumeRole"}]}`
				if _, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("presigner"), AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
					t.Fatal(err)
				}
				policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:CreateBucket","s3:PutObject","s3:GetObject","s3:DeleteBucket","s3:DeleteObject"],"Resource":"*"}]}`
				if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("presigner"), PolicyName: aws.String("s3"), PolicyDocument: aws.String(policy)}); err != nil {
					t.Fatal(err)
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				out, err := w.STS(admin).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + owner + ":role/presigner"),
					RoleSessionName: aws.String("presign")})
				if err != nil {
					return nil, err
				}
				return presignedGetAs(ctx, w, sessionOf(out.Credentials), "golden-role-presign")
			},
			Want: Want{Fields: map[string]any{"header:Body": "test-value"}}},
		s3OK("GetObject/SigV4 presigned, key with = encoded", s3rec4(pt+"test_s3_presign_url_encoding[s3v4]", "(asserts)"),
			s3Steps(putKey("table1-partitioned/date=2023-06-28/test.csv", "123")), nil, map[string]any{"header:Body": "123"}).
			calling(sendPresigned(http.MethodGet, "/"+opsBucket+"/table1-partitioned/date%3D2023-06-28/test.csv", "", nil)),
		s3OK("GetObject/SigV2 presigned, key with = encoded", s3rec4(pt+"test_s3_presign_url_encoding[s3]", "(asserts)"),
			s3Steps(putKey("table1-partitioned/date=2023-06-28/test.csv", "123")), nil, map[string]any{"header:Body": "123"}).
			calling(func(ctx context.Context, w *World) (any, error) {
				u := presignV2(w, Root(owner), http.MethodGet, "/"+opsBucket+"/table1-partitioned/date%3D2023-06-28/test.csv", "", nil)
				out, err := sendRaw(ctx, w, http.MethodGet, u, "", nil)
				if err != nil {
					return nil, err
				}
				return withBodyHeader(out.(*http.Response))
			}),
	}
}
