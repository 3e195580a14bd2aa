// Package binenc holds the primitives of fakeaws's compact binary
// encodings: the sealed session of a session token (emulator/sessiontoken)
// and the S3 object, version and upload records (emulator/store). Each of
// those formats keeps its own structure (tags, masks, string forms, time
// layout) in its own package; binenc only reads and writes the pieces they
// share, so both read them the same way.
//
// Writing uses encoding/binary's AppendUvarint and AppendVarint (zig-zag)
// directly, plus AppendPrefixed for a uvarint length followed by the bytes.
// Reading goes through a Decoder over a string or a []byte.
//
// Times are not a primitive here, on purpose: a session stores zig-zag
// seconds and uvarint nanoseconds, a store record keeps a zone-offset
// flag in the low bit of the nanoseconds and the offset after them. The
// bytes of both are fixed by tokens and records already written, so each
// format builds its time from Varint and Uvarint in its own package.
// Likewise a store string's header packs its form into the length's low
// bits, so only sessiontoken writes AppendPrefixed strings; both read
// lengths through Take.
//
// # Hostile input
//
// A Decoder reads bytes that may come from a client (a session token is
// sent by whoever holds it), so it never panics and never allocates on the
// input's word: a varint longer than 10 bytes or past 64 bits, a length
// past the bytes left, or a count of elements the bytes left cannot hold
// fails the decoder. The first failure sticks; every later read returns a
// zero value and consumes nothing, so a format's decoder can read a whole
// record and check Failed once at the end. A Decoder has no error value of
// its own: each format reports its own (errMalformed, errBadRecord).
//
// # Memory
//
// Take returns a slice of the input, not a copy. Over a string that is
// safe to keep (sessiontoken converts the token once and slices its
// fields from it); over a []byte the caller copies what it keeps, as the
// store must, since bbolt's memory is valid only inside its transaction.
package binenc
