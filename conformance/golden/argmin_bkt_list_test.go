package golden

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's bucket_list.rs: listings by the suite's primary user.

var (
	// bktSetA and bktSetB are the suite's SET_A (delimiter tests) and
	// SET_B (prefix tests).
	bktSetA = []string{"asdf", "boo/bar", "boo/baz/xyzzy", "cquux", "thud", "zoo"}
	bktSetB = []string{"bar", "baz", "cab", "dog", "foo/bar", "foo/baz", "quux"}
	// bktControlKeys are CONTROL_KEY_CASES: each key with its URL form.
	bktControlKeys = [][2]string{{"bad\x01key", "bad%01key"}, {"bad\x1Fkey", "bad%1Fkey"}, {"bad\x7Fkey", "bad%7Fkey"}, {"bad\u0080key", "bad%C2%80key"}}
)

const (
	bktXMLKey = "xml<>&\"key"
	bktEcho   = "echo\x01<>&\"+"
)

// bktRawXML is the suite's expected_raw_list_value: XML escaping with
// control characters as lower-case hex character references.
func bktRawXML(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case r >= 0x01 && r <= 0x08, r == 0x0B, r == 0x0C, r >= 0x0E && r <= 0x1F:
			fmt.Fprintf(&b, "&#x%x;", r)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bktURLValue is the suite's expected_url_list_value.
func bktURLValue(v string) string {
	var b strings.Builder
	for _, c := range []byte(v) {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', strings.IndexByte("-_.~/", c) >= 0:
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// bktPages is what a paginated listing collected.
type bktPages struct {
	Keys, Prefixes string
	Count          int
	Sorted         bool
}

func bktCollect(keys, prefixes []string) bktPages {
	return bktPages{Keys: strings.Join(keys, ","), Prefixes: strings.Join(prefixes, ","), Count: len(keys),
		Sorted: sort.StringsAreSorted(keys)}
}

// bktPageV1 pages ListObjects by max-keys, with the suite's marker
// (NextMarker, else the last key or prefix).
func bktPageV1(delimiter *string, maxKeys int32) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var keys, prefixes []string
		in := &s3.ListObjectsInput{Bucket: aws.String(argminBkt), Delimiter: delimiter, MaxKeys: aws.Int32(maxKeys)}
		for range 100 {
			out, err := primary(w, u).ListObjects(ctx, in)
			if err != nil {
				return out, err
			}
			var pk, pp []string
			for _, o := range out.Contents {
				pk = append(pk, aws.ToString(o.Key))
			}
			for _, p := range out.CommonPrefixes {
				pp = append(pp, aws.ToString(p.Prefix))
			}
			keys, prefixes = append(keys, pk...), append(prefixes, pp...)
			if !aws.ToBool(out.IsTruncated) {
				return bktCollect(keys, prefixes), nil
			}
			switch {
			case out.NextMarker != nil:
				in.Marker = out.NextMarker
			case len(pk) > 0:
				in.Marker = aws.String(pk[len(pk)-1])
			default:
				in.Marker = aws.String(pp[len(pp)-1])
			}
		}
		return nil, fmt.Errorf("listing did not end")
	}
}

// bktPageV2 pages ListObjectsV2 by max-keys with continuation tokens.
func bktPageV2(delimiter *string, maxKeys int32) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var keys, prefixes []string
		in := &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt), Delimiter: delimiter, MaxKeys: aws.Int32(maxKeys)}
		for range 100 {
			out, err := primary(w, u).ListObjectsV2(ctx, in)
			if err != nil {
				return out, err
			}
			for _, o := range out.Contents {
				keys = append(keys, aws.ToString(o.Key))
			}
			for _, p := range out.CommonPrefixes {
				prefixes = append(prefixes, aws.ToString(p.Prefix))
			}
			if !aws.ToBool(out.IsTruncated) {
				return bktCollect(keys, prefixes), nil
			}
			in.ContinuationToken = out.NextContinuationToken
		}
		return nil, fmt.Errorf("listing did not end")
	}
}

func bktKeys(keys ...string) []argminStep {
	return argminSteps(argminBucket(false, ""), bktPutKeys(keys...))
}

func bktNumbered(n int) []string {
	var keys []string
	for i := range n {
		keys = append(keys, fmt.Sprintf("key%02d", i))
	}
	return keys
}

func TestArgminBucketListBasics(t *testing.T) {
	src := func(test string) string { return argmin("bucket_list.rs", test) }
	s := aws.String
	Run(t, []Case{
		argminCase("ListObjects/an empty bucket", src("test_bucket_list_empty"), bktKeys(), bktListV1(nil), bktWantKeys(nil, nil, nil)),
		argminCase("ListObjectsV2/the right expected bucket owner", src("test_bucket_list_v2_expected_bucket_owner"), bktKeys("foo", "bar"),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: s(argminBkt), ExpectedBucketOwner: s(owner)})
			}, bktWantKeys([]string{"bar", "foo"}, nil, nil)),
		argminCase("ListObjectsV2/another expected bucket owner", src("test_bucket_list_v2_wrong_expected_bucket_owner"), bktKeys("foo", "bar"),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: s(argminBkt), ExpectedBucketOwner: s(argminWrongOwner)})
			}, Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("ListObjects/another bucket's keys are not listed", src("test_bucket_list_distinct"),
			append(bktKeys("foo", "bar"), bktStep(bktCreate("argmin-bucket-b"))),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjects(ctx, &s3.ListObjectsInput{Bucket: s("argmin-bucket-b")})
			}, bktWantKeys(nil, nil, nil)),
		argminCase("ListObjects/keys in order whatever the order written", src("test_bucket_list_unordered"), bktKeys("zoo", "asdf", "mango", "bar"),
			bktListV1(nil), bktWantKeys([]string{"asdf", "bar", "mango", "zoo"}, nil, nil)),
		argminCase("ListObjectsV2/keys in order whatever the order written", src("test_bucket_listv2_unordered"), bktKeys("zoo", "asdf", "mango", "bar"),
			bktListV2(nil), bktWantKeys([]string{"asdf", "bar", "mango", "zoo"}, nil, nil)),
		argminCase("ListObjects/35 keys two at a time by marker", src("test_bucket_list_many"), bktKeys(bktNumbered(35)...),
			bktPageV1(nil, 2), Want{Fields: map[string]any{"Count": 35, "Sorted": true}}),
		argminCase("ListObjectsV2/35 keys two at a time by continuation token", src("test_bucket_listv2_many"), bktKeys(bktNumbered(35)...),
			bktPageV2(nil, 2), Want{Fields: map[string]any{"Count": 35, "Sorted": true}}),
		argminCase("ListObjects/max-keys 1", src("test_bucket_list_maxkeys_one"), bktKeys(bktSetB...), bktListV1(&bktList{maxKeys: aws.Int32(1)}),
			Want{Fields: map[string]any{"Contents": Len(1), "IsTruncated": true}}),
		argminCase("ListObjectsV2/max-keys 1", src("test_bucket_listv2_maxkeys_one"), bktKeys(bktSetB...), bktListV2(&bktList{maxKeys: aws.Int32(1)}),
			Want{Fields: map[string]any{"Contents": Len(1), "IsTruncated": true}}),
		argminCase("ListObjects/max-keys 0", src("test_bucket_list_maxkeys_zero"), bktKeys(bktSetB...), bktListV1(&bktList{maxKeys: aws.Int32(0)}),
			Want{Fields: map[string]any{"Contents": Len(0)}}),
		argminCase("ListObjectsV2/max-keys 0", src("test_bucket_listv2_maxkeys_zero"), bktKeys(bktSetB...), bktListV2(&bktList{maxKeys: aws.Int32(0)}),
			Want{Fields: map[string]any{"Contents": Len(0)}}),
		argminCase("ListObjects/no max-keys", src("test_bucket_list_maxkeys_none"), bktKeys(bktSetB...), bktListV1(nil),
			bktWantKeys(bktSetB, nil, map[string]any{"IsTruncated": false})),
		argminCase("ListObjectsV2/no max-keys", src("test_bucket_listv2_maxkeys_none"), bktKeys(bktSetB...), bktListV2(nil),
			bktWantKeys(bktSetB, nil, map[string]any{"IsTruncated": false, "KeyCount": 7})),
		argminCase("ListObjects/max-keys -1 is refused 400", src("test_bucket_list_maxkeys_invalid"), bktKeys("key00", "key01", "key02"),
			bktListV1(&bktList{maxKeys: aws.Int32(-1)}), Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("ListObjects/a 63-character bucket", src("test_bucket_list_long_name"),
			argminSteps(bktStep(bktCreate(strings.Repeat("b", 63)))), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjects(ctx, &s3.ListObjectsInput{Bucket: s(strings.Repeat("b", 63))})
			}, bktWantKeys(nil, nil, nil)),
		argminCase("ListObjects/the fields of each key", src("test_bucket_list_return_data"), bktKeys("bar", "baz"), bktListV1(nil),
			Want{Fields: map[string]any{"Contents": Len(2), "Contents[0].ETag": Present, "Contents[0].Size": 7, "Contents[0].LastModified": Present,
				"Contents[1].ETag": Present, "Contents[1].Size": 7, "Contents[1].LastModified": Present}}),
		argminCase("ListObjects/anonymous on a private bucket", src("test_bucket_list_objects_anonymous_fail"), bktKeys(),
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return w.HTTP.Get(w.Endpoint + "/" + argminBkt)
			}, Want{Refused: true, Status: http.StatusForbidden}),
		argminCase("ListObjectsV2/anonymous on a private bucket", src("test_bucket_listv2_objects_anonymous_fail"), bktKeys(),
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return w.HTTP.Get(w.Endpoint + "/" + argminBkt + "?list-type=2")
			}, Want{Refused: true, Status: http.StatusForbidden}),
	})
}

func TestArgminBucketListDelimiter(t *testing.T) {
	src := func(test string) string { return argmin("bucket_list.rs", test) }
	s := aws.String
	type listCase struct {
		test, name       string
		keys             []string
		p                bktList
		wantKeys, wantPs []string
		count            int // only the number of keys is asserted
	}
	setA, setB := bktSetA, bktSetB
	noSlash := []string{"bar", "baz", "cab", "dog", "foo", "quux"}
	special := []string{"0/", "0/0", "0/1", "0/2", "0/3", "0/4", "0/5", "0/6", "0/7", "0/8", "0/9", "1", "2", "3"}
	under := []string{"Obj1_", "Under1/bar", "Under1/baz/xyzzy", "Under2/thud", "Under2/bla"}
	table := []listCase{
		{"delimiter_basic", "delimiter /", setA, bktList{delimiter: s("/")}, []string{"asdf", "cquux", "thud", "zoo"}, []string{"boo/"}, 0},
		{"delimiter_alt", "delimiter a", setA, bktList{delimiter: s("a")}, []string{"cquux", "thud", "zoo"}, []string{"a", "boo/ba"}, 0},
		{"delimiter_percentage", "delimiter %", setA, bktList{delimiter: s("%")}, nil, nil, 6},
		{"delimiter_whitespace", "delimiter space", setA, bktList{delimiter: s(" ")}, nil, nil, 6},
		{"delimiter_dot", "delimiter .", setA, bktList{delimiter: s(".")}, nil, nil, 6},
		{"delimiter_unreadable", "delimiter newline", setA, bktList{delimiter: s("\n")}, nil, nil, 6},
		{"delimiter_empty", "empty delimiter", setA, bktList{delimiter: s("")}, nil, nil, 6},
		{"delimiter_none", "no delimiter", setA, bktList{}, nil, nil, 6},
		{"delimiter_prefix_ends_with_delimiter", "prefix boo/ delimiter /", setA, bktList{prefix: s("boo/"), delimiter: s("/")}, []string{"boo/bar"}, []string{"boo/baz/"}, 0},
		{"delimiter_not_exist", "delimiter in no key", noSlash, bktList{delimiter: s("/")}, noSlash, nil, 0},
		{"delimiter_not_skip_special", "keys after a common prefix", special, bktList{delimiter: s("/")}, []string{"1", "2", "3"}, []string{"0/"}, 0},
		{"delimiter_prefix_underscore", "prefix Under1/", under, bktList{prefix: s("Under1/"), delimiter: s("/")}, []string{"Under1/bar"}, []string{"Under1/baz/"}, 0},
		{"prefix_delimiter_alt", "prefix boo/ba delimiter r", setA, bktList{prefix: s("boo/ba"), delimiter: s("r")}, []string{"boo/baz/xyzzy"}, []string{"boo/bar"}, 0},
		{"prefix_basic", "prefix foo/", setB, bktList{prefix: s("foo/")}, []string{"foo/bar", "foo/baz"}, nil, 0},
		{"prefix_alt", "prefix ba", setB, bktList{prefix: s("ba")}, []string{"bar", "baz"}, nil, 0},
		{"prefix_empty", "empty prefix", setB, bktList{prefix: s("")}, nil, nil, 7},
		{"prefix_none", "no prefix", setB, bktList{}, nil, nil, 7},
		{"prefix_not_exist", "prefix of no key", setB, bktList{prefix: s("doesnotexist")}, nil, nil, 0},
		{"prefix_unreadable", "prefix newline", setB, bktList{prefix: s("\n")}, nil, nil, 0},
		{"prefix_delimiter_prefix_not_exist", "prefix of no key delimiter /", setB, bktList{prefix: s("doesnotexist"), delimiter: s("/")}, nil, nil, 0},
		{"prefix_delimiter_delimiter_not_exist", "prefix b delimiter /", setB, bktList{prefix: s("b"), delimiter: s("/")}, []string{"bar", "baz"}, nil, 0},
		{"prefix_delimiter_prefix_delimiter_not_exist", "prefix of no key delimiter !", setB, bktList{prefix: s("doesnotexist"), delimiter: s("!")}, nil, nil, 0},
	}
	v1Only := []listCase{
		{"delimiter_prefix", "delimiter / prefix boo/", setA, bktList{prefix: s("boo/"), delimiter: s("/")}, []string{"boo/bar"}, []string{"boo/baz/"}, 0},
		{"marker_none", "no marker", setB, bktList{}, setB, nil, 0},
		{"marker_empty", "empty marker", setB, bktList{marker: s("")}, setB, nil, 0},
		{"marker_unreadable", "marker newline", setB, bktList{marker: s("\n")}, nil, nil, 7},
		{"marker_not_in_list", "marker bzz", setB, bktList{marker: s("bzz")}, []string{"cab", "dog", "foo/bar", "foo/baz", "quux"}, nil, 0},
		{"marker_after_list", "marker zzz", setB, bktList{marker: s("zzz")}, nil, nil, 0},
		{"special_prefix", "prefix _bla/", []string{"_bla/1", "_bla/2", "_bla/3", "_bla/foo"}, bktList{prefix: s("_bla/")}, nil, nil, 4},
	}
	v2Only := []listCase{
		{"delimiter_dedupes_folder_object_common_prefix", "a folder object rolls into its common prefix", []string{"folder/file.txt", "folder/"},
			bktList{delimiter: s("/")}, nil, []string{"folder/"}, 0},
		{"prefix_delimiter_basic", "delimiter / prefix boo/", setA, bktList{prefix: s("boo/"), delimiter: s("/")}, []string{"boo/bar"}, []string{"boo/baz/"}, 0},
		{"startafter_unreadable", "start-after newline", setB, bktList{startAfter: s("\n")}, nil, nil, 7},
		{"startafter_not_in_list", "start-after bzz", setB, bktList{startAfter: s("bzz")}, []string{"cab", "dog", "foo/bar", "foo/baz", "quux"}, nil, 0},
		{"startafter_after_list", "start-after zzz", setB, bktList{startAfter: s("zzz")}, nil, nil, 0},
	}
	want := func(c listCase) Want {
		if c.wantKeys == nil && c.wantPs == nil {
			return Want{Fields: map[string]any{"Contents": Len(c.count), "CommonPrefixes": Len(0)}}
		}
		return bktWantKeys(c.wantKeys, c.wantPs, nil)
	}
	var cases []Case
	for _, c := range append(table, v1Only...) {
		p := c.p
		cases = append(cases, argminCase("ListObjects/"+c.name, src("test_bucket_list_"+c.test), bktKeys(c.keys...), bktListV1(&p), want(c)))
	}
	for _, c := range append(table, v2Only...) {
		p := c.p
		cases = append(cases, argminCase("ListObjectsV2/"+c.name, src("test_bucket_listv2_"+c.test), bktKeys(c.keys...), bktListV2(&p), want(c)))
	}
	cases = append(cases,
		argminCase("ListObjects/delimiter / one key a page", src("test_bucket_list_prefix_delimiter_basic"), bktKeys(setA...), bktPageV1(s("/"), 1),
			Want{Fields: map[string]any{"Keys": "asdf,cquux,thud,zoo", "Prefixes": "boo/"}}),
		argminCase("ListObjectsV2/delimiter / one key a page", src("test_bucket_listv2_delimiter_prefix"), bktKeys(setA...), bktPageV2(s("/"), 1),
			Want{Fields: map[string]any{"Keys": "asdf,cquux,thud,zoo", "Prefixes": "boo/"}}))
	Run(t, cases)
}

func TestArgminBucketListTokens(t *testing.T) {
	src := func(test string) string { return argmin("bucket_list.rs", test) }
	s := aws.String
	after := func(startAfter *string) bktCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			first, err := primary(w, u).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: s(argminBkt), MaxKeys: aws.Int32(1)})
			if err != nil {
				return nil, fmt.Errorf("first page: %w", err)
			}
			return primary(w, u).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: s(argminBkt), ContinuationToken: first.NextContinuationToken,
				StartAfter: startAfter})
		}
	}
	rest := []string{"baz", "cab", "dog", "foo/bar", "foo/baz", "quux"}
	fetch := func(on *bool) bktCall { return bktListV2(&bktList{fetchOwner: on}) }
	noOwner := map[string]any{"Contents": Len(7)}
	hasOwner := map[string]any{"Contents": Len(7)}
	for i := range 7 {
		noOwner[fmt.Sprintf("Contents[%d].Owner", i)] = Absent
		hasOwner[fmt.Sprintf("Contents[%d].Owner.ID", i)] = Match(`^[0-9a-f]{64}$`)
	}
	Run(t, []Case{
		argminCase("ListObjectsV2/the first page of max-keys 1", src("test_bucket_listv2_continuationtoken"), bktKeys(bktSetB...),
			bktListV2(&bktList{maxKeys: aws.Int32(1)}), bktWantKeys([]string{"bar"}, nil, map[string]any{"IsTruncated": true, "NextContinuationToken": Present})),
		argminCase("ListObjectsV2/the rest by continuation token", src("test_bucket_listv2_continuationtoken"), bktKeys(bktSetB...),
			after(nil), bktWantKeys(rest, nil, nil)),
		argminCase("ListObjectsV2/an empty continuation token is refused 400", src("test_bucket_listv2_continuationtoken_empty"), bktKeys(bktSetB...),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: s(argminBkt), ContinuationToken: s("")})
			}, Want{Refused: true, Status: http.StatusBadRequest}),
		argminCase("ListObjectsV2/a continuation token overrides start-after", src("test_bucket_listv2_both_continuationtoken_startafter"), bktKeys(bktSetB...),
			after(s("zzz")), bktWantKeys(rest, nil, nil)),
		argminCase("ListObjectsV2/fetch-owner true names each key's owner", src("test_bucket_listv2_fetchowner_notempty"), bktKeys(bktSetB...),
			fetch(aws.Bool(true)), Want{Fields: hasOwner}),
		argminCase("ListObjectsV2/no owner by default", src("test_bucket_listv2_fetchowner_defaultempty"), bktKeys(bktSetB...),
			fetch(nil), Want{Fields: noOwner}),
		argminCase("ListObjectsV2/no owner with fetch-owner false", src("test_bucket_listv2_fetchowner_empty"), bktKeys(bktSetB...),
			fetch(aws.Bool(false)), Want{Fields: noOwner}),
	})
}

func TestArgminBucketListEncoding(t *testing.T) {
	src := func(test string) string { return argmin("bucket_list.rs", test) }
	path := "/" + argminBkt
	v2 := path + "?list-type=2"
	encKeys := []string{"foo+1", "foo/bar", "foo 3", "foo&4"}
	var controlKeys, controlRaw, controlURL []string
	for _, k := range bktControlKeys {
		controlKeys = append(controlKeys, k[0])
		controlRaw = append(controlRaw, "<Key>"+bktRawXML(k[0])+"</Key>")
		controlURL = append(controlURL, k[1])
	}
	sort.Strings(controlURL)
	has := func(needles ...string) Want { return Want{Fields: map[string]any{"Body.Text": bktAll(needles...)}} }
	echo := url.QueryEscape(bktEcho)
	nextMarkerKeys := argminSteps(argminBucket(false, ""), bktPutKeys("aaa\x01<>&\"++obj", "zzz+obj"))
	sdkEncoded := func(v2 bool) bktCall {
		if v2 {
			return bktListV2(&bktList{encoding: types.EncodingTypeUrl})
		}
		return bktListV1(&bktList{encoding: types.EncodingTypeUrl})
	}
	controlWant := Want{Fields: map[string]any{"Contents": Len(4)}}
	for i, k := range controlURL {
		controlWant.Fields[fmt.Sprintf("Contents[%d].Key", i)] = k
	}
	Run(t, []Case{
		argminCase("ListObjects/encoding-type url lists every key", src("test_bucket_list_encoding_basic"), bktKeys(encKeys...), sdkEncoded(false),
			Want{Fields: map[string]any{"Contents": Len(4)}}),
		argminCase("ListObjectsV2/encoding-type url lists every key", src("test_bucket_listv2_encoding_basic"), bktKeys(encKeys...), sdkEncoded(true),
			Want{Fields: map[string]any{"Contents": Len(4)}}),
		argminCase("ListObjects/encoding-type url writes a space as +", src("test_bucket_list_encoding_url_uses_plus_for_spaces"), bktKeys("foo 3"),
			bktRaw(http.MethodGet, path+"?encoding-type=url", nil), has("<EncodingType>url</EncodingType>", "<Key>foo+3</Key>")),
		argminCase("ListObjectsV2/encoding-type url writes a space as +", src("test_bucket_listv2_encoding_url_uses_plus_for_spaces"), bktKeys("foo 3"),
			bktRaw(http.MethodGet, v2+"&encoding-type=url", nil), has("<EncodingType>url</EncodingType>", "<Key>foo+3</Key>")),
		argminCase("ListObjects/without encoding-type a space stays", src("test_bucket_list_without_encoding_type_keeps_spaces_literal"), bktKeys("foo 3"),
			bktRaw(http.MethodGet, path, nil), bktHasNot([]string{"<Key>foo 3</Key>"}, "<EncodingType>url</EncodingType>")),
		argminCase("ListObjectsV2/without encoding-type a space stays", src("test_bucket_listv2_without_encoding_type_keeps_spaces_literal"), bktKeys("foo 3"),
			bktRaw(http.MethodGet, v2, nil), bktHasNot([]string{"<Key>foo 3</Key>"}, "<EncodingType>url</EncodingType>")),
		argminCase("ListObjects/without encoding-type control characters are character references", src("test_bucket_list_without_encoding_type_keeps_control_characters_literal"),
			bktKeys(controlKeys...), bktRaw(http.MethodGet, path, nil), bktHasNot(controlRaw, "<EncodingType>url</EncodingType>")),
		argminCase("ListObjectsV2/without encoding-type control characters are character references", src("test_bucket_listv2_without_encoding_type_keeps_control_characters_literal"),
			bktKeys(controlKeys...), bktRaw(http.MethodGet, v2, nil), bktHasNot(controlRaw, "<EncodingType>url</EncodingType>")),
		argminCase("ListObjects/encoding-type url encodes control characters", src("test_bucket_list_encoding_type_url_encodes_control_characters"),
			bktKeys(controlKeys...), sdkEncoded(false), controlWant),
		argminCase("ListObjectsV2/encoding-type url encodes control characters", src("test_bucket_listv2_encoding_type_url_encodes_control_characters"),
			bktKeys(controlKeys...), sdkEncoded(true), controlWant),
		argminCase("ListObjects/encoding-type url encodes control characters in the body", src("test_bucket_list_encoding_type_url_encodes_control_characters"),
			bktKeys(controlKeys...), bktRaw(http.MethodGet, path+"?encoding-type=url", nil), has(append(bktTagged("Key", controlURL), "<EncodingType>url</EncodingType>")...)),
		argminCase("ListObjectsV2/encoding-type url encodes control characters in the body", src("test_bucket_listv2_encoding_type_url_encodes_control_characters"),
			bktKeys(controlKeys...), bktRaw(http.MethodGet, v2+"&encoding-type=url", nil), has(append(bktTagged("Key", controlURL), "<EncodingType>url</EncodingType>")...)),
		argminCase("ListObjects/without encoding-type XML specials are escaped", src("test_bucket_list_without_encoding_type_escapes_xml_special_characters"),
			bktKeys(bktXMLKey), bktRaw(http.MethodGet, path, nil), has("<Key>"+bktRawXML(bktXMLKey)+"</Key>")),
		argminCase("ListObjectsV2/without encoding-type XML specials are escaped", src("test_bucket_listv2_without_encoding_type_escapes_xml_special_characters"),
			bktKeys(bktXMLKey), bktRaw(http.MethodGet, v2, nil), has("<Key>"+bktRawXML(bktXMLKey)+"</Key>")),
		argminCase("ListObjects/encoding-type url encodes XML specials", src("test_bucket_list_encoding_type_url_encodes_xml_special_characters"),
			bktKeys(bktXMLKey), bktRaw(http.MethodGet, path+"?encoding-type=url", nil), has("<EncodingType>url</EncodingType>", "<Key>xml%3C%3E%26%22key</Key>")),
		argminCase("ListObjectsV2/encoding-type url encodes XML specials", src("test_bucket_listv2_encoding_type_url_encodes_xml_special_characters"),
			bktKeys(bktXMLKey), bktRaw(http.MethodGet, v2+"&encoding-type=url", nil), has("<EncodingType>url</EncodingType>", "<Key>xml%3C%3E%26%22key</Key>")),
		argminCase("ListObjectsV2/echoed fields escaped without encoding-type", src("test_bucket_listv2_echoed_fields_without_encoding_type_escape_special_characters"),
			bktKeys(), bktRaw(http.MethodGet, v2+"&prefix="+echo+"&delimiter="+echo+"&start-after="+echo, nil),
			has(bktTagged3(bktRawXML(bktEcho), "Prefix", "Delimiter", "StartAfter")...)),
		argminCase("ListObjectsV2/echoed fields URL-encoded with encoding-type url", src("test_bucket_listv2_echoed_fields_with_encoding_type_url_encode_special_characters"),
			bktKeys(), bktRaw(http.MethodGet, v2+"&encoding-type=url&prefix="+echo+"&delimiter="+echo+"&start-after="+echo, nil),
			has(append(bktTagged3(bktURLValue(bktEcho), "Prefix", "Delimiter", "StartAfter"), "<EncodingType>url</EncodingType>")...)),
		argminCase("ListObjects/echoed fields escaped without encoding-type", src("test_bucket_listv1_echoed_fields_without_encoding_type_escape_special_characters"),
			bktKeys(), bktRaw(http.MethodGet, path+"?prefix="+echo+"&marker="+echo+"&delimiter="+echo, nil),
			has(bktTagged3(bktRawXML(bktEcho), "Prefix", "Marker", "Delimiter")...)),
		argminCase("ListObjects/echoed fields URL-encoded with encoding-type url", src("test_bucket_listv1_echoed_fields_with_encoding_type_url_encode_special_characters"),
			bktKeys(), bktRaw(http.MethodGet, path+"?encoding-type=url&prefix="+echo+"&marker="+echo+"&delimiter="+echo, nil),
			has(append(bktTagged3(bktURLValue(bktEcho), "Prefix", "Marker", "Delimiter"), "<EncodingType>url</EncodingType>")...)),
		argminCase("ListObjects/NextMarker escaped without encoding-type", src("test_bucket_listv1_next_marker_without_encoding_type_escapes_special_characters"),
			nextMarkerKeys, bktRaw(http.MethodGet, path+"?delimiter=%2B&max-keys=1", nil),
			has("<IsTruncated>true</IsTruncated>", "<NextMarker>"+bktRawXML("aaa\x01<>&\"+")+"</NextMarker>")),
		argminCase("ListObjects/NextMarker URL-encoded with encoding-type url", src("test_bucket_listv1_next_marker_with_encoding_type_url_encodes_special_characters"),
			nextMarkerKeys, bktRaw(http.MethodGet, path+"?encoding-type=url&delimiter=%2B&max-keys=1", nil),
			has("<EncodingType>url</EncodingType>", "<IsTruncated>true</IsTruncated>", "<NextMarker>"+bktURLValue("aaa\x01<>&\"+")+"</NextMarker>")),
	})
}

// bktTagged wraps each value in <tag></tag>.
func bktTagged(tag string, values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, "<"+tag+">"+v+"</"+tag+">")
	}
	return out
}

// bktTagged3 wraps one value in each of tags.
func bktTagged3(value string, tags ...string) []string {
	var out []string
	for _, t := range tags {
		out = append(out, "<"+t+">"+value+"</"+t+">")
	}
	return out
}

// bktAll wants a string containing every one of needles.
func bktAll(needles ...string) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		for _, n := range needles {
			if err := bktHas(n).Check(v, found); err != nil {
				return err
			}
		}
		return nil
	})
}

// bktHasNot wants a raw body with every one of needles and without not.
func bktHasNot(needles []string, not string) Want {
	return Want{Fields: map[string]any{"Body.Text": matcherFunc(func(v reflect.Value, found bool) error {
		if err := bktAll(needles...).Check(v, found); err != nil {
			return err
		}
		return bktLacks(not).Check(v, found)
	})}}
}
