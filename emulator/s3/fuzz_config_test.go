package s3

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"testing"
)

// configSubresources are the bucket and object subresources whose PUT body
// is a document the handler decodes.
var configSubresources = []string{
	"/fuzzed?tagging", "/fuzzed?cors", "/fuzzed?lifecycle", "/fuzzed?acl", "/fuzzed?versioning", "/fuzzed?publicAccessBlock",
	"/fuzzed?ownershipControls", "/fuzzed?encryption", "/fuzzed?website", "/fuzzed?logging", "/fuzzed?notification",
	"/fuzzed?requestPayment", "/fuzzed?accelerate", "/fuzzed?object-lock", "/fuzzed?policy",
	"/fuzzed/k?tagging", "/fuzzed/k?acl", "/fuzzed/k?retention", "/fuzzed/k?legal-hold",
}

// FuzzPutConfigDocument sends arbitrary documents to every configuration
// PUT. Properties: never a 5xx (a malformed document is the client's
// error), and a document that was accepted reads back as well-formed XML
// (JSON for the bucket policy).
func FuzzPutConfigDocument(f *testing.F) {
	seeds := [][2]string{
		{"/fuzzed?tagging", `<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>`},
		{"/fuzzed?cors", `<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>`},
		{"/fuzzed?lifecycle", `<LifecycleConfiguration><Rule><ID>r</ID><Filter><Prefix>p/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`},
		{"/fuzzed?versioning", `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`},
		{"/fuzzed?publicAccessBlock", `<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>`},
		{"/fuzzed?ownershipControls", `<OwnershipControls><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`},
		{"/fuzzed?object-lock", `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>`},
		{"/fuzzed?policy", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::fuzzed/*"}]}`},
		{"/fuzzed/k?retention", `<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>`},
		{"/fuzzed/k?legal-hold", `<LegalHold><Status>ON</Status></LegalHold>`},
		{"/fuzzed?acl", `<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>`},
		{"/fuzzed/k?tagging", `<a><b>`},
		{"/fuzzed?encryption", `<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`},
		{"/fuzzed?website", "\xff\xfe<"},
		{"/fuzzed?logging", ``},
	}
	for _, s := range seeds {
		i := slices.Index(configSubresources, s[0])
		if i < 0 {
			f.Fatalf("seed target %s is not in configSubresources", s[0])
		}
		f.Add(uint8(i), s[1])
	}
	f.Fuzz(func(t *testing.T, which uint8, doc string) {
		target := configSubresources[int(which)%len(configSubresources)]
		e := newEnv(t)
		root := rootOf(acctA)
		e.must(root, treq{method: "PUT", target: "/fuzzed", header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
		e.must(root, treq{method: "PUT", target: "/fuzzed/k", body: "x"}, 200)
		sum := md5.Sum([]byte(doc))
		w := e.do(root, treq{method: "PUT", target: target, body: doc,
			header: map[string]string{"Content-MD5": base64.StdEncoding.EncodeToString(sum[:])}})
		if w.Code >= 500 {
			t.Fatalf("PUT %s with %q = %d %s, want a client error at worst", target, doc, w.Code, w.Body)
		}
		if w.Code >= 300 {
			return
		}
		g := e.do(root, treq{method: "GET", target: target})
		if g.Code >= 500 {
			t.Fatalf("GET %s after accepting %q = %d %s", target, doc, g.Code, g.Body)
		}
		if g.Code != 200 {
			return
		}
		if target == "/fuzzed?policy" {
			if !json.Valid(g.Body.Bytes()) {
				t.Fatalf("GET %s = %q, not JSON", target, g.Body)
			}
			return
		}
		d := xml.NewDecoder(bytes.NewReader(g.Body.Bytes()))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("GET %s after accepting %q = %q, not well-formed XML: %v", target, doc, g.Body, err)
			}
		}
	})
}
