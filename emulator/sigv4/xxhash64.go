package sigv4

import (
	"encoding/binary"
	"math/bits"
)

// XXH64 (https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md,
// "XXH64 Algorithm Description"), seed 0: the checksum S3 calls XXHASH64.

const (
	xxPrime1 uint64 = 0x9E3779B185EBCA87
	xxPrime2 uint64 = 0xC2B2AE3D27D4EB4F
	xxPrime3 uint64 = 0x165667B19E3779F9
	xxPrime4 uint64 = 0x85EBCA77C2B2AE63
	xxPrime5 uint64 = 0x27D4EB2F165667C5
)

// xxhash64 is a streaming hash.Hash64 computing XXH64 with seed 0. Sum
// lays the value out big-endian (the canonical representation), as S3
// transmits it.
type xxhash64 struct {
	acc   [4]uint64
	buf   [32]byte
	nbuf  int
	total uint64
}

func newXXHash64() *xxhash64 {
	d := new(xxhash64)
	d.Reset()
	return d
}

func (d *xxhash64) Reset() {
	p1, p2 := xxPrime1, xxPrime2 // variables: the sums wrap, as the spec's do
	d.acc = [4]uint64{p1 + p2, p2, 0, -p1}
	d.nbuf, d.total = 0, 0
}

func (d *xxhash64) Size() int      { return 8 }
func (d *xxhash64) BlockSize() int { return 32 }

func xxRound(acc, lane uint64) uint64 {
	acc += lane * xxPrime2
	return bits.RotateLeft64(acc, 31) * xxPrime1
}

func xxMerge(h, acc uint64) uint64 {
	h ^= xxRound(0, acc)
	return h*xxPrime1 + xxPrime4
}

// stripe folds one 32-byte stripe into the accumulators.
func (d *xxhash64) stripe(p []byte) {
	for i := range d.acc {
		d.acc[i] = xxRound(d.acc[i], binary.LittleEndian.Uint64(p[8*i:]))
	}
}

func (d *xxhash64) Write(p []byte) (int, error) {
	n := len(p)
	d.total += uint64(n)
	if d.nbuf > 0 {
		c := copy(d.buf[d.nbuf:], p)
		d.nbuf += c
		p = p[c:]
		if d.nbuf < len(d.buf) {
			return n, nil
		}
		d.stripe(d.buf[:])
		d.nbuf = 0
	}
	for len(p) >= 32 {
		d.stripe(p[:32])
		p = p[32:]
	}
	d.nbuf = copy(d.buf[:], p)
	return n, nil
}

func (d *xxhash64) Sum64() uint64 {
	var h uint64
	if d.total >= 32 {
		a := d.acc
		h = bits.RotateLeft64(a[0], 1) + bits.RotateLeft64(a[1], 7) +
			bits.RotateLeft64(a[2], 12) + bits.RotateLeft64(a[3], 18)
		for _, v := range a {
			h = xxMerge(h, v)
		}
	} else {
		h = xxPrime5
	}
	h += d.total
	p := d.buf[:d.nbuf]
	for ; len(p) >= 8; p = p[8:] {
		h ^= xxRound(0, binary.LittleEndian.Uint64(p))
		h = bits.RotateLeft64(h, 27)*xxPrime1 + xxPrime4
	}
	if len(p) >= 4 {
		h ^= uint64(binary.LittleEndian.Uint32(p)) * xxPrime1
		h = bits.RotateLeft64(h, 23)*xxPrime2 + xxPrime3
		p = p[4:]
	}
	for _, b := range p {
		h ^= uint64(b) * xxPrime5
		h = bits.RotateLeft64(h, 11) * xxPrime1
	}
	h ^= h >> 33
	h *= xxPrime2
	h ^= h >> 29
	h *= xxPrime3
	h ^= h >> 32
	return h
}

func (d *xxhash64) Sum(in []byte) []byte { return binary.BigEndian.AppendUint64(in, d.Sum64()) }
