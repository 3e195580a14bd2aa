package golden

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 Control tag grammar as justincormack/argmin's
// bucket_policy_multivalue.rs recorded it against AWS (2026): lengths in
// UTF-16 code units, the reserved prefix only in lower case, and
// UntagResource refusing it too.

func argminMultivalue(test string) string {
	return "justincormack/argmin crates/s3-tests/tests/bucket_policy_multivalue.rs " + test + " (asserted against AWS S3 Control, 2026)"
}

// controlTagsBucket makes bucket, tagged existing=value when tagged.
func controlTagsBucket(bucket string, tagged bool) func(context.Context, *testing.T, *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		c := w.S3(Root(owner))
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
		must(t, "CreateBucket", err)
		if tagged {
			_, err = c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(bucket),
				Tagging: &s3types.Tagging{TagSet: []s3types.Tag{{Key: aws.String("existing"), Value: aws.String("value")}}}})
			must(t, "PutBucketTagging", err)
		}
	}
}

func TestArgminControlTagGrammar(t *testing.T) {
	const invalid = "This request contains a tag key or value that isn't valid. Valid characters include the following: [a-zA-Z+-=._:/]. Tag keys can contain up to 128 characters. Tag values can contain up to 256 characters."
	const reserved = `User-defined tag keys can't start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.`
	tagGrammar := argminMultivalue("test_tag_resource_character_grammar_matches_aws")
	untagGrammar := argminMultivalue("test_untag_resource_character_grammar_matches_aws")
	astral := "\U00010400"
	untag := func(key string) string { return "tagKeys=" + url.QueryEscape(key) }
	rows := []struct {
		name, source string
		method, q    string
		body         string
		want         Want
	}{
		{"TagResource/a key of 64 astral characters (128 UTF-16 units)", tagGrammar, http.MethodPost, "",
			tagResourceBody(strings.Repeat(astral, 64), "value"), Want{Status: 204}},
		{"TagResource/a key of 65 astral characters", tagGrammar, http.MethodPost, "",
			tagResourceBody(strings.Repeat(astral, 65), "value"), Want{Status: 400, Code: "InvalidTag", Message: invalid}},
		{"TagResource/a value of 128 astral characters (256 UTF-16 units)", tagGrammar, http.MethodPost, "",
			tagResourceBody("astral-value", strings.Repeat(astral, 128)), Want{Status: 204}},
		{"TagResource/a value of 129 astral characters", tagGrammar, http.MethodPost, "",
			tagResourceBody("astral-value-over-limit", strings.Repeat(astral, 129)), Want{Status: 400, Code: "InvalidTag", Message: invalid}},
		{"TagResource/aws: prefix in lower case", tagGrammar, http.MethodPost, "",
			tagResourceBody("aws:reserved", "value"), Want{Status: 400, Code: "InvalidTag", Message: reserved}},
		{"TagResource/AWS: prefix in upper case", tagGrammar, http.MethodPost, "",
			tagResourceBody("AWS:reserved", "value"), Want{Status: 400, Code: "InvalidTag", Message: invalid}},
		{"UntagResource/aws: prefix on a tagged bucket", untagGrammar, http.MethodDelete, untag("aws:reserved"), "",
			Want{Status: 400, Code: "InvalidTag", Message: reserved}},
		{"UntagResource/AWS: prefix on a tagged bucket is a no-op", untagGrammar, http.MethodDelete, untag("AWS:reserved"), "",
			Want{Status: 204}},
		{"UntagResource/65 astral characters on a tagged bucket", untagGrammar, http.MethodDelete, untag(strings.Repeat(astral, 65)), "",
			Want{Status: 400, Code: "InvalidTag", Message: invalid}},
		{"UntagResource/a combining mark on a tagged bucket", untagGrammar, http.MethodDelete, untag("key-\u0345"), "",
			Want{Status: 400, Code: "InvalidTag", Message: invalid}},
	}
	var cases []Case
	for i, row := range rows {
		bucket := "ctl-grammar-" + string(rune('a'+i))
		cases = append(cases, Case{Name: row.name, Source: row.source, Setup: controlTagsBucket(bucket, true),
			Call: controlTags(row.method, bucket, row.q, row.body), Want: row.want})
	}
	Run(t, cases)
}
