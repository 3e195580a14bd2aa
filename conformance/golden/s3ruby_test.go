package golden

import (
	"context"
	"net/http"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Cases found through the AWS SDK for Ruby (conformance/ruby_test.go).
//
// aws-sdk-s3 1.117 asks ListObjects for encoding-type=url but not
// ListObjectsV2, and its XML parser (REXML) reads a character reference
// to a control character back as that character. AWS writes a key's C0
// control characters (which XML 1.0 cannot carry) as such references,
// lowercase hex: strict parsers refuse the listing (the issues below),
// lenient ones get the key. fakeaws wrote U+FFFD instead, so a Ruby
// program listing such a key got a different key, which a GET answers
// NoSuchKey and a DELETE silently leaves in place.

// controlKeys are the keys AWS's quoted answers held: ESC ("&#x1b;") and
// backspace ("&#x8;").
var controlKeys = s3Steps(putKey("LA\x1b", "esc"), putKey("xxx\x08", "backspace"))

// controlRefs matches both keys as AWS writes them, in key order.
var controlRefs = Match(`<Key>LA&#x1b;</Key>.*<Key>xxx&#x8;</Key>`)

func TestS3Ruby(t *testing.T) {
	esc := issue("https://github.com/aws/aws-sdk-php/issues/169",
		"ListObjects of a key ending in ESC: \"<Key>posts/attachments/.../2013_2_17_18_03_19_0_LA&#x1b;\", libxml \"xmlParseCharRef: invalid xmlChar value 27\"; "+
			"still so for ListMultipartUploads in https://github.com/aws/aws-sdk-java/issues/3112 (2024, \"Character reference \\\"&#x1b\\\" is an invalid XML character\")")
	backspace := issue("https://github.com/pfig/net-amazon-s3/issues/67",
		"a listing holding key \"xxx\\x08\": \"<Key>xxx#x8;\" after libxml's \"xmlParseCharRef: invalid xmlChar value 8\"")
	v2 := issue("https://github.com/aws/aws-sdk-go/issues/1914",
		"ListObjectsV2 of keys holding U+0004 and U+000E: \"XML syntax error on line 2: illegal character code U+0004\", what encoding/xml says of \"&#x4;\"")
	bell := issue("https://github.com/boto/botocore/issues/3496",
		"aws s3api create-multipart-upload --key $'test\\u0007.txt': botocore's parser fails on AWS's answer with \"reference to invalid character number\"")
	uploads := issue("https://github.com/aws/aws-sdk-java/issues/3112",
		"AmazonS3Client.listMultipartUploads: \"Character reference \\\"&#x1b\\\" is an invalid XML character\"")
	Run(t, []Case{
		controlKeyListing("ListObjects/control characters as character references", esc+"; "+backspace, "/"+opsBucket),
		controlKeyListing("ListObjectsV2/control characters as character references", v2+"; "+esc, "/"+opsBucket+"?list-type=2"),
		rawControlKey("CreateMultipartUpload/control characters as character references", bell, nil,
			"POST", "/"+opsBucket+"/test%07.txt?uploads", `<Key>test&#x7;\.txt</Key>`),
		rawControlKey("ListMultipartUploads/control characters as character references", uploads, []string{"/" + opsBucket + "/LA%1B?uploads"},
			"GET", "/"+opsBucket+"?uploads", `<Key>LA&#x1b;</Key>`),
	})
}

// rawControlKey is a raw call whose XML answer must match body, after
// raw POSTs of the set-up paths (the Go SDK, a strict parser, refuses
// S3's answers for such keys).
func rawControlKey(name, source string, setup []string, method, path, body string) Case {
	return Case{Name: name, Source: source,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			for _, p := range setup {
				resp, err := escapedSigned(ctx, w, "POST", p)
				if err != nil {
					t.Fatalf("set-up POST %s: %v", p, err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("set-up POST %s: %s", p, resp.Status)
				}
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return withXMLFields(escapedSigned(ctx, w, method, path))
		},
		Want: Want{Fields: map[string]any{"header:Body": Match(body)}},
	}
}

// escapedSigned is World.Signed as owner for a path already percent-encoded
// as S3 reads it ("/b/test%07.txt"), signed as the SDKs sign S3 paths:
// without escaping them again.
func escapedSigned(ctx context.Context, w *World, method, path string) (*http.Response, error) {
	r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, http.NoBody)
	if err != nil {
		return nil, err
	}
	r.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = true })
	if err := signer.SignHTTP(ctx, Root(owner), r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	return w.HTTP.Do(r)
}

// controlKeyListing lists controlKeys through a raw GET of path (the Go
// SDK, like AWS's strict clients, refuses such a listing).
func controlKeyListing(name, source, path string) Case {
	c := s3OK(name, source, controlKeys, nil, map[string]any{"header:Body": controlRefs})
	c.Call = rawOn("GET", path, nil)
	return c
}
