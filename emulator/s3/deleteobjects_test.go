package s3

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestDeleteObjectsManyKeys: DeleteObjects deletes its keys concurrently
// (deleteEach), yet answers as if one after another, in request order:
// every existing key is gone, a key named twice gets two delete markers in
// a versioned bucket, a missing key is deleted all the same, and an empty
// VersionId is NoSuchVersion for its key, each at its place.
func TestDeleteObjectsManyKeys(t *testing.T) {
	for _, versioned := range []bool{false, true} {
		t.Run(fmt.Sprintf("versioned=%v", versioned), func(t *testing.T) {
			e := newEnv(t)
			root := rootOf(acctA)
			e.createBucket(root, "many")
			if versioned {
				e.must(root, treq{method: "PUT", target: "/many?versioning",
					body: "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"}, http.StatusOK)
			}
			const n = 300
			var keys []string
			var body strings.Builder
			body.WriteString("<Delete>")
			for i := range n {
				key := fmt.Sprintf("k%03d", i)
				if i%3 == 0 { // every third key is never written
					key = fmt.Sprintf("missing%03d", i)
				} else {
					e.must(root, treq{method: "PUT", target: "/many/" + key, body: "x"}, http.StatusOK)
				}
				keys = append(keys, key)
				fmt.Fprintf(&body, "<Object><Key>%s</Key></Object>", key)
				if i%50 == 1 { // named twice
					keys = append(keys, key)
					fmt.Fprintf(&body, "<Object><Key>%s</Key></Object>", key)
				}
			}
			keys = append(keys, "k001")
			body.WriteString("<Object><Key>k001</Key><VersionId></VersionId></Object></Delete>")
			sum := md5.Sum([]byte(body.String()))
			w := e.must(root, treq{method: "POST", target: "/many?delete", body: body.String(),
				header: map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(sum[:])}}, http.StatusOK)
			var res struct {
				Deleted []struct {
					Key          string
					DeleteMarker bool
				}
				Error []struct{ Key, Code string }
			}
			if err := xml.Unmarshal(w.Body.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Deleted) != len(keys)-1 {
				t.Fatalf("%d deleted, want %d", len(res.Deleted), len(keys)-1)
			}
			for i, d := range res.Deleted {
				if d.Key != keys[i] || d.DeleteMarker != versioned {
					t.Errorf("Deleted[%d] = %s (marker %v), want %s (marker %v)", i, d.Key, d.DeleteMarker, keys[i], versioned)
				}
			}
			if len(res.Error) != 1 || res.Error[0].Key != "k001" || res.Error[0].Code != "NoSuchVersion" {
				t.Errorf("errors = %+v, want NoSuchVersion for k001", res.Error)
			}
			list := e.must(root, treq{method: "GET", target: "/many?list-type=2"}, http.StatusOK).Body.String()
			if strings.Contains(list, "<Key>") {
				t.Errorf("keys left after DeleteObjects: %s", list)
			}
			if versioned {
				// Two markers for each key named twice, one for the others.
				versions := e.must(root, treq{method: "GET", target: "/many?versions"}, http.StatusOK).Body.String()
				if got, want := strings.Count(versions, "<DeleteMarker>"), len(keys)-1; got != want {
					t.Errorf("%d delete markers, want %d", got, want)
				}
			}
		})
	}
}
