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

func TestS3RecordedObjectAttributes(t *testing.T) {
	const test = "TestS3::test_get_object_attributes"
	data := strings.Repeat("upload-part-1", 5)
	attrs := func(key string, maxParts int32, names ...types.ObjectAttributes) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(key), ObjectAttributes: names}
			if maxParts != 0 {
				in.MaxParts = aws.Int32(maxParts)
			}
			return c.GetObjectAttributes(ctx, in)
		}
	}
	const sc, et, os, op, ck = types.ObjectAttributesStorageClass, types.ObjectAttributesEtag, types.ObjectAttributesObjectSize, types.ObjectAttributesObjectParts, types.ObjectAttributesChecksum
	twoParts := s3Steps(multipartOf("test-get-obj-attrs-multipart-2", data, 2))
	Run(t, []Case{
		s3OK("GetObjectAttributes/single-part object", localstack(moreS3, test, "object-attrs", "2026-02-21"),
			s3Steps(putKey("data.txt", "69\n420\n")), attrs("data.txt", 0, sc, et, os, op, ck),
			map[string]any{"ETag": "e92499db864217242396e8ef766079a9", "ObjectSize": 7, "StorageClass": "STANDARD",
				"Checksum.ChecksumType": "FULL_OBJECT", "Checksum.ChecksumCRC32": "WC+ANw==", "ObjectParts": Absent, "LastModified": Present}),
		s3OK("GetObjectAttributes/one-part upload", localstack(moreS3, test, "object-attrs-multiparts-1-part", "2026-02-21"),
			s3Steps(multipartOf("test-get-obj-attrs-multipart", data, 1)), attrs("test-get-obj-attrs-multipart", 0, sc, et, os, op),
			map[string]any{"ETag": "e747540af6911dbc890f8d3e0b48549b-1", "ObjectSize": 65, "StorageClass": "STANDARD",
				"ObjectParts.TotalPartsCount": 1, "ObjectParts.Parts": Len(0), "Checksum": Absent}),
		s3OK("GetObjectAttributes/two-part upload", localstack(moreS3, test, "object-attrs-multiparts-2-parts", "2026-02-21"),
			twoParts, attrs("test-get-obj-attrs-multipart-2", 3, sc, et, os, op),
			map[string]any{"ETag": "5389a7fb9c7e4b97c90255e2ee5e57f7-2", "ObjectSize": 5242965, "StorageClass": "STANDARD",
				"ObjectParts.TotalPartsCount": 2, "ObjectParts.Parts": Len(0), "Checksum": Absent}),
		s3OK("GetObjectAttributes/two-part upload's checksum", localstack(moreS3, test, "object-attrs-multiparts-2-parts-checksum", "2026-02-21"),
			twoParts, attrs("test-get-obj-attrs-multipart-2", 3, sc, et, os, ck),
			map[string]any{"ETag": "5389a7fb9c7e4b97c90255e2ee5e57f7-2", "ObjectSize": 5242965, "StorageClass": "STANDARD",
				"Checksum.ChecksumCRC64NVME": "VV86k746S6o=", "Checksum.ChecksumType": "FULL_OBJECT", "ObjectParts": Absent}),
	})
}

func TestS3RecordedHeaderEncodings(t *testing.T) {
	const uni, bad = "TestS3::test_system_metadata_with_unicode", "TestS3::test_user_metadata_rfc2047_bad_b64_encoded"
	get := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String("test")})
	}
	const disposition = `attachment; filename="test_—_file%E2%80%94_é_2.pdf"`
	unicode := func(in *s3.PutObjectInput) {
		in.ContentLanguage, in.ContentDisposition, in.CacheControl = aws.String("de"), aws.String(disposition), aws.String("ÄMÄZÕÑ S3")
	}
	Run(t, []Case{
		s3OK("PutObject/system headers in UTF-8", localstack(moreS3, uni, "put-object", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				in := &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test")}
				unicode(in)
				return c.PutObject(ctx, in)
			}, map[string]any{"ETag": `"d41d8cd98f00b204e9800998ecf8427e"`}),
		// botocore shows the UTF-8 bytes AWS sends back decoded as
		// Latin-1 ("\u00c3\u0084M..."): the bytes are the ones sent.
		s3OK("GetObject/system headers in UTF-8 come back as sent", localstack(moreS3, uni, "get-object", "2026-02-21"),
			s3Steps(putKeyWith("test", "", unicode)), get,
			map[string]any{"CacheControl": "ÄMÄZÕÑ S3", "ContentDisposition": disposition, "ContentLanguage": "de", "ContentLength": 0}),
		s3OK("PutObject/metadata in RFC 2047 with bad base64", localstack(moreS3, bad, "put-object", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				in := &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String("test")}
				in.Metadata = map[string]string{"bad-b64-encoded": "=?UTF-8?B?=GGG?="}
				return c.PutObject(ctx, in)
			}, map[string]any{"ETag": `"d41d8cd98f00b204e9800998ecf8427e"`}),
		// get-object is not replayed: AWS answers the undecodable word
		// with replacement characters (docs/deviations.md, "S3
		// recordings, third batch").
	})
}

func TestS3RecordedStorageClassRangeAndPayment(t *testing.T) {
	const sct = "TestS3::test_s3_copy_object_storage_class"
	const src, dst = "source-object", "dest-object"
	ia := s3Steps(putKeyWith(src, "test", func(in *s3.PutObjectInput) { in.StorageClass = types.StorageClassStandardIa }))
	attrs := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(key),
				ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesStorageClass}})
		}
	}
	copyTo := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(b), Key: aws.String(key), CopySource: aws.String(b + "/" + src)})
		}
	}
	const rt = "TestS3ObjectCRUD::test_get_object_range"
	const rk = "test-key-range"
	payment := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b),
			RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})
	})
	Run(t, []Case{
		s3OK("HeadObject/STANDARD_IA", localstack(moreS3, sct, "head-object", "2026-02-21"), ia,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(src)})
			}, map[string]any{"StorageClass": "STANDARD_IA", "ContentLength": 4}),
		s3OK("GetObjectAttributes/STANDARD_IA", localstack(moreS3, sct, "object-attrs", "2026-02-21"), ia, attrs(src),
			map[string]any{"StorageClass": "STANDARD_IA", "ETag": Absent, "ObjectSize": Absent}),
		s3OK("CopyObject/STANDARD_IA source to another key", localstack(moreS3, sct, "copy-object-in-place-with-storage-class", "2026-02-21"), ia, copyTo(dst),
			map[string]any{"CopyObjectResult.ETag": `"098f6bcd4621d373cade4e832627b4f6"`, "CopyObjectResult.ChecksumCRC32": "2H9+DA==", "ServerSideEncryption": "AES256"}),
		s3OK("GetObjectAttributes/copy of a STANDARD_IA source", localstack(moreS3, sct, "object-attrs-after-copy", "2026-02-21"),
			append(append([]s3Setup{}, ia...), run(copyTo(dst))), attrs(dst), map[string]any{"StorageClass": "STANDARD"}),
		s3Fails("CopyObject/STANDARD_IA object onto itself without changes", localstack(moreS3, sct, "exc-invalid-request-storage-class", "2026-02-21"),
			ia, copyTo(src), 400, "InvalidRequest", msgCopyInPlace),
		{Name: "GetObject/range with ChecksumMode ENABLED", Source: localstack(moreAPI, rt, "get-0-8-checksum", "2026-02-21"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				bucket(ctx, t, w, opsBucket)
				object(ctx, t, w, opsBucket, rk, "0123456789")
			},
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(rk), Range: aws.String("bytes=0-8"), ChecksumMode: types.ChecksumModeEnabled})
			}),
			Want: Want{Status: 206, Fields: map[string]any{"ContentLength": 9, "ContentRange": "bytes 0-8/10", "ChecksumCRC32": Absent,
				"ChecksumCRC64NVME": Absent, "ChecksumType": Absent, "ETag": `"781e5e245d69b566979b86e28d23f2c7"`}}},
		s3OK("PutObject/after a GetObject range that failed", localstack(moreAPI, rt, "put-after-failed", "2026-02-21"),
			s3Steps(putKey(rk, "0123456789"), func(ctx context.Context, c *s3.Client) error {
				if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(rk), Range: aws.String("bytes=100-200")}); err == nil {
					return fmt.Errorf("range 100-200 of 10 bytes answered")
				}
				return nil
			}), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(rk), Body: strings.NewReader(strings.Repeat("0123456789", 2))})
			}, map[string]any{"ETag": `"be497c2168e374f414a351c49379c01a"`, "ChecksumCRC32": "/Im61Q=="}),
		s3OK("PutBucketRequestPayment/Requester", localstack(moreS3, "TestS3::test_s3_request_payer", "put-bucket-request-payment", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketRequestPayment(ctx, &s3.PutBucketRequestPaymentInput{Bucket: aws.String(b),
					RequestPaymentConfiguration: &types.RequestPaymentConfiguration{Payer: types.PayerRequester}})
			}, nil),
		s3OK("GetBucketRequestPayment/Requester", localstack(moreS3, "TestS3::test_s3_request_payer", "get-bucket-request-payment", "2026-02-21"),
			s3Steps(payment), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetBucketRequestPayment(ctx, &s3.GetBucketRequestPaymentInput{Bucket: aws.String(b)})
			}, map[string]any{"Payer": "Requester"}),
	})
}

func TestS3RecordedExpiresHeader(t *testing.T) {
	const test = "TestS3::test_s3_object_expires"
	const future, past = "key-object-future", "key-object-past"
	day := 24 * time.Hour
	// Expires goes as an HTTP date, to the second.
	at := func(d time.Duration) *time.Time { return aws.Time(time.Now().UTC().Add(d).Truncate(time.Second)) }
	withExpires := func(key string, d time.Duration) s3Setup {
		return putKeyWith(key, "foo", func(in *s3.PutObjectInput) { in.Expires = at(d) })
	}
	// read GETs (or HEADs) key and reports its Expires relative to now
	// ("future" or "past") in ExpiresString when it is an HTTP date.
	read := func(get bool, key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			var s *string
			var out any
			var err error
			if get {
				o, e := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
				out, err = o, e
				if o != nil {
					s = o.ExpiresString
				}
			} else {
				o, e := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
				out, err = o, e
				if o != nil {
					s = o.ExpiresString
				}
			}
			if err != nil || s == nil {
				return out, err
			}
			if when, perr := time.Parse(http.TimeFormat, *s); perr == nil {
				if when.After(time.Now()) {
					*s = "future"
				} else {
					*s = "past"
				}
			}
			return out, nil
		}
	}
	put := func(key string, d time.Duration) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(key), Body: strings.NewReader("foo"), Expires: at(d)})
		}
	}
	src := func(key string) string { return localstack(moreS3, test, key, "2026-02-21") }
	Run(t, []Case{
		s3OK("PutObject/Expires a day ahead", src("put-object-expires-future"), nil, put(future, day), map[string]any{"ETag": `"acbd18db4cc2f85cedef654fccc4a4d8"`}),
		s3OK("HeadObject/Expires a day ahead", src("head-object-expires-future"), s3Steps(withExpires(future, day)), read(false, future),
			map[string]any{"ExpiresString": "future", "Expires": Present}),
		s3OK("GetObject/Expires a day ahead", src("get-object-expires-future"), s3Steps(withExpires(future, day)), read(true, future),
			map[string]any{"ExpiresString": "future", "ContentLength": 3}),
		s3OK("PutObject/Expires a day ago", src("put-object-expires-past"), nil, put(past, -day), map[string]any{"ETag": `"acbd18db4cc2f85cedef654fccc4a4d8"`}),
		s3OK("HeadObject/Expires a day ago", src("head-object-expires-past"), s3Steps(withExpires(past, -day)), read(false, past),
			map[string]any{"ExpiresString": "past", "Expires": Present}),
		s3OK("GetObject/Expires a day ago", src("get-object-expires-past"), s3Steps(withExpires(past, -day)), read(true, past),
			map[string]any{"ExpiresString": "past", "ContentLength": 3}),
	})
}

func TestS3RecordedObjectAttributesVersioned(t *testing.T) {
	const test = "TestS3::test_get_object_attributes_versioned"
	const k = "key-attrs-versioned"
	// Each case keeps its own first version id (cases run in parallel).
	type state struct{ v1 *string }
	put := func(st *state, body string) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Body: strings.NewReader(body)})
			if err == nil && st != nil {
				st.v1 = out.VersionId
			}
			return err
		}
	}
	steps := func(st *state, more ...s3Setup) []s3Setup {
		return append(s3Steps(versionedOps, put(st, "69\n420\n"), put(nil, "version 2")), more...)
	}
	attrs := func(st *state, names ...types.ObjectAttributes) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.GetObjectAttributesInput{Bucket: aws.String(b), Key: aws.String(k), ObjectAttributes: names}
			if st != nil {
				in.VersionId = st.v1
			}
			return c.GetObjectAttributes(ctx, in)
		}
	}
	all := []types.ObjectAttributes{types.ObjectAttributesStorageClass, types.ObjectAttributesEtag, types.ObjectAttributesObjectSize,
		types.ObjectAttributesObjectParts, types.ObjectAttributesChecksum}
	three := all[:3]
	first := &state{}
	Run(t, []Case{
		s3OK("GetObjectAttributes/latest of two versions", localstack(moreS3, test, "object-attrs", "2026-02-21"), steps(&state{}), attrs(nil, all...),
			map[string]any{"ETag": "d4ca1ed7571e2e7b1f1c375bd50fa220", "ObjectSize": 9, "StorageClass": "STANDARD", "Checksum.ChecksumCRC32": "44ffIg==",
				"Checksum.ChecksumType": "FULL_OBJECT", "VersionId": Match(`^[A-Za-z0-9._]{32}$`), "ObjectParts": Absent}),
		s3OK("GetObjectAttributes/first version by id under a delete marker", localstack(moreS3, test, "get-object-attrs-v1", "2026-02-21"),
			steps(first, deleteKey(k)), attrs(first, three...),
			map[string]any{"ETag": "e92499db864217242396e8ef766079a9", "ObjectSize": 7, "StorageClass": "STANDARD", "Checksum": Absent,
				"VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
	})
}
