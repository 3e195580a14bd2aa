package golden

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// putLifecycle sets rules as opsBucket's lifecycle configuration.
func putLifecycle(rules ...types.LifecycleRule) s3Setup {
	return run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(b),
			LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rules}})
	})
}

func getLifecycle(ctx context.Context, c *s3.Client, b string) (any, error) {
	return c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(b)})
}

// expiresBy is an x-amz-expiration header naming rule.
func expiresBy(rule string) Matcher {
	return Match(`^expiry-date="[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} 00:00:00 GMT", rule-id="` + rule + `"$`)
}

func TestS3RecordedLifecycleAnswers(t *testing.T) {
	const lc = "TestS3BucketLifecycle::"
	week := &types.LifecycleExpiration{Days: aws.Int32(7)}
	dated := putLifecycle(types.LifecycleRule{ID: aws.String("rule_number_one"), Status: types.ExpirationStatusEnabled,
		Filter: &types.LifecycleRuleFilter{}, Expiration: &types.LifecycleExpiration{Date: aws.Time(time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC))}})
	sized := putLifecycle(
		types.LifecycleRule{ID: aws.String("rule_one"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{ObjectSizeGreaterThan: aws.Int64(20)}, Expiration: week},
		types.LifecycleRule{ID: aws.String("rule_two"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{ObjectSizeLessThan: aws.Int64(10)}, Expiration: week})
	marker := putLifecycle(types.LifecycleRule{ID: aws.String("rule-marker"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
		Expiration: &types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(true)}})
	rule3 := putLifecycle(types.LifecycleRule{ID: aws.String("rule3"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{}, Expiration: week})
	put := func(key, body string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: strings.NewReader(body)})
		}
	}
	head := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		}
	}
	const ek, mk = "test-object-expiry", "test-expired-object-delete-marker"
	Run(t, []Case{
		s3OK("GetBucketLifecycleConfiguration/expiration date, empty filter", localstack(moreS3, lc+"test_bucket_lifecycle_configuration_date", "get-bucket-lifecycle-conf", "2026-02-21"),
			s3Steps(dated), getLifecycle, map[string]any{"Rules": Len(1), "Rules[0].ID": "rule_number_one", "Rules[0].Status": "Enabled",
				"Rules[0].Expiration.Date": "2023-01-01T00:00:00Z", "Rules[0].Expiration.Days": Absent, "Rules[0].Filter": Present,
				"Rules[0].Filter.Prefix": Absent, "Rules[0].Prefix": Absent, "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}),
		s3OK("GetBucketLifecycleConfiguration/object size filters", localstack(moreS3, lc+"test_bucket_lifecycle_object_size_rules", "get-bucket-lifecycle-conf", "2026-02-21"),
			s3Steps(sized), getLifecycle, map[string]any{"Rules": Len(2), "Rules[0].ID": "rule_one", "Rules[0].Filter.ObjectSizeGreaterThan": 20,
				"Rules[0].Filter.ObjectSizeLessThan": Absent, "Rules[1].ID": "rule_two", "Rules[1].Filter.ObjectSizeLessThan": 10,
				"Rules[1].Filter.ObjectSizeGreaterThan": Absent, "Rules[0].Expiration.Days": 7, "TransitionDefaultMinimumObjectSize": "all_storage_classes_128K"}),
		s3OK("PutObject/larger than a rule's ObjectSizeGreaterThan", localstack(moreS3, lc+"test_bucket_lifecycle_object_size_rules", "put-object-match-rule-1", "2026-02-21"),
			s3Steps(sized), put("testobject-expiry", strings.Repeat("a", 22)),
			map[string]any{"Expiration": expiresBy("rule_one"), "ETag": `"ff49cfac3968dbce26ebe7d4823e58bd"`, "ChecksumCRC32": "KJmf0A=="}),
		s3OK("PutObject/smaller than a rule's ObjectSizeLessThan", localstack(moreS3, lc+"test_bucket_lifecycle_object_size_rules", "put-object-match-rule-2", "2026-02-21"),
			s3Steps(sized), put("test-one-rule", strings.Repeat("a", 5)),
			map[string]any{"Expiration": expiresBy("rule_two"), "ETag": `"594f803b380a41396ed63dca39503542"`}),
		s3OK("PutObject/between the size rules", localstack(moreS3, lc+"test_bucket_lifecycle_object_size_rules", "put-object-no-match", "2026-02-21"),
			s3Steps(sized), put("no-rules", strings.Repeat("a", 15)),
			map[string]any{"Expiration": Absent, "ETag": `"12f9cf6998d52dbe773b06f848bb3608"`}),
		s3OK("GetBucketLifecycleConfiguration/ExpiredObjectDeleteMarker", localstack(moreS3, lc+"test_lifecycle_expired_object_delete_marker", "get-bucket-lifecycle-conf", "2026-02-21"),
			s3Steps(marker), getLifecycle, map[string]any{"Rules": Len(1), "Rules[0].ID": "rule-marker", "Rules[0].Expiration.ExpiredObjectDeleteMarker": true,
				"Rules[0].Expiration.Days": Absent, "Rules[0].Expiration.Date": Absent}),
		s3OK("PutObject/only an ExpiredObjectDeleteMarker rule", localstack(moreS3, lc+"test_lifecycle_expired_object_delete_marker", "put-object", "2026-02-21"),
			s3Steps(marker), put(mk, "test"), map[string]any{"Expiration": Absent, "ETag": `"098f6bcd4621d373cade4e832627b4f6"`}),
		s3OK("HeadObject/only an ExpiredObjectDeleteMarker rule", localstack(moreS3, lc+"test_lifecycle_expired_object_delete_marker", "head-object", "2026-02-21"),
			s3Steps(marker, putKey(mk, "test")), head(mk), map[string]any{"Expiration": Absent, "ContentLength": 4}),
		s3OK("PutObject/before the lifecycle configuration", localstack(moreS3, lc+"test_object_expiry_after_bucket_lifecycle_configuration", "put-object-before", "2026-02-21"),
			nil, put(ek, "test"), map[string]any{"Expiration": Absent}),
		s3OK("HeadObject/written before the lifecycle configuration", localstack(moreS3, lc+"test_object_expiry_after_bucket_lifecycle_configuration", "head-object-expiry-before", "2026-02-21"),
			s3Steps(putKey(ek, "test"), rule3), head(ek), map[string]any{"Expiration": expiresBy("rule3"), "ContentLength": 4}),
		s3OK("PutObject/after the lifecycle configuration", localstack(moreS3, lc+"test_object_expiry_after_bucket_lifecycle_configuration", "put-object-after", "2026-02-21"),
			s3Steps(putKey(ek, "test"), rule3), put(ek, "test"), map[string]any{"Expiration": expiresBy("rule3")}),
		s3OK("HeadObject/written after the lifecycle configuration", localstack(moreS3, lc+"test_object_expiry_after_bucket_lifecycle_configuration", "head-object-expiry-after", "2026-02-21"),
			s3Steps(putKey(ek, "test"), rule3, putKey(ek, "test")), head(ek), map[string]any{"Expiration": expiresBy("rule3")}),
	})
}

// expiryChecked is HEAD of key (at version when it is not nil) with its
// x-amz-expiration replaced by `rule-id="ID", days=N` when its expiry-date
// is the midnight UTC after Last-Modified plus N days, as AWS computes it
// (S3 User Guide, lifecycle-expire-general-considerations: "rounding the
// resulting time to the next day midnight UTC").
func expiryChecked(key string, version func() *string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in := &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)}
		if version != nil {
			in.VersionId = version()
		}
		out, err := c.HeadObject(ctx, in)
		if err != nil || out.Expiration == nil {
			return out, err
		}
		var date, rule string
		if i := strings.Index(*out.Expiration, `", rule-id="`); strings.HasPrefix(*out.Expiration, `expiry-date="`) && i > 0 {
			date, rule = (*out.Expiration)[len(`expiry-date="`):i], strings.TrimSuffix((*out.Expiration)[i+len(`", rule-id="`):], `"`)
		}
		at, perr := time.Parse(http.TimeFormat, date)
		if perr != nil {
			return out, nil
		}
		for n := 1; n <= 400; n++ {
			want := out.LastModified.UTC().AddDate(0, 0, n).Truncate(24 * time.Hour).Add(24 * time.Hour)
			if at.Equal(want) {
				out.Expiration = aws.String(fmt.Sprintf("rule-id=%q, days=%d", rule, n))
				break
			}
		}
		return out, nil
	}
}

func TestS3RecordedLifecycleVersionedExpiry(t *testing.T) {
	const test = "TestS3BucketLifecycle::test_bucket_lifecycle_configuration_object_expiry_versioned"
	const k = "test-object-expiry"
	rule := putLifecycle(types.LifecycleRule{ID: aws.String("rule2"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{},
		Expiration: &types.LifecycleExpiration{Days: aws.Int32(3)}, NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(1)}})
	var v1, v2 *string
	keep := func(p **string) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Body: strings.NewReader("test")})
			if err == nil {
				*p = out.VersionId
			}
			return err
		}
	}
	Run(t, []Case{
		s3OK("GetBucketLifecycleConfiguration/with NoncurrentVersionExpiration", localstack(moreS3, test, "get-bucket-lifecycle-conf", "2026-02-21"),
			s3Steps(versionedOps, rule), getLifecycle, map[string]any{"Rules[0].ID": "rule2", "Rules[0].NoncurrentVersionExpiration.NoncurrentDays": 1,
				"Rules[0].NoncurrentVersionExpiration.NewerNoncurrentVersions": Absent, "Rules[0].Expiration.Days": 3}),
		s3OK("HeadObject/versioned, current", localstack(moreS3, test, "head-object-expiry", "2026-02-21"),
			s3Steps(versionedOps, rule, putKey(k, "test")), expiryChecked(k, nil),
			map[string]any{"Expiration": `rule-id="rule2", days=3`, "VersionId": Present}),
		s3OK("HeadObject/versioned, noncurrent version by id", localstack(moreS3, test, "head-object-expiry-noncurrent", "2026-02-21"),
			s3Steps(versionedOps, rule, keep(&v1), putKey(k, "test")), expiryChecked(k, func() *string { return v1 }),
			map[string]any{"Expiration": Absent, "ContentLength": 4}),
		s3OK("HeadObject/versioned, current version by id", localstack(moreS3, test, "head-object-expiry-current-with-version-id", "2026-02-21"),
			s3Steps(versionedOps, rule, putKey(k, "test"), keep(&v2)), expiryChecked(k, func() *string { return v2 }),
			map[string]any{"Expiration": Absent, "ContentLength": 4}),
		s3OK("HeadObject/versioned, current without version id", localstack(moreS3, test, "head-object-expiry-current-without-version-id", "2026-02-21"),
			s3Steps(versionedOps, rule, putKey(k, "test"), putKey(k, "test")), expiryChecked(k, nil),
			map[string]any{"Expiration": `rule-id="rule2", days=3`}),
	})
}

func TestS3RecordedLifecycleTagRules(t *testing.T) {
	const test = "TestS3BucketLifecycle::test_bucket_lifecycle_tag_rules"
	week := &types.LifecycleExpiration{Days: aws.Int32(7)}
	tag := func(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }
	t1 := tag("testlifecycle", "positive")
	rules := putLifecycle(
		types.LifecycleRule{ID: aws.String("rule_one"), Status: types.ExpirationStatusEnabled, Filter: &types.LifecycleRuleFilter{Tag: &t1}, Expiration: week},
		types.LifecycleRule{ID: aws.String("rule_two"), Status: types.ExpirationStatusEnabled, Expiration: week, Filter: &types.LifecycleRuleFilter{
			And: &types.LifecycleRuleAndOperator{Tags: []types.Tag{t1, tag("testlifecycletwo", "positive-two")}}}})
	withTags := func(key, tagging string) s3Setup {
		return putKeyWith(key, "test", func(in *s3.PutObjectInput) {
			if tagging != "" {
				in.Tagging = aws.String(tagging)
			}
		})
	}
	get := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		}
	}
	src := func(key string) string { return localstack(moreS3, test, key, "2026-02-21") }
	Run(t, []Case{
		s3OK("GetBucketLifecycleConfiguration/tag and And filters", src("get-bucket-lifecycle-conf"), s3Steps(rules), getLifecycle,
			map[string]any{"Rules": Len(2), "Rules[0].Filter.Tag.Key": "testlifecycle", "Rules[0].Filter.Tag.Value": "positive", "Rules[0].Filter.And": Absent,
				"Rules[1].Filter.And.Tags": Len(2), "Rules[1].Filter.And.Tags[1].Value": "positive-two", "Rules[1].Filter.Tag": Absent, "Rules[1].Filter.And.Prefix": Absent}),
		s3OK("GetObject/tags matching the tag rule only (And's second tag differs)", src("get-object-match-both-rules"),
			s3Steps(rules, withTags("testobject-expiry", "testlifecycle=positive&testlifecycletwo=positivetwo")), get("testobject-expiry"),
			map[string]any{"Expiration": expiresBy("rule_one"), "TagCount": 2}),
		s3OK("GetObject/tags matching the tag rule", src("get-object-match-rule-1"), s3Steps(rules, withTags("test-one-rule", "testlifecycle=positive")), get("test-one-rule"),
			map[string]any{"Expiration": expiresBy("rule_one"), "TagCount": 1}),
		s3OK("GetObject/tags matching no rule", src("get-object-no-match"), s3Steps(rules, withTags("no-rules", "testlifecycle2=positivetwo")), get("no-rules"),
			map[string]any{"Expiration": Absent, "TagCount": 1}),
		s3OK("PutObject/no tags under tag rules", src("put-object-no-tags"), s3Steps(rules), func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("no-tags"), Body: strings.NewReader("test")})
		}, map[string]any{"Expiration": Absent}),
		s3OK("GetObject/no tags under tag rules", src("get-object-no-tags"), s3Steps(rules, withTags("no-tags", "")), get("no-tags"),
			map[string]any{"Expiration": Absent, "TagCount": Absent}),
	})
}
