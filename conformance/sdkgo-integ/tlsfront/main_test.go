package main

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// TestFrontServesTLSAndPlainHTTP: one port answers both schemes, the
// certificate written out verifies the TLS one, and the upstream sees the
// client's Host (SigV4 signs it) and the path and query unchanged.
func TestFrontServesTLSAndPlainHTTP(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, r.Host+" "+r.URL.RequestURI())
	}))
	defer upstream.Close()
	target, _ := url.Parse(upstream.URL)
	certFile := filepath.Join(t.TempDir(), "cert.pem")
	cert, err := selfSigned(certFile)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = http.Serve(&sniffListener{Listener: ln, tls: &tls.Config{Certificates: []tls.Certificate{cert}}}, forwarder(target))
	}()
	defer ln.Close()

	pemBytes, err := os.ReadFile(certFile)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pemBytes) {
		t.Fatal("the written certificate does not parse")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	addr := ln.Addr().String()
	for _, tc := range []struct{ scheme, host string }{
		{"https", addr},
		{"http", addr},
		{"https", "bucket.example.com"},
	} {
		t.Run(tc.scheme+" "+tc.host, func(t *testing.T) {
			req, _ := http.NewRequest("GET", tc.scheme+"://"+addr+"/b/k?x-id=GetObject", nil)
			req.Host = tc.host
			resp, err := client.Do(req)
			if err != nil {
				t.Fatalf("%s request: %v", tc.scheme, err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if want := tc.host + " /b/k?x-id=GetObject"; resp.StatusCode != 200 || string(body) != want {
				t.Errorf("%s answer = %d %q, want 200 %q", tc.scheme, resp.StatusCode, body, want)
			}
			if (resp.TLS != nil) != (tc.scheme == "https") {
				t.Errorf("%s answer over TLS = %v", tc.scheme, resp.TLS != nil)
			}
		})
	}
}
