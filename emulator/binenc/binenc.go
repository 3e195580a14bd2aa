package binenc

import "encoding/binary"

// AppendPrefixed appends v as a uvarint length and its bytes.
func AppendPrefixed[T string | []byte](b []byte, v T) []byte {
	return append(binary.AppendUvarint(b, uint64(len(v))), v...)
}

// A Decoder reads the primitives from an encoding held in a string or a
// []byte. The zero Decoder is at the end of empty input.
type Decoder[T string | []byte] struct {
	rest   T
	failed bool
}

// NewDecoder returns a Decoder reading b from its start.
func NewDecoder[T string | []byte](b T) Decoder[T] {
	return Decoder[T]{rest: b}
}

// Len is the number of bytes not read yet (0 once failed).
func (d *Decoder[T]) Len() int { return len(d.rest) }

// Failed reports whether any read has failed.
func (d *Decoder[T]) Failed() bool { return d.failed }

// Fail marks the input malformed, for a check of the format's own (an
// unknown tag, an out-of-range value); later reads return zero values.
func (d *Decoder[T]) Fail() {
	d.failed = true
	var zero T
	d.rest = zero
}

// Byte reads one byte.
func (d *Decoder[T]) Byte() byte {
	if len(d.rest) == 0 {
		d.Fail()
		return 0
	}
	c := d.rest[0]
	d.rest = d.rest[1:]
	return c
}

// Uvarint reads an unsigned varint (binary.AppendUvarint). It fails on a
// varint cut short, longer than binary.MaxVarintLen64 bytes, or past 64
// bits.
func (d *Decoder[T]) Uvarint() uint64 {
	var v uint64
	for i := 0; i < binary.MaxVarintLen64 && i < len(d.rest); i++ {
		c := d.rest[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // a 10th byte holds only bit 63
			}
			d.rest = d.rest[i+1:]
			return v | uint64(c)<<(7*i)
		}
		v |= uint64(c&0x7f) << (7 * i)
	}
	d.Fail()
	return 0
}

// Varint reads a zig-zag signed varint (binary.AppendVarint).
func (d *Decoder[T]) Varint() int64 {
	u := d.Uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// Take reads the next n bytes, failing when fewer are left. The result is
// a slice of the input (see the package doc on memory); zero on failure.
func (d *Decoder[T]) Take(n uint64) T {
	if n > uint64(len(d.rest)) {
		d.Fail()
		var zero T
		return zero
	}
	v := d.rest[:n]
	d.rest = d.rest[n:]
	return v
}

// Prefixed reads AppendPrefixed's encoding: a uvarint length and that many
// bytes, a slice of the input like Take's.
func (d *Decoder[T]) Prefixed() T {
	return d.Take(d.Uvarint())
}

// Count reads a uvarint number of elements that each take at least min
// (>= 1) bytes, failing when the bytes left cannot hold that many, so a
// caller may allocate for the count without trusting the input.
func (d *Decoder[T]) Count(min int) int {
	n := d.Uvarint()
	if n > uint64(len(d.rest)/min) {
		d.Fail()
		return 0
	}
	return int(n)
}
