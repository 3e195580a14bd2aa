package emulator_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

// deadlineRecorder is a ResponseRecorder with the connection deadlines
// net/http's own writer has, so a benchmark runs ServeHTTP's body and
// response watches as a real connection does (a plain recorder skips
// them).
type deadlineRecorder struct {
	*httptest.ResponseRecorder
	reads, writes int
}

func (d *deadlineRecorder) SetReadDeadline(time.Time) error  { d.reads++; return nil }
func (d *deadlineRecorder) SetWriteDeadline(time.Time) error { d.writes++; return nil }

// BenchmarkServeHTTPWrapper is loadgen's assumerole and getobject through
// the whole of Server.ServeHTTP with connection deadlines: what every
// request pays outside the service handlers shows against the handler
// benchmarks (BenchmarkAssumeRole, BenchmarkSignedGetObject).
func BenchmarkServeHTTPWrapper(b *testing.B) {
	b.Run("assumerole", func(b *testing.B) {
		srv := benchServer(b)
		user := benchUser(b, srv)
		trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}`
		asRoot(b, srv, "Action=CreateRole&Version=2010-05-08&RoleName=bench-role&AssumeRolePolicyDocument="+url.QueryEscape(trust))
		form := []byte("Action=AssumeRole&Version=2011-06-15&RoleSessionName=bench&RoleArn=" +
			url.QueryEscape("arn:aws:iam::111111111111:role/bench-role"))
		r := signedBody(b, user, http.MethodPost, "http://127.0.0.1:4566/", "sts", form)
		b.ReportAllocs()
		for b.Loop() {
			c := r.Clone(r.Context())
			c.Body = nopCloser{bytes.NewReader(form)}
			w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
			srv.ServeHTTP(w, c)
			if w.Code != 200 || w.reads == 0 || w.writes == 0 {
				b.Fatalf("AssumeRole = %d (deadlines set: %d read, %d write) %s", w.Code, w.reads, w.writes, w.Body)
			}
		}
	})
	b.Run("getobject", func(b *testing.B) {
		srv := benchServer(b)
		r := signed(b, http.MethodGet, "http://127.0.0.1:4566/bench-bucket/key", "s3")
		b.ReportAllocs()
		for b.Loop() {
			w := &deadlineRecorder{ResponseRecorder: httptest.NewRecorder()}
			srv.ServeHTTP(w, r)
			if w.Code != 200 || w.writes == 0 {
				b.Fatalf("GET = %d (deadlines set: %d write) %s", w.Code, w.writes, w.Body)
			}
		}
	})
}
