package s3

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// lockedBuffer is a log sink the handler may write from any goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// bodyFileOf is the path of part i's body file of the current version of
// bucket/key (the part is a file: more than store.InlineMax bytes).
func (e *env) bodyFileOf(bucket, key string, i int) string {
	e.t.Helper()
	var o store.S3Object
	if err := e.db.View(e.t.Context(), func(tx *store.Tx) error { return tx.CurrentObject(bucket, key, &o) }); err != nil {
		e.t.Fatal(err)
	}
	if store.IsInline(o.Parts[i].Body) {
		e.t.Fatalf("part %d of %s/%s is inline", i, bucket, key)
	}
	return filepath.Join(e.db.Dir(), "bodies", o.Parts[i].Body)
}

// A body file deleted, truncated or grown under a stored object (the data
// directory changed outside fakeaws) is never served as if it were the
// object: every read that needs it (GET, a ranged GET, CopyObject,
// UploadPartCopy) answers 500 InternalError before any byte, the log says
// which body and why, and a copy stores nothing. S3 itself never answers
// 200 with other bytes or 404 for an object it lists; a failure of its own
// storage is 500 InternalError
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
// Before, a deleted body answered 404 NoSuchKey while HEAD and the listing
// showed the object, and a truncated one 200 with a body cut short (in a
// multipart object, the next part's bytes moved up into its place), or a
// copy 400 IncompleteBody.
func TestDamagedBodiesAreRefused(t *testing.T) {
	t.Parallel()
	part := strings.Repeat("p", store.InlineMax+1000)
	damages := []struct {
		name   string
		damage func(t *testing.T, path string)
		log    string
	}{
		{"deleted", func(t *testing.T, p string) { must(t, os.Remove(p)) }, "is missing from"},
		{"truncated", func(t *testing.T, p string) { must(t, os.Truncate(p, 100)) }, "holds 100 bytes"},
		{"grown", func(t *testing.T, p string) {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			must(t, err)
			_, err = f.WriteString("extra")
			must(t, errors.Join(err, f.Close()))
		}, "holds " + itoa(int64(len(part)+5)) + " bytes"},
	}
	shapes := []struct {
		name  string
		parts int // 1: a PutObject; more: a multipart object
		hurt  int // the part whose body is damaged
	}{
		{"single part", 1, 0},
		{"second of three parts", 3, 1},
		{"last of three parts", 3, 2},
	}
	reads := []struct {
		name string
		r    func(key string) treq
	}{
		{"GET", func(k string) treq { return treq{method: "GET", target: "/dmg/" + k} }},
		{"GET range from the start", func(k string) treq {
			return treq{method: "GET", target: "/dmg/" + k, header: map[string]string{"Range": "bytes=0-"}}
		}},
		{"CopyObject", func(k string) treq {
			return treq{method: "PUT", target: "/dmg/copy-of-" + k, header: map[string]string{"x-amz-copy-source": "/dmg/" + k}}
		}},
	}
	for _, d := range damages {
		for _, sh := range shapes {
			t.Run(d.name+"/"+sh.name, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t)
				logs := &lockedBuffer{}
				e.h.log = slog.New(slog.NewTextHandler(logs, nil))
				a := rootOf(acctA)
				e.createBucket(a, "dmg")
				key := "obj"
				if sh.parts == 1 {
					e.must(a, treq{method: "PUT", target: "/dmg/obj", body: part}, 200)
				} else {
					parts := make([]string, sh.parts)
					for i := range parts {
						parts[i] = part
					}
					id, body := e.mpu("dmg", key, nil, parts...)
					e.must(a, treq{method: "POST", target: "/dmg/obj?uploadId=" + id, body: body}, 200)
				}
				d.damage(t, e.bodyFileOf("dmg", key, sh.hurt))
				for _, rd := range reads {
					w := e.do(a, rd.r(key))
					if w.Code != 500 {
						t.Errorf("%s = %d %.80q, want 500 InternalError", rd.name, w.Code, w.Body.String())
					} else if code, _ := errCode(t, w); code != "InternalError" {
						t.Errorf("%s = 500 %s, want InternalError", rd.name, code)
					}
				}
				e.must(a, treq{method: "HEAD", target: "/dmg/copy-of-obj"}, 404)
				if got := logs.String(); !strings.Contains(got, d.log) || !strings.Contains(got, "damaged") {
					t.Errorf("log does not say %q ... damaged:\n%s", d.log, got)
				}
				// The parts before the damage still read.
				if sh.hurt > 0 {
					w := e.must(a, treq{method: "GET", target: "/dmg/obj?partNumber=1"}, 206)
					if w.Body.String() != part {
						t.Errorf("part 1 = %d bytes, want %d", w.Body.Len(), len(part))
					}
				}
			})
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
