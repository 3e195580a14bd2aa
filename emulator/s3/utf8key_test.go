package s3

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestInvalidUTF8Keys: S3 keys are UTF-8; AWS refuses a write to any other
// key with 400 InvalidURI. A key older versions stored anyway is listed
// with encoding-type=url as its raw bytes percent-encoded (it was listed as
// U+FFFD, a different key, so it could not be reached from a listing).
func TestInvalidUTF8Keys(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	root := rootOf(acctA)
	e.must(root, treq{method: "PUT", target: "/utf8"}, 200)
	for _, r := range []treq{
		{method: "PUT", target: "/utf8/a%FFb", body: "x"},
		{method: "PUT", target: "/utf8/%C3%28", body: "x"},
		{method: "POST", target: "/utf8/a%FFb?uploads"},
		{method: "PUT", target: "/utf8/copy%FF", header: map[string]string{"x-amz-copy-source": "/utf8/ok"}},
	} {
		w := e.do(root, r)
		if code, _ := errCode(t, w); w.Code != http.StatusBadRequest || code != "InvalidURI" {
			t.Errorf("%s %s = %d %s, want 400 InvalidURI", r.method, r.target, w.Code, w.Body)
		}
	}
	// A valid multi-byte key is fine.
	e.must(root, treq{method: "PUT", target: "/utf8/%E2%82%AC", body: "euro"}, 200)

	// A key stored before writes were checked.
	legacy := "a\xffb"
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3VersionKind("utf8"), store.S3VersionKey(legacy, 0), &store.S3Object{Key: legacy, VersionID: "null",
			Owner: acctA, Modified: testNow, ETag: `"d41d8cd98f00b204e9800998ecf8427e"`})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"/utf8?list-type=2&encoding-type=url", "/utf8?encoding-type=url"} {
		body := e.must(root, treq{method: "GET", target: target}, 200).Body.String()
		if !strings.Contains(body, "<Key>a%FFb</Key>") || !strings.Contains(body, "<Key>%E2%82%AC</Key>") {
			t.Errorf("GET %s = %s, want keys a%%FFb and %%E2%%82%%AC", target, body)
		}
		if strings.Contains(body, "%EF%BF%BD") {
			t.Errorf("GET %s lists U+FFFD for the raw byte: %s", target, body)
		}
	}
}
