package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// How the answers are read (changed from http.ReadResponse, which the
// figures up to then were measured with): readAnswer reads the status line
// and the headers straight from the connection's buffer, looking only at
// the headers that say where the body ends and whether the connection
// stays open, and then reads the whole body, Content-Length, chunked or
// up to the close, without keeping it. http.ReadResponse built a Response,
// a header map with a string per name and value and a body reader for
// every answer: about a fifth of loadgen's CPU per request, on the cores
// the server under test shares. Both servers are read the same way, and
// every answer is still read to its end before the next request goes out;
// answer_test.go checks it against http.ReadResponse on Content-Length,
// chunked (with extensions and trailers), close-delimited, HTTP/1.0 and
// body-less answers.

// answer is what loadgen keeps of a response.
type answer struct {
	code int
	// close is set when the server closes the connection after this
	// answer (Connection: close, HTTP/1.0 without keep-alive, or a body
	// that ends at the close).
	close bool
}

// errMalformed is an answer readAnswer cannot frame.
var errMalformed = errors.New("malformed HTTP answer")

// readAnswer reads one HTTP/1.x response from br, its body included (none
// for a HEAD request when head is set, as for 1xx, 204 and 304 answers).
func readAnswer(br *bufio.Reader, head bool) (answer, error) {
	line, err := readLine(br)
	if err != nil {
		return answer{}, err
	}
	// HTTP/1.x NNN reason
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' ||
		(len(line) > 12 && line[12] != ' ') {
		return answer{}, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	code, err := strconv.Atoi(string(line[9:12]))
	if err != nil || code < 100 {
		return answer{}, fmt.Errorf("%w: status line %q", errMalformed, line)
	}
	a := answer{code: code}
	http10 := line[7] == '0'
	f, err := readFraming(br)
	if err != nil {
		return a, err
	}
	a.close = f.close || (http10 && !f.keepAlive)
	switch {
	case head || code < 200 || code == 204 || code == 304:
		return a, nil
	case f.chunked:
		return a, readChunked(br)
	case f.length >= 0:
		_, err := br.Discard(int(f.length))
		return a, err
	case f.transferEncoding:
		// A transfer coding other than chunked last: the body ends at the
		// close (RFC 9112, 6.3).
		fallthrough
	default:
		a.close = true
		_, err := io.Copy(io.Discard, br)
		return a, err
	}
}

// framing is what the headers say about the body and the connection.
type framing struct {
	length           int64 // -1: no Content-Length
	chunked          bool  // chunked is the last transfer coding
	transferEncoding bool  // a Transfer-Encoding header was sent
	close, keepAlive bool  // Connection tokens
}

// readFraming reads the header lines up to the empty line that ends them.
func readFraming(br *bufio.Reader) (framing, error) {
	f := framing{length: -1}
	for {
		line, err := readLine(br)
		if err != nil {
			return f, err
		}
		if len(line) == 0 {
			return f, nil
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			if line[0] == ' ' || line[0] == '\t' {
				continue // an obsolete folded continuation line
			}
			return f, fmt.Errorf("%w: header line %q", errMalformed, line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			n, err := strconv.ParseInt(string(value), 10, 64)
			if err != nil || n < 0 || (f.length >= 0 && n != f.length) {
				return f, fmt.Errorf("%w: Content-Length %q", errMalformed, value)
			}
			f.length = n
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			f.transferEncoding = true
			codings := bytes.Split(value, []byte(","))
			f.chunked = bytes.EqualFold(bytes.TrimSpace(codings[len(codings)-1]), []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			for tok := range bytes.SplitSeq(value, []byte(",")) {
				tok = bytes.TrimSpace(tok)
				f.close = f.close || bytes.EqualFold(tok, []byte("close"))
				f.keepAlive = f.keepAlive || bytes.EqualFold(tok, []byte("keep-alive"))
			}
		}
	}
}

// readChunked reads a chunked body to its end: the chunks, the last
// (empty) chunk, any trailer lines and the empty line after them.
func readChunked(br *bufio.Reader) error {
	for {
		line, err := readLine(br)
		if err != nil {
			return err
		}
		size, _, _ := bytes.Cut(line, []byte(";")) // chunk extensions are ignored
		n, err := strconv.ParseUint(string(bytes.TrimSpace(size)), 16, 62)
		if err != nil {
			return fmt.Errorf("%w: chunk size %q", errMalformed, line)
		}
		if n == 0 {
			break
		}
		if _, err := br.Discard(int(n)); err != nil {
			return err
		}
		if end, err := readLine(br); err != nil || len(end) != 0 {
			return fmt.Errorf("%w: no line end after a chunk (%v)", errMalformed, err)
		}
	}
	for { // trailer section
		line, err := readLine(br)
		if err != nil || len(line) == 0 {
			return err
		}
	}
}

// readLine returns the next line without its CRLF (or bare LF). It is a
// slice of br's buffer, valid until the next read; a line longer than the
// buffer is an error.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		if err == io.EOF && len(line) > 0 {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}
