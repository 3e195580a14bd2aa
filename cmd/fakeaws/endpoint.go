package main

import (
	"net"
	"strings"
)

// defaultEndpoint is the URL the env, profile and health subcommands use
// without --endpoint: the server FAKEAWS_ADDR in env makes fakeaws listen
// on (as `fakeaws` itself reads it), reached over loopback when it listens
// on every interface, else http://127.0.0.1:4566. A port of 0 names no
// server to reach, so it falls back to 4566 too.
func defaultEndpoint(env []string) string {
	const fallback = "http://127.0.0.1:4566"
	var addr string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "FAKEAWS_ADDR="); ok {
			addr = v
		}
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" || port == "0" {
		return fallback
	}
	switch ip := net.ParseIP(host); {
	case host == "" || (ip != nil && ip.IsUnspecified() && ip.To4() != nil):
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified():
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port)
}
