package sigv4

import (
	"bytes"
	"encoding/base64"
	"hash/crc64"
	"math/rand/v2"
	"strconv"
	"testing"
)

// CRC-64/NVME check values. The first four are aws-checksums'
// tests/crc64_test.c (awslabs/aws-checksums, the library behind the AWS
// CRT SDKs' CRC64NVME): 32 zero bytes, the bytes 0..31, the catalogue's
// "123456789", and "Hello world" from its large-buffer test. The 4096-byte
// ones are the NVM Express NVM Command Set Specification 1.0a, section
// 5.2.1.3.5 "64b CRC Test Cases", as the Linux kernel's lib/test_crc64.c
// quotes them.
func crc64NVMEVectors() []struct {
	name string
	data []byte
	want uint64
} {
	values32 := make([]byte, 32)
	inc, dec := make([]byte, 4096), make([]byte, 4096)
	for i := range values32 {
		values32[i] = byte(i)
	}
	for i := range inc {
		inc[i], dec[i] = byte(i), 0xff-byte(i)
	}
	return []struct {
		name string
		data []byte
		want uint64
	}{
		{"empty", nil, 0},
		{"32 zeros", make([]byte, 32), 0xCF3473434D4ECF3B},
		{"bytes 0..31", values32, 0xB9D9D4A8492CBD7F},
		{"123456789", []byte("123456789"), 0xAE8B14860A799888},
		{"Hello world", []byte("Hello world"), 0x38E259D03F312ADB},
		{"4096 zeros", make([]byte, 4096), 0x6482D367EB22B64E},
		{"4096 0xff", bytes.Repeat([]byte{0xff}, 4096), 0xC0DDBA7302ECA3AC},
		{"4096 incrementing", inc, 0x3E729F5F6750449C},
		{"4096 decrementing", dec, 0x9A2DF64B8E9E517E},
	}
}

func TestCRC64NVMEKnownVectors(t *testing.T) {
	// aws-checksums: a message followed by its CRC (big-endian, as Sum
	// lays it out) always leaves this residue.
	const residue = ^uint64(0xf310303b2b6f6e42)
	for _, v := range crc64NVMEVectors() {
		h, ok := Checksum("crc64nvme")
		if !ok {
			t.Fatal("Checksum(crc64nvme): not found")
		}
		h.Write(v.data)
		got := h.(interface{ Sum64() uint64 }).Sum64()
		if got != v.want {
			t.Errorf("%s: got %#016x, want %#016x", v.name, got, v.want)
		}
		// Byte by byte, as a slow reader would deliver the body.
		var d crc64NVME
		for i := range v.data {
			d.Write(v.data[i : i+1])
		}
		if d.Sum64() != v.want {
			t.Errorf("%s one byte at a time: got %#016x, want %#016x", v.name, d.Sum64(), v.want)
		}
		if v.data == nil {
			continue
		}
		// The residue check feeds the CRC back in little-endian byte
		// order, as aws-checksums does on a little-endian machine.
		var le [8]byte
		for i := range le {
			le[i] = byte(got >> (8 * i))
		}
		if r := updateCRC64NVME(got, le[:]); r != residue {
			t.Errorf("%s residue: got %#016x, want %#016x", v.name, r, residue)
		}
	}
}

// TestCRC64NVMEMatchesHashCRC64 compares the slicing-by-8 code with
// hash/crc64 on the same polynomial for every length up to past two
// slicing blocks and 2 KiB (hash/crc64's own threshold), at unaligned
// offsets, written in one piece and in random pieces.
func TestCRC64NVMEMatchesHashCRC64(t *testing.T) {
	table := crc64.MakeTable(crc64NVMEPoly)
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 5000)
	for i := range buf {
		buf[i] = byte(rng.Uint32())
	}
	lengths := []int{}
	for n := 0; n <= 300; n++ {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 4999-7)
	for _, n := range lengths {
		off := n % 8
		data := buf[off : off+n]
		want := crc64.Checksum(data, table)
		var whole crc64NVME
		whole.Write(data)
		if whole.Sum64() != want {
			t.Fatalf("len %d: got %#016x, want %#016x", n, whole.Sum64(), want)
		}
		var pieces crc64NVME
		for rest := data; len(rest) > 0; {
			k := 1 + rng.IntN(len(rest))
			pieces.Write(rest[:k])
			rest = rest[k:]
		}
		if pieces.Sum64() != want {
			t.Fatalf("len %d in pieces: got %#016x, want %#016x", n, pieces.Sum64(), want)
		}
		pieces.Reset()
		if pieces.Sum64() != 0 {
			t.Fatalf("Reset left %#016x", pieces.Sum64())
		}
	}
}

// TestChecksumString holds the stack-encoded digests to base64 of Sum.
func TestChecksumString(t *testing.T) {
	for _, alg := range []string{"CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"} {
		for _, data := range []string{"", "123456789", string(bytes.Repeat([]byte("x"), 1024))} {
			h, _ := Checksum(alg)
			h.Write([]byte(data))
			want := base64.StdEncoding.EncodeToString(h.Sum(nil))
			if got := ChecksumString(h); got != want {
				t.Errorf("%s(%d bytes): got %q, want %q", alg, len(data), got, want)
			}
		}
	}
	h, _ := Checksum("CRC64NVME")
	h.Write([]byte("123456789"))
	if got := ChecksumString(h); got != "rosUhgp5mIg=" {
		t.Errorf("CRC64NVME(123456789): got %q, want rosUhgp5mIg=", got)
	}
	if n := testing.AllocsPerRun(100, func() { ChecksumString(h) }); n > 1 {
		t.Errorf("ChecksumString(CRC64NVME) allocates %v times, want 1 (the string)", n)
	}
}

// BenchmarkCRC64NVME measures a body's CRC64NVME as PutObject takes it,
// and, for comparison, hash/crc64 with the same polynomial.
func BenchmarkCRC64NVME(b *testing.B) {
	table := crc64.MakeTable(crc64NVMEPoly)
	for _, size := range []int{1024, 64 << 10} {
		data := bytes.Repeat([]byte("x"), size)
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				h, _ := Checksum("CRC64NVME")
				h.Write(data)
				ChecksumString(h)
			}
		})
		b.Run("hash-crc64/"+strconv.Itoa(size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				h := crc64.New(table)
				h.Write(data)
				base64.StdEncoding.EncodeToString(h.Sum(nil))
			}
		})
	}
}
