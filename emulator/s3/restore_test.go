package s3

import (
	"net/http"
	"testing"
	"time"
)

const restoreBody = `<RestoreRequest><Days>3</Days><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>`

// An archived object is unreadable and uncopyable until RestoreObject
// makes a copy, which fakeaws does at once; the copy carries
// x-amz-restore until its expiry (restore.go).
func TestRestoreObject(t *testing.T) {
	e := newEnv(t)
	root := rootOf(acctA)
	e.createBucket(root, "cold")
	e.must(root, treq{method: "PUT", target: "/cold/frozen", body: "ice", header: map[string]string{"x-amz-storage-class": "GLACIER"}}, 200)
	e.must(root, treq{method: "PUT", target: "/cold/deep", body: "ice", header: map[string]string{"x-amz-storage-class": "DEEP_ARCHIVE"}}, 200)
	e.must(root, treq{method: "PUT", target: "/cold/warm", body: "sun"}, 200)
	// testNow is 2026-03-01 12:00 UTC: 3 days later, rounded up to midnight.
	expiry := `ongoing-request="false", expiry-date="Thu, 05 Mar 2026 00:00:00 GMT"`
	restore := func(target, body string) treq { return treq{method: "POST", target: target + "?restore", body: body} }
	e.runLock(t, root, []lockStep{
		{name: "GET before the restore", r: treq{method: "GET", target: "/cold/frozen"}, status: 403, code: "InvalidObjectState",
			body: "<StorageClass>GLACIER</StorageClass>"},
		{name: "copy before the restore", r: treq{method: "PUT", target: "/cold/thawed", header: map[string]string{"x-amz-copy-source": "/cold/frozen"}},
			status: 403, code: "InvalidObjectState", body: "Operation is not valid for the source object's storage class"},
		{name: "a STANDARD object", r: restore("/cold/warm", restoreBody), status: 403, code: "InvalidObjectState",
			body: "Restore is not allowed for the object's current storage class"},
		{name: "a missing key", r: restore("/cold/nothing", restoreBody), status: 404, code: "NoSuchKey"},
		{name: "no Days", r: restore("/cold/frozen", `<RestoreRequest><GlacierJobParameters><Tier>Bulk</Tier></GlacierJobParameters></RestoreRequest>`),
			status: 400, code: "MalformedXML"},
		{name: "zero Days", r: restore("/cold/frozen", `<RestoreRequest><Days>0</Days></RestoreRequest>`), status: 400, code: "MalformedXML"},
		{name: "an unknown tier", r: restore("/cold/frozen", `<RestoreRequest><Days>1</Days><GlacierJobParameters><Tier>Fast</Tier></GlacierJobParameters></RestoreRequest>`),
			status: 400, code: "MalformedXML"},
		{name: "HEAD before the restore", r: treq{method: "HEAD", target: "/cold/frozen"}, status: 200,
			header: map[string]string{"x-amz-storage-class": "GLACIER", "x-amz-restore": ""}},
		{name: "restore", r: restore("/cold/frozen", restoreBody), status: http.StatusAccepted},
		{name: "HEAD after the restore", r: treq{method: "HEAD", target: "/cold/frozen"}, status: 200,
			header: map[string]string{"x-amz-storage-class": "GLACIER", "x-amz-restore": expiry}},
	})
	if w := e.do(root, treq{method: "GET", target: "/cold/frozen"}); w.Code != 200 || w.Body.String() != "ice" ||
		w.Header().Get("x-amz-restore") != expiry || w.Header().Get("x-amz-storage-class") != "GLACIER" {
		t.Fatalf("GET after the restore = %d %q %v", w.Code, w.Body, w.Header())
	}
	e.runLock(t, root, []lockStep{
		{name: "copy after the restore", r: treq{method: "PUT", target: "/cold/thawed", header: map[string]string{"x-amz-copy-source": "/cold/frozen"}},
			status: 200},
		{name: "the copy is STANDARD, with no restore", r: treq{method: "HEAD", target: "/cold/thawed"}, status: 200,
			header: map[string]string{"x-amz-storage-class": "", "x-amz-restore": ""}},
		{name: "a second restore extends the copy", r: restore("/cold/frozen", `<RestoreRequest><Days>10</Days></RestoreRequest>`), status: http.StatusOK},
		{name: "HEAD after the second restore", r: treq{method: "HEAD", target: "/cold/frozen"}, status: 200,
			header: map[string]string{"x-amz-restore": `ongoing-request="false", expiry-date="Thu, 12 Mar 2026 00:00:00 GMT"`}},
		{name: "DEEP_ARCHIVE restores too", r: restore("/cold/deep", restoreBody), status: http.StatusAccepted},
	})
	e.h.now = func() time.Time { return time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC) }
	e.runLock(t, root, []lockStep{
		{name: "GET once the copy expired", r: treq{method: "GET", target: "/cold/frozen"}, status: 403, code: "InvalidObjectState"},
		{name: "HEAD once the copy expired", r: treq{method: "HEAD", target: "/cold/frozen"}, status: 200,
			header: map[string]string{"x-amz-storage-class": "GLACIER", "x-amz-restore": ""}},
		{name: "a restore after the expiry is a new one", r: restore("/cold/frozen", restoreBody), status: http.StatusAccepted},
	})
}

// RestoreObject is authorized as s3:RestoreObject.
func TestRestoreObjectAuthorization(t *testing.T) {
	e := newEnv(t)
	root := rootOf(acctA)
	e.createBucket(root, "cold")
	e.must(root, treq{method: "PUT", target: "/cold/frozen", body: "ice", header: map[string]string{"x-amz-storage-class": "GLACIER"}}, 200)
	reader := e.user(acctA, "reader", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`)
	restorer := e.user(acctA, "restorer", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:RestoreObject","Resource":"arn:aws:s3:::cold/frozen"}]}`)
	r := treq{method: "POST", target: "/cold/frozen?restore", body: restoreBody}
	e.run(t, reader, []step{{name: "without s3:RestoreObject", r: r, status: 403, code: "AccessDenied", body: "s3:RestoreObject"}})
	e.run(t, restorer, []step{{name: "with s3:RestoreObject", r: r, status: http.StatusAccepted}})
}

func TestRestoreExpiry(t *testing.T) {
	tests := []struct {
		at   time.Time
		days int
		want time.Time
	}{
		// The User Guide's example: created 10/15/2012 10:30 UTC, 3 days.
		{time.Date(2012, 10, 15, 10, 30, 0, 0, time.UTC), 3, time.Date(2012, 10, 19, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), 1, time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 3, 1, 0, 0, 0, 0, time.FixedZone("", -8*3600)), 1, time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := restoreExpiry(tt.at, tt.days); !got.Equal(tt.want) {
			t.Errorf("restoreExpiry(%v, %d) = %v, want %v", tt.at, tt.days, got, tt.want)
		}
	}
}
