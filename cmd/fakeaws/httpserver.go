package main

import (
	"net/http"
	"time"
)

// serverTimeouts bound how long a connection may hold the server without
// progress. Request bodies and responses are bounded by emulator.Options (a
// deadline that moves with the bytes received or sent), not here: a
// whole-request ReadTimeout or WriteTimeout would cut a legitimate
// multi-gigabyte upload or download.
type serverTimeouts struct {
	// header is the time allowed to send a request's headers
	// (http.Server.ReadHeaderTimeout): a slowloris client is cut after it.
	header time.Duration
	// idle is how long a keep-alive connection may wait for its next
	// request (http.Server.IdleTimeout).
	idle time.Duration
}

// defaultTimeouts are generous for CI machines under load and far below
// "forever".
var defaultTimeouts = serverTimeouts{header: 30 * time.Second, idle: 2 * time.Minute}

// newHTTPServer is the http.Server fakeaws serves h with.
func newHTTPServer(h http.Handler, t serverTimeouts) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.header,
		IdleTimeout:       t.idle,
	}
}
