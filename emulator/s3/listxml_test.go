package s3

import (
	"encoding/xml"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/query/querytest"
)

// The hand-written ListBucketResult encoding gives exactly the bytes
// encoding/xml gives, whatever the keys hold (markup characters, control
// bytes, bytes that are not UTF-8) and whichever optional parts are set,
// but for control characters, written as AWS writes them (wantXML).
func TestListBucketResultMarshal(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 8))
	str := func() string {
		alphabet := []string{"a", "Z", "/", "<", ">", "&", `"`, "'", "\t", "\n", "\r", "\x00", "\x01", "\xff", "é", "\xe9", "\uFFFD", "]]>", " "}
		s := ""
		for range rng.IntN(8) {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		return s
	}
	opt := func() string {
		if rng.IntN(2) == 0 {
			return ""
		}
		return str()
	}
	for i := range 2000 {
		r := &listBucketResult{NS: xmlns, Name: str(), Prefix: opt(), ContinuationToken: opt(), NextContinuationToken: opt(),
			MaxKeys: rng.IntN(1001), Delimiter: opt(), IsTruncated: rng.IntN(2) == 0, NextMarker: opt(), StartAfter: opt(),
			EncodingType: opt()}
		if rng.IntN(2) == 0 {
			m := opt()
			r.Marker = &m
		}
		if rng.IntN(2) == 0 {
			n := rng.IntN(1000)
			r.KeyCount = &n
		}
		for range rng.IntN(4) {
			c := xmlContents{Key: str(), LastModified: opt(), ETag: opt(), ChecksumAlgorithm: opt(), ChecksumType: opt(),
				Size: rng.Int64N(1 << 40), StorageClass: opt()}
			if rng.IntN(2) == 0 {
				c.Owner = &xmlOwner{ID: opt(), DisplayName: opt()}
			}
			if rng.IntN(2) == 0 {
				c.RestoreStatus = &xmlRestoreStatus{IsRestoreInProgress: rng.IntN(2) == 0, RestoreExpiryDate: opt()}
			}
			r.Contents = append(r.Contents, c)
		}
		for range rng.IntN(3) {
			r.CommonPrefixes = append(r.CommonPrefixes, xmlPrefix{Prefix: opt()})
		}
		got := string(r.marshal())
		if want := wantXML(t, r); got != want {
			t.Fatalf("%d: marshal =\n%q\nxml.Marshal =\n%q", i, got, want)
		}
	}
}

// TestListAllMyBucketsResultMarshal holds the hand-written ListBuckets
// encoder to xml.Marshal's output: no buckets, optional elements present
// and absent, and text that needs escaping.
func TestListAllMyBucketsResultMarshal(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 10))
	alphabet := []string{"a", "Z", "-", ".", "<", ">", "&", `"`, "'", "\t", "\n", "\r", "\x00", "\xff", "é", "\uFFFD", "]]>", " "}
	str := func() string {
		s := ""
		for range rng.IntN(8) {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		return s
	}
	for i := range 2000 {
		r := &listAllMyBucketsResult{NS: xmlns, Owner: xmlOwner{ID: str(), DisplayName: str()},
			ContinuationToken: str(), Prefix: str()}
		if i%3 == 0 {
			r.Buckets = []xmlBucket{} // as listBuckets starts it; nil otherwise
		}
		for range rng.IntN(4) {
			r.Buckets = append(r.Buckets, xmlBucket{Name: str(), CreationDate: str(), BucketRegion: str(), BucketARN: str()})
		}
		got := r.marshal()
		if want := wantXML(t, r); string(got) != want {
			t.Fatalf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestListEncodersWriteEveryField fills every field of each result by
// reflection and holds the hand-written encoders to xml.Marshal: a field
// added to a result but not to its encoder fails here rather than
// vanishing from the answer.
func TestListEncodersWriteEveryField(t *testing.T) {
	t.Parallel()
	for _, r := range []interface{ marshal() rawXML }{&listBucketResult{}, &listAllMyBucketsResult{}} {
		querytest.Fill(r)
		want, err := xml.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.marshal(); string(got) != string(want) {
			t.Errorf("%T with every field set:\n got %s\nwant %s", r, got, want)
		}
	}
}

// wantXML is what the hand-written encoders must write for r: xml.Marshal's
// output, except that a C0 control character XML cannot carry is S3's
// character reference ("&#x1b;", see xmlText) rather than U+FFFD
// (marshalXML's rewriting, itself held to literal answers in
// TestMarshalXMLControlCharacters).
func wantXML(t *testing.T, r any) string {
	t.Helper()
	out, err := xml.Marshal(mapStrings(reflect.ValueOf(r), controlsToPlaceholders).Interface())
	if err != nil {
		t.Fatal(err)
	}
	return string(placeholdersToRefs(out))
}
