package s3

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// benchWrites is a handler over a fresh store with a versioned bucket
// "vers" holding 1 KiB "src", for the object-write benchmarks.
type benchWrites struct {
	b *testing.B
	h *Handler
	c authn.Caller
}

func newBenchWrites(b *testing.B) *benchWrites {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	set, err := managed.Load()
	if err != nil {
		b.Fatal(err)
	}
	h := New(Options{DB: db, Authz: authz.New(db, authz.Options{Managed: set})})
	w := &benchWrites{b: b, h: h, c: rootOf(acctA)}
	w.must("PUT", "/vers", "", nil)
	w.must("PUT", "/vers?versioning", "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>", nil)
	w.must("PUT", "/vers/src", strings.Repeat("x", 1024), nil)
	return w
}

func (w *benchWrites) must(method, target, body string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://127.0.0.1:4566"+target, strings.NewReader(body))
	for k, v := range header {
		r.Header.Set(k, v)
	}
	r = r.WithContext(authn.WithInfo(r.Context(), &authn.Info{RequestID: "REQ1", Caller: w.c, Region: "us-east-1"}))
	rec := httptest.NewRecorder()
	w.h.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK && rec.Code != http.StatusNoContent {
		w.b.Fatalf("%s %s = %d %s", method, target, rec.Code, rec.Body)
	}
	return rec
}

// BenchmarkObjectWrites measures the object writes that read the bucket
// to authorize and again to commit, in a versioned bucket: DeleteObject
// (a delete marker), CopyObject of 1 KiB, and a one-part multipart upload
// (create, upload, complete: three requests).
func BenchmarkObjectWrites(b *testing.B) {
	b.Run("DeleteObject", func(b *testing.B) {
		w := newBenchWrites(b)
		b.ReportAllocs()
		for b.Loop() {
			w.must("DELETE", "/vers/gone", "", nil)
		}
	})
	b.Run("CopyObject", func(b *testing.B) {
		w := newBenchWrites(b)
		src := map[string]string{"x-amz-copy-source": "/vers/src"}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			w.must("PUT", fmt.Sprintf("/vers/copy-%d", i%64), "", src)
		}
	})
	b.Run("MultipartUpload", func(b *testing.B) {
		w := newBenchWrites(b)
		b.ReportAllocs()
		for b.Loop() {
			body := w.must("POST", "/vers/mpu?uploads", "", nil).Body.String()
			id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
			etag := w.must("PUT", "/vers/mpu?partNumber=1&uploadId="+id, "part", nil).Header().Get("ETag")
			w.must("POST", "/vers/mpu?uploadId="+id,
				"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"+etag+"</ETag></Part></CompleteMultipartUpload>", nil)
		}
	})
}

// BenchmarkPutObjectOverwrite is the loadgen putobject workload through
// the handler (no HTTP, no SigV4): 64 writers overwriting 1 KiB objects in
// an unversioned bucket, each cycling through keys of its own, with the
// body's SHA-256 in x-amz-content-sha256 as an SDK sends it.
func BenchmarkPutObjectOverwrite(b *testing.B) {
	w := newBenchWrites(b)
	w.must("PUT", "/plain", "", nil)
	body := strings.Repeat("x", 1024)
	sum := sha256.Sum256([]byte(body))
	header := map[string]string{"x-amz-content-sha256": hex.EncodeToString(sum[:])}
	runWriters(b, func(writer int64, i int) {
		w.must("PUT", fmt.Sprintf("/plain/put-%d-%d", writer, i%156), body, header)
	})
}

// runWriters runs write from 64 writers at once (on 2 cores), each with
// its own number, for i = 0, 1, ... until the benchmark has its ops.
func runWriters(b *testing.B, write func(writer int64, i int)) {
	var writers atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(32)
	b.RunParallel(func(pb *testing.PB) {
		writer := writers.Add(1)
		for i := 0; pb.Next(); i++ {
			write(writer, i)
		}
	})
}

// BenchmarkObjectWritesParallel: the object writes other than PutObject
// from 64 writers at once, as a client deleting or tagging many objects
// sends them; concurrent writes share commit rounds (store.DB.Batch).
// DeleteObjects deletes 1,000 keys, each as a delete marker in the
// versioned bucket (one request per op).
func BenchmarkObjectWritesParallel(b *testing.B) {
	tagging := "<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>"
	ops := []struct {
		name string
		do   func(w *benchWrites, writer int64, i int)
	}{
		{"DeleteObject", func(w *benchWrites, writer int64, i int) {
			w.must("DELETE", fmt.Sprintf("/vers/gone-%d-%d", writer, i%64), "", nil)
		}},
		{"PutObjectTagging", func(w *benchWrites, writer int64, i int) {
			w.must("PUT", "/vers/src?tagging", tagging, nil)
		}},
		{"DeleteObjects1000", func(w *benchWrites, writer int64, i int) {
			body := deleteObjectsBody(fmt.Sprintf("many-%d-%d", writer, i), 1000)
			sum := md5.Sum([]byte(body))
			w.must("POST", "/vers?delete", body, map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(sum[:])})
		}},
	}
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			w := newBenchWrites(b)
			runWriters(b, func(writer int64, i int) { op.do(w, writer, i) })
		})
	}
}

// deleteObjectsBody is a DeleteObjects request for n keys named
// prefix-0 ... prefix-(n-1).
func deleteObjectsBody(prefix string, n int) string {
	var sb strings.Builder
	sb.WriteString("<Delete><Quiet>true</Quiet>")
	for i := range n {
		fmt.Fprintf(&sb, "<Object><Key>%s-%d</Key></Object>", prefix, i)
	}
	sb.WriteString("</Delete>")
	return sb.String()
}
