package store

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// fill sets every field of the value v points to, recursively, to a
// non-zero value drawn from rng, so a round trip that drops a field (one
// added to the type without a bit in the codec) shows.
func fill(v reflect.Value, rng *rand.Rand) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), rng)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC()))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), rng)
		}
	case reflect.String:
		v.SetString(randomString(rng))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(1 + rng.Int64N(1<<40))
	case reflect.Uint64:
		v.SetUint(1 + rng.Uint64N(1<<60))
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1+rng.IntN(3), 4)
		for i := range s.Len() {
			fill(s.Index(i), rng)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 1 + rng.IntN(3) {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, rng)
			fill(e, rng)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// randomString draws from strings that take each compact form, and from
// raw bytes that are not UTF-8.
func randomString(rng *rand.Rand) string {
	forms := []func() string{
		func() string { return "null" },
		func() string { return "111122223333" },
		func() string { return "012345678901" },
		func() string { return `"0123456789abcdef0123456789abcdef"` },
		func() string { return `"0123456789ABCDEF"` },
		func() string { return "26e4786a-5708-4042-a9e1-748ec31ac6bd" },
		func() string { return "26E4786A-5708-4042-A9E1-748EC31AC6BD" },
		func() string { return "PyXv7/UIFaQ=" },
		func() string { return "abcd1234" },
		func() string { return "" },
		func() string {
			b := make([]byte, rng.IntN(40))
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			return string(b)
		},
	}
	return forms[rng.IntN(len(forms))]()
}

// Every field of S3Object and S3Upload, nested parts and grants included,
// survives the binary encoding byte for byte, whether the key is implied
// by the bbolt key or stored.
func TestRecordCodecCoversEveryField(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		var o S3Object
		fill(reflect.ValueOf(&o).Elem(), rng)
		var u S3Upload
		fill(reflect.ValueOf(&u).Elem(), rng)
		for _, at := range []struct{ kind, key string }{
			{"s3o/b", o.Key}, {"s3v/b", S3VersionKey(o.Key, o.Seq)}, {"s3o/b", "other"}, {"users", "x"},
		} {
			raw, err := encodeRecord(at.kind, at.key, &o)
			if err != nil {
				t.Fatal(err)
			}
			var got S3Object
			if err := decodeRecord(at.kind, at.key, raw, &got); err != nil {
				t.Fatalf("%d: decode object at %s/%q: %v", i, at.kind, at.key, err)
			}
			if !reflect.DeepEqual(got, o) {
				t.Fatalf("%d: object at %s/%q changed in the round trip:\n got %#v\nwant %#v", i, at.kind, at.key, got, o)
			}
			var sum S3ObjectSummary
			if err := decodeRecord(at.kind, at.key, raw, &sum); err != nil {
				t.Fatalf("%d: decode summary at %s/%q: %v", i, at.kind, at.key, err)
			}
			want := o
			want.Parts, want.Headers, want.Meta, want.Tags, want.ACL = nil, nil, nil, nil, nil
			if !reflect.DeepEqual(sum.S3Object, want) {
				t.Fatalf("%d: summary at %s/%q:\n got %#v\nwant %#v", i, at.kind, at.key, sum.S3Object, want)
			}
			checkBodies(t, at.kind, at.key, raw, &o)
		}
		key := S3UploadKey(u.Key, u.UploadID)
		raw, err := encodeRecord("s3u/b", key, &u)
		if err != nil {
			t.Fatal(err)
		}
		var got S3Upload
		if err := decodeRecord("s3u/b", key, raw, &got); err != nil {
			t.Fatalf("%d: decode upload: %v", i, err)
		}
		if !reflect.DeepEqual(got, u) {
			t.Fatalf("%d: upload changed in the round trip:\n got %#v\nwant %#v", i, got, u)
		}
	}
}

// checkBodies decodes raw, the record of o, into an S3ObjectBodies and
// checks it holds o's version id, sequence number and part bodies.
func checkBodies(t *testing.T, kind, key string, raw []byte, o *S3Object) {
	t.Helper()
	var got S3ObjectBodies
	if err := decodeRecord(kind, key, raw, &got); err != nil {
		t.Fatalf("decode bodies at %s/%q: %v", kind, key, err)
	}
	var want []string
	for _, p := range o.Parts {
		if p.Body != "" {
			want = append(want, p.Body)
		}
	}
	if got.VersionID != o.VersionID || got.Seq != o.Seq || !slices.Equal(got.Bodies, want) {
		t.Fatalf("bodies at %s/%q = %q %d %q, want %q %d %q", kind, key, got.VersionID, got.Seq, got.Bodies, o.VersionID, o.Seq, want)
	}
}

// A damaged or foreign record is an error, never a panic or a silently
// different record.
func TestRecordCodecRefusesDamage(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	var o S3Object
	fill(reflect.ValueOf(&o).Elem(), rng)
	raw, err := encodeRecord("s3o/b", o.Key, &o)
	if err != nil {
		t.Fatal(err)
	}
	for n := range raw {
		var got S3Object
		if err := decodeRecord("s3o/b", o.Key, raw[:n], &got); err == nil && n > 0 {
			t.Errorf("decode of the first %d of %d bytes succeeded", n, len(raw))
		}
		_ = decodeRecord("s3o/b", o.Key, raw[:n], &S3ObjectBodies{}) // must not panic
	}
	if err := decodeRecord("s3o/b", o.Key, append(raw, 0), &S3Object{}); err == nil {
		t.Error("decode with a trailing byte succeeded")
	}
	if err := decodeRecord("s3o/b", o.Key, []byte{recObject, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, &S3Object{}); err == nil {
		t.Error("decode with an unknown field bit succeeded")
	}
	if err := decodeRecord("s3o/b", o.Key, raw, &S3Upload{}); err == nil {
		t.Error("an object record decoded into an upload")
	}
	for range 2000 {
		b := append([]byte(nil), raw...)
		b[1+rng.IntN(len(b)-1)] ^= byte(1 + rng.IntN(255))
		_ = decodeRecord("s3o/b", o.Key, b, &S3Object{}) // must not panic
		_ = decodeRecord("s3o/b", o.Key, b, &S3ObjectBodies{})
	}
}

// A simple PUT's record stays small: the figure the ≤ 300 bytes per
// object target (current record + version record + bbolt overhead) is
// built on.
func TestSmallObjectRecordSize(t *testing.T) {
	t.Parallel()
	owner := []S3Grant{{GranteeType: "CanonicalUser", ID: CanonicalID("111111111111"), Account: "111111111111", Permission: "FULL_CONTROL"}}
	etag := `"46234a6de3b2157d3a9510451b33b619"`
	o := &S3Object{Key: "obj/00000001", VersionID: "null", Seq: 2, Owner: "111111111111",
		Modified: time.Date(2026, 12, 5, 15, 55, 53, 594014870, time.UTC), Size: 100, ETag: etag,
		Parts:             []S3Part{{Body: "26e4786a-5708-4042-a9e1-748ec31ac6bd", Size: 100, ETag: etag}},
		ChecksumAlgorithm: "CRC64NVME", Checksum: "PyXv7/UIFaQ=", ChecksumType: "FULL_OBJECT", ACL: owner}
	raw, err := encodeRecord("s3o/b", o.Key, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 76 {
		t.Errorf("small object record = %d bytes, want ≤ 76", len(raw))
	}
	var got S3Object
	if err := decodeRecord("s3o/b", o.Key, raw, &got); err != nil || !reflect.DeepEqual(&got, o) {
		t.Errorf("small object round trip = %#v, %v; want %#v", got, err, *o)
	}
	var sum S3ObjectSummary
	if err := decodeRecord("s3o/b", o.Key, raw, &sum); err != nil || sum.ACL != nil {
		t.Errorf("summary of a small object: ACL %v, %v; want none", sum.ACL, err)
	}
	// An ACL that only looks like the owner's is stored whole.
	for _, acl := range [][]S3Grant{
		{{GranteeType: "CanonicalUser", ID: CanonicalID("222222222222"), Account: "222222222222", Permission: "FULL_CONTROL"}},
		{owner[0], owner[0]},
		{{GranteeType: "CanonicalUser", ID: CanonicalID("111111111111"), Account: "111111111111", Permission: "FULL_CONTROL", DisplayName: "x"}},
	} {
		o.ACL = acl
		raw, _ := encodeRecord("s3o/b", o.Key, o)
		var got S3Object
		if err := decodeRecord("s3o/b", o.Key, raw, &got); err != nil || !reflect.DeepEqual(got.ACL, acl) {
			t.Errorf("ACL %v round trip = %v, %v", acl, got.ACL, err)
		}
	}
	t.Logf("small object record: %d bytes", len(raw))
}

// An object an anonymous caller owns keeps that owner and its one owner
// grant (stored as the owner-ACL bit, not a list) through the encoding, in
// the same record layout as an account's object: the owner is a string
// like any other, and its grant names AWS's anonymous canonical user id.
func TestAnonymousOwnerRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		owner  string
		wantID string
	}{
		{"anonymous owner", AnonymousOwner, "65a011a29cdf8ec533ec3d1ccaae921c"},
		{"account owner", "111122223333", CanonicalID("111122223333")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := S3Object{Key: "k", VersionID: "null", Seq: 1, Owner: tc.owner, Size: 3, ETag: `"e"`,
				ACL: []S3Grant{ownerGrant(tc.owner)}}
			if o.ACL[0].ID != tc.wantID {
				t.Fatalf("owner grant id = %q, want %q", o.ACL[0].ID, tc.wantID)
			}
			raw, err := encodeRecord("s3o/b", "k", &o)
			if err != nil {
				t.Fatal(err)
			}
			if !isOwnerACL(o.ACL, o.Owner) {
				t.Fatal("the owner's grant is not stored as the owner-ACL bit")
			}
			var got S3Object
			if err := decodeRecord("s3o/b", "k", raw, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, o) {
				t.Fatalf("round trip:\n got %#v\nwant %#v", got, o)
			}
		})
	}
	if id := CanonicalID(AnonymousOwner); id != AnonymousCanonicalID {
		t.Fatalf("CanonicalID(AnonymousOwner) = %q", id)
	}
}
