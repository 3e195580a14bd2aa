package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestBodyDeadlineClearedAtEOF checks that a handler which has read its
// whole body and then works longer than the stall timeout keeps its
// context: net/http's background read must not inherit the body deadline.
func TestBodyDeadlineClearedAtEOF(t *testing.T) {
	t.Parallel()
	const idle = 200 * time.Millisecond
	result := make(chan string, 1)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		startBodyProgress(new(progressBody), deadlinesOf(w), r, idle, 1000)
		b, err := io.ReadAll(r.Body)
		if err != nil || string(b) != "hello" {
			result <- "read body: " + string(b) + " " + errString(err)
			return
		}
		time.Sleep(3 * idle) // slow work after the body
		result <- errString(r.Context().Err())
	}))
	defer ts.Close()
	resp, err := http.Post(ts.URL, "text/plain", strings.NewReader("hello"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	select {
	case got := <-result:
		if got != "" {
			t.Errorf("handler after reading its body and working 3×idle: %s, want a live context", got)
		}
	case <-time.After(time.Minute):
		t.Fatal("handler never reported")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
