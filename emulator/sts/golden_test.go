package sts

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/evaluator"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.xml")

// TestGolden compares deterministic response bodies byte for byte.
func TestGolden(t *testing.T) {
	t.Parallel()
	e := newEnv(t, false)
	alice := authn.Caller{Type: evaluator.PrincipalUser, Account: acctA, ARN: "arn:aws:iam::" + acctA + ":user/alice",
		UserID: "AIDAEXAMPLEEXAMPLE001", UserName: "alice"}
	rows := []struct {
		name   string
		params map[string]string
	}{
		{"GetCallerIdentity", map[string]string{"Action": "GetCallerIdentity"}},
		{"AssumeRoleValidationError", map[string]string{"Action": "AssumeRole", "RoleArn": "arn:aws:iam::1", "RoleSessionName": "a b"}},
		{"GetAccessKeyInfo", map[string]string{"Action": "GetAccessKeyInfo", "AccessKeyId": acctB}},
	}
	root := rootCaller(acctA)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			caller := alice
			if row.name == "GetAccessKeyInfo" {
				caller = root
			}
			got := e.call(caller, row.params).Body
			path := filepath.Join("testdata", row.name+".golden.xml")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run with -update): %v", err)
			}
			if got != string(want) {
				t.Errorf("%s body:\n%s\nwant:\n%s", row.name, got, want)
			}
		})
	}
}
