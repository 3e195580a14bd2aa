package golden

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Object annotations (2026). AWS's one recorded answer is
// ListObjectAnnotations of an object without annotations; the other
// cases follow the API Reference pages, the S3 User Guide's
// annotations pages and the S3 model's error shapes (aws-sdk-go-v2
// service/s3 v1.114.9 types/errors.go), which give codes and statuses
// but no messages: a message fakeaws chose is not asserted.
const (
	annotationsBaseline = "brekkylab/backlot backlot/fidelity/baseline/s3.json (ListObjectAnnotations: \"Real S3 answers 200 " +
		"<ListObjectAnnotationsOutput> with empty Annotations\", measured 2026-09-03 in us-east-1 and ap-northeast-2)"
	putAnnotationDoc    = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAnnotation.html"
	getAnnotationDoc    = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAnnotation.html"
	listAnnotationsDoc  = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectAnnotations.html"
	deleteAnnotationDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectAnnotation.html"
	annotationsGuide    = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/annotations-overview.html"
)

// putAnnotation attaches annotation name with payload to opsKey of b.
func putAnnotation(name, payload string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectAnnotation(ctx, &s3.PutObjectAnnotationInput{Bucket: aws.String(b), Key: aws.String(opsKey),
			AnnotationName: aws.String(name), AnnotationPayload: strings.NewReader(payload)})
	}
}

// gotAnnotation is GetObjectAnnotation's output with its payload read.
type gotAnnotation struct {
	*s3.GetObjectAnnotationOutput
	Payload string
}

// getAnnotation reads annotation name of opsKey (of version when set).
func getAnnotation(name, version string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in := &s3.GetObjectAnnotationInput{Bucket: aws.String(b), Key: aws.String(opsKey), AnnotationName: aws.String(name)}
		if version != "" {
			in.VersionId = aws.String(version)
		}
		out, err := c.GetObjectAnnotation(ctx, in)
		if err != nil {
			return out, err
		}
		defer out.AnnotationPayload.Close()
		raw, err := io.ReadAll(out.AnnotationPayload)
		return gotAnnotation{out, string(raw)}, err
	}
}

func listAnnotations(edit func(*s3.ListObjectAnnotationsInput)) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in := &s3.ListObjectAnnotationsInput{Bucket: aws.String(b), Key: aws.String(opsKey)}
		if edit != nil {
			edit(in)
		}
		return c.ListObjectAnnotations(ctx, in)
	}
}

func deleteAnnotation(name string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteObjectAnnotation(ctx, &s3.DeleteObjectAnnotationInput{Bucket: aws.String(b), Key: aws.String(opsKey),
			AnnotationName: aws.String(name)})
	}
}

// versioningOn turns versioning on for opsBucket.
var versioningOn = run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
	return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
})

func TestS3ObjectAnnotations(t *testing.T) {
	const payload = `{"sentiment":"positive"}`
	object := putKey(opsKey, "data")
	annotated := s3Steps(object, run(putAnnotation("ml.sentiment", payload)))
	Run(t, []Case{
		s3OK("ListObjectAnnotations/none", annotationsBaseline, s3Steps(object), listAnnotations(nil), map[string]any{
			"Annotations": EmptyList, "AnnotationCount": 0, "Bucket": opsBucket, "Key": opsKey, "NextContinuationToken": Absent}),
		s3OK("PutObjectAnnotation/success", putAnnotationDoc+" (ETag and checksum of the annotation; SSE-S3 for an object without encryption)",
			s3Steps(object), putAnnotation("ml.sentiment", payload), map[string]any{
				"AnnotationName": "ml.sentiment", "Key": opsKey, "ETag": `"2cce3e98e0ba26c9a7d7000fdde60445"`,
				"ChecksumCRC32": Present, "ChecksumType": "FULL_OBJECT", "ServerSideEncryption": "AES256",
				"ObjectVersionId": Absent}),
		s3OK("GetObjectAnnotation/success", getAnnotationDoc+" (the payload, its size, ETag and date; the SDK validates the checksum it asks for)",
			annotated, getAnnotation("ml.sentiment", ""), map[string]any{
				"Payload": payload, "ContentLength": len(payload), "ETag": `"2cce3e98e0ba26c9a7d7000fdde60445"`,
				"LastModified": Present, "ChecksumCRC32": Present, "ChecksumType": "FULL_OBJECT"}),
		s3OK("ListObjectAnnotations/one", listAnnotationsDoc+" (name, size, ETag, date and checksum algorithm of each)",
			annotated, listAnnotations(nil), map[string]any{
				"AnnotationCount": 1, "Annotations[0].AnnotationName": "ml.sentiment", "Annotations[0].Size": len(payload),
				"Annotations[0].ETag": `"2cce3e98e0ba26c9a7d7000fdde60445"`, "Annotations[0].ChecksumAlgorithm": "[CRC32]",
				"Annotations[0].LastModified": Present, "MaxAnnotationResults": 1000}),
		noContent(s3OK("DeleteObjectAnnotation/success", deleteAnnotationDoc+" (204 No Content)",
			annotated, deleteAnnotation("ml.sentiment"), map[string]any{"ObjectVersionId": Absent})),
		s3Fails("GetObjectAnnotation/after delete", getAnnotationDoc+" (NoSuchAnnotation, 404 in the S3 model)",
			s3Steps(object, run(putAnnotation("a", "1")), run(deleteAnnotation("a"))), getAnnotation("a", ""), 404, "NoSuchAnnotation", ""),
		s3Fails("PutObjectAnnotation/reserved prefix", putAnnotationDoc+"; "+annotationsGuide+" (names cannot start with aws or s3; InvalidAnnotationName, 400)",
			s3Steps(object), putAnnotation("AWS.label", "1"), 400, "InvalidAnnotationName", ""),
		s3Fails("PutObjectAnnotation/name over 512 bytes", putAnnotationDoc+" (AnnotationNameTooLong, 400)",
			s3Steps(object), putAnnotation(strings.Repeat("n", 513), "1"), 400, "AnnotationNameTooLong", ""),
		s3Fails("PutObjectAnnotation/payload not UTF-8", putAnnotationDoc+" (AnnotationPayload: invalid UTF-8 fails with HTTP 415)",
			s3Steps(object), putAnnotation("bin", "\xff\xfe"), 415, "UnsupportedMediaType", ""),
		s3Fails("PutObjectAnnotation/no such key", putAnnotationDoc+" (NoSuchKey among its errors)",
			nil, putAnnotation("a", "1"), 404, "NoSuchKey", "The specified key does not exist."),
		s3Fails("DeleteObjectAnnotation/no such key", deleteAnnotationDoc+" (NoSuchKey among its errors)",
			nil, deleteAnnotation("a"), 404, "NoSuchKey", "The specified key does not exist."),
		s3Fails("ListObjectAnnotations/prefix over 512 bytes", listAnnotationsDoc+" (InvalidPrefix among its errors)",
			s3Steps(object), listAnnotations(func(in *s3.ListObjectAnnotationsInput) { in.AnnotationPrefix = aws.String(strings.Repeat("p", 513)) }),
			400, "InvalidPrefix", ""),
	})
}

// TestS3AnnotationsFollowVersions: annotations belong to one object
// version (S3 User Guide, annotations-overview: up to 1,000 "to an object
// version"; "Creating a new version does not copy annotations from the
// previous version"; deleting or overwriting an object of a bucket
// without versioning deletes its annotations).
func TestS3AnnotationsFollowVersions(t *testing.T) {
	object := putKey(opsKey, "data")
	Run(t, []Case{
		s3Fails("GetObjectAnnotation/after an overwrite", annotationsGuide+" (overwriting the object deletes its annotations)",
			s3Steps(object, run(putAnnotation("a", "1")), putKey(opsKey, "new")), getAnnotation("a", ""), 404, "NoSuchAnnotation", ""),
		s3OK("ListObjectAnnotations/after delete and put again", annotationsGuide+" (deleting the object deletes its annotations)",
			s3Steps(object, run(putAnnotation("a", "1")), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(opsKey)})
			}), putKey(opsKey, "again")), listAnnotations(nil), map[string]any{"Annotations": Len(0)}),
		s3Fails("GetObjectAnnotation/new version starts empty", annotationsGuide+" (a new version does not copy the previous one's)",
			s3Steps(versioningOn, object, run(putAnnotation("a", "1")), putKey(opsKey, "v2")), getAnnotation("a", ""), 404, "NoSuchAnnotation", ""),
		s3OK("PutObjectAnnotation/versioned", putAnnotationDoc+" (ObjectVersionId: the version the annotation was attached to)",
			s3Steps(versioningOn, object), putAnnotation("a", "1"), map[string]any{"ObjectVersionId": Present}),
		deletedVersionCase(),
	})
}

// copyAnnotated copies opsKey to key "copy", with the annotation
// directive when one is given.
func copyAnnotated(directive types.AnnotationDirective) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("copy"),
			CopySource: aws.String(opsBucket + "/" + opsKey), AnnotationDirective: directive})
		return err
	}
}

// listCopy lists the annotations of key "copy".
func listCopy(ctx context.Context, c *s3.Client, b string) (any, error) {
	return c.ListObjectAnnotations(ctx, &s3.ListObjectAnnotationsInput{Bucket: aws.String(b), Key: aws.String("copy")})
}

// TestS3AnnotationsCopied: CopyObject copies the source's annotations
// unless told to EXCLUDE them (API_CopyObject, AnnotationDirective: "If
// this header isn't specified, COPY is the default behavior").
func TestS3AnnotationsCopied(t *testing.T) {
	const copyDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html (x-amz-object-annotation-directive)"
	annotated := s3Steps(putKey(opsKey, "data"), run(putAnnotation("a", "carried")))
	Run(t, []Case{
		s3OK("ListObjectAnnotations/of a copy", copyDoc+" (COPY by default)", append(annotated, copyAnnotated("")), listCopy,
			map[string]any{"AnnotationCount": 1, "Annotations[0].AnnotationName": "a", "Annotations[0].Size": len("carried")}),
		s3OK("ListObjectAnnotations/of a copy excluding them", copyDoc+" (EXCLUDE)", append(annotated, copyAnnotated(types.AnnotationDirectiveExclude)),
			listCopy, map[string]any{"Annotations": EmptyList, "AnnotationCount": 0}),
		copyWithoutAnnotationRights(copyDoc + " (with COPY, s3:GetObjectAnnotation on the source and s3:PutObjectAnnotation on the destination)"),
	})
}

// copyWithoutAnnotationRights: a user allowed s3:GetObject and
// s3:PutObject alone copies an annotated object.
func copyWithoutAnnotationRights(source string) Case {
	var creds aws.Credentials
	return Case{
		Name:   "CopyObject/annotated source without the annotation actions",
		Source: source,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			for _, s := range s3Steps(putKey(opsKey, "data"), run(putAnnotation("a", "1"))) {
				if err := s(ctx, w.S3(Root(owner))); err != nil {
					t.Fatal(err)
				}
			}
			creds = w.User(ctx, t, owner, "copier", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",`+
				`"Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`)
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return w.S3(creds).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(opsBucket), Key: aws.String("copy"),
				CopySource: aws.String(opsBucket + "/" + opsKey)})
		},
		Want: Want{Status: 403, Code: "AccessDenied"},
	}
}

// TestS3AnnotationsUnderLegalHold: a legal hold refuses annotation
// writes, bypass or not, as AWS was observed answering.
func TestS3AnnotationsUnderLegalHold(t *testing.T) {
	const observed = "ministackorg/ministack tests/test_s3_annotations.py test_a_legal_hold_refuses_annotation_writes_even_with_the_bypass " +
		"(\"Observed on AWS (ap-southeast-2, 2026-09-28)\": 403 AccessDenied \"Access Denied because object protected by object lock legal hold.\")"
	held := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		lockedBucket(ctx, t, w)
		if _, err := s3Ops["PutObjectLegalHold"](ctx, w.S3(Root(owner)), opsBucket); err != nil {
			t.Fatalf("set-up PutObjectLegalHold: %v", err)
		}
	}
	const msg = "Access Denied because object protected by object lock legal hold."
	Run(t, []Case{{
		Name: "PutObjectAnnotation/legal hold", Source: observed, Setup: held,
		Call: func(ctx context.Context, w *World) (any, error) {
			return putAnnotation("a", "1")(ctx, w.S3(Root(owner)), opsBucket)
		},
		Want: Want{Status: 403, Code: "AccessDenied", Message: msg},
	}, {
		Name: "DeleteObjectAnnotation/legal hold", Source: observed, Setup: held,
		Call: func(ctx context.Context, w *World) (any, error) {
			return deleteAnnotation("a")(ctx, w.S3(Root(owner)), opsBucket)
		},
		Want: Want{Status: 403, Code: "AccessDenied", Message: msg},
	}})
}

// deletedVersionCase asks for an annotation of a version deleted since;
// the version id the set-up learns is this case's own.
func deletedVersionCase() Case {
	var v1 string
	return Case{
		Name:   "GetObjectAnnotation/of a deleted version",
		Source: getAnnotationDoc + "; " + annotationsGuide + " (a version's annotations go with it: NoSuchVersion, as for every call naming a deleted version)",
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			c := w.S3(Root(owner))
			for _, s := range s3Steps(versioningOn, putKey(opsKey, "data"), run(putAnnotation("a", "1")), putKey(opsKey, "v2")) {
				if err := s(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			v1 = oldestVersion(ctx, t, c)
			if _, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(opsKey), VersionId: aws.String(v1)}); err != nil {
				t.Fatal(err)
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			return getAnnotation("a", v1)(ctx, w.S3(Root(owner)), opsBucket)
		},
		Want: Want{Status: 404, Code: "NoSuchVersion"},
	}
}

// oldestVersion is the id of opsKey's oldest version.
func oldestVersion(ctx context.Context, t *testing.T, c *s3.Client) string {
	t.Helper()
	out, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(opsBucket), Prefix: aws.String(opsKey)})
	if err != nil || len(out.Versions) == 0 {
		t.Fatalf("ListObjectVersions: %v", err)
	}
	return aws.ToString(out.Versions[len(out.Versions)-1].VersionId)
}

// TestS3AnnotationsAcrossAccounts: the annotation actions are object
// actions decided as every other (API_GetObjectAnnotation: "you must
// have the s3:GetObjectAnnotation permission"): another account is
// refused without a bucket policy granting it, and a grant of one action
// grants no other.
func TestS3AnnotationsAcrossAccounts(t *testing.T) {
	const other = "222222222222"
	grantGet := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(b), Policy: aws.String(`{"Version":"2012-10-17",` +
			`"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + other + `:root"},` +
			`"Action":"s3:GetObjectAnnotation","Resource":"arn:aws:s3:::` + b + `/*"}]}`)})
	})
	annotated := s3Steps(putKey(opsKey, "data"), run(putAnnotation("a", "shared")))
	as := func(c s3Call) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) { return c(ctx, w.S3(Root(other)), opsBucket) }
	}
	denied := func(name, source string, steps []s3Setup, call s3Call) Case {
		c := s3Fails(name, source, steps, call, 403, "AccessDenied", "")
		c.Call = as(call)
		return c
	}
	granted := s3OK("GetObjectAnnotation/another account granted it", getAnnotationDoc+" (s3:GetObjectAnnotation granted by the bucket policy)",
		append(annotated, grantGet), getAnnotation("a", ""), map[string]any{"Payload": "shared"})
	granted.Call = as(getAnnotation("a", ""))
	Run(t, []Case{
		denied("GetObjectAnnotation/another account", getAnnotationDoc+" (needs s3:GetObjectAnnotation)", annotated, getAnnotation("a", "")),
		denied("ListObjectAnnotations/another account", listAnnotationsDoc+" (needs s3:ListObjectAnnotations)", annotated, listAnnotations(nil)),
		granted,
		denied("PutObjectAnnotation/another account granted only Get", putAnnotationDoc+" (needs s3:PutObjectAnnotation)",
			append(annotated, grantGet), putAnnotation("b", "1")),
		denied("DeleteObjectAnnotation/another account granted only Get", deleteAnnotationDoc+" (needs s3:DeleteObjectAnnotation)",
			append(annotated, grantGet), deleteAnnotation("a")),
	})
}
