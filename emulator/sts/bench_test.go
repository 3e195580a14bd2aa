package sts

import "testing"

func BenchmarkAssumeRole(b *testing.B) {
	e := newEnv(b, false)
	alice := e.user(acctA, "alice", allowAssume("*"))
	role := e.role(acctB, "Bench", trustAWS("arn:aws:iam::"+acctA+":root"), 0, nil)
	params := map[string]string{"Action": "AssumeRole", "RoleArn": role.ARN, "RoleSessionName": "bench"}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if resp := e.call(alice, params); resp.Status != 200 {
			b.Fatalf("AssumeRole: %d %s", resp.Status, resp.Error.Code)
		}
	}
}

// BenchmarkGetSessionToken is the handler alone (no HTTP, no signature):
// an IAM user's GetSessionToken, sealed and written as XML.
func BenchmarkGetSessionToken(b *testing.B) {
	e := newEnv(b, false)
	alice := e.user(acctA, "alice")
	params := map[string]string{"Action": "GetSessionToken"}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if resp := e.call(alice, params); resp.Status != 200 {
			b.Fatalf("GetSessionToken: %d %s", resp.Status, resp.Error.Code)
		}
	}
}
