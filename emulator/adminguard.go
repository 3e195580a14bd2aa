package emulator

import (
	"net"
	"net/http"
	"strings"
)

// adminCSP is the Content-Security-Policy of every admin response. The
// console loads its script and style from /_fakeaws/ui/ (no inline code),
// talks only to this server, and may not be framed.
const adminCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
	"img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// guardAdmin wraps the /_fakeaws/* routes with the checks that keep other
// machines and web pages away from them:
//
//   - unless --admin-anywhere, the client must be on loopback;
//   - the Host it asked for must be a loopback name (127.0.0.0/8, [::1],
//     localhost, *.localhost) or one of the names given with --admin-host
//     (any port), so a DNS-rebinding page that resolves its own name to
//     127.0.0.1 is refused. --admin-anywhere alone lifts this check too
//     (any Host); with --admin-host it keeps it, so a container can serve
//     other containers under its service name and still refuse other names;
//   - a request that changes state (anything but GET, HEAD, OPTIONS) is
//     refused when the browser says it comes from another origin (Origin or
//     Sec-Fetch-Site), which covers cross-site form posts such as a
//     text/plain POST to /_fakeaws/reset and minting OIDC tokens;
//   - every answer carries a CSP, X-Frame-Options DENY, nosniff and
//     Referrer-Policy no-referrer.
//
// Refusals are 403 with a JSON body {"error": "..."} that says why.
func (s *Server) guardAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setAdminSecurityHeaders(w.Header())
		if reason := s.adminRefusal(r); reason != "" {
			s.log.Warn("admin request refused", "method", r.Method, "path", r.URL.Path, "host", r.Host,
				"remote", r.RemoteAddr, "origin", r.Header.Get("Origin"), "reason", reason)
			writeJSON(w, http.StatusForbidden, map[string]string{"error": reason})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// adminRefusal says why r may not reach an admin endpoint, or "" when it
// may.
func (s *Server) adminRefusal(r *http.Request) string {
	if !s.opts.AdminFromAnywhere && !fromLoopback(r) {
		return "admin endpoints answer loopback clients only; start fakeaws with --admin-anywhere to serve others"
	}
	checkHost := !s.opts.AdminFromAnywhere || len(s.opts.AdminHosts) > 0
	if checkHost && !loopbackHost(r.Host) && !s.namedAdminHost(r.Host) {
		return "admin endpoints answer only a loopback Host (127.0.0.1, [::1], localhost) or a name given with --admin-host, not " +
			quoteHost(r.Host) + "; start fakeaws with --admin-host NAME to serve that name"
	}
	if changesState(r.Method) {
		if reason := crossOrigin(r); reason != "" {
			return reason
		}
	}
	return ""
}

// namedAdminHost reports whether a Host header, with or without a port, is
// one of Options.AdminHosts.
func (s *Server) namedAdminHost(hostport string) bool {
	host := hostName(hostport)
	if host == "" {
		return false
	}
	for _, h := range s.opts.AdminHosts {
		if hostName(h) == host {
			return true
		}
	}
	return false
}

func setAdminSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", adminCSP)
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
}

// loopbackHost reports whether a Host header names this machine's loopback
// interface: a loopback IP, localhost or a name under .localhost (RFC 6761
// reserves them for loopback), with or without a port.
func loopbackHost(hostport string) bool {
	host := hostName(hostport)
	if host == "" {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// hostName is the host of a Host header without its port or IPv6
// brackets, in lower case and without a trailing dot.
func hostName(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	return strings.ToLower(strings.TrimSuffix(host, "."))
}

func changesState(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// crossOrigin says why a state-changing request comes from another origin,
// or "" when it does not. Browsers send Origin on every cross-origin POST
// (and Sec-Fetch-Site on all requests); tools such as curl and the SDKs
// send neither and are allowed.
func crossOrigin(r *http.Request) string {
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "", "same-origin", "none":
	default:
		return "cross-origin request refused: Sec-Fetch-Site is " + site + "; admin endpoints change state only for same-origin requests"
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return ""
	}
	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	if !strings.EqualFold(origin, scheme+r.Host) {
		return "cross-origin request refused: Origin " + origin + " is not " + scheme + r.Host +
			"; admin endpoints change state only for same-origin requests"
	}
	return ""
}

func quoteHost(h string) string {
	if h == "" {
		return "an empty Host"
	}
	return `"` + h + `"`
}
