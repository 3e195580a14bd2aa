package sigv4

import (
	"bufio"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"io"
	"net/http"
	"strings"
)

const (
	maxChunkLine       = 4096
	maxSignedChunkSize = 16 << 20 // signed chunks are buffered until verified
	minChunkSize       = 8192     // of every data chunk but the last
	maxTrailerLines    = 64
)

// chunkedReader decodes an aws-chunked body:
//
//	hex-size[;chunk-signature=sig]\r\n data \r\n ... 0[;chunk-signature=sig]\r\n
//	[trailer-name:value\r\n ... [x-amz-trailer-signature:sig\r\n]] \r\n
//
// Signed chunks are held back until their signature verifies, so no byte
// from a chunk that fails is ever returned.
type chunkedReader struct {
	br   *bufio.Reader
	body io.Closer

	signed  bool
	trailer bool
	key     []byte
	amzDate string
	scope   string
	prevSig string
	// akid and seedCreq (the seed request's canonical request, rebuilt
	// only when a chunk fails) fill a chunk mismatch's diagnostics.
	akid     string
	seedCreq func() string

	decodedLen int64 // -1: unknown
	total      int64
	chunks     int64 // data chunks read so far
	lastSize   int64 // the size of the last of them

	remaining int64  // unsigned: bytes left in the current chunk
	pending   []byte // signed: verified bytes not yet returned
	buf       []byte

	checksumName string // lower-case trailer header carrying the checksum
	checksumAlgo string
	checksum     hash.Hash

	trailers http.Header
	err      error
}

func (c *chunkedReader) init(r io.Reader) {
	c.br = bufio.NewReaderSize(r, maxChunkLine)
}

func (c *chunkedReader) expectTrailers(names []string) error {
	for _, v := range names {
		for _, n := range strings.Split(v, ",") {
			n = strings.ToLower(strings.TrimSpace(n))
			if n == "" {
				continue
			}
			algo, ok := checksumAlgorithms[n]
			if !ok {
				return newErr("InvalidRequest", http.StatusBadRequest, "The value specified in the x-amz-trailer header is not supported")
			}
			if c.checksum != nil {
				return newErr("InvalidRequest", http.StatusBadRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
			}
			c.checksumName, c.checksumAlgo = n, algo
			c.checksum, _ = Checksum(algo)
		}
	}
	return nil
}

// Trailers returns the trailing headers once Read has returned io.EOF.
func (c *chunkedReader) Trailers() http.Header {
	if c.err != io.EOF {
		return nil
	}
	return c.trailers
}

func (c *chunkedReader) Close() error {
	if c.body != nil {
		return c.body.Close()
	}
	return nil
}

func (c *chunkedReader) Read(p []byte) (int, error) {
	for {
		if c.err != nil {
			return 0, c.err
		}
		if len(c.pending) > 0 {
			n := copy(p, c.pending)
			c.pending = c.pending[n:]
			return n, nil
		}
		if c.remaining > 0 {
			q := p
			if int64(len(q)) > c.remaining {
				q = q[:c.remaining]
			}
			n, err := c.br.Read(q)
			c.remaining -= int64(n)
			c.total += int64(n)
			if c.checksum != nil {
				c.checksum.Write(q[:n])
			}
			if c.decodedLen >= 0 && c.total > c.decodedLen {
				c.err = lengthMismatch(c.decodedLen, c.total)
				return 0, c.err
			}
			if err != nil && n == 0 {
				c.err = c.framingErr(err)
				return 0, c.err
			}
			if c.remaining == 0 {
				if err := c.readCRLF(); err != nil {
					c.err = err
				}
			}
			if n > 0 {
				return n, nil
			}
			continue
		}
		if len(p) == 0 {
			return 0, nil
		}
		if err := c.nextChunk(); err != nil {
			c.err = err
		}
	}
}

func (c *chunkedReader) framingErr(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return invalidChunk()
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	return err
}

func (c *chunkedReader) readLine() (string, error) {
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		if err == bufio.ErrBufferFull {
			return "", invalidChunk()
		}
		return "", c.framingErr(err)
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		return "", invalidChunk()
	}
	return string(line[:len(line)-2]), nil
}

func (c *chunkedReader) readCRLF() error {
	var b [2]byte
	if _, err := io.ReadFull(c.br, b[:]); err != nil {
		return c.framingErr(err)
	}
	if b[0] != '\r' || b[1] != '\n' {
		return invalidChunk()
	}
	return nil
}

func parseHexSize(s string) (int64, bool) {
	if s == "" || len(s) > 15 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		n = n<<4 | int64(d)
	}
	return n, true
}

// countChunk notes a chunk of size bytes. A data chunk that follows one
// of fewer than minChunkSize bytes shows that one was not the last, which
// S3 refuses.
func (c *chunkedReader) countChunk(size int64) error {
	if size == 0 {
		return nil
	}
	if c.chunks > 0 && c.lastSize < minChunkSize {
		e := smallChunk(c.chunks+1, c.lastSize)
		if c.signed {
			// 403 for signed chunks (justincormack/argmin
			// crates/s3-tests/tests/chunked.rs
			// test_signed_chunked_small_non_final_chunk_rejected, asserted
			// against AWS in 2026); the versitygw issues that quote the
			// body give no status.
			e.Status = http.StatusForbidden
		}
		return e
	}
	c.chunks, c.lastSize = c.chunks+1, size
	return nil
}

// chunkSigMismatch is S3's answer to a chunk signature that does not
// verify: the chunk's string to sign, the signature sent and the seed
// request's canonical request, as AWS echoes them (justincormack/argmin
// crates/s3-tests/tests/chunked.rs test_signed_chunked_bad_signature and
// test_signed_chunked_bad_terminal_signature_not_committed, 2026).
func (c *chunkedReader) chunkSigMismatch(sts, provided string) *Error {
	if c.seedCreq == nil {
		return newErr("SignatureDoesNotMatch", http.StatusForbidden, msgSigMismatchS3)
	}
	return signatureMismatchV4("s3", c.akid, sts, provided, c.seedCreq())
}

// nextChunk reads a chunk header and, for signed chunks, the whole chunk,
// which it verifies before making it readable.
func (c *chunkedReader) nextChunk() error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	sizeStr, ext, hasExt := strings.Cut(line, ";")
	size, ok := parseHexSize(strings.TrimSpace(sizeStr))
	if !ok {
		return invalidChunk()
	}
	if err := c.countChunk(size); err != nil {
		return err
	}
	var sig string
	if c.signed {
		// A chunk-signature that is missing or not 64 hex digits is
		// framing S3 does not take (invalidChunk); one that does not
		// verify is SignatureDoesNotMatch, below.
		if !hasExt {
			return invalidChunk()
		}
		s, found := strings.CutPrefix(ext, "chunk-signature=")
		if !found || !isHex64(s) {
			return invalidChunk()
		}
		sig = strings.ToLower(s)
		if size > maxSignedChunkSize {
			return newErr("InvalidChunkSizeError", http.StatusBadRequest, "Chunk size exceeds the maximum this server accepts")
		}
	}
	if c.decodedLen >= 0 && c.total+size > c.decodedLen {
		return lengthMismatch(c.decodedLen, c.total+size)
	}
	if !c.signed {
		if size == 0 {
			return c.finish("")
		}
		c.remaining = size
		return nil
	}
	if int64(cap(c.buf)) < size {
		c.buf = make([]byte, size)
	}
	data := c.buf[:size]
	if _, err := io.ReadFull(c.br, data); err != nil {
		return c.framingErr(err)
	}
	sum := sha256.Sum256(data)
	sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + c.amzDate + "\n" + c.scope + "\n" + c.prevSig + "\n" + emptySHA256 + "\n" + hex.EncodeToString(sum[:])
	if !sigEqual(hmacSHA256(c.key, sts), sig) {
		return c.chunkSigMismatch(sts, sig)
	}
	c.prevSig = sig
	if size == 0 {
		return c.finish(sig)
	}
	if err := c.readCRLF(); err != nil {
		return err
	}
	if c.checksum != nil {
		c.checksum.Write(data)
	}
	c.total += size
	c.pending = data
	return nil
}

// finish reads what follows the final chunk (trailers, their signature, the
// closing CRLF) and runs the end-of-body checks; it returns io.EOF on success.
func (c *chunkedReader) finish(lastSig string) error {
	trailers, trailerSig, canon, err := c.readTrailers()
	if err != nil {
		return err
	}
	if err := c.checkTrailerSignature(lastSig, trailerSig, canon); err != nil {
		return err
	}
	if c.decodedLen >= 0 && c.total != c.decodedLen {
		return lengthMismatch(c.decodedLen, c.total)
	}
	if err := c.checkTrailerChecksum(trailers); err != nil {
		return err
	}
	c.trailers = trailers
	return io.EOF
}

// readTrailers reads the trailer lines up to the closing empty line (or the
// end of the body). It returns the trailers, x-amz-trailer-signature (which
// must come last) and the canonical "name:value\n" text that it signs.
func (c *chunkedReader) readTrailers() (trailers http.Header, trailerSig, canon string, err error) {
	trailers = http.Header{}
	var b strings.Builder
	for i := 0; ; i++ {
		if i > maxTrailerLines {
			return nil, "", "", malformedTrailer()
		}
		s, err := c.readTrailerLine()
		if err != nil {
			return nil, "", "", err
		}
		if s == "" {
			break
		}
		if !c.trailer {
			return nil, "", "", invalidChunk()
		}
		name, value, ok := strings.Cut(s, ":")
		if !ok {
			// A trailer line without a colon is a body cut short to S3
			// (justincormack/argmin crates/s3-tests/tests/chunked.rs
			// test_malformed_trailer_line_rejected, asserted against AWS
			// in 2026); fakeaws answered MalformedTrailerError before.
			return nil, "", "", invalidChunk()
		}
		name = strings.ToLower(strings.TrimSpace(name))
		value = strings.TrimSpace(value)
		if name == "x-amz-trailer-signature" {
			trailerSig = value
			continue
		}
		if trailerSig != "" {
			return nil, "", "", malformedTrailer()
		}
		trailers.Add(name, value)
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(value)
		b.WriteByte('\n')
	}
	return trailers, trailerSig, b.String(), nil
}

// readTrailerLine reads one trailer line without its line end. A body
// that ends before the empty line closing the trailers, even by its last
// CRLF, is cut short: S3's IncompleteBody "The request body terminated
// unexpectedly" (versity/versitygw#1666, "missing or incomplete delimiter
// at the end", and #1660, its last byte changed). fakeaws took a body
// without that CRLF before.
func (c *chunkedReader) readTrailerLine() (string, error) {
	line, err := c.br.ReadSlice('\n')
	if err != nil {
		if err == bufio.ErrBufferFull {
			return "", malformedTrailer()
		}
		if err == io.EOF {
			return "", invalidChunk()
		}
		return "", c.framingErr(err)
	}
	if len(line) >= 2 && line[len(line)-2] == '\r' {
		return string(line[:len(line)-2]), nil
	}
	// minio-go ends each trailer line with a bare "\n" and then
	// writes "\r\n" (pkg/signer request-signature-streaming*.go,
	// addTrailer / addSignedTrailer: "name:value\n" + "\r\n..."),
	// which S3 accepts: read "\n\r\n" as one line end.
	s := string(line[:len(line)-1])
	if s == "" || !c.trailer {
		return "", malformedTrailer()
	}
	if next, err := c.br.Peek(2); err == nil && next[0] == '\r' && next[1] == '\n' {
		_, _ = c.br.Discard(2)
	}
	return s, nil
}

// checkTrailerSignature verifies x-amz-trailer-signature for signed bodies
// with trailers; it chains from the final chunk's signature.
func (c *chunkedReader) checkTrailerSignature(lastSig, trailerSig, canon string) error {
	if !c.signed || !c.trailer {
		return nil
	}
	if trailerSig == "" {
		// Trailers without x-amz-trailer-signature are a body cut short
		// (justincormack/argmin crates/s3-tests/tests/chunked.rs
		// test_signed_chunked_missing_trailer_signature, asserted against AWS
		// in 2026); fakeaws answered SignatureDoesNotMatch before.
		return invalidChunk()
	}
	sum := sha256.Sum256([]byte(canon))
	sts := "AWS4-HMAC-SHA256-TRAILER\n" + c.amzDate + "\n" + c.scope + "\n" + lastSig + "\n" + hex.EncodeToString(sum[:])
	if !isHex64(trailerSig) || !sigEqual(hmacSHA256(c.key, sts), trailerSig) {
		return c.chunkSigMismatch(sts, trailerSig)
	}
	return nil
}

// checkTrailerChecksum compares the announced checksum trailer with the
// checksum of the decoded body, and refuses checksum trailers that
// x-amz-trailer did not announce.
func (c *chunkedReader) checkTrailerChecksum(trailers http.Header) error {
	if c.checksum != nil {
		got := trailers.Get(c.checksumName)
		if got == "" {
			return malformedTrailer()
		}
		if !validChecksumEncoding(got, c.checksum.Size()) {
			// A value that is no base64 checksum of the algorithm's size
			// (versity/versitygw#1652, unsigned, and #1692, signed, quote
			// S3's answer).
			return newErr("InvalidRequest", http.StatusBadRequest, "Value for "+c.checksumName+" trailing header is invalid.")
		}
		if got != ChecksumString(c.checksum) {
			return badDigest(c.checksumAlgo)
		}
	}
	for name := range trailers {
		if _, ok := checksumAlgorithms[strings.ToLower(name)]; ok && !strings.EqualFold(name, c.checksumName) {
			return malformedTrailer()
		}
	}
	return nil
}

// validChecksumEncoding reports whether v is the base64 of size bytes.
func validChecksumEncoding(v string, size int) bool {
	raw, err := base64.StdEncoding.DecodeString(v)
	return err == nil && len(raw) == size
}
