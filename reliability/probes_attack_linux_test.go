package reliability

// Fault probes that need a small tmpfs (Linux user namespaces): the
// writes TestFullDisk does not cover (multipart parts, part copies,
// CopyObject) on a full disk. They found no hole; they stay as coverage.

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// On a full disk the multipart and copy writes fail whole: UploadPart,
// UploadPartCopy and CopyObject answer 500 InternalError (the full-disk
// answer, docs/deviations.md "Data safety"), ListParts lists only the
// acknowledged parts, the copy's key stays absent, and once space is
// freed the upload completes with exactly its acknowledged parts.
func TestFullDiskMultipartAndCopy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := startCommand(t, tmpfsCommand(t, dir, "16m"))
	part1 := objectBody(1, 5<<20+14) // at least 5 MiB: not the last part
	steps := []struct{ method, path, body string }{
		{http.MethodPut, "/fullmp", ""},
		{http.MethodPut, "/fullmp/src", objectBody(0, 1<<20)},
	}
	for _, st := range steps {
		if code, body := s.do(t, st.method, st.path, st.body); code != http.StatusOK {
			t.Fatalf("%s %s = %d %.300s", st.method, st.path, code, body)
		}
	}
	code, body := s.do(t, http.MethodPost, "/fullmp/mp?uploads", "")
	uploadID, ok := between(body, "<UploadId>", "</UploadId>")
	if code != http.StatusOK || !ok {
		t.Fatalf("CreateMultipartUpload = %d %.300s", code, body)
	}
	upload := "/fullmp/mp?uploadId=" + uploadID
	partPath := func(n int) string { return fmt.Sprintf("/fullmp/mp?partNumber=%d&uploadId=%s", n, uploadID) }
	if code, body := s.do(t, http.MethodPut, partPath(1), part1); code != http.StatusOK {
		t.Fatalf("UploadPart 1 = %d %.300s", code, body)
	}
	fillers := fillDisk(t, s, "/fullmp/filler-")

	full := []struct {
		name, method, path, body string
		header                   map[string]string
	}{
		{"UploadPart 2", http.MethodPut, partPath(2), objectBody(2, 1<<20), nil},
		{"UploadPartCopy 2", http.MethodPut, partPath(2), "", map[string]string{"X-Amz-Copy-Source": "/fullmp/src"}},
		{"CopyObject", http.MethodPut, "/fullmp/copy", "", map[string]string{"X-Amz-Copy-Source": "/fullmp/src"}},
	}
	for _, f := range full {
		code, body := s.doHeader(t, f.method, f.path, f.body, f.header)
		if code != http.StatusInternalServerError || !strings.Contains(body, "<Code>InternalError</Code>") {
			t.Errorf("%s on a full disk = %d %.300s, want 500 InternalError", f.name, code, body)
		}
	}
	if code, body := s.do(t, http.MethodGet, "/fullmp/copy", ""); code != http.StatusNotFound || !strings.Contains(body, "<Code>NoSuchKey</Code>") {
		t.Errorf("GET copy after its CopyObject failed on a full disk = %d %.200s, want 404 NoSuchKey", code, body)
	}
	if code, body := s.do(t, http.MethodGet, upload, ""); code != http.StatusOK || strings.Count(body, "<Part>") != 1 {
		t.Errorf("ListParts after the failed parts = %d %.600s, want 200 with part 1 only", code, body)
	}

	for _, key := range fillers {
		if code, body := s.do(t, http.MethodDelete, key, ""); code != http.StatusNoContent {
			t.Fatalf("DELETE %s on a full disk = %d %.200s", key, code, body)
		}
	}
	part2 := objectBody(2, 64<<10)
	code, body = s.do(t, http.MethodPut, partPath(2), part2)
	if code != http.StatusOK {
		t.Fatalf("UploadPart 2 after freeing space = %d %.300s", code, body)
	}
	_, listed := s.do(t, http.MethodGet, upload, "")
	etags := etagsOf(listed)
	if len(etags) != 2 {
		t.Fatalf("ListParts after part 2 = %.600s, want two parts", listed)
	}
	complete := "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etags[0] +
		"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>" + etags[1] + "</ETag></Part></CompleteMultipartUpload>"
	if code, body := s.do(t, http.MethodPost, upload, complete); code != http.StatusOK {
		t.Fatalf("CompleteMultipartUpload = %d %.300s", code, body)
	}
	if code, body := s.do(t, http.MethodGet, "/fullmp/mp", ""); code != http.StatusOK || body != part1+part2 {
		t.Errorf("GET mp = %d with %d bytes, want 200 with its two parts' %d", code, len(body), len(part1+part2))
	}
}

// fillDisk PUTs objects under prefix, 256 KiB then 4 KiB, until the disk
// is full, and returns their paths.
func fillDisk(t *testing.T, s *server, prefix string) []string {
	t.Helper()
	var paths []string
	for _, size := range []int{256 << 10, 4 << 10} {
		for i := 0; ; i++ {
			if i == 1000 {
				t.Fatalf("PUTs of %d bytes never filled the disk", size)
			}
			path := fmt.Sprintf("%s%d-%d", prefix, size, i)
			code, body := s.do(t, http.MethodPut, path, objectBody(i, size))
			if code == http.StatusInternalServerError {
				break
			}
			if code != http.StatusOK {
				t.Fatalf("PUT %s on a filling disk = %d %.300s", path, code, body)
			}
			paths = append(paths, path)
		}
	}
	return paths
}

// doHeader is do with extra request headers (signed).
func (s *server) doHeader(t *testing.T, method, path, body string, header map[string]string) (int, string) {
	t.Helper()
	r, _ := http.NewRequest(method, s.url+path, strings.NewReader(body))
	if body == "" {
		r.Body = http.NoBody
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	r.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: account, SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: stepTimeout}).Do(r)
	if err != nil {
		t.Fatal(hung(method+" "+path, err))
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// between is the text of s between the first start and the end after it.
func between(s, start, end string) (string, bool) {
	_, rest, ok := strings.Cut(s, start)
	if !ok {
		return "", false
	}
	v, _, ok := strings.Cut(rest, end)
	return v, ok
}

// etagsOf lists the ETags of a ListParts answer, in order, as sent.
func etagsOf(listParts string) []string {
	var etags []string
	for _, part := range strings.Split(listParts, "<Part>")[1:] {
		if e, ok := between(part, "<ETag>", "</ETag>"); ok {
			etags = append(etags, e)
		}
	}
	return etags
}
