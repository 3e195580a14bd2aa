package s3

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
)

// putMultipart uploads parts as a multipart object and completes it.
func (e *env) putMultipart(c authn.Caller, bucket, key string, parts ...string) {
	e.t.Helper()
	w := e.must(c, treq{method: "POST", target: "/" + bucket + "/" + key + "?uploads"}, 200)
	body := w.Body.String()
	id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
	var sb strings.Builder
	sb.WriteString("<CompleteMultipartUpload>")
	for i, p := range parts {
		w := e.must(c, treq{method: "PUT", target: fmt.Sprintf("/%s/%s?partNumber=%d&uploadId=%s", bucket, key, i+1, id), body: p}, 200)
		fmt.Fprintf(&sb, "<Part><PartNumber>%d</PartNumber><ETag>%s</ETag></Part>", i+1, w.Header().Get("ETag"))
	}
	sb.WriteString("</CompleteMultipartUpload>")
	e.must(c, treq{method: "POST", target: "/" + bucket + "/" + key + "?uploadId=" + id, body: sb.String()}, 200)
}

// pausingWriter is a ResponseWriter that stops at its first Write until
// resume is closed, so a test can act in the middle of a streamed body.
type pausingWriter struct {
	*httptest.ResponseRecorder
	once    sync.Once
	paused  chan struct{}
	resume  chan struct{}
	written bytes.Buffer
}

func (p *pausingWriter) Write(b []byte) (int, error) {
	p.once.Do(func() {
		close(p.paused)
		<-p.resume
	})
	p.written.Write(b)
	return len(b), nil
}

// A GET of a multipart object that is overwritten while its body streams
// still sends the whole version it started with: the later parts are not
// removed under it (issue 11 item 4: a Content-Length of 15 MiB, then the
// connection cut at 10 MiB).
func TestGetStreamsWholeVersionAcrossOverwrite(t *testing.T) {
	t.Parallel()
	for _, overwrite := range []string{"PUT", "DELETE"} {
		t.Run(overwrite, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			root := rootOf(acctA)
			e.createBucket(root, "race")
			old := []string{"first-part ", "second-part ", "third-part"}
			e.putMultipart(root, "race", "mp", old...)

			hr := httptest.NewRequest("GET", "http://127.0.0.1:4566/race/mp", http.NoBody)
			hr = hr.WithContext(authn.WithInfo(hr.Context(), &authn.Info{RequestID: "REQ1", Caller: root, Region: "us-east-1", Time: testNow}))
			pw := &pausingWriter{ResponseRecorder: httptest.NewRecorder(), paused: make(chan struct{}), resume: make(chan struct{})}
			done := make(chan struct{})
			go func() {
				defer close(done)
				e.h.ServeHTTP(pw, hr)
			}()
			<-pw.paused // the first part is on its way
			if overwrite == "PUT" {
				e.must(root, treq{method: "PUT", target: "/race/mp", body: "replacement"}, 200)
			} else {
				e.must(root, treq{method: "DELETE", target: "/race/mp"}, 204)
			}
			close(pw.resume)
			<-done
			if got, want := pw.written.String(), strings.Join(old, ""); got != want {
				t.Errorf("GET across a %s streamed %q, want the whole old version %q", overwrite, got, want)
			}
		})
	}
}

// Reads racing overwrites of a key that always exists never answer 404 or
// 500 and always see one whole version: GetObject, CopyObject and
// UploadPartCopy from it (issue 11 item 4). The count is bounded; on code
// without pins some of the reads fail.
func TestReadsRacingOverwrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	root := rootOf(acctA)
	e.createBucket(root, "race")
	// version i's body is its marker repeated; a mixed or cut body shows.
	content := func(i int) string { return strings.Repeat(fmt.Sprintf("<v%d>", i), 50+i%7) }
	whole := func(s string) bool {
		if len(s) == 0 || s[0] != '<' {
			return false
		}
		marker := s[:strings.IndexByte(s, '>')+1]
		return strings.Count(s, marker)*len(marker) == len(s)
	}
	e.must(root, treq{method: "PUT", target: "/race/k", body: content(0)}, 200)
	const writes = 150
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(stop)
		for i := 1; i <= writes; i++ {
			if i%3 == 0 {
				e.putMultipart(root, "race", "k", content(i)[:5], content(i)[5:])
				continue
			}
			if w := e.do(root, treq{method: "PUT", target: "/race/k", body: content(i)}); w.Code != 200 {
				t.Errorf("PUT #%d = %d %s", i, w.Code, w.Body)
			}
		}
	}()
	reader := func(name string, read func(n int) (int, string)) {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			status, body := read(n)
			if status != 200 || !whole(body) {
				t.Errorf("%s #%d = %d %.80q, want 200 and one whole version", name, n, status, body)
				return
			}
		}
	}
	wg.Add(3)
	go reader("GetObject", func(int) (int, string) {
		w := e.do(root, treq{method: "GET", target: "/race/k"})
		return w.Code, w.Body.String()
	})
	go reader("CopyObject", func(n int) (int, string) {
		dst := fmt.Sprintf("/race/copy-%d", n%5)
		w := e.do(root, treq{method: "PUT", target: dst, header: map[string]string{"x-amz-copy-source": "/race/k"}})
		if w.Code != 200 {
			return w.Code, w.Body.String()
		}
		w = e.do(root, treq{method: "GET", target: dst})
		return w.Code, w.Body.String()
	})
	go reader("UploadPartCopy", func(n int) (int, string) {
		w := e.do(root, treq{method: "POST", target: "/race/part?uploads"})
		body := w.Body.String()
		id := body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
		w = e.do(root, treq{method: "PUT", target: "/race/part?partNumber=1&uploadId=" + id, header: map[string]string{"x-amz-copy-source": "/race/k"}})
		if w.Code != 200 {
			return w.Code, w.Body.String()
		}
		etag := w.Body.String()
		etag = etag[strings.Index(etag, "<ETag>")+6 : strings.Index(etag, "</ETag>")]
		etag = strings.ReplaceAll(etag, "&#34;", `"`)
		w = e.do(root, treq{method: "POST", target: "/race/part?uploadId=" + id,
			body: "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag + "</ETag></Part></CompleteMultipartUpload>"})
		if w.Code != 200 {
			return w.Code, w.Body.String()
		}
		w = e.do(root, treq{method: "GET", target: "/race/part"})
		return w.Code, w.Body.String()
	})
	wg.Wait()
}
