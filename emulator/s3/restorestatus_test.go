package s3

import (
	"encoding/xml"
	"maps"
	"net/http"
	"testing"
	"time"
)

// listedRestore is a listing's answer reduced to what RestoreStatus
// concerns: each Contents, Version and DeleteMarker entry by key (and
// version order), with "-" for no RestoreStatus.
type listedRestore struct {
	Entries []struct {
		XMLName       xml.Name
		Key           string
		RestoreStatus *struct {
			IsRestoreInProgress string
			RestoreExpiryDate   *string
		}
	} `xml:",any"`
}

func (l *listedRestore) statuses() map[string]string {
	out := map[string]string{}
	for _, e := range l.Entries {
		if e.XMLName.Local != "Contents" && e.XMLName.Local != "Version" && e.XMLName.Local != "DeleteMarker" {
			continue
		}
		name := e.XMLName.Local + " " + e.Key
		for out[name] != "" {
			name += "'"
		}
		out[name] = "-"
		if rs := e.RestoreStatus; rs != nil {
			out[name] = "IsRestoreInProgress=" + rs.IsRestoreInProgress
			if rs.RestoreExpiryDate != nil {
				out[name] += " RestoreExpiryDate=" + *rs.RestoreExpiryDate
			}
		}
	}
	return out
}

// ListObjects, ListObjectsV2 and ListObjectVersions show RestoreStatus for
// the archived versions that have a restored copy, only when
// x-amz-optional-object-attributes asks for it (API_RestoreStatus.html:
// "If the object hasn't been restored, there is no header response";
// API_ListObjectsV2.html "Valid Values: RestoreStatus"), and refuse any
// other attribute name, an empty one included, with AWS's answer to
// aws-sdk-go 1.44.292's empty header (aws/aws-sdk-go#4897: 400
// InvalidArgument "Invalid attribute name specified.").
func TestListRestoreStatus(t *testing.T) {
	e := newEnv(t)
	root := rootOf(acctA)
	e.createBucket(root, "cold")
	e.must(root, treq{method: "PUT", target: "/cold?versioning", body: enableVersioning}, 200)
	put := func(key, class string) {
		h := map[string]string{}
		if class != "" {
			h["x-amz-storage-class"] = class
		}
		e.must(root, treq{method: "PUT", target: "/cold/" + key, body: "ice", header: h}, 200)
	}
	put("frozen", "GLACIER")
	e.must(root, treq{method: "POST", target: "/cold/frozen?restore", body: restoreBody}, http.StatusAccepted)
	put("frozen", "") // the restored GLACIER version is now noncurrent
	put("deep", "DEEP_ARCHIVE")
	e.must(root, treq{method: "POST", target: "/cold/deep?restore", body: restoreBody}, http.StatusAccepted)
	put("iced", "GLACIER") // never restored
	put("gone", "GLACIER")
	e.must(root, treq{method: "POST", target: "/cold/gone?restore", body: restoreBody}, http.StatusAccepted)
	e.must(root, treq{method: "DELETE", target: "/cold/gone"}, http.StatusNoContent)
	put("warm", "")

	// testNow is 2026-03-01 12:00 UTC; Days 3 expire at 2026-03-05 00:00.
	restoredCopy := "IsRestoreInProgress=false RestoreExpiryDate=2026-03-05T00:00:00.000Z"
	current := map[string]string{"Contents deep": restoredCopy, "Contents frozen": "-", "Contents iced": "-", "Contents warm": "-"}
	none := map[string]string{"Contents deep": "-", "Contents frozen": "-", "Contents iced": "-", "Contents warm": "-"}
	versions := map[string]string{"Version deep": restoredCopy, "DeleteMarker gone": "-", "Version gone": restoredCopy,
		"Version frozen": "-", "Version frozen'": restoredCopy, "Version iced": "-", "Version warm": "-"}
	noVersions := map[string]string{"Version deep": "-", "DeleteMarker gone": "-", "Version gone": "-",
		"Version frozen": "-", "Version frozen'": "-", "Version iced": "-", "Version warm": "-"}
	const asked = "RestoreStatus"
	tests := []struct {
		name, target, header string
		noHeader             bool
		at                   time.Time
		status               int
		want                 map[string]string // entries, on success
		argValue             string            // ArgumentValue, on refusal
	}{
		{name: "V2 asked", target: "/cold?list-type=2", header: asked, status: 200, want: current},
		{name: "V1 asked", target: "/cold", header: asked, status: 200, want: current},
		{name: "versions asked", target: "/cold?versions", header: asked, status: 200, want: versions},
		{name: "V2 not asked", target: "/cold?list-type=2", noHeader: true, status: 200, want: none},
		{name: "versions not asked", target: "/cold?versions", noHeader: true, status: 200, want: noVersions},
		{name: "asked twice", target: "/cold?list-type=2", header: "RestoreStatus, RestoreStatus", status: 200, want: current},
		{name: "after the expiry", target: "/cold?list-type=2", header: asked, at: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
			status: 200, want: none},
		{name: "versions after the expiry", target: "/cold?versions", header: asked, at: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),
			status: 200, want: noVersions},
		{name: "empty (aws-sdk-go#4897)", target: "/cold?list-type=2", header: "", status: 400, argValue: ""},
		{name: "unknown name", target: "/cold?list-type=2", header: "Owner", status: 400, argValue: "Owner"},
		{name: "another case", target: "/cold", header: "restorestatus", status: 400, argValue: "restorestatus"},
		{name: "a known and an unknown name", target: "/cold?versions", header: "RestoreStatus,ETag", status: 400, argValue: "ETag"},
		{name: "a trailing comma", target: "/cold?list-type=2", header: "RestoreStatus,", status: 400, argValue: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.h.now = func() time.Time { return testNow }
			if !tt.at.IsZero() {
				e.h.now = func() time.Time { return tt.at }
			}
			r := treq{method: "GET", target: tt.target, header: map[string]string{"x-amz-optional-object-attributes": tt.header}}
			if tt.noHeader {
				r.header = nil
			}
			w := e.do(root, r)
			if w.Code != tt.status {
				t.Fatalf("GET %s = %d %s, want %d", tt.target, w.Code, w.Body, tt.status)
			}
			if tt.status != 200 {
				checkRestoreStatusRefusal(t, w.Body.Bytes(), tt.argValue)
				return
			}
			var l listedRestore
			if err := xml.Unmarshal(w.Body.Bytes(), &l); err != nil {
				t.Fatalf("body %s: %v", w.Body, err)
			}
			if got := l.statuses(); !maps.Equal(got, tt.want) {
				t.Errorf("entries = %v, want %v", got, tt.want)
			}
		})
	}
}

// checkRestoreStatusRefusal checks an InvalidArgument refusal of
// x-amz-optional-object-attributes naming argValue.
func checkRestoreStatusRefusal(t *testing.T, body []byte, argValue string) {
	t.Helper()
	var got struct {
		Code, Message, ArgumentName string
		ArgumentValue               *string
	}
	if err := xml.Unmarshal(body, &got); err != nil {
		t.Fatalf("error body %s: %v", body, err)
	}
	if got.Code != "InvalidArgument" || got.Message != "Invalid attribute name specified." ||
		got.ArgumentName != "x-amz-optional-object-attributes" || got.ArgumentValue == nil || *got.ArgumentValue != argValue {
		t.Errorf("error = %s, want InvalidArgument \"Invalid attribute name specified.\" naming x-amz-optional-object-attributes %q", body, argValue)
	}
}

// The header is read by name alone: a request without it allocates
// nothing for it (the listing hot path).
func TestOptionalAttributesAbsentAllocatesNothing(t *testing.T) {
	h := http.Header{"X-Amz-Date": {"20260301T120000Z"}}
	allocs := testing.AllocsPerRun(100, func() {
		if ok, err := optionalAttributes(h); ok || err != nil {
			t.Fatal(ok, err)
		}
	})
	if allocs != 0 {
		t.Errorf("optionalAttributes without the header allocates %v times", allocs)
	}
}
