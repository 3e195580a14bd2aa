package iam

import (
	"encoding/base64"
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func TestCredentialReport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if r := e.call("GetCredentialReport"); r.status != 410 || r.code() != "ReportNotPresent" {
		t.Errorf("GetCredentialReport before generation = %d %s, want 410 ReportNotPresent", r.status, r.code())
	}
	e.must("CreateUser", "UserName", "bob")
	e.must("CreateUser", "UserName", "alice")
	e.must("CreateLoginProfile", "UserName", "alice", "Password", "pw")
	e.must("CreateAccessKey", "UserName", "alice")
	cert := newTestCert(t, "bob", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), nil)
	e.must("UploadSigningCertificate", "UserName", "bob", "CertificateBody", cert.certPEM)
	for i, want := range []string{"STARTED", "COMPLETE"} {
		if got := e.must("GenerateCredentialReport").field("State"); got != want {
			t.Errorf("GenerateCredentialReport #%d State = %q, want %q", i+1, got, want)
		}
	}
	r := e.must("GetCredentialReport")
	if r.field("ReportFormat") != "text/csv" || r.field("GeneratedTime") != "2026-11-23T15:04:05Z" {
		t.Errorf("GetCredentialReport = %s", r.body)
	}
	raw, err := base64.StdEncoding.DecodeString(r.field("Content"))
	if err != nil {
		t.Fatalf("Content is not base64: %v", err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatalf("Content is not CSV: %v", err)
	}
	const header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
		"access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
		"access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
		"cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
	if len(rows) != 4 || strings.Join(rows[0], ",") != header {
		t.Fatalf("report =\n%s", raw)
	}
	want := map[string]map[string]string{
		"<root_account>": {"arn": "arn:aws:iam::111111111111:root", "password_enabled": "not_supported"},
		"alice": {"arn": "arn:aws:iam::111111111111:user/alice", "password_enabled": "true", "password_last_used": "no_information",
			"password_last_changed": "2026-11-23T15:04:05Z", "access_key_1_active": "true", "access_key_1_last_rotated": "2026-11-23T15:04:05Z",
			"access_key_2_active": "false"},
		"bob": {"password_enabled": "false", "password_last_used": "N/A", "access_key_1_active": "false", "mfa_active": "false",
			// "When the user has an X.509 signing certificate and that
			// certificate's status is Active, this value is TRUE"; the last
			// rotated date is N/A without one (IAM User Guide, Getting
			// credential reports for your AWS account, report format).
			"cert_1_active": "true", "cert_1_last_rotated": "2026-11-23T15:04:05Z", "cert_2_active": "false", "cert_2_last_rotated": "N/A"},
	}
	for i, name := range []string{"<root_account>", "alice", "bob"} {
		row := rows[i+1]
		if row[0] != name {
			t.Errorf("row %d user = %q, want %q", i+1, row[0], name)
			continue
		}
		for col, v := range want[name] {
			for j, h := range rows[0] {
				if h == col && row[j] != v {
					t.Errorf("%s %s = %q, want %q", name, col, row[j], v)
				}
			}
		}
	}
	e.now = e.now.Add(5 * time.Hour)
	if r := e.call("GetCredentialReport"); r.status != 410 || r.code() != "ReportExpired" {
		t.Errorf("GetCredentialReport after 5h = %d %s, want 410 ReportExpired", r.status, r.code())
	}
	if got := e.must("GenerateCredentialReport").field("State"); got != "STARTED" {
		t.Errorf("GenerateCredentialReport after expiry State = %q, want STARTED", got)
	}
}
