package s3

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
)

func newTestRequest(u *url.URL) *http.Request {
	r := httptest.NewRequest("GET", "http://127.0.0.1/", nil)
	r.URL = u
	return r
}

// zeroReader yields n zero bytes without allocating them up front.
type zeroReader struct{ n int64 }

func (z *zeroReader) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.n {
		p = p[:z.n]
	}
	clear(p)
	z.n -= int64(len(p))
	return len(p), nil
}

// BenchmarkMultipartUpload uploads, completes and reads back a multipart
// object of FAKEAWS_BENCH_MPU_MB megabytes (default 64; set 1024 for the
// 1 GiB run) in 8 MiB parts, and reports the peak heap growth: it must
// not grow with the object size.
func BenchmarkMultipartUpload(b *testing.B) {
	total := int64(64)
	if v := os.Getenv("FAKEAWS_BENCH_MPU_MB"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		total = n
	}
	total <<= 20
	const partSize = 8 << 20
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	set, _ := managed.Load()
	h := New(Options{DB: db, Authz: authz.New(db, authz.Options{Managed: set}), Now: time.Now})
	root := rootOf(acctA)
	do := func(method, target string, body io.Reader, size int64) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, "http://127.0.0.1:4566"+target, body)
		r.ContentLength = size
		r = r.WithContext(authn.WithInfo(context.Background(), &authn.Info{RequestID: "B", Caller: root, Time: time.Now()}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 300 {
			b.Fatalf("%s %s = %d %s", method, target, w.Code, w.Body)
		}
		return w
	}
	do("PUT", "/bench", http.NoBody, 0)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var peak uint64
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		w := do("POST", "/bench/big?uploads", http.NoBody, 0)
		s := w.Body.String()
		id := s[strings.Index(s, "<UploadId>")+10 : strings.Index(s, "</UploadId>")]
		var complete strings.Builder
		complete.WriteString("<CompleteMultipartUpload>")
		for n, off := 1, int64(0); off < total; n, off = n+1, off+partSize {
			size := min(partSize, total-off)
			w := do("PUT", fmt.Sprintf("/bench/big?partNumber=%d&uploadId=%s", n, id), &zeroReader{n: size}, size)
			fmt.Fprintf(&complete, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag></Part>", n, w.Header().Get("ETag"))
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		complete.WriteString("</CompleteMultipartUpload>")
		do("POST", "/bench/big?uploadId="+id, strings.NewReader(complete.String()), int64(complete.Len()))
		r := httptest.NewRequest("GET", "http://127.0.0.1:4566/bench/big", nil)
		r = r.WithContext(authn.WithInfo(context.Background(), &authn.Info{RequestID: "B", Caller: root, Time: time.Now()}))
		dw := &discardWriter{h: http.Header{}}
		h.ServeHTTP(dw, r)
		if dw.n != total {
			b.Fatalf("GET returned %d bytes, want %d", dw.n, total)
		}
	}
	if peak > before.HeapInuse {
		b.ReportMetric(float64(peak-before.HeapInuse)/(1<<20), "peak-heap-growth-MiB")
	} else {
		b.ReportMetric(0, "peak-heap-growth-MiB")
	}
}

// discardWriter is a ResponseWriter that counts and drops the body.
type discardWriter struct {
	h    http.Header
	n    int64
	code int
}

func (d *discardWriter) Header() http.Header { return d.h }
func (d *discardWriter) WriteHeader(c int)   { d.code = c }
func (d *discardWriter) Write(p []byte) (int, error) {
	d.n += int64(len(p))
	return len(p), nil
}
