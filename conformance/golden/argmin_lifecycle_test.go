package golden

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/lifecycle.rs: bucket lifecycle
// configurations S3 refuses and keeps, and the x-amz-expiration /
// x-amz-abort-* answers of the writes and reads they match. Asserted
// against AWS S3 (2026). The suite's client is its primary user, which
// creates the bucket.

// lcyRaw PUTs body as argminBkt's lifecycle configuration, signed by the
// primary user, with its Content-MD5 when md5 is set (the suite's
// send_signed_put).
func lcyRaw(body string, md5 bool) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		h := http.Header{"Content-Type": {"application/xml"}}
		if md5 {
			h.Set("Content-Md5", argminMD5([]byte(body)))
		}
		return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"?lifecycle", []byte(body), h)
	}
}

// lcyRules is a LifecycleConfiguration document of rules.
func lcyRules(rules ...string) string {
	return "<LifecycleConfiguration><Rule>" + strings.Join(rules, "</Rule><Rule>") + "</Rule></LifecycleConfiguration>"
}

// lcyPut sets rules as argminBkt's lifecycle configuration (the suite's
// put_bucket_lifecycle_with_md5).
func lcyPut(rules ...types.LifecycleRule) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String(argminBkt),
			LifecycleConfiguration: &types.BucketLifecycleConfiguration{Rules: rules}})
	}
}

func lcyGet(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(argminBkt)})
}

func lcyDelete(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return primary(w, u).DeleteBucketLifecycle(ctx, &s3.DeleteBucketLifecycleInput{Bucket: aws.String(argminBkt)})
}

// lcyRule is an Enabled rule id with filter and expiration.
func lcyRule(id string, filter *types.LifecycleRuleFilter, exp *types.LifecycleExpiration) types.LifecycleRule {
	r := types.LifecycleRule{Status: types.ExpirationStatusEnabled, Filter: filter, Expiration: exp}
	if id != "" {
		r.ID = aws.String(id)
	}
	return r
}

func lcyPrefix(p string) *types.LifecycleRuleFilter {
	return &types.LifecycleRuleFilter{Prefix: aws.String(p)}
}

func lcyDays(n int32) *types.LifecycleExpiration {
	return &types.LifecycleExpiration{Days: aws.Int32(n)}
}

func TestArgminLifecycleRefused(t *testing.T) {
	src := func(test string) string { return argmin("lifecycle.rs", test) }
	const days = "<Expiration><Days>1</Days></Expiration>"
	const logs = "<Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
	type refusal struct {
		name, test, body, code, message string
	}
	size := "<Filter><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></Filter><Status>Enabled</Status>"
	tag := "<Filter><Tag><Key>env</Key><Value>prod</Value></Tag></Filter><Status>Enabled</Status>"
	abort := "<AbortIncompleteMultipartUpload><DaysAfterInitiation>1</DaysAfterInitiation></AbortIncompleteMultipartUpload>"
	thirty := "<Status>Enabled</Status><Expiration><Days>30</Days></Expiration>"
	var cases []Case
	for _, r := range []refusal{
		{"a rule ID of 256 characters", "test_put_bucket_lifecycle_rejects_rule_id_longer_than_255_chars",
			lcyRules("<ID>" + strings.Repeat("a", 256) + "</ID>" + logs + days), "InvalidArgument", ""},
		{"two rules with one ID", "test_put_bucket_lifecycle_rejects_duplicate_rule_ids",
			lcyRules("<ID>same</ID>"+logs+days, "<ID>same</ID><Filter><Prefix>archive/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>2</Days></Expiration>"),
			"InvalidArgument", ""},
		{"a lower-case Status", "test_put_bucket_lifecycle_rejects_invalid_status",
			lcyRules("<Filter><Prefix>logs/</Prefix></Filter><Status>enabled</Status>" + days), "MalformedXML", ""},
		{"a Date that is not ISO 8601", "test_put_bucket_lifecycle_rejects_invalid_date",
			lcyRules(logs + "<Expiration><Date>20200101</Date></Expiration>"), "MalformedXML", ""},
		{"zero Days", "test_put_bucket_lifecycle_rejects_zero_days", lcyRules(logs + "<Expiration><Days>0</Days></Expiration>"), "InvalidArgument", ""},
		{"ExpiredObjectDeleteMarker with Days", "test_put_bucket_lifecycle_rejects_expired_object_delete_marker_with_days",
			lcyRules(logs + "<Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"), "MalformedXML", ""},
		{"ExpiredObjectDeleteMarker with Date", "test_put_bucket_lifecycle_rejects_expired_object_delete_marker_with_date",
			lcyRules(logs + "<Expiration><Date>2099-01-01T00:00:00Z</Date><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"), "MalformedXML", ""},
		{"ExpiredObjectDeleteMarker with a Tag filter", "test_put_bucket_lifecycle_rejects_expired_object_delete_marker_with_tag_filter",
			lcyRules(tag + "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"),
			"InvalidRequest", "ExpiredObjectDeleteMarker cannot be specified with Tags."},
		{"AbortIncompleteMultipartUpload with a Tag filter", "test_put_bucket_lifecycle_rejects_abort_incomplete_multipart_with_tag_filter",
			lcyRules(tag + abort), "InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags."},
		{"AbortIncompleteMultipartUpload with an object size filter", "test_put_bucket_lifecycle_rejects_abort_incomplete_multipart_with_size_filter",
			lcyRules(size + abort), "InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Object Size."},
		{"ObjectSizeLessThan equal to ObjectSizeGreaterThan", "test_put_bucket_lifecycle_rejects_invalid_object_size_range",
			lcyRules("<Filter><And><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>10</ObjectSizeLessThan></And></Filter><Status>Enabled</Status>" + days),
			"InvalidRequest", "'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'."},
		{"NewerNoncurrentVersions in a rule without Filter", "test_put_bucket_lifecycle_rejects_newer_noncurrent_versions_without_filter",
			lcyRules("<Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays><NewerNoncurrentVersions>1</NewerNoncurrentVersions></NoncurrentVersionExpiration>"),
			"MalformedXML", ""},
		{"a Filter rule and a rule with the legacy Prefix", "test_put_bucket_lifecycle_rejects_mixed_filter_and_legacy_prefix",
			lcyRules("<ID>filter-rule</ID><Filter><Prefix>logs/</Prefix></Filter>"+thirty, "<ID>legacy-prefix</ID><Prefix>logs/</Prefix>"+thirty),
			"InvalidRequest", "Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter."},
		{"a Prefix of 1025 bytes", "test_put_bucket_lifecycle_rejects_prefix_over_1024_bytes",
			lcyRules("<ID>long-prefix</ID><Filter><Prefix>" + strings.Repeat("a", 1025) + "</Prefix></Filter>" + thirty),
			"InvalidRequest", "The maximum size of a prefix is 1024"},
		{"a Tag Key of 129 characters", "test_put_bucket_lifecycle_rejects_tag_key_over_128_chars",
			lcyRules("<ID>tag-key-too-long</ID><Filter><Tag><Key>" + strings.Repeat("k", 129) + "</Key><Value>v</Value></Tag></Filter>" + thirty),
			"InvalidRequest", "A Tag's Key must be a length between 1 and 128."},
		{"a Tag Value of 257 characters", "test_put_bucket_lifecycle_rejects_tag_value_over_256_chars",
			lcyRules("<ID>tag-value-too-long</ID><Filter><Tag><Key>env</Key><Value>" + strings.Repeat("v", 257) + "</Value></Tag></Filter>" + thirty),
			"InvalidRequest", "A Tag's Value must be a length between 0 and 256."},
	} {
		cases = append(cases, argminCase("PutBucketLifecycleConfiguration/"+r.name, src(r.test), argminSteps(objPrimaryBucket), lcyRaw(r.body, true),
			Want{Status: http.StatusBadRequest, Code: r.code, Message: r.message}))
	}
	dated := lcyRules("<ID>expire-by-date</ID>" + logs + "<Expiration><Date>2099-01-01T00:00:00Z</Date></Expiration>")
	var tags strings.Builder
	for i := 0; i < 51; i++ {
		tags.WriteString("<Tag><Key>k" + strconv.Itoa(i) + "</Key><Value>v" + strconv.Itoa(i) + "</Value></Tag>")
	}
	many := lcyRules("<ID>too-many-tags</ID><Filter><And>" + tags.String() + "</And></Filter>" + thirty)
	cases = append(cases,
		argminCase("PutBucketLifecycleConfiguration/without Content-MD5", src("test_put_bucket_lifecycle_requires_content_md5"),
			argminSteps(objPrimaryBucket), lcyRaw(dated, false),
			Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Missing required header for this request: Content-MD5"}),
		argminCase("PutBucketLifecycleConfiguration/a midnight Date without milliseconds", src("test_put_bucket_lifecycle_accepts_midnight_utc_timestamp_without_millis"),
			argminSteps(objPrimaryBucket), lcyRaw(dated, true), Want{}),
		argminCase("GetBucketLifecycleConfiguration/the midnight Date rule", src("test_put_bucket_lifecycle_accepts_midnight_utc_timestamp_without_millis"),
			argminSteps(objPrimaryBucket, objStep(tgsOK(lcyRaw(dated, true)))), lcyGet, Want{Fields: map[string]any{"Rules": Len(1)}}),
		argminCase("PutBucketLifecycleConfiguration/51 tags in an And filter", src("test_put_bucket_lifecycle_accepts_51_filter_tags"),
			argminSteps(objPrimaryBucket), lcyRaw(many, true), Want{}),
		argminCase("GetBucketLifecycleConfiguration/the 51 tags", src("test_put_bucket_lifecycle_accepts_51_filter_tags"),
			argminSteps(objPrimaryBucket, objStep(tgsOK(lcyRaw(many, true)))), lcyGet, Want{Fields: map[string]any{"Rules": Len(1),
				"Rules[0].Filter.And.Tags": Len(51), "Rules[0].Filter.And.Tags[0].Key": "k0", "Rules[0].Filter.And.Tags[50].Key": "k50"}}),
	)
	Run(t, cases)
}

func TestArgminLifecycleKept(t *testing.T) {
	src := func(test string) string { return argmin("lifecycle.rs", test) }
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	with := func(rules ...types.LifecycleRule) []argminStep {
		return argminSteps(objPrimaryBucket, objStep(lcyPut(rules...)))
	}
	four := with(lcyRule("expire-current", lcyPrefix("logs/"), lcyDays(30)),
		types.LifecycleRule{ID: aws.String("expire-noncurrent"), Status: types.ExpirationStatusEnabled, Filter: lcyPrefix("versions/"),
			NoncurrentVersionExpiration: &types.NoncurrentVersionExpiration{NoncurrentDays: aws.Int32(7)}},
		lcyRule("expire-marker", lcyPrefix("markers/"), &types.LifecycleExpiration{ExpiredObjectDeleteMarker: aws.Bool(true)}),
		types.LifecycleRule{ID: aws.String("abort-incomplete"), Status: types.ExpirationStatusEnabled, Filter: lcyPrefix("uploads/"),
			AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(7)}})
	date := time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
	notFound := Want{Status: http.StatusNotFound, Code: "NoSuchLifecycleConfiguration"}
	Run(t, []Case{
		c("GetBucketLifecycleConfiguration/none set", "test_get_bucket_lifecycle_configuration_absent_returns_no_such_lifecycle_configuration",
			argminSteps(objPrimaryBucket), lcyGet, notFound),
		c("DeleteBucketLifecycle/none set", "test_delete_bucket_lifecycle_is_idempotent", argminSteps(objPrimaryBucket), lcyDelete, Want{Status: http.StatusNoContent}),
		c("DeleteBucketLifecycle/again after a delete", "test_delete_bucket_lifecycle_is_idempotent",
			append(with(lcyRule("expire-current", lcyPrefix("logs/"), lcyDays(30))), objStep(lcyDelete)), lcyDelete, Want{Status: http.StatusNoContent}),
		c("GetBucketLifecycleConfiguration/after DeleteBucketLifecycle", "test_bucket_lifecycle_crud_round_trip", append(four, objStep(lcyDelete)), lcyGet, notFound),
		c("GetBucketLifecycleConfiguration/four rules kept in order", "test_bucket_lifecycle_crud_round_trip", four, lcyGet,
			Want{Fields: map[string]any{"Rules": Len(4), "Rules[0].ID": "expire-current", "Rules[0].Expiration.Days": 30,
				"Rules[1].ID": "expire-noncurrent", "Rules[1].NoncurrentVersionExpiration.NoncurrentDays": 7,
				"Rules[2].ID": "expire-marker", "Rules[2].Expiration.ExpiredObjectDeleteMarker": true,
				"Rules[3].ID": "abort-incomplete", "Rules[3].AbortIncompleteMultipartUpload.DaysAfterInitiation": 7}}),
		c("GetBucketLifecycleConfiguration/a Disabled rule kept", "test_bucket_lifecycle_round_trip_preserves_disabled_rule",
			with(lcyRule("enabled-expire", lcyPrefix("enabled/"), lcyDays(30)),
				types.LifecycleRule{ID: aws.String("disabled-abort"), Status: types.ExpirationStatusDisabled, Filter: lcyPrefix("disabled/"),
					AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(3)}}), lcyGet,
			Want{Fields: map[string]any{"Rules": Len(2), "Rules[0].ID": "enabled-expire", "Rules[0].Status": "Enabled", "Rules[0].Expiration.Days": 30,
				"Rules[1].ID": "disabled-abort", "Rules[1].Status": "Disabled", "Rules[1].AbortIncompleteMultipartUpload.DaysAfterInitiation": 3}}),
		c("GetBucketLifecycleConfiguration/rules put without ID get one", "test_bucket_lifecycle_get_assigns_ids_when_missing",
			with(lcyRule("", lcyPrefix("test1/"), lcyDays(31)), lcyRule("", lcyPrefix("test2/"), lcyDays(120))), lcyGet,
			Want{Fields: map[string]any{"Rules": Len(2), "Rules[0].ID": Present, "Rules[1].ID": Present, "Rules[0].Filter.Prefix": "test1/",
				"Rules[0].Expiration.Days": 31, "Rules[1].Filter.Prefix": "test2/", "Rules[1].Expiration.Days": 120}}),
		c("GetBucketLifecycleConfiguration/an expiration Date", "test_bucket_lifecycle_round_trip_expiration_date_rule",
			with(lcyRule("expire-by-date", lcyPrefix("archive/"), &types.LifecycleExpiration{Date: aws.Time(date)})), lcyGet,
			Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].ID": "expire-by-date", "Rules[0].Filter.Prefix": "archive/",
				"Rules[0].Expiration.Date": "2099-01-01T00:00:00Z"}}),
		c("GetBucketLifecycleConfiguration/an empty Filter", "test_bucket_lifecycle_round_trip_empty_filter_rule",
			with(lcyRule("empty-filter", &types.LifecycleRuleFilter{}, lcyDays(7))), lcyGet,
			Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].ID": "empty-filter", "Rules[0].Expiration.Days": 7, "Rules[0].Filter": Present,
				"Rules[0].Filter.Prefix": Absent, "Rules[0].Filter.Tag": Absent, "Rules[0].Filter.ObjectSizeGreaterThan": Absent,
				"Rules[0].Filter.ObjectSizeLessThan": Absent, "Rules[0].Filter.And": Absent}}),
		c("GetBucketLifecycleConfiguration/a Tag filter", "test_bucket_lifecycle_round_trip_tag_filter_rule",
			with(lcyRule("tag-filter", &types.LifecycleRuleFilter{Tag: &types.Tag{Key: aws.String("env"), Value: aws.String("prod")}}, lcyDays(14))), lcyGet,
			Want{Fields: map[string]any{"Rules": Len(1), "Rules[0].ID": "tag-filter", "Rules[0].Expiration.Days": 14,
				"Rules[0].Filter.Tag.Key": "env", "Rules[0].Filter.Tag.Value": "prod"}}),
	})
}

// TestArgminLifecycleHeaders: x-amz-expiration on the writes and reads of
// objects a rule matches, x-amz-abort-date / x-amz-abort-rule-id on
// uploads.
func TestArgminLifecycleHeaders(t *testing.T) {
	src := func(test string) string { return argmin("lifecycle.rs", test) }
	tag := func(k, v string) *types.Tag { return &types.Tag{Key: aws.String(k), Value: aws.String(v)} }
	tagged := func(key, body, tagging string) objCall {
		return objPut(primary, key, body, func(in *s3.PutObjectInput) {
			if tagging != "" {
				in.Tagging = aws.String(tagging)
			}
		})
	}
	expires := func(rule string) Want { return Want{Fields: map[string]any{"Expiration": expiresBy(rule)}} }
	got := func(rule string) Want { return Want{Fields: map[string]any{"Out.Expiration": expiresBy(rule)}} }
	none := Want{Fields: map[string]any{"Expiration": Absent}}
	type filtered struct {
		test, rule  string
		filter      *types.LifecycleRuleFilter
		exp         *types.LifecycleExpiration
		match       objCall // the write the rule matches
		key         string  // its key
		misses      []objCall
		missesNames []string
	}
	date := &types.LifecycleExpiration{Date: aws.Time(time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC))}
	var cases []Case
	for _, f := range []filtered{
		{"test_put_object_and_head_object_report_expiration_header_for_prefix_filter", "expire-current", lcyPrefix("logs/"), lcyDays(3),
			tagged("logs/match", "match", ""), "logs/match", []objCall{tagged("other/skip", "skip", "")}, []string{"another prefix"}},
		{"test_put_object_and_head_object_report_expiration_header_for_tag_filter", "expire-tagged", &types.LifecycleRuleFilter{Tag: tag("env", "prod")}, lcyDays(3),
			tagged("objects/match", "match", "env=prod"), "objects/match", []objCall{tagged("objects/skip", "skip", "env=dev")}, []string{"another tag"}},
		{"test_put_object_and_head_object_report_expiration_header_for_and_filter", "expire-and",
			&types.LifecycleRuleFilter{And: &types.LifecycleRuleAndOperator{Prefix: aws.String("logs/"), Tags: []types.Tag{*tag("env", "prod")}}}, lcyDays(3),
			tagged("logs/match", "match", "env=prod"), "logs/match",
			[]objCall{tagged("other/skip", "skip", "env=prod"), tagged("logs/wrong-tag", "skip", "env=dev")}, []string{"another prefix", "another tag"}},
		{"test_put_object_and_head_object_report_expiration_header_for_date_rule", "expire-by-date", lcyPrefix("archive/"), date,
			tagged("archive/match", "match", ""), "archive/match", []objCall{tagged("other/skip", "skip", "")}, []string{"another prefix"}},
		{"test_put_object_and_head_object_report_expiration_header_for_object_size_greater_than_filter", "expire-large",
			&types.LifecycleRuleFilter{ObjectSizeGreaterThan: aws.Int64(2000)}, lcyDays(3),
			tagged("large", strings.Repeat("a", 3000), ""), "large", []objCall{tagged("small", strings.Repeat("b", 1000), "")}, []string{"a smaller object"}},
		{"test_put_object_and_head_object_report_expiration_header_for_object_size_less_than_filter", "expire-small",
			&types.LifecycleRuleFilter{ObjectSizeLessThan: aws.Int64(2000)}, lcyDays(3),
			tagged("small", strings.Repeat("a", 1000), ""), "small", []objCall{tagged("large", strings.Repeat("b", 3000), "")}, []string{"a larger object"}},
	} {
		steps := argminSteps(objPrimaryBucket, objStep(lcyPut(lcyRule(f.rule, f.filter, f.exp))))
		cases = append(cases,
			argminCase("PutObject/x-amz-expiration of rule "+f.rule, src(f.test), steps, f.match, expires(f.rule)),
			argminCase("HeadObject/x-amz-expiration of rule "+f.rule, src(f.test), append(steps, objStep(f.match)), objHead(primary, f.key, nil), expires(f.rule)),
			argminCase("GetObject/x-amz-expiration of rule "+f.rule, src(f.test), append(steps, objStep(f.match)), objGet(primary, f.key, nil), got(f.rule)))
		for i, miss := range f.misses {
			cases = append(cases, argminCase("PutObject/rule "+f.rule+": no x-amz-expiration for "+f.missesNames[i], src(f.test), steps, miss, none))
		}
	}
	Run(t, cases)
}

// TestArgminLifecycleVersionsUploads: x-amz-expiration only for the current
// version read without a version id; the abort headers of uploads.
func TestArgminLifecycleVersionsUploads(t *testing.T) {
	src := func(test string) string { return argmin("lifecycle.rs", test) }
	const versioned = "test_get_and_head_object_only_report_expiration_for_current_live_version"
	rule := objStep(lcyPut(lcyRule("expire-current", lcyPrefix("logs/"), lcyDays(3))))
	two := func(s *olk) []argminStep {
		return argminSteps(objPrimaryBucket, objVersioning, rule, s.put("logs/object", "v1", nil), s.put("logs/object", "v2", nil))
	}
	at := func(s *olk, i int) func(*s3.HeadObjectInput) {
		return func(in *s3.HeadObjectInput) { in.VersionId = s.at(i) }
	}
	getAt := func(s *olk, i int) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return objGet(primary, "logs/object", func(in *s3.GetObjectInput) { in.VersionId = s.at(i) })(ctx, w, u)
		}
	}
	headAt := func(s *olk, i int) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return objHead(primary, "logs/object", at(s, i))(ctx, w, u)
		}
	}
	abort := objStep(lcyPut(types.LifecycleRule{ID: aws.String("abort-incomplete"), Status: types.ExpirationStatusEnabled, Filter: lcyPrefix("uploads/"),
		AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(7)}}))
	create := func(key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		}
	}
	parts := func(key string) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			up, err := create(key)(ctx, w, u)
			if err != nil {
				return up, err
			}
			return primary(w, u).ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
				UploadId: up.(*s3.CreateMultipartUploadOutput).UploadId})
		}
	}
	aborts := Want{Fields: map[string]any{"AbortDate": Present, "AbortRuleId": "abort-incomplete"}}
	noAbort := Want{Fields: map[string]any{"AbortDate": Absent, "AbortRuleId": Absent}}
	Run(t, []Case{
		olkCase("HeadObject/x-amz-expiration of the current version", src(versioned), func(s *olk) ([]argminStep, objCall) {
			return two(s), objHead(primary, "logs/object", nil)
		}, Want{Fields: map[string]any{"Expiration": expiresBy("expire-current")}}),
		olkCase("GetObject/x-amz-expiration of the current version", src(versioned), func(s *olk) ([]argminStep, objCall) {
			return two(s), objGet(primary, "logs/object", nil)
		}, Want{Fields: map[string]any{"Out.Expiration": expiresBy("expire-current")}}),
		olkCase("HeadObject/none for the current version named by its id", src(versioned), func(s *olk) ([]argminStep, objCall) { return two(s), headAt(s, 1) },
			Want{Fields: map[string]any{"Expiration": Absent}}),
		olkCase("GetObject/none for the current version named by its id", src(versioned), func(s *olk) ([]argminStep, objCall) { return two(s), getAt(s, 1) },
			Want{Fields: map[string]any{"Out.Expiration": Absent}}),
		olkCase("HeadObject/none for the older version", src(versioned), func(s *olk) ([]argminStep, objCall) { return two(s), headAt(s, 0) },
			Want{Fields: map[string]any{"Expiration": Absent}}),
		olkCase("GetObject/none for the older version", src(versioned), func(s *olk) ([]argminStep, objCall) { return two(s), getAt(s, 0) },
			Want{Fields: map[string]any{"Out.Expiration": Absent}}),
		argminCase("CreateMultipartUpload/x-amz-abort-date of the matching rule", src("test_create_multipart_upload_and_list_parts_report_abort_headers"),
			argminSteps(objPrimaryBucket, abort), create("uploads/incomplete"), aborts),
		argminCase("ListParts/x-amz-abort-date of the matching rule", src("test_create_multipart_upload_and_list_parts_report_abort_headers"),
			argminSteps(objPrimaryBucket, abort), parts("uploads/incomplete"), aborts),
		argminCase("CreateMultipartUpload/no abort headers for a key the rule does not match", src("test_create_multipart_upload_and_list_parts_skip_abort_headers_for_nonmatching_key"),
			argminSteps(objPrimaryBucket, abort), create("other/incomplete"), noAbort),
		argminCase("ListParts/no abort headers for a key the rule does not match", src("test_create_multipart_upload_and_list_parts_skip_abort_headers_for_nonmatching_key"),
			argminSteps(objPrimaryBucket, abort), parts("other/incomplete"), noAbort),
		argminCase("CompleteMultipartUpload/x-amz-expiration of the matching rule", src("test_complete_multipart_upload_reports_expiration_header"),
			argminSteps(objPrimaryBucket, objStep(lcyPut(lcyRule("expire-complete", lcyPrefix("logs/"), lcyDays(7))))),
			objSinglePartUpload(primary, "logs/complete", "hello world", nil), Want{Fields: map[string]any{"Expiration": expiresBy("expire-complete")}}),
	})
}

// TestArgminLifecycleACL: justincormack/argmin lifecycle_acl.rs, the
// configuration of an ObjectWriter (ACL-enabled) bucket.
func TestArgminLifecycleACL(t *testing.T) {
	src := argmin("lifecycle_acl.rs", "test_bucket_lifecycle_acl_crud_round_trip")
	steps := argminSteps(objPrimaryBucketWith(s3.CreateBucketInput{ObjectOwnership: types.ObjectOwnershipObjectWriter}),
		objStep(lcyPut(lcyRule("acl-expire-current", lcyPrefix("logs/"), lcyDays(30)),
			types.LifecycleRule{ID: aws.String("acl-disabled-abort"), Status: types.ExpirationStatusDisabled, Filter: lcyPrefix("uploads/"),
				AbortIncompleteMultipartUpload: &types.AbortIncompleteMultipartUpload{DaysAfterInitiation: aws.Int32(3)}})))
	Run(t, []Case{
		argminCase("GetBucketLifecycleConfiguration/two rules of an ObjectWriter bucket", src, steps, lcyGet,
			Want{Fields: map[string]any{"Rules": Len(2), "Rules[0].ID": "acl-expire-current", "Rules[0].Status": "Enabled", "Rules[0].Expiration.Days": 30,
				"Rules[1].ID": "acl-disabled-abort", "Rules[1].Status": "Disabled", "Rules[1].AbortIncompleteMultipartUpload.DaysAfterInitiation": 3}}),
		argminCase("DeleteBucketLifecycle/of an ObjectWriter bucket", src, steps, lcyDelete, Want{Status: http.StatusNoContent}),
		argminCase("GetBucketLifecycleConfiguration/after the delete, of an ObjectWriter bucket", src, append(steps, objStep(lcyDelete)), lcyGet,
			Want{Status: http.StatusNotFound, Code: "NoSuchLifecycleConfiguration"}),
	})
}
