package binenc

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// op names one primitive read and its argument.
type op struct {
	kind string // uvarint, varint, byte, take, prefixed, count
	arg  uint64
}

// apply does o on d and returns what it read as a comparable value
// (Take and Prefixed as a string), the same for either input type.
func apply[T string | []byte](d *Decoder[T], o op) any {
	switch o.kind {
	case "uvarint":
		return d.Uvarint()
	case "varint":
		return d.Varint()
	case "byte":
		return d.Byte()
	case "take":
		return string(d.Take(o.arg))
	case "prefixed":
		return string(d.Prefixed())
	case "count":
		return d.Count(int(o.arg))
	}
	panic("unknown op " + o.kind)
}

var (
	uvarint  = op{kind: "uvarint"}
	varint   = op{kind: "varint"}
	oneByte  = op{kind: "byte"}
	prefixed = op{kind: "prefixed"}
)

func take(n uint64) op { return op{"take", n} }
func count(min int) op { return op{"count", uint64(min)} }

func TestDecoderPrimitives(t *testing.T) {
	tenBytesMax := binary.AppendUvarint(nil, math.MaxUint64)
	tests := []struct {
		name     string
		in       []byte
		read     op
		want     any
		wantFail bool
		wantLen  int // bytes left after the read
	}{
		{"uvarint zero", []byte{0}, uvarint, uint64(0), false, 0},
		{"uvarint leaves the rest", []byte{0x7f, 9}, uvarint, uint64(127), false, 1},
		{"uvarint two bytes", []byte{0x80, 0x01}, uvarint, uint64(128), false, 0},
		{"uvarint max", tenBytesMax, uvarint, uint64(math.MaxUint64), false, 0},
		{"uvarint empty", nil, uvarint, uint64(0), true, 0},
		{"uvarint truncated", []byte{0x80}, uvarint, uint64(0), true, 0},
		{"uvarint truncated max", tenBytesMax[:9], uvarint, uint64(0), true, 0},
		{"uvarint overflows 64 bits", append(bytes.Repeat([]byte{0xff}, 9), 0x02), uvarint, uint64(0), true, 0},
		{"uvarint longer than 10 bytes", append(bytes.Repeat([]byte{0x80}, 10), 0x00), uvarint, uint64(0), true, 0},
		{"varint minus one", []byte{0x01}, varint, int64(-1), false, 0},
		{"varint min", binary.AppendVarint(nil, math.MinInt64), varint, int64(math.MinInt64), false, 0},
		{"varint max", binary.AppendVarint(nil, math.MaxInt64), varint, int64(math.MaxInt64), false, 0},
		{"varint overflows", append(bytes.Repeat([]byte{0xff}, 9), 0x7f), varint, int64(0), true, 0},
		{"varint truncated", []byte{0xff}, varint, int64(0), true, 0},
		{"byte", []byte{7, 8}, oneByte, byte(7), false, 1},
		{"byte empty", nil, oneByte, byte(0), true, 0},
		{"take exact", []byte("abc"), take(3), "abc", false, 0},
		{"take zero", []byte("abc"), take(0), "", false, 3},
		{"take past the end", []byte("abc"), take(4), "", true, 0},
		{"take huge", []byte("abc"), take(math.MaxUint64), "", true, 0},
		{"prefixed", []byte("\x02hiX"), prefixed, "hi", false, 1},
		{"prefixed empty string", []byte{0}, prefixed, "", false, 0},
		{"prefixed truncated", []byte("\x05hi"), prefixed, "", true, 0},
		{"prefixed length 2^63", append(binary.AppendUvarint(nil, 1<<63), "hi"...), prefixed, "", true, 0},
		{"prefixed length overflows", append(bytes.Repeat([]byte{0xff}, 10), "hi"...), prefixed, "", true, 0},
		{"prefixed no length", nil, prefixed, "", true, 0},
		{"count fits", []byte{3, 1, 2, 3}, count(1), 3, false, 3},
		{"count fits pairs", []byte{2, 1, 2, 3, 4}, count(2), 2, false, 4},
		{"count one past the bytes", []byte{4, 1, 2, 3}, count(1), 0, true, 0},
		{"count pairs past the bytes", []byte{3, 1, 2, 3, 4, 5}, count(2), 0, true, 0},
		{"count huge", append(binary.AppendUvarint(nil, 1<<62), 1, 2), count(1), 0, true, 0},
		{"count max uint64", append(tenBytesMax, 1, 2), count(1), 0, true, 0},
		{"count truncated", []byte{0x80}, count(1), 0, true, 0},
		{"count zero of nothing", []byte{0}, count(2), 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := NewDecoder(tt.in)
			checkRead(t, "[]byte", &db, tt.read, tt.want, tt.wantFail, tt.wantLen)
			ds := NewDecoder(string(tt.in))
			checkRead(t, "string", &ds, tt.read, tt.want, tt.wantFail, tt.wantLen)
		})
	}
}

func checkRead[T string | []byte](t *testing.T, on string, d *Decoder[T], o op, want any, wantFail bool, wantLen int) {
	t.Helper()
	got := apply(d, o)
	if got != want || d.Failed() != wantFail || d.Len() != wantLen {
		t.Errorf("%s: got %#v failed=%v len=%d, want %#v failed=%v len=%d",
			on, got, d.Failed(), d.Len(), want, wantFail, wantLen)
	}
	if !d.Failed() {
		return
	}
	// The failure sticks: later reads give zeros and consume nothing.
	for _, o := range []op{uvarint, varint, oneByte, prefixed, take(0), count(1)} {
		if got := apply(d, o); got != apply(new(Decoder[T]), o) || !d.Failed() || d.Len() != 0 {
			t.Errorf("%s: %s after a failure gave %#v, failed=%v, len=%d", on, o.kind, got, d.Failed(), d.Len())
		}
	}
}

// TestAppendPrefixedRoundTrip: what AppendPrefixed writes, Prefixed
// reads back, byte for byte, from either input type.
func TestAppendPrefixedRoundTrip(t *testing.T) {
	long := string(bytes.Repeat([]byte{0xff, 0}, 200)) // not UTF-8; a two-byte length
	var b []byte
	for _, s := range []string{"", "a", long} {
		b = AppendPrefixed(b, s)
	}
	b = AppendPrefixed(b, []byte("bytes"))
	if want := 1 + 2 + 2 + len(long) + 6; len(b) != want {
		t.Fatalf("encoded %d bytes, want %d", len(b), want)
	}
	d := NewDecoder(string(b))
	for _, want := range []string{"", "a", long, "bytes"} {
		if got := d.Prefixed(); got != want || d.Failed() {
			t.Fatalf("Prefixed = %q (failed %v), want %q", got, d.Failed(), want)
		}
	}
	if d.Len() != 0 {
		t.Errorf("%d bytes left", d.Len())
	}
}

// FuzzDecoder runs a program of reads over arbitrary input: the first
// byte of each step picks the read, the rest is the input. No input may
// panic, a read never consumes more than is left, and a value read
// agrees with encoding/binary on the same bytes.
func FuzzDecoder(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5}, []byte{0x80, 0x01, 0x02, 'h', 'i', 3, 1, 2, 3})
	f.Add([]byte{0, 0}, append(bytes.Repeat([]byte{0xff}, 9), 0x02))
	f.Add([]byte{3, 5}, binary.AppendUvarint(nil, math.MaxUint64))
	f.Add([]byte{5, 4}, append(binary.AppendUvarint(nil, 1<<62), 1, 2))
	f.Add([]byte{1, 1, 1}, binary.AppendVarint(binary.AppendVarint(nil, math.MinInt64), -1))
	f.Fuzz(func(t *testing.T, prog, in []byte) {
		d := NewDecoder(in)
		ds := NewDecoder(string(in))
		for _, p := range prog {
			before := d.Len()
			rest := in[len(in)-before:]
			var o op
			switch p % 6 {
			case 0:
				o = uvarint
			case 1:
				o = varint
			case 2:
				o = oneByte
			case 3:
				o = take(uint64(p >> 3))
			case 4:
				o = prefixed
			case 5:
				o = count(1 + int(p>>3)%4)
			}
			got := apply(&d, o)
			if gotS := apply(&ds, o); gotS != got || ds.Failed() != d.Failed() || ds.Len() != d.Len() {
				t.Fatalf("%s: string decoder read %#v, []byte decoder %#v", o.kind, gotS, got)
			}
			if d.Len() > before {
				t.Fatalf("%s: %d bytes left after, %d before", o.kind, d.Len(), before)
			}
			if d.Failed() {
				checkBinaryRefuses(t, o, rest)
				return
			}
			switch o.kind {
			case "uvarint":
				if v, n := binary.Uvarint(rest); n <= 0 || v != got || n != before-d.Len() {
					t.Fatalf("uvarint %d over %d bytes, encoding/binary %d over %d", got, before-d.Len(), v, n)
				}
			case "varint":
				if v, n := binary.Varint(rest); n <= 0 || v != got || n != before-d.Len() {
					t.Fatalf("varint %d over %d bytes, encoding/binary %d over %d", got, before-d.Len(), v, n)
				}
			case "count":
				if n := got.(int); n*int(o.arg) > d.Len() {
					t.Fatalf("count %d of %d-byte elements with %d bytes left", n, o.arg, d.Len())
				}
			}
		}
	})
}

// checkBinaryRefuses fails t when encoding/binary reads a varint from
// rest that the decoder refused.
func checkBinaryRefuses(t *testing.T, o op, rest []byte) {
	t.Helper()
	var n int
	switch o.kind {
	case "uvarint":
		_, n = binary.Uvarint(rest)
	case "varint":
		_, n = binary.Varint(rest)
	}
	if n > 0 {
		t.Fatalf("%s refused %x, which encoding/binary reads in %d bytes", o.kind, rest, n)
	}
}
