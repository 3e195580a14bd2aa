package sigv4

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const upperHex = "0123456789ABCDEF"

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// uriEncode percent-encodes every byte outside the RFC 3986 unreserved set
// (and '/' when keepSlash), with upper-case hex, as SigV4 requires.
func uriEncode(s string, keepSlash bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isUnreserved(c) && !(keepSlash && c == '/') {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || (keepSlash && c == '/') {
			b = append(b, c)
		} else {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		}
	}
	return string(b)
}

// rawPath is the request path exactly as the client sent it (still
// percent-encoded), "/" when empty.
func rawPath(r *http.Request) string {
	p := ""
	if u := r.RequestURI; u != "" && u != "*" {
		if i := strings.IndexByte(u, '?'); i >= 0 {
			u = u[:i]
		}
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			u = u[strings.Index(u, "//")+2:]
			if i := strings.IndexByte(u, '/'); i >= 0 {
				u = u[i:]
			} else {
				u = ""
			}
		}
		p = u
	} else if r.URL != nil {
		if r.URL.Opaque != "" {
			o := r.URL.Opaque
			if i := strings.IndexByte(o, '?'); i >= 0 {
				o = o[:i]
			}
			o = strings.TrimPrefix(o, "//")
			if i := strings.IndexByte(o, '/'); i >= 0 {
				p = o[i:]
			}
		} else {
			p = r.URL.EscapedPath()
		}
	}
	if p == "" {
		p = "/"
	}
	return p
}

func rawQuery(r *http.Request) string {
	if u := r.RequestURI; u != "" && u != "*" {
		if i := strings.IndexByte(u, '?'); i >= 0 {
			return u[i+1:]
		}
		return ""
	}
	if r.URL == nil {
		return ""
	}
	return r.URL.RawQuery
}

// canonicalURIs returns the candidate canonical URIs, most likely first.
// S3 encodes the decoded path once and never normalises it; other services
// follow the SDK (escape the already-escaped path a second time) or, as the
// AWS test suite does, normalise the path and encode it once.
func canonicalURIs(r *http.Request, s3 bool) []string {
	raw := rawPath(r)
	dec := decodedPath(raw)
	out := []string{firstCanonicalURI(raw, dec, s3)}
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	if s3 {
		add(raw)
		return out
	}
	add(uriEncode(normalizePath(dec), true))
	return out
}

// canonicalURI is the first of canonicalURIs, which nearly every request
// is signed with: checkSignature works out the others only when it does
// not match.
func canonicalURI(r *http.Request, s3 bool) string {
	raw := rawPath(r)
	return firstCanonicalURI(raw, decodedPath(raw), s3)
}

func firstCanonicalURI(raw, dec string, s3 bool) string {
	if s3 {
		return uriEncode(dec, true)
	}
	return uriEncode(raw, true)
}

// decodedPath is raw percent-decoded, or raw when it does not decode.
func decodedPath(raw string) string {
	if strings.IndexByte(raw, '%') < 0 {
		return raw // what url.PathUnescape would return, without a copy
	}
	dec, err := url.PathUnescape(raw)
	if err != nil {
		return raw
	}
	return dec
}

// normalizePath removes dot segments and empty segments (RFC 3986 5.2.4),
// keeping a trailing slash.
func normalizePath(p string) string {
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for _, s := range segs {
		switch s {
		case "", ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
		}
	}
	res := "/" + strings.Join(out, "/")
	if len(out) > 0 && (strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")) {
		res += "/"
	}
	return res
}

type queryPair struct{ k, v string }

// parseQuery splits a raw query into decoded pairs, keeping undecodable
// components as sent. "a" and "a=" both give ("a", "").
func parseQuery(q string) []queryPair {
	var out []queryPair
	for q != "" {
		var part string
		if i := strings.IndexByte(q, '&'); i >= 0 {
			part, q = q[:i], q[i+1:]
		} else {
			part, q = q, ""
		}
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, queryPair{unescapeQuery(k), unescapeQuery(v)})
	}
	return out
}

func unescapeQuery(s string) string {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s
	}
	d, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return d
}

// canonicalQuery encodes each name and value, sorts by name then value and
// joins them; pairs named skip are left out (X-Amz-Signature when presigned).
func canonicalQuery(pairs []queryPair, skip string) string {
	if len(pairs) == 0 {
		return ""
	}
	enc := make([]queryPair, 0, len(pairs))
	for _, p := range pairs {
		if skip != "" && p.k == skip {
			continue
		}
		enc = append(enc, queryPair{uriEncode(p.k, false), uriEncode(p.v, false)})
	}
	slices.SortFunc(enc, func(a, b queryPair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	var b strings.Builder
	for i, p := range enc {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

// headerValues returns the values a client saw for header name (lower
// case), looking in the places net/http moves some headers to. host and a
// content-length net/http took out of the header are not among them: see
// appendHeaderValues.
func headerValues(r *http.Request, name string) []string {
	switch name {
	case "content-length":
		return r.Header["Content-Length"]
	case "transfer-encoding":
		if v := r.Header["Transfer-Encoding"]; len(v) > 0 {
			return v
		}
		return r.TransferEncoding
	}
	var buf [64]byte
	if key, ok := canonicalKey(buf[:0], name); ok {
		// A map index by string(bytes) copies nothing.
		if v, ok := r.Header[string(key)]; ok {
			return v
		}
	} else if v, ok := r.Header[http.CanonicalHeaderKey(name)]; ok {
		return v
	}
	// Header names net/http does not canonicalise are stored as sent.
	for k, v := range r.Header {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

// canonicalKey appends to dst the canonical form of a header name made of
// lower-case letters, digits and '-' only (what SignedHeaders lists): the
// form http.CanonicalHeaderKey gives it. ok is false for other names.
func canonicalKey(dst []byte, name string) (_ []byte, ok bool) {
	upper := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z':
			if upper {
				c -= 'a' - 'A'
			}
		case '0' <= c && c <= '9', c == '-':
		default:
			return dst, false
		}
		dst = append(dst, c)
		upper = c == '-'
	}
	return dst, name != ""
}

// appendHeaderValues appends to b the values of the signed header name,
// each trimmed, joined with commas.
func appendHeaderValues(b []byte, r *http.Request, name string) []byte {
	switch name {
	case "host":
		h := r.Host
		if h == "" && r.URL != nil {
			h = r.URL.Host
		}
		return appendTrimmed(b, h)
	case "content-length":
		if len(r.Header["Content-Length"]) == 0 {
			if r.ContentLength >= 0 {
				return strconv.AppendInt(b, r.ContentLength, 10)
			}
			return b
		}
	}
	for i, v := range headerValues(r, name) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTrimmed(b, v)
	}
	return b
}

// trimAll trims s and collapses runs of spaces into one.
func trimAll(s string) string {
	t := strings.TrimSpace(s)
	if !needsCollapse(t) {
		return t
	}
	return string(appendTrimmed(nil, s))
}

func needsCollapse(s string) bool {
	return strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\r\n")
}

// appendTrimmed appends trimAll(s) to b.
func appendTrimmed(b []byte, s string) []byte {
	s = strings.TrimSpace(s)
	if !needsCollapse(s) {
		return append(b, s...)
	}
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			space = true
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return b
}

// appendCanonicalRequest appends the canonical request to b.
func appendCanonicalRequest(b []byte, r *http.Request, uri, query string, signed []string, signedRaw, payloadHash string) []byte {
	b = append(b, r.Method...)
	b = append(b, '\n')
	b = append(b, uri...)
	b = append(b, '\n')
	b = append(b, query...)
	b = append(b, '\n')
	for _, h := range signed {
		b = append(b, h...)
		b = append(b, ':')
		b = appendHeaderValues(b, r, h)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, signedRaw...)
	b = append(b, '\n')
	return append(b, payloadHash...)
}

func canonicalRequest(r *http.Request, uri, query string, signed []string, signedRaw, payloadHash string) string {
	return string(appendCanonicalRequest(make([]byte, 0, 256), r, uri, query, signed, signedRaw, payloadHash))
}

// get returns the first value of the header named key, which must be in
// canonical form (a test checks every call): r.Header.Get would
// canonicalize key again on every request.
func get(r *http.Request, key string) string {
	if v := r.Header[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}
