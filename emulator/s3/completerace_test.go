package s3

import (
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestCompletionRace: an abort or a repeated completion of an upload whose
// completion is committing gets the answer it gets after the completion
// (AbortMultipartUpload 204, the first completion's result; see
// completed.go), whichever moment it lands at: between the completion's
// commit and its record, or between the abort's look-up of the upload
// and its own transaction. The requests are ordered at those points by
// Handler.testPoint, not by timing.
func TestCompletionRace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "race")
	complete := func(id, body string) treq {
		return treq{method: "POST", target: "/race/obj?uploadId=" + id, body: body}
	}
	abort := func(id, _ string) treq { return treq{method: "DELETE", target: "/race/obj?uploadId=" + id} }
	tests := []struct {
		name string
		// paused is sent first and held at point while other is sent.
		paused, other         func(id, body string) treq
		point                 string
		wantPaused, wantOther int
	}{
		{"abort while the completion records its answer", complete, abort, pointCompleteCommitted, 200, 204},
		{"repeated completion while the first records its answer", complete, complete, pointCompleteCommitted, 200, 200},
		{"completion between an abort's look-up and its commit", abort, complete, pointAbortAuthorized, 204, 200},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, body := e.mpu("race", "obj", nil, "hello")
			held, release, waiting := make(chan struct{}), make(chan struct{}), make(chan struct{})
			var holdOnce, waitOnce sync.Once
			e.h.testPoint = func(p string) {
				switch p {
				case tc.point:
					holdOnce.Do(func() { close(held); <-release })
				case pointAwaitCompletion:
					waitOnce.Do(func() { close(waiting) })
				}
			}
			pausedDone, otherDone := make(chan *httptest.ResponseRecorder, 1), make(chan *httptest.ResponseRecorder, 1)
			go func() { pausedDone <- e.do(a, tc.paused(id, body)) }()
			<-held
			go func() { otherDone <- e.do(a, tc.other(id, body)) }()
			// The other request either answers at once or waits for the
			// held completion's record; either way it has decided.
			var other *httptest.ResponseRecorder
			select {
			case other = <-otherDone:
			case <-waiting:
			}
			close(release)
			paused := <-pausedDone
			if other == nil {
				other = <-otherDone
			}
			e.h.testPoint = nil
			if paused.Code != tc.wantPaused || other.Code != tc.wantOther {
				t.Fatalf("held request = %d %s, other = %d %s; want %d and %d", paused.Code, paused.Body, other.Code, other.Body, tc.wantPaused, tc.wantOther)
			}
			if paused.Code == 200 && other.Code == 200 && paused.Body.String() != other.Body.String() {
				t.Errorf("repeated completion = %s, want %s", other.Body, paused.Body)
			}
			if got := e.must(a, treq{method: "GET", target: "/race/obj"}, 200).Body.String(); got != "hello" {
				t.Errorf("object = %q, want hello", got)
			}
		})
	}
}

// TestCompletionPartReuploaded: a part uploaded again, with the same body,
// between the completion's FULL_OBJECT checksum and its transaction is
// summed again, and the completion succeeds (scality/cloudserver
// completeMPU.js "with re-upload of part during CompleteMPU execution",
// kept in its AWS mode); one uploaded again with another body no longer
// has the ETag the completion names: InvalidPart.
func TestCompletionPartReuploaded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, again string
		want        int
	}{
		{"same body", "hello", 200},
		{"another body", "other", 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			a := rootOf(acctA)
			e.createBucket(a, "race")
			id, body := e.mpu("race", "obj", nil, "hello")
			var once sync.Once
			e.h.testPoint = func(p string) {
				if p == pointCompleteSummed {
					once.Do(func() {
						e.must(a, treq{method: "PUT", target: "/race/obj?partNumber=1&uploadId=" + id, body: tc.again}, 200)
					})
				}
			}
			w := e.do(a, treq{method: "POST", target: "/race/obj?uploadId=" + id, body: body})
			e.h.testPoint = nil
			if w.Code != tc.want {
				t.Fatalf("completion = %d %s, want %d", w.Code, w.Body, tc.want)
			}
			if tc.want != 200 {
				if !strings.Contains(w.Body.String(), "<Code>InvalidPart</Code>") {
					t.Errorf("completion body = %s, want InvalidPart", w.Body)
				}
				return
			}
			if got := e.must(a, treq{method: "GET", target: "/race/obj"}, 200).Body.String(); got != "hello" {
				t.Errorf("object = %q, want hello", got)
			}
		})
	}
}
