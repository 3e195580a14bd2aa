package s3

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// raceBody is writer w's n-th body: its marker repeated, a body file
// (more than store.InlineMax bytes) for every third one, so a mixed or cut
// body shows and both kinds of body race.
func raceBody(w, n int) string {
	marker := fmt.Sprintf("<w%d-%d>", w, n)
	size := 200
	if n%3 == 0 {
		size = store.InlineMax + 500
	}
	return strings.Repeat(marker, size/len(marker)+1)
}

// wholeRaceBody reports whether s is one raceBody whole.
func wholeRaceBody(s string) bool {
	var w, n int
	if _, err := fmt.Sscanf(s, "<w%d-%d>", &w, &n); err != nil {
		return false
	}
	return s == raceBody(w, n)
}

func md5ETag(s string) string {
	sum := md5.Sum([]byte(s))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// leakedBodies is how many stored bodies no object, version or upload
// names once every request is done: a sweep would remove them.
func (e *env) leakedBodies() int {
	e.t.Helper()
	before, err := e.db.BodyIDs()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.h.Sweep(e.t.Context()); err != nil {
		e.t.Fatal(err)
	}
	after, err := e.db.BodyIDs()
	if err != nil {
		e.t.Fatal(err)
	}
	return len(before) - len(after)
}

// startUpload creates a multipart upload of key in bucket "race" and
// uploads parts, returning its id and the CompleteMultipartUpload body.
func (e *env) startUpload(key string, parts ...string) (string, string) {
	e.t.Helper()
	return e.mpu("race", key, nil, parts...)
}

// Concurrent writes that race each other on one key or one upload, run
// with -race: whatever order they land in, every answer is one AWS gives,
// the object is one whole version whose ETag and listing agree with its
// bytes, an upload is never both completed and listed (nor completed and
// then gone), and no body is left that nothing names (a leak only a
// restart's sweep would find).
func TestWritesRacingWrites(t *testing.T) {
	t.Parallel()
	root := rootOf(acctA)
	tests := []struct {
		name string
		run  func(t *testing.T, e *env)
	}{
		{"overwrites of one key with reads", raceOverwrites},
		{"CompleteMultipartUpload four times at once", raceCompletes},
		{"CompleteMultipartUpload racing AbortMultipartUpload", raceCompleteAbort},
		{"UploadPart of one part number racing CompleteMultipartUpload", racePartComplete},
		{"DeleteObjects racing PutObject of the same keys", raceDeletePut},
		{"UploadPart racing AbortMultipartUpload", racePartAbort},
		{"PutObject racing DeleteBucket", racePutDeleteBucket},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.createBucket(root, "race")
			tc.run(t, e)
			if n := e.leakedBodies(); n != 0 {
				t.Errorf("%d bodies left that nothing names", n)
			}
		})
	}
}

// raceOverwrites: 4 writers PUT 12 bodies each to one key while a reader
// GETs it; every GET is one whole body with its own ETag, and at the end
// GET, HEAD and the listing agree.
func raceOverwrites(t *testing.T, e *env) {
	root := rootOf(acctA)
	e.must(root, treq{method: "PUT", target: "/race/k", body: raceBody(9, 1)}, 200)
	var writers sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for n := range 12 {
				if r := e.do(root, treq{method: "PUT", target: "/race/k", body: raceBody(w, n)}); r.Code != 200 {
					t.Errorf("PUT = %d %s", r.Code, r.Body)
				}
			}
		}()
	}
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		for {
			select {
			case <-stop:
				return
			default:
			}
			r := e.do(root, treq{method: "GET", target: "/race/k"})
			if body := r.Body.String(); r.Code != 200 || !wholeRaceBody(body) || r.Header().Get("ETag") != md5ETag(body) {
				t.Errorf("GET during overwrites = %d, %d bytes, ETag %s; want 200 and one whole body with its own ETag", r.Code, len(body), r.Header().Get("ETag"))
				return
			}
		}
	}()
	writers.Wait()
	close(stop)
	<-readerDone
	r := e.must(root, treq{method: "GET", target: "/race/k"}, 200)
	body := r.Body.String()
	if !wholeRaceBody(body) || r.Header().Get("ETag") != md5ETag(body) {
		t.Errorf("final GET: %d bytes, ETag %s", len(body), r.Header().Get("ETag"))
	}
	list := e.must(root, treq{method: "GET", target: "/race?list-type=2"}, 200).Body.String()
	if !strings.Contains(list, "<Size>"+itoa(int64(len(body)))+"</Size>") || !strings.Contains(list, strings.ReplaceAll(md5ETag(body), `"`, "&quot;")) {
		t.Errorf("listing does not agree with GET (%d bytes, %s): %s", len(body), md5ETag(body), list)
	}
}

// raceCompletes: four completions of one upload at once all answer 200
// with the same ETag (a repeated completion answers as the first did), or
// NoSuchUpload; the object is the parts whole and the upload is gone.
func raceCompletes(t *testing.T, e *env) {
	root := rootOf(acctA)
	for round := range 4 {
		key := fmt.Sprint("obj", round)
		id, body := e.startUpload(key, raceBody(0, 3), raceBody(1, 3), raceBody(2, 1))
		answers := make([]string, 4)
		codes := make([]int, 4)
		var wg sync.WaitGroup
		for i := range answers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := e.do(root, treq{method: "POST", target: "/race/" + key + "?uploadId=" + id, body: body})
				codes[i], answers[i] = r.Code, r.Body.String()
			}()
		}
		wg.Wait()
		ok := 0
		for i, c := range codes {
			switch {
			case c == 200 && strings.Contains(answers[i], "<ETag>"):
				ok++
				if answers[i] != answers[0] && codes[0] == 200 {
					t.Errorf("completions answered differently:\n%s\n%s", answers[0], answers[i])
				}
			case c == 404 && strings.Contains(answers[i], "NoSuchUpload"):
			default:
				t.Errorf("completion = %d %s", c, answers[i])
			}
		}
		if ok == 0 {
			t.Errorf("no completion of %s succeeded", key)
		}
		checkCompleted(t, e, key, id, raceBody(0, 3)+raceBody(1, 3)+raceBody(2, 1))
	}
}

// checkCompleted: key holds want, and upload id is no longer listed.
func checkCompleted(t *testing.T, e *env, key, id, want string) {
	t.Helper()
	root := rootOf(acctA)
	if got := e.do(root, treq{method: "GET", target: "/race/" + key}); got.Code != 200 || got.Body.String() != want {
		t.Errorf("GET %s after its completion = %d, %d bytes; want the %d bytes of its parts", key, got.Code, got.Body.Len(), len(want))
	}
	if list := e.must(root, treq{method: "GET", target: "/race?uploads"}, 200).Body.String(); strings.Contains(list, id) {
		t.Errorf("upload %s completed and still listed: %s", id, list)
	}
}

// raceCompleteAbort: a completion and an abort of one upload at once.
// Either the completion won (200; the abort then answers 204 as S3 does
// for a completed upload, and the object is there), or the abort did (204;
// the completion answers NoSuchUpload and there is no object).
func raceCompleteAbort(t *testing.T, e *env) {
	root := rootOf(acctA)
	won := map[string]int{}
	for round := range 8 {
		key := fmt.Sprint("obj", round)
		parts := []string{raceBody(0, 3), raceBody(1, 1)}
		id, body := e.startUpload(key, parts...)
		var complete, abort int
		var completeBody string
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			r := e.do(root, treq{method: "POST", target: "/race/" + key + "?uploadId=" + id, body: body})
			complete, completeBody = r.Code, r.Body.String()
		}()
		go func() {
			defer wg.Done()
			abort = e.do(root, treq{method: "DELETE", target: "/race/" + key + "?uploadId=" + id}).Code
		}()
		wg.Wait()
		switch {
		case complete == 200 && abort == 204:
			won["completion"]++
			checkCompleted(t, e, key, id, strings.Join(parts, ""))
		case complete == 404 && strings.Contains(completeBody, "NoSuchUpload") && abort == 204:
			won["abort"]++
			if r := e.do(root, treq{method: "HEAD", target: "/race/" + key}); r.Code != 404 {
				t.Errorf("object %s exists after the abort won: %d", key, r.Code)
			}
			if list := e.must(root, treq{method: "GET", target: "/race?uploads"}, 200).Body.String(); strings.Contains(list, id) {
				t.Errorf("aborted upload %s still listed", id)
			}
		default:
			t.Errorf("completion = %d %s, abort = %d", complete, completeBody, abort)
		}
	}
	t.Logf("won: %v", won)
}

// racePartComplete: part 2 uploaded again while the completion naming
// the first part 2's ETag runs. The completion either used the first
// part 2 (200, object = the parts it named) or found it replaced (400
// InvalidPart, upload still there with the new part 2, which completes).
func racePartComplete(t *testing.T, e *env) {
	root := rootOf(acctA)
	for round := range 8 {
		key := fmt.Sprint("obj", round)
		first := []string{raceBody(0, 3), raceBody(1, 3)}
		id, body := e.startUpload(key, first...)
		again := raceBody(2, 3)
		var complete, upload int
		var wg sync.WaitGroup
		wg.Add(2)
		go func() {
			defer wg.Done()
			complete = e.do(root, treq{method: "POST", target: "/race/" + key + "?uploadId=" + id, body: body}).Code
		}()
		go func() {
			defer wg.Done()
			upload = e.do(root, treq{method: "PUT", target: "/race/" + key + "?partNumber=2&uploadId=" + id, body: again}).Code
		}()
		wg.Wait()
		switch complete {
		case 200:
			// The part upload after the completion finds no upload (404),
			// or landed before the completion read the upload; either way
			// the object holds the parts the completion named.
			if upload != 200 && upload != 404 {
				t.Errorf("UploadPart racing a completion = %d", upload)
			}
			checkCompleted(t, e, key, id, strings.Join(first, ""))
		case 400:
			if upload != 200 {
				t.Errorf("completion refused but the part upload = %d", upload)
			}
			if r := e.do(root, treq{method: "HEAD", target: "/race/" + key}); r.Code != 404 {
				t.Errorf("object %s exists after a refused completion: %d", key, r.Code)
			}
			e.must(root, treq{method: "DELETE", target: "/race/" + key + "?uploadId=" + id}, 204)
		default:
			t.Errorf("completion racing UploadPart = %d", complete)
		}
	}
}

// raceDeletePut: DeleteObjects of 40 keys while each is PUT again. Each
// key ends either deleted or holding its new body; GET and the listing
// agree.
func raceDeletePut(t *testing.T, e *env) {
	root := rootOf(acctA)
	const keys = 40
	var del strings.Builder
	del.WriteString("<Delete><Quiet>true</Quiet>")
	for i := range keys {
		e.must(root, treq{method: "PUT", target: fmt.Sprintf("/race/k%02d", i), body: raceBody(0, i)}, 200)
		fmt.Fprintf(&del, "<Object><Key>k%02d</Key></Object>", i)
	}
	del.WriteString("</Delete>")
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if r := e.do(root, treq{method: "POST", target: "/race?delete", body: del.String(),
			header: map[string]string{"Content-MD5": contentMD5(del.String())}}); r.Code != 200 || strings.Contains(r.Body.String(), "<Error>") {
			t.Errorf("DeleteObjects = %d %s", r.Code, r.Body)
		}
	}()
	go func() {
		defer wg.Done()
		for i := range keys {
			if r := e.do(root, treq{method: "PUT", target: fmt.Sprintf("/race/k%02d", i), body: raceBody(1, i)}); r.Code != 200 {
				t.Errorf("PUT k%02d = %d", i, r.Code)
			}
		}
	}()
	wg.Wait()
	list := e.must(root, treq{method: "GET", target: "/race?list-type=2"}, 200).Body.String()
	for i := range keys {
		key := fmt.Sprintf("k%02d", i)
		r := e.do(root, treq{method: "GET", target: "/race/" + key})
		listed := strings.Contains(list, "<Key>"+key+"</Key>")
		switch {
		case r.Code == 404 && !listed:
		case r.Code == 200 && listed && r.Body.String() == raceBody(1, i):
		default:
			t.Errorf("%s: GET %d (%d bytes), listed %v; want deleted, or its new body", key, r.Code, r.Body.Len(), listed)
		}
	}
}

func contentMD5(s string) string {
	sum := md5.Sum([]byte(s))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// racePartAbort: parts uploaded while the upload is aborted. Each part is
// acknowledged before the abort (and removed with it) or refused
// NoSuchUpload; the upload is gone, and no part body stays behind.
func racePartAbort(t *testing.T, e *env) {
	root := rootOf(acctA)
	for round := range 6 {
		key := fmt.Sprint("obj", round)
		id, _ := e.startUpload(key, raceBody(0, 1))
		var wg sync.WaitGroup
		for n := 2; n <= 5; n++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := e.do(root, treq{method: "PUT", target: fmt.Sprintf("/race/%s?partNumber=%d&uploadId=%s", key, n, id), body: raceBody(n, n)})
				if r.Code != 200 && !(r.Code == 404 && strings.Contains(r.Body.String(), "NoSuchUpload")) {
					t.Errorf("UploadPart racing an abort = %d %s", r.Code, r.Body)
				}
			}()
		}
		if r := e.do(root, treq{method: "DELETE", target: "/race/" + key + "?uploadId=" + id}); r.Code != 204 {
			t.Errorf("abort = %d %s", r.Code, r.Body)
		}
		wg.Wait()
		if r := e.do(root, treq{method: "GET", target: "/race/" + key + "?uploadId=" + id}); r.Code != 404 {
			t.Errorf("ListParts after the abort = %d %s", r.Code, r.Body)
		}
	}
}

// racePutDeleteBucket: PUTs into a bucket while it is emptied and deleted.
// Once DeleteBucket answers 204, no acknowledged PUT left an object: the
// bucket created again under the name is empty. A PUT refused for a bucket
// that is gone is NoSuchBucket. Each writer stops after racePuts PUTs, so
// on a slow machine (where writers outrun the one deleter) the round still
// ends: the deleter catches up once they stop.
func racePutDeleteBucket(t *testing.T, e *env) {
	const racePuts = 60
	root := rootOf(acctA)
	for round := range 6 {
		bucket := fmt.Sprint("gone", round)
		e.createBucket(root, bucket)
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for w := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range racePuts {
					select {
					case <-stop:
						return
					default:
					}
					r := e.do(root, treq{method: "PUT", target: fmt.Sprintf("/%s/k%d-%d", bucket, w, n), body: raceBody(w, n)})
					if r.Code != 200 && !(r.Code == 404 && strings.Contains(r.Body.String(), "NoSuchBucket")) {
						t.Errorf("PUT racing DeleteBucket = %d %s", r.Code, r.Body)
						return
					}
				}
			}()
		}
		deletedBucket := false
		for try := 0; try < 3*racePuts+10 && !deletedBucket; try++ {
			list := e.must(root, treq{method: "GET", target: "/" + bucket + "?list-type=2"}, 200).Body.String()
			for _, k := range strings.Split(list, "<Key>")[1:] {
				e.do(root, treq{method: "DELETE", target: "/" + bucket + "/" + k[:strings.Index(k, "<")]})
			}
			deletedBucket = e.do(root, treq{method: "DELETE", target: "/" + bucket}).Code == 204
		}
		close(stop)
		wg.Wait()
		if !deletedBucket {
			t.Fatalf("DeleteBucket never succeeded among the PUTs")
		}
		e.createBucket(root, bucket)
		if list := e.must(root, treq{method: "GET", target: "/" + bucket + "?list-type=2"}, 200).Body.String(); strings.Contains(list, "<Key>") {
			t.Errorf("bucket %s created again holds objects PUT into the deleted one: %s", bucket, list)
		}
	}
}

// failingBody returns n bytes of 'x' and then an error, as a request body
// does when its client goes away mid-upload.
type failingBody struct{ n int }

func (f *failingBody) Read(p []byte) (int, error) {
	if f.n == 0 {
		return 0, errors.New("connection reset by peer")
	}
	k := min(len(p), f.n)
	for i := range p[:k] {
		p[i] = 'x'
	}
	f.n -= k
	return k, nil
}

// An upload whose body breaks off (the client went away) stores nothing:
// PutObject and UploadPart are not acknowledged, the key stays as it was
// (absent, or its earlier body) and the upload without the part, and no
// body is left behind in bodies/, tmp/ or meta.db, whether the break
// comes at once, inside the inline size or past it.
func TestCutUploadsLeaveNothing(t *testing.T) {
	t.Parallel()
	root := rootOf(acctA)
	for _, cut := range []int{0, 100, store.InlineMax + 10, 3 * store.InlineMax} {
		t.Run(fmt.Sprint("after ", cut, " bytes"), func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.createBucket(root, "race")
			e.must(root, treq{method: "PUT", target: "/race/kept", body: "earlier body"}, 200)
			id, _ := e.startUpload("mpu", "part one")
			send := func(target string) int {
				hr := httptest.NewRequest("PUT", "http://127.0.0.1:4566"+target, &failingBody{n: cut})
				hr.ContentLength = int64(cut + 1000)
				hr = hr.WithContext(authn.WithInfo(hr.Context(), &authn.Info{RequestID: "REQ1", Caller: root, Region: "us-east-1", Time: testNow}))
				w := httptest.NewRecorder()
				e.h.ServeHTTP(w, hr)
				return w.Code
			}
			for _, target := range []string{"/race/new", "/race/kept", "/race/mpu?partNumber=2&uploadId=" + id} {
				if code := send(target); code == 200 {
					t.Errorf("PUT %s with a body cut after %d bytes = 200", target, cut)
				}
			}
			e.must(root, treq{method: "HEAD", target: "/race/new"}, 404)
			if w := e.must(root, treq{method: "GET", target: "/race/kept"}, 200); w.Body.String() != "earlier body" {
				t.Errorf("kept = %q", w.Body)
			}
			if parts := e.must(root, treq{method: "GET", target: "/race/mpu?uploadId=" + id}, 200).Body.String(); strings.Contains(parts, "<PartNumber>2</PartNumber>") {
				t.Errorf("a cut part is listed: %s", parts)
			}
			if n := e.leakedBodies(); n != 0 {
				t.Errorf("%d bodies left that nothing names", n)
			}
			if left, _ := os.ReadDir(filepath.Join(e.db.Dir(), "tmp")); len(left) != 0 {
				t.Errorf("tmp/ holds %d files after the cut uploads", len(left))
			}
		})
	}
}
