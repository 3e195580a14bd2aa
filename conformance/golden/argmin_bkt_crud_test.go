package golden

import (
	"context"
	"errors"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's bucket_crud.rs, bucket_naming.rs and bucket_list.rs.
// Where the suite asserts only that AWS refused (result.is_err()), the case
// asserts only that (bktWantRefused: an error answer from the server).

type bktCall = func(ctx context.Context, w *World, u *argminUsers) (any, error)

// bktOutcome is what a loosely asserted call came to: Refused when the
// server answered with an HTTP error.
var bktWantRefused = Want{Refused: true}

// bktTextBody is a raw response body kept readable after the harness read
// it: a case names "Body.Text".
type bktTextBody struct {
	Text string
	r    *strings.Reader
}

func (b *bktTextBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *bktTextBody) Close() error               { return nil }

// bktRaw sends a signed request as the suite's primary user and keeps the
// body for "Body.Text" checks.
func bktRaw(method, path string, body []byte) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		resp, err := w.Signed(ctx, u.primary, method, path, body, nil)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		resp.Body = &bktTextBody{Text: string(b), r: strings.NewReader(string(b))}
		return resp, err
	}
}

// bktHas wants a string containing s; bktLacks one without it.
func bktHas(s string) Matcher { return Match(regexp.QuoteMeta(s)) }

func bktLacks(s string) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		if found && strings.Contains(show(v), s) {
			return errors.New("want no " + s + ", got " + show(v))
		}
		return nil
	})
}

// bktCreate creates bucket as the suite's primary user.
func bktCreate(bucket string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	}
}

func bktStep(call bktCall) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := call(ctx, w, u)
		return err
	}
}

// bktPutKeys writes each key into argminBkt with the suite's body
// "content" (create_objects_with_keys).
func bktPutKeys(keys ...string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		for _, k := range keys {
			if _, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(k),
				Body: strings.NewReader("content")}); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestArgminBucketCRUD(t *testing.T) {
	src := func(test string) string { return argmin("bucket_crud.rs", test) }
	b := aws.String(argminBkt)
	made := argminSteps(argminBucket(false, ""))
	Run(t, []Case{
		argminCase("CreateBucket/a new bucket", src("test_bucket_create_exists"), nil, bktCreate(argminBkt), Want{}),
		argminCase("CreateBucket/again by its owner in us-east-1", src("test_bucket_create_already_exists"),
			argminSteps(bktStep(bktCreate(argminBkt))), bktCreate(argminBkt), Want{}),
		argminCase("DeleteBucket/no such bucket is refused", src("test_bucket_delete_nonexistent"), nil,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
			}, bktWantRefused),
		argminCase("DeleteBucket/a bucket with an object is refused", src("test_bucket_delete_nonempty"),
			argminSteps(argminBucket(false, ""), bktPutKeys("key")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
			}, bktWantRefused),
		argminCase("CreateBucket/again after it was deleted", src("test_bucket_delete_then_recreate"),
			argminSteps(bktStep(bktCreate(argminBkt)), bktStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b})
			})), bktCreate(argminBkt), Want{}),
		argminCase("HeadBucket/an existing bucket", src("test_bucket_head_existing"), made,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b})
			}, Want{}),
		argminCase("HeadBucket/no such bucket is refused", src("test_bucket_head_nonexistent"), nil,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b})
			}, bktWantRefused),
		argminCase("ListBuckets/with no bucket", src("test_buckets_list_empty"), nil,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListBuckets(ctx, &s3.ListBucketsInput{})
			}, Want{}),
		argminCase("ListBuckets/names the created bucket", src("test_buckets_list_contains_created"),
			argminSteps(bktStep(bktCreate(argminBkt))), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListBuckets(ctx, &s3.ListBucketsInput{})
			}, Want{Fields: map[string]any{"Buckets[0].Name": argminBkt}}),
		argminCase("ListObjectsV2/an empty bucket", src("test_bucket_list_objects_empty"), made, bktListV2(nil),
			Want{Fields: map[string]any{"KeyCount": 0, "Contents": Len(0)}}),
		argminCase("ListObjectsV2/three keys in order", src("test_bucket_list_objects_with_objects"),
			argminSteps(argminBucket(false, ""), bktPutKeys("key0", "key1", "key2")), bktListV2(nil),
			bktWantKeys([]string{"key0", "key1", "key2"}, nil, map[string]any{"KeyCount": 3})),
		argminCase("ListObjectsV2/no such bucket is refused", src("test_bucket_list_objects_nonexistent_bucket"), nil,
			bktListV2(nil), bktWantRefused),
	})
}

func TestArgminBucketNaming(t *testing.T) {
	src := func(test string) string { return argmin("bucket_naming.rs", test) }
	good := func(test, bucket string) Case {
		return argminCase("CreateBucket/"+bucket+" is a good name", src(test), nil, bktCreate(bucket), Want{})
	}
	bad := func(test, bucket string) Case {
		return argminCase("CreateBucket/"+bucket+" is refused", src(test), nil, bktCreate(bucket), bktWantRefused)
	}
	putGet := func(test, bucket string) Case {
		return argminCase("GetObject/from "+bucket, src(test),
			argminSteps(bktStep(bktCreate(bucket)), func(ctx context.Context, w *World, u *argminUsers) error {
				_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("key"), Body: strings.NewReader("data")})
				return err
			}), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				out, err := primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("key")})
				if err != nil {
					return out, err
				}
				defer out.Body.Close()
				data, err := io.ReadAll(out.Body)
				return argminBody{Body: string(data)}, err
			}, Want{Fields: map[string]any{"Body": "data"}})
	}
	Run(t, []Case{
		good("test_bucket_create_naming_good_starts_alpha", "abc-0a1b2c3d"),
		good("test_bucket_create_naming_good_starts_digit", "3bucket-0a1b2c3d"),
		good("test_bucket_create_naming_good_contains_period", "foo.bar.0a1b2c3d"),
		good("test_bucket_create_naming_good_contains_hyphen", "foo-bar-0a1b2c3d"),
		good("test_bucket_create_naming_good_long", strings.Repeat("a", 63)),
		good("test_bucket_create_naming_good_three_chars", "abc"),
		good("test_bucket_create_naming_good_all_digits", "123456"),
		putGet("test_bucket_create_naming_good_has_period_put_get", "a.b.0a1b2c3d"),
		putGet("test_bucket_create_naming_good_has_hyphen_put_get", "a-b-0a1b2c3d"),
		// test_bucket_create_naming_bad_short_empty: an empty name never
		// leaves aws-sdk-go-v2 (it requires Bucket), so AWS is not asked.
		bad("test_bucket_create_naming_bad_short_one", "a"),
		bad("test_bucket_create_naming_bad_short_two", "ab"),
		bad("test_bucket_create_naming_bad_long", strings.Repeat("a", 64)),
		bad("test_bucket_create_naming_bad_long_256", strings.Repeat("a", 256)),
		bad("test_bucket_create_naming_bad_starts_dash", "-bucket"),
		bad("test_bucket_create_naming_dns_dash_at_end", "foo-"),
		bad("test_bucket_create_naming_bad_starts_dot", ".bucket"),
		bad("test_bucket_create_naming_bad_ends_dot", "bucket."),
		bad("test_bucket_create_naming_bad_uppercase", "MyBucket"),
		bad("test_bucket_create_naming_dns_underscore", "foo_bar"),
		bad("test_bucket_create_naming_bad_special_at", "foo@bar"),
		bad("test_bucket_create_naming_bad_special_hash", "foo#bar"),
		bad("test_bucket_create_naming_bad_space", "foo bar"),
		bad("test_bucket_create_naming_dns_dot_dot", "foo..bar"),
		bad("test_bucket_create_naming_dns_dot_dash", "foo.-bar"),
		bad("test_bucket_create_naming_dns_dash_dot", "foo-.bar"),
		bad("test_bucket_create_naming_bad_ip", "192.168.5.123"),
		bad("test_bucket_create_naming_bad_xn_prefix", "xn--bucket"),
	})
}

// bktList are the parameters of a listing of argminBkt.
type bktList struct {
	prefix, delimiter, marker, startAfter *string
	maxKeys                               *int32
	encoding                              types.EncodingType
	fetchOwner                            *bool
}

// bktListV1 lists argminBkt with ListObjects as the primary user.
func bktListV1(p *bktList) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.ListObjectsInput{Bucket: aws.String(argminBkt)}
		if p != nil {
			in.Prefix, in.Delimiter, in.Marker, in.MaxKeys, in.EncodingType = p.prefix, p.delimiter, p.marker, p.maxKeys, p.encoding
		}
		return primary(w, u).ListObjects(ctx, in)
	}
}

// bktListV2 lists argminBkt with ListObjectsV2 as the primary user.
func bktListV2(p *bktList) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)}
		if p != nil {
			in.Prefix, in.Delimiter, in.StartAfter, in.MaxKeys, in.EncodingType = p.prefix, p.delimiter, p.startAfter, p.maxKeys, p.encoding
			in.FetchOwner = p.fetchOwner
		}
		return primary(w, u).ListObjectsV2(ctx, in)
	}
}

// bktWantKeys wants exactly keys in Contents and prefixes in
// CommonPrefixes, plus the fields of extra.
func bktWantKeys(keys, prefixes []string, extra map[string]any) Want {
	f := map[string]any{"Contents": Len(len(keys)), "CommonPrefixes": Len(len(prefixes))}
	for i, k := range keys {
		f["Contents["+strconv.Itoa(i)+"].Key"] = k
	}
	for i, p := range prefixes {
		f["CommonPrefixes["+strconv.Itoa(i)+"].Prefix"] = p
	}
	for k, v := range extra {
		f[k] = v
	}
	return Want{Fields: f}
}
