package golden

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Virtual-hosted-style requests: the bucket in the Host header
// (BUCKET.s3.localhost.localstack.cloud here, BUCKET.s3.amazonaws.com or
// BUCKET.s3.REGION.amazonaws.com where the recording sent that), the key
// the whole path. The [True] variants of LocalStack's parametrized tests
// (addressing_style "virtual"), whose [False] variants the other files
// replay path-style, and the vhost halves of tests that send both.

// virtualHosting cites the S3 User Guide's "Virtual hosting of general
// purpose buckets", section "HTTP Host header bucket specification".
const virtualHosting = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html#VirtualHostingSpecifyBucket"

// vhostOK is s3OK with the set-up steps and the call made by a
// virtual-hosted client.
func vhostOK(name, source string, steps []s3Setup, call s3Call, fields map[string]any) Case {
	c := s3OK(name, source, nil, nil, fields)
	c.Setup = func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		for i, s := range steps {
			if err := s(ctx, w.S3VirtualHost(Root(owner))); err != nil {
				t.Fatalf("set-up step %d: %v", i+1, err)
			}
		}
	}
	c.Call = func(ctx context.Context, w *World) (any, error) {
		return call(ctx, w.S3VirtualHost(Root(owner)), opsBucket)
	}
	return c
}

// vhostFails is vhostOK for an error answer.
func vhostFails(name, source string, steps []s3Setup, call s3Call, status int, code, message string) Case {
	c := vhostOK(name, source, steps, call, nil)
	c.Want = Want{Status: status, Code: code, Message: message}
	return c
}

// vhostURL is the URL of pathQuery on bucket addressed virtual-hosted
// style on host (w.ServiceHost when empty).
func vhostURL(w *World, bucket, host, pathQuery string) string {
	if host == "" {
		host = w.ServiceHost
	}
	return "http://" + bucket + "." + host + pathQuery
}

// toVirtualHost turns a path-style URL of the World (w.Endpoint/BUCKET/rest)
// into the same request addressed virtual-hosted style
// (http://BUCKET.ServiceHost/rest). A SigV2 signature stays valid: its
// CanonicalizedResource names the bucket either way.
func toVirtualHost(w *World, bucket, u string) (string, error) {
	rest, ok := strings.CutPrefix(u, w.Endpoint+"/"+bucket)
	if !ok {
		return "", fmt.Errorf("%s is not a path-style URL of bucket %s", u, bucket)
	}
	if !strings.HasPrefix(rest, "/") {
		rest = "/" + rest
	}
	return vhostURL(w, bucket, "", rest), nil
}

// unsignedAt sends an unsigned method to the URL u makes, with headers
// (name, value, ...); the answer's body and XML elements are in its
// headers (withXMLFields).
func unsignedAt(method string, u func(w *World) string, headers ...string) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		r, err := http.NewRequestWithContext(ctx, method, u(w), nil)
		if err != nil {
			return nil, err
		}
		for i := 0; i+1 < len(headers); i += 2 {
			r.Header.Set(headers[i], headers[i+1])
		}
		return withXMLFields(w.HTTP.Do(r))
	}
}

// objectRead is a GetObject output with its body read into Text.
type objectRead struct {
	*s3.GetObjectOutput
	Text string
}

// readKey reads key (its body in the answer's Text).
func readKey(key string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		if err != nil {
			return nil, err
		}
		defer out.Body.Close()
		body, err := io.ReadAll(out.Body)
		return objectRead{out, string(body)}, err
	}
}

// listV2 is a ListObjectsV2 of the bucket.
func listV2(ctx context.Context, c *s3.Client, b string) (any, error) {
	return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
}

func TestS3VirtualHosted(t *testing.T) {
	var cases []Case
	for _, group := range [][]Case{vhostKeys(), vhostBuckets(), vhostPresigned(), vhostHostRules(), vhostCORS(), vhostLocations()} {
		cases = append(cases, group...)
	}
	Run(t, cases)
}

// vhostKeys: keys written, listed and read through a virtual-hosted client.
func vhostKeys() []Case {
	const encoded, slashes = "TestS3::test_url_encoded_key[True]", "TestS3::test_object_with_slashes_in_key[True]"
	encodedKeys := s3Steps(putKey("test@key/", "test-non-encoded"), putKey("test%40key/", "test-encoded"), putKey("test%40key", "test-encoded-no-trailing"))
	slashKeys := s3Steps(putKey("/foo", "foobar"), putKey("bar", "barfoo"), putKey("/bar/foo/", "test"))
	const noKey = "The specified key does not exist."
	return []Case{
		vhostOK("ListObjectsV2/keys percent-encoded and not", s3rec4(encoded, "list-object-encoded-char"), encodedKeys, listV2,
			map[string]any{"Contents": Len(3), "Contents[0].Key": "test%40key", "Contents[0].Size": 24, "Contents[1].Key": "test%40key/", "Contents[1].Size": 12,
				"Contents[2].Key": "test@key/", "Contents[2].Size": 16, "KeyCount": 3, "Name": opsBucket, "Prefix": "", "MaxKeys": 1000, "IsTruncated": false,
				"Contents[0].ChecksumAlgorithm[0]": "CRC32", "Contents[0].ETag": `"03dc4443b5f395b54d011fdb7d9e0ae1"`}),
		vhostOK("GetObject/key with a percent sign", s3rec4(encoded, "(asserts)"), encodedKeys, readKey("test%40key/"),
			map[string]any{"Text": "test-encoded"}),
		vhostOK("GetObject/key with an at sign", s3rec4(encoded, "(asserts)"), encodedKeys, readKey("test@key/"),
			map[string]any{"Text": "test-non-encoded"}),
		vhostOK("ListObjectsV2/keys with leading slashes", s3rec4(slashes, "list-objects-slashes"), slashKeys, listV2,
			map[string]any{"Contents": Len(3), "Contents[0].Key": "/bar/foo/", "Contents[1].Key": "/foo", "Contents[2].Key": "bar",
				"Contents[0].Size": 4, "Contents[1].Size": 6, "Contents[1].ETag": `"3858f62230ac3c915f300c664312c63f"`, "KeyCount": 3}),
		vhostFails("GetObject/key without its leading slash", s3rec4(slashes, "(asserts)"), slashKeys, readKey("foo"), 404, "NoSuchKey", noKey),
		vhostFails("GetObject/key with two leading slashes", s3rec4(slashes, "(asserts)"), slashKeys, readKey("//foo"), 404, "NoSuchKey", noKey),
		vhostFails("GetObject/prefix of a key with a leading slash", s3rec4(slashes, "(asserts)"), slashKeys, readKey("/bar"), 404, "NoSuchKey", noKey),
		vhostOK("GetObject/key with a leading slash", s3rec4(slashes, "(asserts)"), slashKeys, readKey("/foo"), map[string]any{"Text": "foobar"}),
		vhostOK("GetObject/key with leading and trailing slashes", s3rec4(slashes, "(asserts)"), slashKeys, readKey("/bar/foo/"),
			map[string]any{"Text": "test"}),
	}
}

// vhostBuckets: answers about the bucket a Host header names.
func vhostBuckets() []Case {
	const notExist, viaHost, dots = "TestS3::test_bucket_does_not_exist", "TestS3::test_create_bucket_via_host_name", "TestS3::test_bucket_name_with_dots"
	const missing = "bucket-does-not-exist-golden"
	noBucket := Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}
	named := noBucket
	named.Fields = map[string]any{"header:Xml-BucketName": missing}
	inEU := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b),
			CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEuCentral1}})
	}
	const dotted = "my.bucket.name.golden"
	return []Case{
		{Name: "ListObjects/no such bucket names it", Source: s3rec4(notExist, "list_object_vhost"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return withXMLFields(w.SignedURL(ctx, Root(owner), http.MethodGet, vhostURL(w, missing, "", "/?encoding-type=url"), nil, nil))
			}, Want: named},
		// requests.get of https://BUCKET.s3.amazonaws.com and
		// https://BUCKET.s3.eu-central-1.amazonaws.com (the transport
		// dials every host to the server); the test asserts the status.
		{Name: "ListObjects/anonymous on the global host, no such bucket", Source: s3rec4(notExist, "(asserts)"),
			Call: unsignedAt(http.MethodGet, func(w *World) string { return vhostURL(w, missing, "s3.amazonaws.com", "") }), Want: noBucket},
		{Name: "ListObjects/anonymous on a regional host, no such bucket", Source: s3rec4(notExist, "(asserts)"),
			Call: unsignedAt(http.MethodGet, func(w *World) string { return vhostURL(w, missing, "s3.eu-central-1.amazonaws.com", "") }), Want: noBucket},
		{Name: "ListObjects/anonymous path-style on a regional host, no such bucket", Source: s3rec4(notExist, "(asserts)"),
			Call: unsignedAt(http.MethodGet, func(w *World) string { return "http://s3.eu-central-1.amazonaws.com/" + missing }), Want: noBucket},
		// botocore addresses AWS virtual-hosted by default: the Locations
		// test_create_bucket_head_bucket recorded answered a host naming the
		// bucket.
		{Name: "CreateBucket/named by the host, in another Region", Source: s3rec4(viaHost, "(asserts)") + "; " +
			s3rec4("TestS3::test_create_bucket_head_bucket", "create_bucket_location_constraint"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return inEU(ctx, w.S3VirtualHost(Root(owner)), "test-golden-host")
			},
			Want: Want{Fields: map[string]any{"Location": "http://test-golden-host.s3.amazonaws.com/", "BucketArn": "arn:aws:s3:::test-golden-host"}}},
		{Name: "CreateBucket/named by the host", Source: s3rec4("TestS3::test_create_bucket_head_bucket", "create_bucket"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3VirtualHost(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("my-bucket-1golden")})
			},
			Want: Want{Fields: map[string]any{"Location": "/my-bucket-1golden", "BucketArn": "arn:aws:s3:::my-bucket-1golden"}}},
		// The test's LocationConstraint assert is always true (Python reads
		// it as (a == b) if ... else "eu-central-1"); the Region is the one
		// the bucket was created in (API_GetBucketLocation).
		{Name: "GetBucketLocation/named by the host, bucket in another Region", Source: s3rec4(viaHost, "(asserts)") +
			"; https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html (LocationConstraint: the Region where the bucket resides)",
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				if _, err := inEU(ctx, w.S3VirtualHost(Root(owner)), "test-golden-host"); err != nil {
					t.Fatalf("set-up CreateBucket: %v", err)
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3VirtualHost(Root(owner)).GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("test-golden-host")})
			},
			Want: Want{Fields: map[string]any{"LocationConstraint": "eu-central-1"}}},
		// requests.get of http://BUCKET.s3.amazonaws.com for a bucket with
		// dots in its name, public-read.
		{Name: "ListObjects/anonymous, a bucket with dots named by the host", Source: localstack(moreS3, dots, "request-vhost-url-content", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				bucket(ctx, t, w, dotted)
				if err := publicReadBucket(ctx, w.S3(Root(owner)), dotted); err != nil {
					t.Fatalf("set-up: %v", err)
				}
			},
			Call: unsignedAt(http.MethodGet, func(w *World) string { return vhostURL(w, dotted, "s3.amazonaws.com", "/") }),
			Want: Want{Fields: map[string]any{"header:Xml-Root": "ListBucketResult http://s3.amazonaws.com/doc/2006-03-01/", "header:Xml-Name": dotted,
				"header:Xml-Contents.Key": "my-content", "header:Xml-Contents.Size": "9", "header:Xml-Contents.ETag": `"437b930db84b8079c2dd804a71936b5f"`,
				"header:Xml-Contents.ChecksumAlgorithm": "CRC32", "header:Xml-Contents.ChecksumType": "FULL_OBJECT", "header:Xml-Contents.StorageClass": "STANDARD",
				"header:Xml-Contents.Owner.ID": Absent, "header:Xml-IsTruncated": "false", "header:Xml-MaxKeys": "1000", "header:Xml-Marker": "", "header:Xml-Prefix": ""}}},
	}
}

// publicReadBucket lets anyone list and read bucket b and puts
// "my-content" in it, as test_bucket_name_with_dots does.
func publicReadBucket(ctx context.Context, c *s3.Client, b string) error {
	if _, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(b)}); err != nil {
		return err
	}
	if _, err := c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(b)}); err != nil {
		return err
	}
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(b), ACL: types.BucketCannedACLPublicRead}); err != nil {
		return err
	}
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("my-content"), Body: strings.NewReader("something")})
	return err
}

// pastPresigner presigns as if a minute ago, so a URL valid for one
// second has expired without the case waiting for it.
type pastPresigner struct{ *v4.Signer }

func (p pastPresigner) PresignHTTP(ctx context.Context, creds aws.Credentials, r *http.Request, payloadHash, service, region string,
	signingTime time.Time, optFns ...func(*v4.SignerOptions)) (string, http.Header, error) {
	return p.Signer.PresignHTTP(ctx, creds, r, payloadHash, service, region, signingTime.Add(-time.Minute), optFns...)
}

// vhostPresigned: presigned URLs on a virtual-hosted bucket. SigV4 signs
// the path without the bucket (it is in the signed host); SigV2's
// CanonicalizedResource names the bucket either way.
func vhostPresigned() []Case {
	const pt = "TestS3PresignedUrl::"
	const auth, expired = pt + "test_presigned_url_signature_authentication", pt + "test_presigned_url_signature_authentication_expired"
	const k = "temp.txt"
	const path = "/" + opsBucket + "/" + k
	const putBody = "this should be found in when you download " + k + "."
	mismatch := Want{Status: 403, Code: "SignatureDoesNotMatch",
		Message: "The request signature we calculated does not match the signature you provided. Check your key and signing method."}
	v4mismatch, v2mismatch := mismatch, mismatch
	v4mismatch.Fields = map[string]any{"header:Error-CanonicalRequest": Prefix("GET\n/temp.txt\n"), "header:Error-StringToSign": Prefix("AWS4-HMAC-SHA256\n")}
	v2mismatch.Fields = map[string]any{"header:Error-CanonicalRequest": Absent, "header:Error-StringToSign": Present}
	v4putMismatch := v4mismatch
	v4putMismatch.Fields = map[string]any{"header:Error-CanonicalRequest": Prefix("PUT\n/temp.txt\n")}
	body := func(s string) Want { return Want{Fields: map[string]any{"header:Body": s}} }
	gone := Want{Status: 403, Code: "AccessDenied", Message: "Request has expired"}
	v4gone := gone
	v4gone.Fields = map[string]any{"header:Error-X-Amz-Expires": "1"}
	// sigV4 sends method with body and header to the URL a virtual-hosted
	// presign client made with sign; bad keeps only what LocalStack's
	// _make_url_invalid keeps.
	sigV4 := func(method, body string, header http.Header, bad bool, sign func(ctx context.Context, p *s3.PresignClient) (*v4.PresignedHTTPRequest, error),
		opts ...func(*s3.PresignOptions)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			p, err := sign(ctx, s3.NewPresignClient(w.S3VirtualHost(Root(owner)), append([]func(*s3.PresignOptions){s3.WithPresignExpires(20 * time.Second)}, opts...)...))
			if err != nil {
				return nil, err
			}
			u := p.URL
			if !strings.HasPrefix(u, vhostURL(w, opsBucket, "", "/")) {
				return nil, fmt.Errorf("the presign client did not address the bucket by host: %s", u)
			}
			if bad {
				if u, err = toPathStyle(w, opsBucket, u); err == nil {
					u, err = invalidV4URL(w, path, u)
				}
				if err == nil {
					u, err = toVirtualHost(w, opsBucket, u)
				}
				if err != nil {
					return nil, err
				}
			}
			return sendWithBody(ctx, w, method, u, body, header)
		}
	}
	// sigV2 is sigV4 for a SigV2 URL signing contentType and the sub-resources
	// in sub, valid until until (20 seconds from now when zero).
	sigV2 := func(method, body, contentType string, sub map[string]string, header http.Header, bad bool, until time.Duration) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			if until == 0 {
				until = 20 * time.Second
			}
			u := presignV2Until(w, Root(owner), method, path, contentType, sub, time.Now().Add(until))
			var err error
			if bad {
				if u, err = invalidV2URL(w, path, u); err != nil {
					return nil, err
				}
			}
			if u, err = toVirtualHost(w, opsBucket, u); err != nil {
				return nil, err
			}
			return sendWithBody(ctx, w, method, u, body, header)
		}
	}
	getIn := &s3.GetObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)}
	getWithResponse := &s3.GetObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), ResponseContentType: aws.String("text/plain"),
		ResponseContentDisposition: aws.String("attachment;  filename=test.txt")}
	putIn := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)}
	putTyped := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), ContentType: aws.String("text/plain")}
	get := func(in *s3.GetObjectInput) func(ctx context.Context, p *s3.PresignClient) (*v4.PresignedHTTPRequest, error) {
		return func(ctx context.Context, p *s3.PresignClient) (*v4.PresignedHTTPRequest, error) {
			return p.PresignGetObject(ctx, in)
		}
	}
	put := func(in *s3.PutObjectInput) func(ctx context.Context, p *s3.PresignClient) (*v4.PresignedHTTPRequest, error) {
		return func(ctx context.Context, p *s3.PresignClient) (*v4.PresignedHTTPRequest, error) {
			return p.PresignPutObject(ctx, in)
		}
	}
	del := func(ctx context.Context, p *s3.PresignClient) (*v4.PresignedHTTPRequest, error) {
		return p.PresignDeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
	}
	responseSub := map[string]string{"response-content-type": "text/plain", "response-content-disposition": "attachment;  filename=test.txt"}
	fakeType := http.Header{"Content-Type": {"my-fake-content/type"}}
	textType := http.Header{"Content-Type": {"text/plain"}}
	// test_presigned_url_signature_authentication_multi_part asserts its
	// part upload, the completion and the object's presigned GET; the
	// GET's body (the part) is what the case checks.
	multipart := func(partURL func(ctx context.Context, w *World, id string) (string, error)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return uploadPartThenGet(ctx, w, k, "hello this is a upload test", partURL)
		}
	}
	v4part := func(ctx context.Context, w *World, id string) (string, error) {
		p, err := s3.NewPresignClient(w.S3VirtualHost(Root(owner))).PresignUploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(opsBucket), Key: aws.String(k),
			UploadId: aws.String(id), PartNumber: aws.Int32(1)}, s3.WithPresignExpires(4*time.Second))
		if err != nil {
			return "", err
		}
		return p.URL, nil
	}
	v2part := func(_ context.Context, w *World, id string) (string, error) {
		return toVirtualHost(w, opsBucket, presignV2(w, Root(owner), http.MethodPut, path, "", map[string]string{"partNumber": "1", "uploadId": id}))
	}
	return []Case{
		presignedCase("GetObject/SigV4 presigned on a virtual host", localstack(moreS3, auth+"[s3v4-True]", "(asserts)", ls4Date),
			sigV4(http.MethodGet, "", nil, false, get(getIn)), body("123")),
		presignedCase("GetObject/SigV4 presigned on a virtual host with response-* parameters", localstack(moreS3, auth+"[s3v4-True]", "(asserts)", ls4Date),
			sigV4(http.MethodGet, "", nil, false, get(getWithResponse)), Want{Fields: map[string]any{"header:Body": "123", "header:Content-Type": "text/plain"}}),
		presignedCase("GetObject/SigV4 presigned on a virtual host, stripped of its response-* parameters", localstack(moreS3, auth+"[s3v4-True]", "invalid-get-1", ls4Date),
			sigV4(http.MethodGet, putBody, fakeType, true, get(getWithResponse)), v4mismatch),
		presignedCase("PutObject/SigV4 presigned on a virtual host", localstack(moreS3, auth+"[s3v4-True]", "(asserts)", ls4Date),
			sigV4(http.MethodPut, putBody, nil, false, put(putIn)), body("")),
		presignedCase("PutObject/SigV4 presigned on a virtual host with a Content-Type", localstack(moreS3, auth+"[s3v4-True]", "(asserts)", ls4Date),
			sigV4(http.MethodPut, putBody, textType, false, put(putTyped)), body("")),
		presignedCase("PutObject/SigV4 presigned on a virtual host, stripped of its signed Content-Type", localstack(moreS3, auth+"[s3v4-True]", "invalid-put-1", ls4Date),
			sigV4(http.MethodPut, putBody, fakeType, true, put(putTyped)), v4putMismatch),
		presignedCase("DeleteObject/SigV4 presigned on a virtual host", localstack(moreS3, auth+"[s3v4-True]", "(asserts)", ls4Date),
			sigV4(http.MethodDelete, "", nil, false, del), Want{Status: http.StatusNoContent}),
		presignedCase("GetObject/SigV4 presigned on a virtual host, expired", localstack(moreS3, expired+"[s3v4-True]", "expired", ls4Date),
			sigV4(http.MethodGet, "", nil, false, get(getIn), s3.WithPresignExpires(time.Second), func(o *s3.PresignOptions) { o.Presigner = pastPresigner{v4.NewSigner()} }), v4gone),
		presignedCase("GetObject/SigV2 presigned on a virtual host", localstack(moreS3, auth+"[s3-True]", "(asserts)", ls4Date),
			sigV2(http.MethodGet, "", "", nil, nil, false, 0), body("123")),
		presignedCase("GetObject/SigV2 presigned on a virtual host with response-* parameters", localstack(moreS3, auth+"[s3-True]", "(asserts)", ls4Date),
			sigV2(http.MethodGet, "", "", responseSub, nil, false, 0), Want{Fields: map[string]any{"header:Body": "123", "header:Content-Type": "text/plain"}}),
		presignedCase("GetObject/SigV2 presigned on a virtual host, stripped of its response-* parameters", localstack(moreS3, auth+"[s3-True]", "invalid-get-1", ls4Date),
			sigV2(http.MethodGet, putBody, "", responseSub, fakeType, true, 0), v2mismatch),
		presignedCase("PutObject/SigV2 presigned on a virtual host", localstack(moreS3, auth+"[s3-True]", "(asserts)", ls4Date),
			sigV2(http.MethodPut, putBody, "", nil, nil, false, 0), body("")),
		presignedCase("PutObject/SigV2 presigned on a virtual host with a Content-Type", localstack(moreS3, auth+"[s3-True]", "(asserts)", ls4Date),
			sigV2(http.MethodPut, putBody, "text/plain", nil, textType, false, 0), body("")),
		presignedCase("PutObject/SigV2 presigned on a virtual host, sent with another Content-Type", localstack(moreS3, auth+"[s3-True]", "invalid-put-1", ls4Date),
			sigV2(http.MethodPut, putBody, "text/plain", nil, fakeType, true, 0), v2mismatch),
		presignedCase("DeleteObject/SigV2 presigned on a virtual host", localstack(moreS3, auth+"[s3-True]", "(asserts)", ls4Date),
			sigV2(http.MethodDelete, "", "", nil, nil, false, 0), Want{Status: http.StatusNoContent}),
		presignedCase("GetObject/SigV2 presigned on a virtual host, expired", localstack(moreS3, expired+"[s3-True]", "expired", ls4Date),
			sigV2(http.MethodGet, "", "", nil, nil, false, -time.Minute), gone),
		presignedCase("UploadPart/SigV4 presigned on a virtual host", localstack(moreS3, pt+"test_presigned_url_signature_authentication_multi_part[s3v4-True]", "(asserts)", ls4Date),
			multipart(v4part), body("hello this is a upload test")),
		presignedCase("UploadPart/SigV2 presigned on a virtual host", localstack(moreS3, pt+"test_presigned_url_signature_authentication_multi_part[s3-True]", "(asserts)", ls4Date),
			multipart(v2part), body("hello this is a upload test")),
		presignedCase("GetObject/SigV4 presigned on a virtual host, its headers", s3rec4("TestS3::test_get_object_content_length_with_virtual_host[True]", "get-obj-content-len-headers"),
			sigV4(http.MethodGet, "", nil, false, get(getIn)),
			Want{Fields: map[string]any{"header:Accept-Ranges": "bytes", "header:Content-Length": "3", "header:Content-Type": "binary/octet-stream",
				"header:Etag": `"202cb962ac59075b964b07152d234b70"`, "header:X-Amz-Server-Side-Encryption": "AES256", "header:Last-Modified": Present,
				"header:X-Amz-Request-Id": Present, "header:X-Amz-Id-2": Present, "header:X-Amz-Checksum-Crc32": Absent, "header:X-Amz-Checksum-Type": Absent,
				"header:X-Amz-Version-Id": Absent, "header:Content-Encoding": Absent}}),
	}
}

// presignedCase is a case on opsBucket holding temp.txt ("123", put as
// botocore puts it) whose call sends a presigned URL.
func presignedCase(name, source string, call func(ctx context.Context, w *World) (any, error), want Want) Case {
	return Case{Name: name, Source: source, Call: call, Want: want,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			if err := botoPut("temp.txt", "123", nil)(ctx, w.S3(Root(owner))); err != nil {
				t.Fatalf("set-up PutObject: %v", err)
			}
		}}
}

// sendWithBody sends method to u with body and header; the answer's body
// is in its "Body" header, its XML error elements in "Error-<Name>".
func sendWithBody(ctx context.Context, w *World, method, u, body string, header http.Header) (any, error) {
	out, err := sendRaw(ctx, w, method, u, body, header)
	if err != nil {
		return nil, err
	}
	return withBodyHeader(out.(*http.Response))
}

// toPathStyle is toVirtualHost undone.
func toPathStyle(w *World, bucket, u string) (string, error) {
	rest, ok := strings.CutPrefix(u, vhostURL(w, bucket, "", ""))
	if !ok {
		return "", fmt.Errorf("%s is not a virtual-hosted URL of bucket %s", u, bucket)
	}
	return w.Endpoint + "/" + bucket + rest, nil
}

// uploadPartThenGet begins an upload of key in opsBucket, sends its one
// part (data) to the URL partURL presigns for the upload, completes it on
// a virtual-hosted client and GETs the object through a virtual-hosted
// SigV4 presigned URL (the body in the "Body" header).
func uploadPartThenGet(ctx context.Context, w *World, key, data string, partURL func(ctx context.Context, w *World, id string) (string, error)) (any, error) {
	c := w.S3VirtualHost(Root(owner))
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	u, err := partURL(ctx, w, aws.ToString(up.UploadId))
	if err != nil {
		return nil, err
	}
	out, err := sendRaw(ctx, w, http.MethodPut, u, data, nil)
	if err != nil || out.(*http.Response).StatusCode != http.StatusOK {
		return out, err
	}
	part := types.CompletedPart{ETag: aws.String(out.(*http.Response).Header.Get("ETag")), PartNumber: aws.Int32(1)}
	if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(opsBucket), Key: aws.String(key), UploadId: up.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{part}}}); err != nil {
		return nil, err
	}
	p, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key)}, s3.WithPresignExpires(4*time.Second))
	if err != nil {
		return nil, err
	}
	return sendWithBody(ctx, w, http.MethodGet, p.URL, "", nil)
}

// vhostHostRules: how S3 reads the Host header (the User Guide's rules,
// on the hosts its examples use): s3.REGION.amazonaws.com is path-style,
// BUCKET.s3.REGION.amazonaws.com names BUCKET and the whole path is the
// key.
func vhostHostRules() []Case {
	const other = "golden-other"
	// Two buckets; golden-ops holds a key that starts with the other's name.
	setup := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		bucket(ctx, t, w, other)
		object(ctx, t, w, opsBucket, other+"/k", "in "+opsBucket)
		object(ctx, t, w, other, "k", "in "+other)
	}
	signedGet := func(u func(w *World) string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			out, err := w.SignedURL(ctx, Root(owner), http.MethodGet, u(w), nil, nil)
			if err != nil {
				return nil, err
			}
			return withErrorFields(out, nil)
		}
	}
	hostKey := virtualHosting + ` ("if the value of the Host header ends in .s3.region-code.amazonaws.com, the bucket name is the leading component ... The key for the request is the Request-URI")`
	pathStyle := virtualHosting + ` ("If the Host header is omitted or its value is s3.region-code.amazonaws.com, the bucket for the request will be the first slash-delimited component of the Request-URI")`
	// The bucket name in the host is case-insensitive.
	upperCaseHost := "https://docs.aws.amazon.com/AmazonS3/latest/dev/BucketRestrictions.html#non-dns-compliant-bucketname-challenges" +
		" (awsdocs/amazon-s3-developer-guide doc_source/BucketRestrictions.md: \"http://MyAWSBucket.s3.amazonaws.com/yourobject ... resolves to the bucket" +
		" myawsbucket and not the bucket MyAWSBucket. In response, Amazon S3 will return a 'bucket not found' error\")"
	read := func(body string) Want { return Want{Fields: map[string]any{"header:Body": body}} }
	withBody := func(c func(ctx context.Context, w *World) (any, error)) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			out, err := c(ctx, w)
			if err != nil {
				return nil, err
			}
			return withBodyHeader(out.(*http.Response))
		}
	}
	return []Case{
		{Name: "GetObject/bucket in the host and a bucket name in the path: the path is the key", Source: hostKey, Setup: setup,
			Call: withBody(signedGet(func(w *World) string { return vhostURL(w, opsBucket, "", "/"+other+"/k") })), Want: read("in " + opsBucket)},
		{Name: "GetObject/bucket in the host, the path names another bucket only", Source: hostKey, Setup: setup,
			Call: signedGet(func(w *World) string { return vhostURL(w, opsBucket, "", "/"+other) }),
			Want: Want{Status: 404, Code: "NoSuchKey", Message: "The specified key does not exist.", Fields: map[string]any{"header:Error-Key": other}}},
		{Name: "GetObject/virtual-hosted on a regional host", Source: hostKey, Setup: setup,
			Call: withBody(signedGet(func(w *World) string { return vhostURL(w, other, "s3.us-east-1.amazonaws.com", "/k") })), Want: read("in " + other)},
		{Name: "GetObject/path-style on a regional host", Source: pathStyle, Setup: setup,
			Call: withBody(signedGet(func(w *World) string { return "http://s3.us-east-1.amazonaws.com/" + other + "/k" })), Want: read("in " + other)},
		{Name: "GetObject/upper-case host names the lower-case bucket", Source: upperCaseHost, Setup: func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, "myawsbucket")
			object(ctx, t, w, "myawsbucket", "yourobject", "lower-case bucket")
		}, Call: withBody(signedGet(func(w *World) string { return "http://MyAWSBucket.s3.amazonaws.com/yourobject" })), Want: read("lower-case bucket")},
		{Name: "GetObject/upper-case host, no lower-case bucket", Source: upperCaseHost,
			Call: signedGet(func(w *World) string { return "http://MyAWSBucket.s3.amazonaws.com/yourobject" }),
			Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
		{Name: "ListBuckets/on the service host a virtual-hosted client uses", Source: pathStyle +
			"; https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html (Request Syntax: GET / with Host: s3.amazonaws.com)", Setup: setup,
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3VirtualHost(Root(owner)).ListBuckets(ctx, &s3.ListBucketsInput{})
			},
			Want: Want{Fields: map[string]any{"Buckets": Len(2), "Buckets[0].Name": opsBucket, "Buckets[1].Name": other}}},
	}
}

// vhostCORS: LocalStack's CORS tests sent their browser requests to
// https://BUCKET.s3.amazonaws.com/KEY; the other files replay them
// path-style, these on that host.
func vhostCORS() []Case {
	const preflightOp = "S3 OPTIONS (CORS preflight)"
	const noConfig, noBucket, origins = "TestS3Cors::test_cors_http_options_no_config", "TestS3Cors::test_cors_http_options_non_existent_bucket",
		"TestS3Cors::test_cors_match_origins"
	const noConfigKey, ok = "test-cors-options-no-config", "test-cors-123"
	src := func(test, key, validated string) string { return localstack(moreCORS, test, key, validated) }
	// browser sends method to key in bucket on BUCKET.s3.amazonaws.com.
	browser := func(method, bucket, key string, headers ...string) func(ctx context.Context, w *World) (any, error) {
		return unsignedAt(method, func(w *World) string { return vhostURL(w, bucket, "s3.amazonaws.com", "/"+key) }, headers...)
	}
	badRequest := Want{Status: 400, Code: "BadRequest", Message: "Insufficient information. Origin request header needed."}
	forbidden := func(message, method string) Want {
		return Want{Status: 403, Code: "AccessForbidden", Message: message, Fields: map[string]any{"header:Xml-Method": method, "header:Xml-ResourceType": "BUCKET"}}
	}
	const notEnabled = "CORSResponse: CORS is not enabled for this bucket."
	getPut := types.CORSRule{AllowedOrigins: []string{corsOrigin}, AllowedMethods: []string{"GET", "PUT"}, MaxAgeSeconds: aws.Int32(3000), AllowedHeaders: []string{"*"}}
	return []Case{
		{Name: "OPTIONS/virtual host, no CORS configuration, no Origin", Op: preflightOp, Source: src(noConfig, "options-no-origin", "2023-07-31"),
			Setup: corsBucketWithout(noConfigKey), Call: browser(http.MethodOptions, opsBucket, noConfigKey), Want: badRequest},
		{Name: "OPTIONS/virtual host, no CORS configuration", Op: preflightOp, Source: src(noConfig, "options-with-origin-and-method", "2023-07-31"),
			Setup: corsBucketWithout(noConfigKey), Call: browser(http.MethodOptions, opsBucket, noConfigKey, "Origin", "whatever", "Access-Control-Request-Method", "PUT"),
			Want: forbidden(notEnabled, "PUT")},
		{Name: "OPTIONS/virtual host, no CORS configuration, Origin only", Op: preflightOp, Source: src(noConfig, "options-with-origin-no-method", "2023-07-31"),
			Setup: corsBucketWithout(noConfigKey), Call: browser(http.MethodOptions, opsBucket, noConfigKey, "Origin", "whatever"),
			Want: forbidden(notEnabled, "OPTIONS")},
		{Name: "GET/virtual host, no CORS configuration, with Origin", Source: src("TestS3Cors::test_cors_http_get_no_config", "(asserts)", "2023-07-31"),
			Setup: corsBucketWithout("test-cors-get-no-config"), Call: browser(http.MethodGet, opsBucket, "test-cors-get-no-config", "Origin", "whatever"),
			Want: Want{Fields: merge(noCORS, map[string]any{"header:Body": "cors-test"})}},
		{Name: "OPTIONS/virtual host, no such bucket, no Origin", Op: preflightOp, Source: src(noBucket, "options-no-origin", "2023-07-31"),
			Call: browser(http.MethodOptions, "fake-bucket-golden", "test-cors-options-no-bucket"), Want: badRequest},
		{Name: "OPTIONS/virtual host, no such bucket", Op: preflightOp, Source: src(noBucket, "options-with-origin", "2023-07-31"),
			Call: browser(http.MethodOptions, "fake-bucket-golden", "test-cors-options-no-bucket", "Origin", "whatever"),
			Want: forbidden("CORSResponse: Bucket not found", "OPTIONS")},
		{Name: "OPTIONS/virtual host, the rule's origin", Op: preflightOp, Source: src(origins, "opt-right-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: browser(http.MethodOptions, opsBucket, ok, "Origin", corsOrigin, "Access-Control-Request-Method", "PUT"),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET, PUT", true, "header:Content-Length", "0")}},
		{Name: "GET/virtual host, the rule's origin", Source: src(origins, "get-right-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: browser(http.MethodGet, opsBucket, ok, "Origin", corsOrigin),
			Want: Want{Fields: corsAllowed(corsOrigin, "GET, PUT", true, "header:Body", "test-cors")}},
		{Name: "OPTIONS/virtual host, another origin", Op: preflightOp, Source: src(origins, "opt-wrong-origin", "2023-07-31"),
			Setup: corsBucket(ok, false, getPut), Call: browser(http.MethodOptions, opsBucket, ok, "Origin", "http://localhost:4200", "Access-Control-Request-Method", "PUT"),
			Want: Want{Status: 403, Code: "AccessForbidden", Message: msgCORSDenied, Fields: map[string]any{"header:Access-Control-Allow-Origin": Absent}}},
	}
}

// vhostLocations: the Location of an object written through a virtual
// host names it on that host, the bucket not repeated in the path.
func vhostLocations() []Case {
	const key = "test-unicode_\u2014_file"
	const etag = `"43281e21fce675ac3bcb3524b38ca4ed"`
	// On AWS the test POSTed to https://BUCKET.s3.amazonaws.com/ (botocore's
	// generate_presigned_post) and asserted Location
	// https://BUCKET.s3.amazonaws.com/key-my-file; this POST is plain HTTP.
	status201 := policyForm{key: "key-${filename}", fileName: "my-file", file: "something body", fields: [][2]string{{"success_action_status", "201"}},
		conds: []any{map[string]string{"bucket": opsBucket}, []string{"eq", "$success_action_status", "201"}}, host: "s3.amazonaws.com"}
	const postLocation = "http://" + opsBucket + ".s3.amazonaws.com/key-my-file"
	return []Case{
		vhostOK("CompleteMultipartUpload/Location on the virtual host",
			localstack(moreS3, "TestS3::test_multipart_with_unicode_character_location", "complete-multipart", ls4Date)+
				"; https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html (sample response: <Location>http://amzn-s3-demo-bucket.s3.<Region>.amazonaws.com/Example-Object</Location>)"+
				"; https://github.com/noobaa/noobaa-core/issues/9982 (AWS's answer quoted: \"Location\": \"https://<bucket-name>.s3.<region>.amazonaws.com/<key>\")",
			nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
				mpu, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key)})
				if err != nil {
					return nil, err
				}
				p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: mpu.UploadId,
					PartNumber: aws.Int32(1), Body: strings.NewReader("upload-part-1")})
				if err != nil {
					return nil, err
				}
				return c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(key), UploadId: mpu.UploadId,
					MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: p.ETag, PartNumber: aws.Int32(1)}}}})
			}, map[string]any{"Location": Match(`^http://` + opsBucket + `\.s3\.localhost\.localstack\.cloud:\d+/test-unicode_%E2%80%94_file$`),
				"Bucket": opsBucket, "Key": key, "ETag": `"209b3f7345bfc0220995968302e3e9a8-1"`}),
		withStatus(http.StatusCreated, Case{Name: "PostObject/success_action_status 201 on the virtual host",
			Source: s3rec4(presignedPostTest+"test_s3_presigned_post_success_action_status_201_response", "(asserts)"),
			Setup:  withBucket(opsBucket), Call: func(ctx context.Context, w *World) (any, error) {
				out, err := status201.send(ctx, w, opsBucket)
				if err != nil {
					return nil, err
				}
				return withXMLFields(out.(*http.Response), nil)
			},
			Want: Want{Fields: map[string]any{"header:Location": postLocation, "header:Xml-Location": postLocation, "header:Etag": etag,
				"header:Xml-Bucket": opsBucket, "header:Xml-Key": "key-my-file", "header:Xml-ETag": etag}}}),
	}
}
