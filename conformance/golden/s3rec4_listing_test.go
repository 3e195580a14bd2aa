package golden

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// putMany writes n keys "test-key-I" with body "test-I" to opsBucket, in
// parallel.
func putMany(n int) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		errs := make(chan error, n)
		var wg sync.WaitGroup
		sem := make(chan struct{}, 8)
		for i := 0; i < n; i++ {
			wg.Add(1)
			sem <- struct{}{}
			go func(i int) {
				defer func() { <-sem; wg.Done() }()
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(fmt.Sprintf("test-key-%d", i)),
					Body: strings.NewReader(fmt.Sprintf("test-%d", i))})
				errs <- err
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// manyKeys4: a listing of 1010 keys (LocalStack test_s3_put_more_than_1000_items).
func manyKeys4() []Case {
	const test = "TestS3::test_s3_put_more_than_1000_items"
	list := func(in s3.ListObjectsInput) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in.Bucket = aws.String(b)
			return c.ListObjects(ctx, &in)
		}
	}
	return []Case{
		s3OK("ListObjects/1010 keys with a delimiter", s3rec4(test, "list-objects"), s3Steps(putMany(1010)),
			list(s3.ListObjectsInput{Delimiter: aws.String("/")}),
			map[string]any{"Contents": Len(1000), "IsTruncated": true, "NextMarker": "test-key-99", "MaxKeys": 1000, "Marker": "", "Delimiter": "/"}),
		s3OK("ListObjects/1010 keys after NextMarker", s3rec4(test, "list-objects-next_marker"), s3Steps(putMany(1010)),
			list(s3.ListObjectsInput{Marker: aws.String("test-key-99")}),
			map[string]any{"Contents": Len(10), "IsTruncated": false, "NextMarker": Absent, "Marker": "test-key-99", "Contents[0].Key": "test-key-990",
				"Contents[9].Key": "test-key-999", "Contents[0].Size": 8}),
	}
}

// prefixListings4: listings by prefix and delimiter, encoded and not
// (LocalStack test_s3_list_operations).
func prefixListings4() []Case {
	const v1, v2 = "TestS3ListObjects::test_list_objects_with_prefix", "TestS3ListObjectsV2::test_list_objects_v2_with_prefix"
	const v2d, mpu = "TestS3ListObjectsV2::test_list_objects_v2_with_prefix_and_delimiter", "TestS3ListMultipartUploads::test_list_multiparts_with_prefix_and_delimiter"
	src := func(test, key string) string { return localstack(listS3, test, key, ls4Date) }
	three := s3Steps(putKey("test/foo/bar/123", "content 123"), putKey("test/foo/bar/456", "content 123"), putKey("test/bar/foo/123", "content 123"))
	uploads := s3Steps()
	for _, k := range []string{"test/foo/bar/123", "test/foo/bar/456", "test/bar/foo/123"} {
		uploads = append(uploads, run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(b), Key: aws.String(k)})
		}))
	}
	v1list := func(delim string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.ListObjectsInput{Bucket: aws.String(b), Prefix: aws.String("test/"), MaxKeys: aws.Int32(1), EncodingType: types.EncodingTypeUrl}
			if delim != "" {
				in.Delimiter = aws.String(delim)
			}
			return c.ListObjects(ctx, in)
		}
	}
	v2list := func(prefix, delim string, maxKeys int32) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.ListObjectsV2Input{Bucket: aws.String(b), Prefix: aws.String(prefix), EncodingType: types.EncodingTypeUrl}
			if delim != "" {
				in.Delimiter = aws.String(delim)
			}
			if maxKeys > 0 {
				in.MaxKeys = aws.Int32(maxKeys)
			}
			return c.ListObjectsV2(ctx, in)
		}
	}
	uploadsList := func(prefix string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(b), Prefix: aws.String(prefix),
				Delimiter: aws.String("/"), EncodingType: types.EncodingTypeUrl})
		}
	}
	one := s3Steps(putKey("test/foo/bar/123", "content 123"))
	rawList := func(query string) func(ctx context.Context, w *World) (any, error) {
		return rawOn(http.MethodGet, "/"+opsBucket+"?"+query, nil)
	}
	rawCase := func(name, source string, steps []s3Setup, query string, fields map[string]any) Case {
		c := s3OK(name, source, steps, nil, fields)
		c.Call = rawList(query)
		return c
	}
	return []Case{
		s3OK("ListObjects/prefix, MaxKeys 1", src(v1+"[]", "list-objects"), one, v1list(""),
			map[string]any{"Contents": Len(1), "Contents[0].Key": "test/foo/bar/123", "IsTruncated": false, "Delimiter": Absent, "Prefix": "test/", "MaxKeys": 1}),
		s3OK("ListObjects/prefix and delimiter, MaxKeys 1", src(v1+"[/]", "list-objects"), one, v1list("/"),
			map[string]any{"Contents": Len(0), "CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "test/foo/", "IsTruncated": false, "Delimiter": "/"}),
		s3OK("ListObjects/delimiter %2F url-encoded", src(v1+"[%2F]", "list-objects"), one, v1list("%2F"),
			map[string]any{"Contents": Len(1), "CommonPrefixes": Len(0), "IsTruncated": false, "Delimiter": "%252F", "Prefix": "test/"}),
		rawCase("ListObjects/delimiter %2F without encoding-type", src(v1+"[%2F]", "list-objects-no-encoding"), one, "prefix=test&delimiter=%2F",
			map[string]any{"header:Xml-Delimiter": "/", "header:Xml-Prefix": "test", "header:Xml-MaxKeys": "1000", "header:Xml-EncodingType": Absent,
				"header:Xml-Contents.Key": Absent, "header:Xml-CommonPrefixes.Prefix": "test/"}),
		s3OK("ListObjectsV2/prefix test/", src(v2, "list-objects-v2-1"), three, v2list("test/", "", 0),
			map[string]any{"Contents": Len(3), "Contents[0].Key": "test/bar/foo/123", "KeyCount": 3, "Prefix": "test/"}),
		s3OK("ListObjectsV2/prefix test/foo/bar", src(v2, "list-objects-v2-3"), three, v2list("test/foo/bar", "", 0),
			map[string]any{"Contents": Len(2), "Contents[1].Key": "test/foo/bar/456", "KeyCount": 2}),
		rawCase("ListObjectsV2/prefix without encoding-type", src(v2, "list-objects-v2-no-encoding"), three, "list-type=2&prefix=test%2Ffoo",
			map[string]any{"header:Xml-Prefix": "test/foo", "header:Xml-KeyCount": "2", "header:Xml-Contents.Key": "test/foo/bar/123, test/foo/bar/456", "header:Xml-EncodingType": Absent, "header:Xml-Delimiter": Absent}),
		s3OK("ListObjectsV2/prefix and delimiter", src(v2d, "list-objects-v2-1"), three, v2list("test/", "/", 0),
			map[string]any{"Contents": Len(0), "CommonPrefixes": Len(2), "CommonPrefixes[0].Prefix": "test/bar/", "CommonPrefixes[1].Prefix": "test/foo/", "KeyCount": 2}),
		s3OK("ListObjectsV2/prefix and delimiter, MaxKeys 1", src(v2d, "list-objects-v2-1-with-max-keys"), three, v2list("test/", "/", 1),
			map[string]any{"CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "test/bar/", "KeyCount": 1, "IsTruncated": true, "NextContinuationToken": Present}),
		s3OK("ListObjectsV2/prefix test/foo and delimiter", src(v2d, "list-objects-v2-2"), three, v2list("test/foo", "/", 0),
			map[string]any{"CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "test/foo/", "KeyCount": 1}),
		s3OK("ListObjectsV2/prefix test/foo/bar and delimiter", src(v2d, "list-objects-v2-3"), three, v2list("test/foo/bar", "/", 0),
			map[string]any{"CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "test/foo/bar/", "KeyCount": 1, "Contents": Len(0)}),
		s3OK("ListMultipartUploads/prefix and delimiter", src(mpu, "list-multiparts-1"), uploads, uploadsList("test/"),
			map[string]any{"Uploads": Len(0), "CommonPrefixes": Len(2), "CommonPrefixes[0].Prefix": "test/bar/", "NextKeyMarker": "", "NextUploadIdMarker": "",
				"KeyMarker": "", "UploadIdMarker": "", "Delimiter": "/", "Prefix": "test/", "IsTruncated": false, "MaxUploads": 1000}),
		s3OK("ListMultipartUploads/prefix test/foo/ and delimiter", src(mpu, "list-multiparts-2"), uploads, uploadsList("test/foo/"),
			map[string]any{"Uploads": Len(0), "CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "test/foo/bar/", "NextKeyMarker": ""}),
		s3OK("ListMultipartUploads/prefix test/foo/bar and delimiter", src(mpu, "list-multiparts-3"), uploads, uploadsList("test/foo/bar"),
			map[string]any{"Uploads": Len(0), "CommonPrefixes": Len(1), "CommonPrefixes[0].Prefix": "test/foo/bar/"}),
		rawCase("ListMultipartUploads/prefix without encoding-type", src(mpu, "list-multiparts-no-encoding"), uploads, "uploads&prefix=test%2Ffoo",
			map[string]any{"header:Xml-Prefix": "test/foo", "header:Xml-NextKeyMarker": "test/foo/bar/456", "header:Xml-Upload.Key": "test/foo/bar/123, test/foo/bar/456", "header:Xml-KeyMarker": "",
				"header:Xml-UploadIdMarker": "", "header:Xml-EncodingType": Absent, "header:Xml-Delimiter": Absent, "header:Xml-MaxUploads": "1000"}),
		s3OK("ListObjects/empty marker", src("TestS3ListObjects::test_s3_list_objects_empty_marker", "list-objects"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(b), Marker: aws.String("")})
			}, map[string]any{"Marker": "", "IsTruncated": false, "MaxKeys": 1000, "Contents": Len(0), "Prefix": ""}),
	}
}
