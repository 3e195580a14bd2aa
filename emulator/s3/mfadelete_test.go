package s3

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
)

const (
	rootMFASerial = "arn:aws:iam::" + acctA + ":mfa/root-account-mfa-device"
	rootMFASeed   = "JBSWY3DPEHPK3PXP"
	msgMFANeeded  = "Mfa Authentication must be used for this request"
	msgOwnerOnly  = "This operation may only be performed by the bucket owner"
)

// enableRootMFA stores an enabled virtual MFA device of acctA's root user.
func enableRootMFA(t *testing.T, e *env) {
	t.Helper()
	on := testNow
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(acctA, store.KindMFADevice, rootMFASerial, &store.MFADevice{Serial: rootMFASerial, Name: "root-account-mfa-device",
			Path: "/", Seed: rootMFASeed, EnableDate: &on, Created: on, Account: acctA})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mfaHeaderOf(code string) map[string]string {
	return map[string]string{"x-amz-mfa": rootMFASerial + " " + code}
}

// TestMFADelete: with MfaDelete Enabled, deleting a version and changing
// versioning need the bucket owner's root user and its MFA code, with the
// answers AWS gave (mfadelete.go); a plain delete (a delete marker) does
// not.
func TestMFADelete(t *testing.T) {
	e := newEnv(t)
	enableRootMFA(t, e)
	root := rootOf(acctA)
	user := e.user(acctA, "deleter", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	code := totp.Code(rootMFASeed, testNow)
	e.must(root, treq{method: "PUT", target: "/mfab"}, 200)
	enable := `<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>`
	for _, c := range []struct {
		name   string
		w      *httptest.ResponseRecorder
		status int
		code   string
		msg    string
	}{
		{"enable without x-amz-mfa", e.do(root, treq{method: "PUT", target: "/mfab?versioning", body: enable}), 403, "AccessDenied", msgMFANeeded},
		{"enable by an IAM user", e.do(user, treq{method: "PUT", target: "/mfab?versioning", body: enable, header: mfaHeaderOf(code)}), 403, "AccessDenied", msgOwnerOnly},
		{"enable with a header lacking its serial", e.do(root, treq{method: "PUT", target: "/mfab?versioning", body: enable, header: map[string]string{"x-amz-mfa": code}}),
			400, "InvalidArgument", "Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}"},
		{"enable with a wrong code", e.do(root, treq{method: "PUT", target: "/mfab?versioning", body: enable, header: mfaHeaderOf(wrongCode(code))}), 403, "AccessDenied", msgMFANeeded},
	} {
		wantAWSError(t, c.name, c.w, c.status, c.code, c.msg)
	}
	if w := e.must(root, treq{method: "GET", target: "/mfab?versioning"}, 200); strings.Contains(w.Body.String(), "MfaDelete") {
		t.Fatalf("refused enabling changed the configuration: %s", w.Body)
	}
	e.must(root, treq{method: "PUT", target: "/mfab?versioning", body: enable, header: mfaHeaderOf(code)}, 200)
	if w := e.must(root, treq{method: "GET", target: "/mfab?versioning"}, 200); !strings.Contains(w.Body.String(), "<MfaDelete>Enabled</MfaDelete>") {
		t.Fatalf("GetBucketVersioning = %s, want MfaDelete Enabled", w.Body)
	}

	v1 := e.must(root, treq{method: "PUT", target: "/mfab/k", body: "one"}, 200).Header().Get("X-Amz-Version-Id")
	e.must(root, treq{method: "PUT", target: "/mfab/k", body: "two"}, 200)
	del := treq{method: "DELETE", target: "/mfab/k?versionId=" + v1}
	wantAWSError(t, "root deletes a version without MFA", e.do(root, del), 403, "AccessDenied", msgMFANeeded)
	wantAWSError(t, "a user deletes a version without MFA", e.do(user, del), 403, "AccessDenied", msgMFANeeded)
	withMFA := del
	withMFA.header = mfaHeaderOf(code)
	wantAWSError(t, "a user deletes a version with MFA", e.do(user, withMFA), 403, "AccessDenied", msgOwnerOnly)
	e.must(root, treq{method: "GET", target: "/mfab/k?versionId=" + v1}, 200)

	body := `<Delete><Object><Key>k</Key><VersionId>` + v1 + `</VersionId></Object></Delete>`
	sum := md5.Sum([]byte(body))
	md := base64.StdEncoding.EncodeToString(sum[:])
	multi := treq{method: "POST", target: "/mfab?delete", body: body, header: map[string]string{"Content-MD5": md}}
	wantAWSError(t, "DeleteObjects of a version without MFA", e.do(root, multi), 403, "AccessDenied", msgMFANeeded)

	e.must(root, withMFA, 204)
	e.must(root, treq{method: "GET", target: "/mfab/k?versionId=" + v1}, 404)
	// A plain delete writes a delete marker, without MFA.
	marker := e.must(user, treq{method: "DELETE", target: "/mfab/k"}, 204).Header().Get("X-Amz-Version-Id")
	wantAWSError(t, "removing the delete marker without MFA", e.do(root, treq{method: "DELETE", target: "/mfab/k?versionId=" + marker}), 403, "AccessDenied", msgMFANeeded)

	suspend := `<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>`
	wantAWSError(t, "suspending without MFA", e.do(root, treq{method: "PUT", target: "/mfab?versioning", body: suspend}), 403, "AccessDenied", msgMFANeeded)
	e.must(root, treq{method: "PUT", target: "/mfab?versioning", body: suspend, header: mfaHeaderOf(code)}, 200)
}

// wrongCode is a six-digit code other than code.
func wrongCode(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}

// TestMFADeleteOff: without MfaDelete, x-amz-mfa is not asked for and
// MfaDelete Disabled needs no MFA.
func TestMFADeleteOff(t *testing.T) {
	e := newEnv(t)
	root := rootOf(acctA)
	e.must(root, treq{method: "PUT", target: "/mfaoff"}, 200)
	e.must(root, treq{method: "PUT", target: "/mfaoff?versioning",
		body: `<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>`}, 200)
	if w := e.must(root, treq{method: "GET", target: "/mfaoff?versioning"}, 200); !strings.Contains(w.Body.String(), "<MfaDelete>Disabled</MfaDelete>") {
		t.Fatalf("GetBucketVersioning = %s, want MfaDelete Disabled", w.Body)
	}
	v := e.must(root, treq{method: "PUT", target: "/mfaoff/k", body: "x"}, 200).Header().Get("X-Amz-Version-Id")
	e.must(root, treq{method: "DELETE", target: "/mfaoff/k?versionId=" + v}, 204)
	wantAWSError(t, "a bad MfaDelete value", e.do(root, treq{method: "PUT", target: "/mfaoff?versioning",
		body: `<VersioningConfiguration><Status>Enabled</Status><MfaDelete>On</MfaDelete></VersioningConfiguration>`}), 400, "MalformedXML",
		"The XML you provided was not well-formed or did not validate against our published schema")
}
