package conformance

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"flag"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

var keepGoing = flag.Bool("conformance.keep-going", false, "run every step of a scenario even after an unexpected failure")

// fakeClock is the server's clock: real time plus an offset tests move, so
// clients signing with the real clock stay in step until a test moves it.
type fakeClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Set puts the server clock at real time + d.
func (c *fakeClock) Set(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = d
}

// mode is one way of reaching the server.
type mode struct {
	name string
	// virtualHosted makes S3 clients put the bucket in the host name.
	virtualHosted bool
	// tls serves HTTPS (the SDK sends aws-chunked bodies with trailing
	// checksums only over HTTPS).
	tls bool
	// fromEnv loads clients with config.LoadDefaultConfig and the endpoint
	// from AWS_ENDPOINT_URL instead of BaseEndpoint.
	fromEnv bool
}

var (
	pathHTTP     = mode{name: "path-style/http"}
	virtualHTTP  = mode{name: "virtual-hosted/http", virtualHosted: true}
	virtualHTTPS = mode{name: "virtual-hosted/https", virtualHosted: true, tls: true}
)

// harness is one emulator.Server on httptest with clients for it.
type harness struct {
	t     *testing.T
	mode  mode
	srv   *emulator.Server
	ts    *httptest.Server
	clock *fakeClock
	// endpoint is what clients are configured with (AWS_ENDPOINT_URL or
	// BaseEndpoint); base is the plain loopback URL for raw HTTP calls.
	endpoint string
	base     string
	port     string
	http     *http.Client
	// sdkHTTP is for config.LoadDefaultConfig, which needs a client it can
	// add AWS_CA_BUNDLE to.
	sdkHTTP *awshttp.BuildableClient

	mu sync.Mutex
	// seen records "METHOD x-amz-content-sha256 Content-Encoding" of every
	// request, so scenarios can check how a client sent a body.
	seen map[string]bool
}

// saw reports whether a request with method and payload hash arrived, with
// a Content-Encoding containing encoding.
func (h *harness) saw(method, payloadHash, encoding string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k := range h.seen {
		f := strings.SplitN(k, " ", 3)
		if f[0] == method && f[1] == payloadHash && strings.Contains(f[2], encoding) {
			return true
		}
	}
	return false
}

func newHarness(t *testing.T, m mode) *harness {
	t.Helper()
	return newHarnessWith(t, m, emulator.Options{})
}

// newHarnessWith is newHarness with server options (Now is the harness's
// clock) and a set-up function run before the server listens.
func newHarnessWith(t *testing.T, m mode, opts emulator.Options, setup ...func(*emulator.Server)) *harness {
	t.Helper()
	clock := &fakeClock{}
	opts.Now = clock.Now
	srv := emulatortest.New(t, opts)
	for _, f := range setup {
		f(srv)
	}
	h := &harness{t: t, mode: m, srv: srv, clock: clock, seen: map[string]bool{}}
	ts := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.seen[r.Method+" "+r.Header.Get("X-Amz-Content-Sha256")+" "+r.Header.Get("Content-Encoding")] = true
		h.mu.Unlock()
		srv.ServeHTTP(w, r)
	}))
	h.ts = ts
	tr := &http.Transport{MaxIdleConnsPerHost: 16, ForceAttemptHTTP2: false}
	var pool *x509.CertPool
	if m.tls {
		var cert tls.Certificate
		cert, pool = testCertificate(t)
		ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
		ts.StartTLS()
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	} else {
		ts.Start()
	}
	t.Cleanup(func() {
		ts.Close()
		tr.CloseIdleConnections()
	})
	addr := ts.Listener.Addr().String()
	_, h.port, _ = net.SplitHostPort(addr)
	// Every host name (BUCKET.localhost, BUCKET.s3.localhost.localstack.cloud)
	// dials the test server: virtual-hosted addressing works offline.
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, addr)
	}
	h.http = &http.Client{Transport: tr}
	h.sdkHTTP = awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.DialContext = tr.DialContext
		if pool != nil {
			t.TLSClientConfig = &tls.Config{RootCAs: pool.Clone()}
		}
	})
	scheme := "http"
	if m.tls {
		scheme = "https"
	}
	h.base = scheme + "://127.0.0.1:" + h.port
	switch {
	case m.virtualHosted && m.tls:
		h.endpoint = scheme + "://s3.localhost.localstack.cloud:" + h.port
	case m.virtualHosted:
		h.endpoint = scheme + "://localhost:" + h.port
	default:
		h.endpoint = h.base
	}
	if m.fromEnv {
		t.Setenv("AWS_ENDPOINT_URL", h.endpoint)
		t.Setenv("AWS_ENDPOINT_URL_STS", "")
		t.Setenv("AWS_PROFILE", "")
		t.Setenv("AWS_DEFAULT_PROFILE", "")
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		t.Setenv("AWS_SESSION_TOKEN", "")
		t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
		t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	}
	return h
}

// rootCreds are the credentials of an account's root user.
func rootCreds(account string) aws.Credentials {
	return aws.Credentials{AccessKeyID: account, SecretAccessKey: "test", Source: "fakeaws root"}
}

// config builds an aws.Config for creds: BaseEndpoint, or (fromEnv) the
// SDK's default loading with AWS_ENDPOINT_URL.
func (h *harness) config(creds aws.Credentials) aws.Config {
	provider := credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
	if h.mode.fromEnv {
		cfg, err := awsconfig.LoadDefaultConfig(context.Background(),
			awsconfig.WithRegion("us-east-1"),
			awsconfig.WithCredentialsProvider(provider),
			awsconfig.WithHTTPClient(h.sdkHTTP),
			awsconfig.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
			awsconfig.WithLogger(logging.Nop{}))
		if err != nil {
			h.t.Fatalf("LoadDefaultConfig: %v", err)
		}
		if cfg.BaseEndpoint == nil || *cfg.BaseEndpoint != h.endpoint {
			h.t.Fatalf("LoadDefaultConfig BaseEndpoint = %v, want %s from AWS_ENDPOINT_URL", cfg.BaseEndpoint, h.endpoint)
		}
		return cfg
	}
	return aws.Config{
		Region:       "us-east-1",
		Credentials:  provider,
		HTTPClient:   h.http,
		BaseEndpoint: aws.String(h.endpoint),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
		Logger:       logging.Nop{},
		// LoadDefaultConfig's defaults: checksums on every upload that
		// supports one (aws-chunked with a trailer over HTTPS).
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

func (h *harness) iam(c aws.Credentials) *iam.Client { return iam.NewFromConfig(h.config(c)) }
func (h *harness) sts(c aws.Credentials) *sts.Client { return sts.NewFromConfig(h.config(c)) }
func (h *harness) s3(c aws.Credentials) *s3.Client {
	return s3.NewFromConfig(h.config(c), func(o *s3.Options) { o.UsePathStyle = !h.mode.virtualHosted })
}

// errorCode is the AWS error code of err ("" when it is not an API error).
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// errorMessage is the AWS error message of err.
func errorMessage(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorMessage()
	}
	return ""
}

// testCertificate makes a self-signed certificate for the host names the
// virtual-hosted mode uses.
func testCertificate(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "fakeaws test"},
		NotBefore:             time.Now().Add(-48 * time.Hour),
		NotAfter:              time.Now().Add(48 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames: []string{"localhost", "*.localhost", "s3.localhost.localstack.cloud", "*.s3.localhost.localstack.cloud",
			"localhost.localstack.cloud", "*.localhost.localstack.cloud"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
