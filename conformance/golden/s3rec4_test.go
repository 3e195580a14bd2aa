package golden

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// A fourth batch of S3 cases: the LocalStack tests validated against AWS
// (tests/aws/services/s3/*.validation.json, localstack@8b9a79f0) that no
// earlier case cited, found by a systematic audit (session of
// 2026-12-06). Tests whose asserts, not snapshots, carry AWS's answer are
// cited with the snapshot key "(asserts)".
//
// TestS3Recordings4 runs every group; the groups live by theme in
// s3rec4_objects_test.go (bucket and object answers), s3rec4_copy_test.go,
// s3rec4_listing_test.go, s3rec4_writes_test.go (conditional writes,
// checksums, lifecycle, legal hold), s3rec4_presigned_test.go,
// s3rec4_post_test.go (browser POST uploads) and s3rec4_xml_test.go (the
// XML AWS writes); the helpers more than one of them use stay here.

const (
	listS3  = "s3/test_s3_list_operations.snapshot.json"
	ls4Date = "2026-02-21"
)

// s3rec4 cites a test_s3.py recording validated 2026-02-21.
func s3rec4(test, key string) string { return localstack(moreS3, test, key, ls4Date) }

// rawOn sends a SigV4-signed request as owner and exposes its XML answer
// as headers (see withXMLFields).
func rawOn(method, path string, header http.Header) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		return withXMLFields(w.Signed(ctx, Root(owner), method, path, nil, header))
	}
}

// withXMLFields re-buffers resp's body and exposes it as headers: "Body"
// the body as sent, "Xml-Root" the root element's name and namespace,
// "Xml-Children" the names of its child elements in order (joined by ","),
// and for each text element "Xml-<Path>", the path of element names below
// the root joined by "." (a repeated path keeps its values in order; an
// empty element gives an empty value).
func withXMLFields(resp *http.Response, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	body, err := rebuffer(resp)
	if err != nil {
		return nil, err
	}
	resp.Header.Set("Body", string(body))
	dec := xml.NewDecoder(bytes.NewReader(body))
	var path, children []string
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch len(path) {
			case 0:
				resp.Header.Set("Xml-Root", t.Name.Local+" "+t.Name.Space)
			case 1:
				children = append(children, t.Name.Local)
			}
			path = append(path, t.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(path) > 1 {
				resp.Header.Add("Xml-"+strings.Join(path[1:], "."), strings.TrimSpace(text.String()))
			}
			path = path[:len(path)-1]
			text.Reset()
		}
	}
	resp.Header.Set("Xml-Children", strings.Join(children, ","))
	return resp, nil
}

func TestS3Recordings4(t *testing.T) {
	var cases []Case
	for _, group := range [][]Case{bucketAnswers4(), specialKeyCopies4(), manyKeys4(), defaultChecksumCopies4(), multipartCopies4(),
		prefixListings4(), objectAnswers4(), writeAnswers4(), presignedURLs4(), presignedPosts4(), responseStructure4(), moreObjects4(), presignedWrites4(), presignedCredentials4()} {
		cases = append(cases, group...)
	}
	Run(t, cases)
}

// withStatus is c answered with status.
func withStatus(status int, c Case) Case {
	c.Want.Status = status
	return c
}

// botoPut is putKeyWith as botocore sends it: without a Content-Type
// header when the input names none (aws-sdk-go-v2 sends
// application/octet-stream; S3 then stores binary/octet-stream).
func botoPut(key, body string, with func(*s3.PutObjectInput)) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		in := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key), Body: strings.NewReader(body)}
		if with != nil {
			with(in)
		}
		_, err := c.PutObject(ctx, in, func(o *s3.Options) {
			o.APIOptions = append(o.APIOptions, dropDefaultContentType(in.ContentType == nil))
		})
		return err
	}
}

// dropDefaultContentType removes the request's Content-Type before it is
// signed, when drop.
func dropDefaultContentType(drop bool) func(*middleware.Stack) error {
	return func(stack *middleware.Stack) error {
		if !drop {
			return nil
		}
		return stack.Build.Add(middleware.BuildMiddlewareFunc("goldenDropContentType",
			func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
				if r, ok := in.Request.(*smithyhttp.Request); ok {
					r.Header.Del("Content-Type")
				}
				return next.HandleBuild(ctx, in)
			}), middleware.After)
	}
}

// calling is c making call on the world instead.
func (c Case) calling(call func(ctx context.Context, w *World) (any, error)) Case {
	c.Call = call
	return c
}
