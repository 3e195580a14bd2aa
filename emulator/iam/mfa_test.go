package iam

import (
	"context"
	"encoding/base64"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
	"github.com/fakeaws/fakeaws/evaluator"
)

func TestVirtualMFA(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	r := e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "alice-phone")
	serial := r.field("SerialNumber")
	if serial != "arn:aws:iam::111111111111:mfa/alice-phone" {
		t.Fatalf("SerialNumber = %q", serial)
	}
	raw, err := base64.StdEncoding.DecodeString(r.field("Base32StringSeed"))
	if err != nil {
		t.Fatalf("Base32StringSeed is not base64: %v", err)
	}
	seed := string(raw)
	bad := e.call("EnableMFADevice", "UserName", "alice", "SerialNumber", serial, "AuthenticationCode1", "000000", "AuthenticationCode2", "000000")
	if bad.status != 403 || bad.code() != "InvalidAuthenticationCode" {
		t.Errorf("EnableMFADevice with bad codes = %d %s, want 403 InvalidAuthenticationCode", bad.status, bad.code())
	}
	c1 := totp.Code(seed, e.now.Add(-30*time.Second))
	c2 := totp.Code(seed, e.now)
	e.must("EnableMFADevice", "UserName", "alice", "SerialNumber", serial, "AuthenticationCode1", c1, "AuthenticationCode2", c2)
	if got := e.must("ListMFADevices", "UserName", "alice").field("SerialNumber"); got != serial {
		t.Errorf("ListMFADevices serial = %q, want %q", got, serial)
	}
	if got := e.call("DeleteUser", "UserName", "alice"); got.code() != "DeleteConflict" {
		t.Errorf("DeleteUser with MFA = %s, want DeleteConflict", got.code())
	}
	if got := e.call("DeleteVirtualMFADevice", "SerialNumber", serial); got.code() != "DeleteConflict" {
		t.Errorf("DeleteVirtualMFADevice in use = %s, want DeleteConflict", got.code())
	}
	e.must("DeactivateMFADevice", "UserName", "alice", "SerialNumber", serial)
	if got := e.must("ListVirtualMFADevices", "AssignmentStatus", "Unassigned").field("SerialNumber"); got != serial {
		t.Errorf("unassigned device = %q, want %q", got, serial)
	}
	e.must("DeleteVirtualMFADevice", "SerialNumber", serial)
	e.must("DeleteUser", "UserName", "alice")
	// The store record is what STS reads.
	err = e.db.View(context.Background(), func(tx *store.Tx) error {
		if tx.Exists(testAccount, store.KindMFADevice, serial) {
			t.Errorf("MFA device record still present after delete")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGetMFADevice covers GetMFADevice on an enabled, an unassigned and
// someone else's device.
func TestGetMFADevice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.must("CreateUser", "UserName", "alice")
	e.must("CreateUser", "UserName", "bob")
	r := e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "phone")
	serial := r.field("SerialNumber")
	raw, err := base64.StdEncoding.DecodeString(r.field("Base32StringSeed"))
	if err != nil {
		t.Fatal(err)
	}
	e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "spare")
	e.must("EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
		"AuthenticationCode1", totp.Code(string(raw), e.now.Add(-30*time.Second)), "AuthenticationCode2", totp.Code(string(raw), e.now))
	tests := []struct {
		name   string
		kv     []string
		status int
		code   string
		fields map[string]string
	}{
		{name: "enabled", kv: []string{"UserName", "alice", "SerialNumber", serial}, status: 200,
			fields: map[string]string{"UserName": "alice", "SerialNumber": serial, "EnableDate": "2026-11-23T15:04:05Z"}},
		{name: "other user's", kv: []string{"UserName", "bob", "SerialNumber", serial}, status: 404, code: "NoSuchEntity"},
		{name: "unassigned", kv: []string{"UserName", "alice", "SerialNumber", "arn:aws:iam::111111111111:mfa/spare"}, status: 404, code: "NoSuchEntity"},
		{name: "missing user", kv: []string{"UserName", "carol", "SerialNumber", serial}, status: 404, code: "NoSuchEntity"},
		{name: "no serial", kv: []string{"UserName", "alice"}, status: 400, code: "ValidationError"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := e.call("GetMFADevice", tc.kv...)
			if got.status != tc.status || got.code() != tc.code {
				t.Fatalf("GetMFADevice(%v) = %d %q, want %d %q\n%s", tc.kv, got.status, got.code(), tc.status, tc.code, got.body)
			}
			for k, v := range tc.fields {
				if f := got.field(k); f != v {
					t.Errorf("<%s> = %q, want %q", k, f, v)
				}
			}
		})
	}
}

// TestDeactivateMFADeviceCaller covers DeactivateMFADevice's optional
// UserName: omitted, it acts on the calling IAM user (AWS API reference,
// DeactivateMFADevice: "it defaults to the principal making the request").
func TestDeactivateMFADeviceCaller(t *testing.T) {
	t.Parallel()
	roleInfo := &authn.Info{RequestID: "req-1", Time: fixedNow, Caller: authn.Caller{
		Type: evaluator.PrincipalAssumedRole, Account: testAccount,
		ARN: "arn:aws:sts::" + testAccount + ":assumed-role/r/s", UserID: "AROAEXAMPLE:s"}}
	tests := []struct {
		name     string
		caller   *authn.Info
		kv       []string
		status   int
		code     string
		released bool // the device ends unassigned
	}{
		{name: "own device, no UserName", caller: userInfo(testAccount, "alice"), status: 200, released: true},
		{name: "root names the user", caller: rootInfo(testAccount), kv: []string{"UserName", "alice"}, status: 200, released: true},
		{name: "root without UserName", caller: rootInfo(testAccount), status: 404, code: "NoSuchEntity"},
		{name: "other user without UserName", caller: userInfo(testAccount, "bob"), status: 404, code: "NoSuchEntity"},
		{name: "role without UserName", caller: roleInfo, status: 400, code: "ValidationError"},
		{name: "missing user", caller: rootInfo(testAccount), kv: []string{"UserName", "carol"}, status: 404, code: "NoSuchEntity"},
	}
	allow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:DeactivateMFADevice","Resource":"*"}]}`
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			for _, u := range []string{"alice", "bob"} {
				e.must("CreateUser", "UserName", u)
				e.must("PutUserPolicy", "UserName", u, "PolicyName", "p", "PolicyDocument", allow)
			}
			r := e.must("CreateVirtualMFADevice", "VirtualMFADeviceName", "phone")
			serial := r.field("SerialNumber")
			raw, err := base64.StdEncoding.DecodeString(r.field("Base32StringSeed"))
			if err != nil {
				t.Fatal(err)
			}
			e.must("EnableMFADevice", "UserName", "alice", "SerialNumber", serial,
				"AuthenticationCode1", totp.Code(string(raw), e.now.Add(-30*time.Second)), "AuthenticationCode2", totp.Code(string(raw), e.now))
			got := e.callAs(tc.caller, "DeactivateMFADevice", append([]string{"SerialNumber", serial}, tc.kv...)...)
			if got.status != tc.status || got.code() != tc.code {
				t.Fatalf("DeactivateMFADevice = %d %q, want %d %q\n%s", got.status, got.code(), tc.status, tc.code, got.body)
			}
			unassigned := e.must("ListVirtualMFADevices", "AssignmentStatus", "Unassigned").field("SerialNumber") == serial
			if unassigned != tc.released {
				t.Errorf("device unassigned = %v, want %v", unassigned, tc.released)
			}
		})
	}
}
