package sts_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	stssdk "github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestOutboundKeysFollowReset: a Reset removes the stored outbound signing
// keys with everything else, so the keys that sign tokens after it must be
// new ones, stored again: a token issued after a reset stays verifiable
// after a restart (the issuer's keys are kept in the store "so tokens
// signed before a restart stay valid", keyring.go). The keys cached in
// memory went on signing after the reset while the store held none, and
// the restarted server published other keys.
func TestOutboundKeysFollowReset(t *testing.T) {
	t.Parallel()
	ts, srv := emulatortest.StartOver(t, emulator.Options{}, store.Options{Rehearse: true})
	w := &outboundWorld{ctx: t.Context(), url: ts.URL, root: creds(outboundAccount, "test", "")}
	token := func(step string) (issuer, jwt string) {
		t.Helper()
		on, err := w.iam(w.root).EnableOutboundWebIdentityFederation(w.ctx, &iamsdk.EnableOutboundWebIdentityFederationInput{})
		if err != nil {
			t.Fatalf("%s: enable: %v", step, err)
		}
		out, err := w.sts(w.root).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{
			Audience: []string{"https://api.example.com"}, SigningAlgorithm: aws.String("RS256")})
		if err != nil {
			t.Fatalf("%s: GetWebIdentityToken: %v", step, err)
		}
		return *on.IssuerIdentifier, *out.WebIdentityToken
	}
	before, beforeToken := token("before the reset")
	if err := srv.Reset(w.ctx); err != nil {
		t.Fatal(err)
	}
	after, afterToken := token("after the reset")
	if after == before {
		t.Fatalf("issuer after the reset = %s, the one from before it", after)
	}
	if kid(t, afterToken) == kid(t, beforeToken) {
		t.Errorf("the token after the reset is signed with the key from before it (kid %s)", kid(t, afterToken))
	}

	// A restart: another server over the same store.
	restarted, err := emulator.New(srv.DB(), emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts2 := httptest.NewServer(restarted)
	t.Cleanup(ts2.Close)
	w2 := &outboundWorld{ctx: w.ctx, url: ts2.URL, root: w.root}
	verifyOutbound(t, w2, strings.Replace(after, ts.URL, ts2.URL, 1), afterToken, "RS256")
}

// kid is the kid of a JWT's header.
func kid(t *testing.T, token string) string {
	t.Helper()
	var header struct{ Kid string }
	decodePart(t, strings.Split(token, ".")[0], &header)
	return header.Kid
}

// TestIssuerKeyFollowsReset: the same for fakeaws's own OIDC issuer
// (/_fakeaws/oidc): a token it mints after a Reset verifies with the keys
// a restarted server publishes. As with session tokens, a token minted
// before a reset does not survive it.
func TestIssuerKeyFollowsReset(t *testing.T) {
	t.Parallel()
	ts, srv := emulatortest.Start(t, emulator.Options{})
	mint := func(url string) string {
		t.Helper()
		resp, err := http.Post(url+"/_fakeaws/oidc/token", "application/x-www-form-urlencoded", strings.NewReader("sub=ci"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Token string `json:"id_token"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Token == "" {
			t.Fatalf("mint: %v, %+v", err, out)
		}
		return out.Token
	}
	before := mint(ts.URL)
	if err := srv.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	after := mint(ts.URL)
	if kid(t, after) == kid(t, before) {
		t.Errorf("the token after the reset is signed with the key from before it (kid %s)", kid(t, after))
	}
	restarted, err := emulator.New(srv.DB(), emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts2 := httptest.NewServer(restarted)
	t.Cleanup(ts2.Close)
	var jwks struct{ Keys []struct{ Kid string } }
	getJSON(t, ts2.URL+"/_fakeaws/oidc/jwks", &jwks)
	if len(jwks.Keys) != 1 || jwks.Keys[0].Kid != kid(t, after) {
		t.Errorf("restarted issuer publishes %+v, want the kid %s of the token minted after the reset", jwks.Keys, kid(t, after))
	}
}
