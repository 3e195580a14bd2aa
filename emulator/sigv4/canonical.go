package sigv4

import (
	"net/http"
	"net/url"
	"sort"
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
	dec, err := url.PathUnescape(raw)
	if err != nil {
		dec = raw
	}
	var out []string
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	if s3 {
		add(uriEncode(dec, true))
		add(raw)
		return out
	}
	add(uriEncode(raw, true))
	add(uriEncode(normalizePath(dec), true))
	return out
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
	enc := make([]queryPair, 0, len(pairs))
	for _, p := range pairs {
		if skip != "" && p.k == skip {
			continue
		}
		enc = append(enc, queryPair{uriEncode(p.k, false), uriEncode(p.v, false)})
	}
	sort.Slice(enc, func(i, j int) bool {
		if enc[i].k != enc[j].k {
			return enc[i].k < enc[j].k
		}
		return enc[i].v < enc[j].v
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

// headerValues returns the values a client saw for header name (lower case),
// looking in the places net/http moves some headers to.
func headerValues(r *http.Request, name string) []string {
	switch name {
	case "host":
		h := r.Host
		if h == "" && r.URL != nil {
			h = r.URL.Host
		}
		return []string{h}
	case "content-length":
		if v := r.Header.Values("Content-Length"); len(v) > 0 {
			return v
		}
		if r.ContentLength >= 0 {
			return []string{strconv.FormatInt(r.ContentLength, 10)}
		}
		return nil
	case "transfer-encoding":
		if v := r.Header.Values("Transfer-Encoding"); len(v) > 0 {
			return v
		}
		return r.TransferEncoding
	}
	if v, ok := r.Header[http.CanonicalHeaderKey(name)]; ok {
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

// trimAll trims s and collapses runs of spaces into one.
func trimAll(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

func writeCanonicalHeaders(b *strings.Builder, r *http.Request, signed []string) {
	for _, h := range signed {
		b.WriteString(h)
		b.WriteByte(':')
		for i, v := range headerValues(r, h) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(trimAll(v))
		}
		b.WriteByte('\n')
	}
}

func canonicalRequest(r *http.Request, uri, query string, signed []string, signedRaw, payloadHash string) string {
	var b strings.Builder
	b.Grow(256)
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(uri)
	b.WriteByte('\n')
	b.WriteString(query)
	b.WriteByte('\n')
	writeCanonicalHeaders(&b, r, signed)
	b.WriteByte('\n')
	b.WriteString(signedRaw)
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}
