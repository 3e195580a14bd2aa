package s3

import (
	"errors"
	"reflect"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestParseTagHeader: which x-amz-tagging values AWS refuses with the
// header's InvalidArgument (the string is no URL query of distinct names)
// and which with InvalidTag (a decoded name or value tags cannot hold).
func TestParseTagHeader(t *testing.T) {
	const header, tag = "InvalidArgument", "InvalidTag"
	for _, c := range []struct {
		value string
		code  string // "" when taken
		want  []store.Tag
	}{
		{value: "k=v&a=b", want: []store.Tag{{Key: "a", Value: "b"}, {Key: "k", Value: "v"}}},
		// versity/versitygw#1216: S3 takes these.
		{value: "&", want: nil},
		{value: "key", want: []store.Tag{{Key: "key"}}},
		{value: "key1&key2=", want: []store.Tag{{Key: "key1"}, {Key: "key2"}}},
		{value: "key++key=value%2Fv", want: []store.Tag{{Key: "key  key", Value: "value/v"}}},
		// versity/versitygw#1215: S3 answers "=" with the header's error.
		{value: "=", code: header},
		{value: "=v&k=v", code: header},
		{value: "key%", code: header},
		// LocalStack test_s3_api TestS3BucketObjectTagging::test_object_tagging_exc
		// put-obj-duplicate-tagging and put-obj-wrong-format.
		{value: "key1=val1&key1=val2", code: header},
		{value: "key1=val1,key2=val2", code: header},
		// aws/aws-cli#2841: S3's answers to --tagging
		// 'TagSet=[{Key=string,Value=string}]' (the header's error) and to
		// the same URL-encoded (InvalidTag "The TagKey you have provided is
		// invalid").
		{value: "TagSet=[{Key=string,Value=string}]", code: header},
		{value: "TagSet%3D%5B%7BKey%3Dstring%2CValue%3Dstring%7D%5D", code: tag},
		// versity/versitygw#1243: a name or value with a character tags
		// cannot hold is InvalidTag.
		{value: "key?=val", code: tag},
		{value: "key=val!", code: tag},
	} {
		t.Run(c.value, func(t *testing.T) {
			got, err := parseTagHeader(c.value)
			if c.code == "" {
				if err != nil || !reflect.DeepEqual(got, c.want) {
					t.Fatalf("got %v, %v; want %v", got, err, c.want)
				}
				return
			}
			var ae *awserr.Error
			if !errors.As(err, &ae) || string(ae.Code) != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
		})
	}
}
