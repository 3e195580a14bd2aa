package golden

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestS3RecordedTaggingAndOwnershipValidation(t *testing.T) {
	const tv = "TestS3BucketObjectTagging::test_tagging_validation"
	const tagKey = "tagging-validation"
	tagging := func(path, tags string) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			body := []byte(`<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet>` + tags + `</TagSet></Tagging>`)
			// With the Content-MD5 boto3 sends: PutBucketTagging requires
			// it (argmin request_checksums.rs).
			return w.Signed(ctx, Root(owner), http.MethodPut, path, body, http.Header{"Content-Md5": {argminMD5(body)}})
		}
	}
	withObject := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		bucket(ctx, t, w, opsBucket)
		object(ctx, t, w, opsBucket, tagKey, "")
	}
	malformed := Want{Status: 400, Code: "MalformedXML", Message: msgMalformedXML}
	Run(t, []Case{
		// aws-sdk-go-v2 refuses a tag without Key or Value client-side;
		// botocore (parameter validation off) sends the element without it.
		{Name: "PutBucketTagging/tag without a value", Source: localstack(moreAPI, tv, "put-bucket-tags-none-value", "2026-02-21"),
			Setup: withObject, Call: tagging("/"+opsBucket+"?tagging", `<Tag><Key>key1</Key></Tag>`), Want: malformed},
		{Name: "PutObjectTagging/key with a comma", Source: localstack(moreAPI, tv, "put-object-tags-invalid-field", "2026-02-21"),
			Setup: withObject, Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(tagKey),
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("Key1,Key2"), Value: aws.String("Val1")}}}})
			}),
			Want: Want{Status: 400, Code: "InvalidTag", Message: "The TagKey you have provided is invalid"}},
		{Name: "PutObjectTagging/tag without a key", Source: localstack(moreAPI, tv, "put-object-tags-none-key", "2026-02-21"),
			Setup: withObject, Call: tagging("/"+opsBucket+"/"+tagKey+"?tagging", `<Tag><Value>Val1</Value></Tag>`), Want: malformed},
		{Name: "CreateBucket/tag without a value", Source: localstack(moreAPI, "TestS3BucketObjectTagging::test_create_bucket_with_tags_exc", "tags-value-none", "2026-02-23"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/golden-tags",
					[]byte(`<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Tags><Tag><Key>key1</Key></Tag></Tags></CreateBucketConfiguration>`), nil)
			},
			Want: malformed},
		// The SDK leaves out an empty x-amz-object-ownership; botocore sends it.
		{Name: "CreateBucket/empty x-amz-object-ownership", Source: localstack(moreAPI, "TestS3BucketOwnershipControls::test_bucket_ownership_controls_exc", "ownership-non-value-at-creation", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/golden-ownership", nil, http.Header{"X-Amz-Object-Ownership": {""}})
			},
			Want: Want{Status: 400, Code: "InvalidArgument", Message: "Invalid x-amz-object-ownership header: "}},
	})
}

func TestS3RecordedObjectTagsFromHeader(t *testing.T) {
	const test = "TestS3BucketObjectTagging::test_put_object_with_tags"
	const k = "test-put-object-tagging"
	withTags := func(tagging, body string) s3Setup {
		return putKeyWith(k, body, func(in *s3.PutObjectInput) { in.Tagging = aws.String(tagging) })
	}
	getTags := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k)})
	}
	// sortedTags is GetObjectTagging with the tag set sorted by key, as
	// the recording sorts tags given in x-amz-tagging.
	sortedTags := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		out, err := c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k)})
		if out != nil {
			sort.Slice(out.TagSet, func(i, j int) bool { return aws.ToString(out.TagSet[i].Key) < aws.ToString(out.TagSet[j].Key) })
		}
		return out, err
	}
	tags := func(kv ...string) map[string]any {
		f := map[string]any{"TagSet": Len(len(kv) / 2)}
		for i := 0; i+1 < len(kv); i += 2 {
			f[fmt.Sprintf("TagSet[%d].Key", i/2)], f[fmt.Sprintf("TagSet[%d].Value", i/2)] = kv[i], kv[i+1]
		}
		return f
	}
	first := withTags("tag1=tag1&tag2=tag2&tag=", "test-tagging")
	overridden := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k),
			Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag3"), Value: aws.String("tag3")}}}})
	})
	Run(t, []Case{
		s3OK("PutObject/x-amz-tagging", localstack(moreAPI, test, "put-object", "2026-02-23"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("test-tagging"),
					Tagging: aws.String("tag1=tag1&tag2=tag2&tag=")})
			}, map[string]any{"ETag": `"b635a7fc30aa9091e0d236bee77e6844"`, "ChecksumCRC32": "lpqTBg==", "ServerSideEncryption": "AES256"}),
		s3OK("GetObjectTagging/tags from x-amz-tagging, one without a value", localstack(moreAPI, test, "get-object-tags", "2026-02-23"),
			s3Steps(first), sortedTags, tags("tag", "", "tag1", "tag1", "tag2", "tag2")),
		s3OK("GetObjectTagging/after PutObjectTagging replaced them", localstack(moreAPI, test, "get-object-tags-override", "2026-02-23"),
			s3Steps(first, overridden), getTags, tags("tag3", "tag3")),
		s3OK("HeadObject/tag count", localstack(moreAPI, test, "head-obj", "2026-02-23"),
			s3Steps(first, overridden), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, map[string]any{"TagCount": 1, "ContentLength": 12, "header:X-Amz-Tagging-Count": "1"}),
		s3OK("GetObject/tag count", localstack(moreAPI, test, "get-obj", "2026-02-23"),
			s3Steps(first, overridden), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, map[string]any{"TagCount": 1, "ContentLength": 12, "ChecksumCRC32": "lpqTBg=="}),
		s3OK("GetObjectTagging/x-amz-tagging of names without values", localstack(moreAPI, test, "get-object-tags-wrong-format-qs", "2026-02-23"),
			s3Steps(first, withTags("wrongquery&wrongagain", "")), sortedTags, tags("wrongagain", "", "wrongquery", "")),
		s3OK("GetObjectTagging/x-amz-tagging with empty pairs", localstack(moreAPI, test, "get-object-tags-wrong-format-qs-2", "2026-02-23"),
			s3Steps(first, withTags("key1&&&key2", "")), getTags, tags("key1", "", "key2", "")),
	})
}

func TestS3RecordedEmptyTagSets(t *testing.T) {
	const tt = "TestS3BucketObjectTagging::"
	const ok, ek = "test-put-object-tagging-kept", "test-empty-tag-set"
	getTags := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(key)})
		}
	}
	// botocore leaves out a TagSet given as None: the body is an empty
	// Tagging element, which aws-sdk-go-v2 will not send.
	emptyTagging := []byte(`<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></Tagging>`)
	signedOn := func(method, path string, body []byte) func(ctx context.Context, w *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return w.Signed(ctx, Root(owner), method, path, body, http.Header{"Content-Md5": {argminMD5(body)}}) // as boto3
		}
	}
	tagged := putKeyWith(ok, "create", func(in *s3.PutObjectInput) { in.Tagging = aws.String("tag1=val1") })
	bucketTags := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b), Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag3"), Value: aws.String("tag3")}}}})
	})
	// withSteps makes opsBucket, runs steps, then sends an empty Tagging
	// to rawPath when it is not "".
	withSteps := func(rawPath string, steps ...s3Setup) func(ctx context.Context, t *testing.T, w *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			for i, s := range steps {
				if err := s(ctx, w.S3(Root(owner))); err != nil {
					t.Fatalf("set-up step %d: %v", i+1, err)
				}
			}
			if rawPath != "" {
				resp, err := w.Signed(ctx, Root(owner), http.MethodPut, rawPath, emptyTagging, http.Header{"Content-Md5": {argminMD5(emptyTagging)}})
				if err != nil || resp.StatusCode >= 300 {
					t.Fatalf("set-up empty Tagging on %s: %v %v", rawPath, resp, err)
				}
				resp.Body.Close()
			}
		}
	}
	noTagSetErr := Want{Status: 404, Code: "NoSuchTagSet", Message: "The TagSet does not exist"}
	createTagged := func(body []byte) func(ctx context.Context, w *World) (any, error) {
		return signedOn(http.MethodPut, "/golden-tags", body)
	}
	emptyTags := []byte(`<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Tags></Tags></CreateBucketConfiguration>`)
	Run(t, []Case{
		s3OK("GetObjectTagging/tags from x-amz-tagging", localstack(moreAPI, tt+"test_object_tags_delete_or_overwrite_object", "get-object-after-creation", "2026-02-23"),
			s3Steps(tagged), getTags(ok), map[string]any{"TagSet": Len(1), "TagSet[0].Key": "tag1", "TagSet[0].Value": "val1"}),
		s3OK("GetObjectTagging/after the object was overwritten", localstack(moreAPI, tt+"test_object_tags_delete_or_overwrite_object", "get-object-after-overwrite", "2026-02-23"),
			s3Steps(tagged, putKey(ok, "overwrite")), getTags(ok), map[string]any{"TagSet": Len(0)}),
		s3OK("GetObjectTagging/after the object was deleted and written again", localstack(moreAPI, tt+"test_object_tags_delete_or_overwrite_object", "get-object-after-recreation", "2026-02-23"),
			s3Steps(tagged, putKey(ok, "overwrite"), run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(ok),
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag3"), Value: aws.String("tag3")}}}})
			}), deleteKey(ok), putKey(ok, "recreate")), getTags(ok), map[string]any{"TagSet": Len(0)}),
		{Name: "PutObjectTagging/without a TagSet", Source: localstack(moreAPI, tt+"test_put_object_tagging_none_value", "put-none-tag-set", "2026-02-23"),
			Setup: withSteps("", putKey(ek, "test-tagging")), Call: signedOn(http.MethodPut, "/"+opsBucket+"/"+ek+"?tagging", emptyTagging)},
		{Name: "GetObjectTagging/after a put without a TagSet", Source: localstack(moreAPI, tt+"test_put_object_tagging_none_value", "get-object-tags-none", "2026-02-23"),
			Setup: withSteps("/"+opsBucket+"/"+ek+"?tagging", putKey(ek, "test-tagging")), Call: onOps(getTags(ek)), Want: Want{Fields: map[string]any{"TagSet": Len(0)}}},
		{Name: "PutBucketTagging/without a TagSet", Source: localstack(moreAPI, tt+"test_put_bucket_tagging_none_value", "put-none-tag-set", "2026-02-23"),
			Setup: withSteps("", bucketTags), Call: signedOn(http.MethodPut, "/"+opsBucket+"?tagging", emptyTagging), Want: Want{Status: 204}},
		{Name: "GetBucketTagging/after a put without a TagSet", Source: localstack(moreAPI, tt+"test_put_bucket_tagging_none_value", "no-such-tag-set", "2026-02-23"),
			Setup: withSteps("/"+opsBucket+"?tagging", bucketTags), Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String(b)})
			}), Want: noTagSetErr},
		{Name: "CreateBucket/empty Tags", Source: localstack(moreAPI, tt+"test_create_bucket_with_empty_tags", "create-bucket-with-empty-tags", "2026-02-23"),
			Call: createTagged(emptyTags), Want: Want{Fields: map[string]any{"header:Location": "/golden-tags"}}},
		{Name: "GetBucketTagging/bucket created with empty Tags", Source: localstack(moreAPI, tt+"test_create_bucket_with_empty_tags", "get-bucket-tags", "2026-02-23"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				if resp, err := w.Signed(ctx, Root(owner), http.MethodPut, "/golden-tags", emptyTags, nil); err != nil || resp.StatusCode != 200 {
					t.Fatalf("set-up CreateBucket with empty Tags: %v %v", resp, err)
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).GetBucketTagging(ctx, &s3.GetBucketTaggingInput{Bucket: aws.String("golden-tags")})
			}, Want: noTagSetErr},
		{Name: "CreateBucket/again in us-east-1 without Tags", Source: localstack(moreAPI, tt+"test_create_bucket_with_empty_tags", "create-bucket-with-none-tags", "2026-02-23"),
			Setup: func(ctx context.Context, t *testing.T, w *World) { bucket(ctx, t, w, "golden-tags") },
			Call:  createTagged([]byte(`<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></CreateBucketConfiguration>`)),
			Want:  Want{Fields: map[string]any{"header:Location": "/golden-tags"}}},
	})
}

func TestS3RecordedVersionedTags(t *testing.T) {
	const test = "TestS3BucketObjectTagging::test_object_tagging_versioned"
	const k = "test-version-tagging"
	// Each case has its own two version ids (cases run in parallel).
	type ids struct{ v1, v2 *string }
	type build func(v *ids) ([]s3Setup, s3Call)
	keepPut := func(p **string, body, tagging string) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			in := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Body: strings.NewReader(body)}
			if tagging != "" {
				in.Tagging = aws.String(tagging)
			}
			out, err := c.PutObject(ctx, in)
			if err == nil {
				*p = out.VersionId
			}
			return err
		}
	}
	tag := func(version **string, key string) s3Setup {
		return run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k), Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String(key), Value: aws.String(key)}}}}
			if version != nil {
				in.VersionId = *version
			}
			return c.PutObjectTagging(ctx, in)
		})
	}
	untag := func(version **string) s3Setup {
		return run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.DeleteObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k)}
			if version != nil {
				in.VersionId = *version
			}
			return c.DeleteObjectTagging(ctx, in)
		})
	}
	// getTags reads the tags (of *version when not nil) and names the
	// version id it answers "v1" or "v2".
	getTags := func(v *ids, version **string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.GetObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k)}
			if version != nil {
				in.VersionId = *version
			}
			out, err := c.GetObjectTagging(ctx, in)
			if out != nil {
				nameVersion(out.VersionId, v.v1, v.v2)
			}
			return out, err
		}
	}
	base := func(v *ids, more ...s3Setup) []s3Setup {
		return append(s3Steps(versionedOps, keepPut(&v.v1, "test-0", "test_tag=tagv1"), keepPut(&v.v2, "test-1", "")), more...)
	}
	tags := func(version string, kv ...string) map[string]any {
		f := map[string]any{"VersionId": version, "TagSet": Len(len(kv) / 2)}
		for i := 0; i+1 < len(kv); i += 2 {
			f[fmt.Sprintf("TagSet[%d].Key", i/2)], f[fmt.Sprintf("TagSet[%d].Value", i/2)] = kv[i], kv[i+1]
		}
		return f
	}
	mk := func(name, key string, b build, fields map[string]any) Case {
		v := &ids{}
		steps, call := b(v)
		return s3OK(name, localstack(moreAPI, test, key, "2026-02-23"), steps, call, fields)
	}
	Run(t, []Case{
		mk("PutObjectTagging/current version", "put-object-tags-current-version", func(v *ids) ([]s3Setup, s3Call) {
			return base(v), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				out, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k),
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag3"), Value: aws.String("tag3")}}}})
				if out != nil {
					nameVersion(out.VersionId, v.v1, v.v2)
				}
				return out, err
			}
		}, map[string]any{"VersionId": "v2"}),
		mk("GetObjectTagging/current version", "get-object-tags-current-version", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3")), getTags(v, nil)
		}, tags("v2", "tag3", "tag3")),
		mk("GetObjectTagging/previous version by id", "get-object-tags-previous-version", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3")), getTags(v, &v.v1)
		}, tags("v1", "test_tag", "tagv1")),
		mk("PutObjectTagging/previous version by id", "put-object-tags-previous-version", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				out, err := c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(b), Key: aws.String(k), VersionId: v.v1,
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag1"), Value: aws.String("tag1")}}}})
				if out != nil {
					nameVersion(out.VersionId, v.v1, v.v2)
				}
				return out, err
			}
		}, map[string]any{"VersionId": "v1"}),
		mk("GetObjectTagging/previous version retagged", "get-object-tags-previous-version-again", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3"), tag(&v.v1, "tag1")), getTags(v, &v.v1)
		}, tags("v1", "tag1", "tag1")),
		mk("GetObjectTagging/current version's tags deleted", "get-object-tags-deleted-current", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3"), tag(&v.v1, "tag1"), untag(nil)), getTags(v, nil)
		}, tags("v2")),
		mk("GetObjectTagging/previous version's tags deleted too", "get-object-tags-previous-version-deleted", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3"), tag(&v.v1, "tag1"), untag(nil), untag(&v.v1)), getTags(v, nil)
		}, tags("v2")),
		noContent(mk("DeleteObject/over tagged versions", "put-delete-marker", func(v *ids) ([]s3Setup, s3Call) {
			return base(v, tag(nil, "tag3")), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}
		}, map[string]any{"DeleteMarker": true, "VersionId": Match(`^[A-Za-z0-9._]{32}$`)})),
	})
}

// nameVersion replaces *p by "v1" or "v2" when it is one of those version
// ids.
func nameVersion(p *string, v1, v2 *string) {
	switch {
	case p == nil:
	case v1 != nil && *p == *v1:
		*p = "v1"
	case v2 != nil && *p == *v2:
		*p = "v2"
	}
}
