package golden

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Conditional deletes (If-Match on DeleteObject, general purpose buckets
// since 2025-09-16), as two probes measured them on AWS: the evaluation
// looks only at the current version, so a key with no current object (never
// written, or a delete marker on top) is 404 NoSuchKey whatever If-Match
// says (the user guide's "412" for a delete marker is contradicted by both
// measurements), and If-Match together with a versionId is 501.

// probe1475 and probe13894 are the two measurements.
var (
	probe1475  = issue("ministackorg/ministack#1475", "DeleteObject If-Match measured against S3 in eu-west-1, 2026-08-23")
	probe13894 = issue("localstack/localstack#13894", "DeleteObject If-Match probed against us-east-1, 2026-03-06")
)

// markerOver puts k into bucket b (versioned) and then a delete marker over
// it; it returns the version's ETag.
func markerOver(ctx context.Context, t *testing.T, w *World, b, k string) string {
	t.Helper()
	versioned(ctx, t, w, b, "Enabled")
	c := w.S3(Root(owner))
	put, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("hello\n")})
	if err != nil {
		t.Fatalf("set-up PutObject: %v", err)
	}
	if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k)}); err != nil {
		t.Fatalf("set-up DeleteObject: %v", err)
	}
	return *put.ETag
}

// condDelete deletes k from b with If-Match ifMatch (and versionId when
// not empty).
func condDelete(ctx context.Context, w *World, b, k, ifMatch, versionID string) (any, error) {
	in := &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k), IfMatch: aws.String(ifMatch)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	return w.S3(Root(owner)).DeleteObject(ctx, in)
}

// onPresent is a case on an object present in a versioned bucket: call
// gets its ETag and version id. Each case has its own (cases run in
// parallel).
func onPresent(name string, call func(ctx context.Context, w *World, etag, version string) (any, error), want Want) Case {
	var etag, version string
	return Case{Name: name, Source: probe13894, Want: want,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			versioned(ctx, t, w, condBucket, "Enabled")
			put, err := w.S3(Root(owner)).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(condBucket),
				Key: aws.String(condKey), Body: strings.NewReader("hello\n")})
			if err != nil {
				t.Fatalf("set-up PutObject: %v", err)
			}
			etag, version = *put.ETag, *put.VersionId
		},
		Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, w, etag, version) },
	}
}

const condBucket, condKey = "golden-conddel", "obj"

func TestS3ConditionalDeletes(t *testing.T) {
	const b, k = condBucket, condKey
	noSuchKey := Want{Status: 404, Code: "NoSuchKey", Message: msgNoSuchKey}
	notImpl := Want{Status: 501, Code: "NotImplemented", Message: msgNotImpl}
	var hiddenETag string // only the one case below uses it
	Run(t, []Case{{
		Name: "DeleteObject/If-Match * on a key never written", Source: probe1475, Setup: withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) { return condDelete(ctx, w, b, k, "*", "") },
		Want: noSuchKey,
	}, {
		Name: "DeleteObject/If-Match an ETag on a key never written", Source: probe1475, Setup: withBucket(b),
		Call: func(ctx context.Context, w *World) (any, error) { return condDelete(ctx, w, b, k, `"badetag"`, "") },
		Want: noSuchKey,
	}, {
		Name: "DeleteObject/If-Match * over a delete marker", Source: probe13894,
		Setup: func(ctx context.Context, t *testing.T, w *World) { markerOver(ctx, t, w, b, k) },
		Call:  func(ctx context.Context, w *World) (any, error) { return condDelete(ctx, w, b, k, "*", "") },
		Want:  noSuchKey,
	}, {
		Name: "DeleteObject/If-Match the hidden version's ETag over a delete marker", Source: probe1475,
		Setup: func(ctx context.Context, t *testing.T, w *World) { hiddenETag = markerOver(ctx, t, w, b, k) },
		Call:  func(ctx context.Context, w *World) (any, error) { return condDelete(ctx, w, b, k, hiddenETag, "") },
		Want:  noSuchKey,
	},
		onPresent("DeleteObject/If-Match * on a present object", func(ctx context.Context, w *World, _, _ string) (any, error) {
			return condDelete(ctx, w, b, k, "*", "")
		}, Want{Status: 204, Fields: map[string]any{"DeleteMarker": true}}),
		onPresent("DeleteObject/If-Match with a versionId, ETag matching", func(ctx context.Context, w *World, etag, version string) (any, error) {
			return condDelete(ctx, w, b, k, etag, version)
		}, notImpl),
		onPresent("DeleteObject/If-Match * with a versionId", func(ctx context.Context, w *World, _, version string) (any, error) {
			return condDelete(ctx, w, b, k, "*", version)
		}, notImpl),
	})
}
