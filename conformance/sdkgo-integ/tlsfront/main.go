// Command tlsfront puts HTTPS in front of a fakeaws (which serves plain HTTP)
// for peer suites whose clients behave differently over TLS: aws-sdk-go-v2
// sends an unseekable body only over HTTPS (UNSIGNED-PAYLOAD with a trailing
// checksum). One loopback port answers both TLS and plain HTTP, as AWS's
// endpoints answer on 443 and 80 under the same name, so a client told to
// disable HTTPS for one request still reaches the server.
//
//	tlsfront -target http://127.0.0.1:PORT -cert FILE
//
// writes a fresh self-signed certificate for 127.0.0.1 and localhost to FILE
// (PEM, for SSL_CERT_FILE), prints "tlsfront listening on 127.0.0.1:PORT"
// and forwards every request to target with its Host header unchanged, so
// SigV4 signatures still verify.
package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"time"
)

func main() {
	target := flag.String("target", "", "fakeaws URL (http://127.0.0.1:PORT)")
	certFile := flag.String("cert", "", "file to write the server certificate to (PEM)")
	flag.Parse()
	if err := run(*target, *certFile); err != nil {
		log.Fatal(err)
	}
}

func run(target, certFile string) error {
	upstream, err := url.Parse(target)
	if err != nil || upstream.Host == "" || certFile == "" {
		return fmt.Errorf("usage: tlsfront -target http://HOST:PORT -cert FILE")
	}
	cert, err := selfSigned(certFile)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("tlsfront listening on %s\n", ln.Addr())
	tlsConfig := &tls.Config{Certificates: []tls.Certificate{cert}}
	return http.Serve(&sniffListener{Listener: ln, tls: tlsConfig}, forwarder(upstream))
}

// forwarder sends every request on to upstream with the client's Host,
// which SigV4 signs.
func forwarder(upstream *url.URL) http.Handler {
	return &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(upstream)
		r.Out.Host = r.In.Host
	}}
}

// selfSigned makes a certificate for 127.0.0.1 and localhost valid for a day
// and writes it, PEM encoded, to certFile.
func selfSigned(certFile string) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "fakeaws tlsfront"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(certFile, pemBytes, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

// sniffListener hands out TLS connections for clients whose first byte is a
// TLS handshake record (0x16) and plain connections for the rest.
type sniffListener struct {
	net.Listener
	tls *tls.Config
}

func (l *sniffListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	peeked := &peekedConn{Conn: conn, r: bufio.NewReader(conn)}
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	first, err := peeked.r.Peek(1)
	_ = conn.SetReadDeadline(time.Time{})
	if err == nil && first[0] == 0x16 {
		return tls.Server(peeked, l.tls), nil
	}
	return peeked, nil
}

// peekedConn reads through the buffer that holds the sniffed byte.
type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *peekedConn) Read(p []byte) (int, error) { return c.r.Read(p) }
