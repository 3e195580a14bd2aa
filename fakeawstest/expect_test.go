package fakeawstest_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/fakeaws/fakeaws/fakeawstest"
)

// An Expect header other than 100-continue is served as if absent (the
// rule in docs/deviations.md), not answered 417 by net/http: a PutObject
// through the SDK with "Expect: 202-accepted" (unsigned: the SDK's signer
// leaves Expect out) stores the object.
func TestUnmetExpectationIsServed(t *testing.T) {
	t.Parallel()
	srv := fakeawstest.Start(t)
	ctx := context.Background()
	withExpect := func(o *s3.Options) {
		o.UsePathStyle = true
		o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
			return st.Build.Add(middleware.BuildMiddlewareFunc("expect", func(ctx context.Context, in middleware.BuildInput,
				next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
				if req, ok := in.Request.(*smithyhttp.Request); ok {
					req.Header.Set("Expect", "202-accepted")
				}
				return next.HandleBuild(ctx, in)
			}), middleware.After)
		})
	}
	c := s3.NewFromConfig(srv.RootConfig("111111111111"), withExpect)
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("expect")}); err != nil {
		t.Fatalf("CreateBucket with Expect: 202-accepted: %v", err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("expect"), Key: aws.String("k"),
		Body: strings.NewReader("body")}); err != nil {
		t.Fatalf("PutObject with Expect: 202-accepted: %v", err)
	}
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("expect"), Key: aws.String("k")})
	if err != nil {
		t.Fatalf("GetObject with Expect: 202-accepted: %v", err)
	}
	defer out.Body.Close()
	if b, err := io.ReadAll(out.Body); err != nil || string(b) != "body" {
		t.Fatalf("GetObject = %q (%v), want %q", b, err, "body")
	}
}
