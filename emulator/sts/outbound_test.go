package sts_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	iamsdk "github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	orgsdk "github.com/aws/aws-sdk-go-v2/service/organizations"
	stssdk "github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Outbound identity federation
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound_getting_started.html):
// the account enables it, a principal gets a JWT from GetWebIdentityToken,
// and an outside service verifies it with the keys its issuer publishes.

const outboundAccount = "111111111111"

type outboundWorld struct {
	ctx  context.Context
	url  string
	root aws.CredentialsProvider
}

func newOutboundWorld(t *testing.T) *outboundWorld {
	t.Helper()
	// Every batched write runs twice (store.Options.Rehearse): the
	// account switch and the signing keys are right when a failing
	// neighbour in their commit round makes them run again.
	ts, _ := emulatortest.StartOver(t, emulator.Options{}, store.Options{Rehearse: true})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return &outboundWorld{ctx: ctx, url: ts.URL, root: creds(outboundAccount, "test", "")}
}

func (w *outboundWorld) iam(c aws.CredentialsProvider) *iamsdk.Client {
	return iamsdk.New(iamsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.url), Credentials: c})
}

func (w *outboundWorld) sts(c aws.CredentialsProvider) *stssdk.Client {
	return stssdk.New(stssdk.Options{Region: "eu-west-1", BaseEndpoint: aws.String(w.url), Credentials: c})
}

// user makes an IAM user with tags and an inline policy, and returns its key.
func (w *outboundWorld) user(t *testing.T, name, policy string, tags ...iamtypes.Tag) aws.CredentialsProvider {
	t.Helper()
	c := w.iam(w.root)
	if _, err := c.CreateUser(w.ctx, &iamsdk.CreateUserInput{UserName: aws.String(name), Tags: tags}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutUserPolicy(w.ctx, &iamsdk.PutUserPolicyInput{UserName: aws.String(name),
		PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}); err != nil {
		t.Fatal(err)
	}
	k, err := c.CreateAccessKey(w.ctx, &iamsdk.CreateAccessKeyInput{UserName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	return creds(*k.AccessKey.AccessKeyId, *k.AccessKey.SecretAccessKey, "")
}

// wantAPIError checks err's code and HTTP status.
func wantAPIError(t *testing.T, step string, err error, code string, status int) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Fatalf("%s: err = %v, want %s", step, err, code)
	}
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) && re.HTTPStatusCode() != status {
		t.Fatalf("%s: status %d, want %d", step, re.HTTPStatusCode(), status)
	}
}

func TestOutboundFeatureSwitch(t *testing.T) {
	t.Parallel()
	w := newOutboundWorld(t)
	c := w.iam(w.root)
	_, err := c.GetOutboundWebIdentityFederationInfo(w.ctx, &iamsdk.GetOutboundWebIdentityFederationInfoInput{})
	wantAPIError(t, "Get before any enable", err, "FeatureDisabled", 404)
	_, err = c.DisableOutboundWebIdentityFederation(w.ctx, &iamsdk.DisableOutboundWebIdentityFederationInput{})
	wantAPIError(t, "Disable while off", err, "FeatureDisabled", 404)
	_, err = w.sts(w.root).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}, SigningAlgorithm: aws.String("RS256")})
	wantAPIError(t, "GetWebIdentityToken while off", err, "OutboundWebIdentityFederationDisabledException", 403)

	on, err := c.EnableOutboundWebIdentityFederation(w.ctx, &iamsdk.EnableOutboundWebIdentityFederationInput{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(*on.IssuerIdentifier, w.url+"/_fakeaws/outbound/") {
		t.Fatalf("IssuerIdentifier = %s, want one served under %s/_fakeaws/outbound/", *on.IssuerIdentifier, w.url)
	}
	_, err = c.EnableOutboundWebIdentityFederation(w.ctx, &iamsdk.EnableOutboundWebIdentityFederationInput{})
	wantAPIError(t, "Enable while on", err, "FeatureEnabled", 409)
	if _, err := c.DisableOutboundWebIdentityFederation(w.ctx, &iamsdk.DisableOutboundWebIdentityFederationInput{}); err != nil {
		t.Fatal(err)
	}
	info, err := c.GetOutboundWebIdentityFederationInfo(w.ctx, &iamsdk.GetOutboundWebIdentityFederationInfoInput{})
	if err != nil || info.JwtVendingEnabled || *info.IssuerIdentifier != *on.IssuerIdentifier {
		t.Fatalf("Get after Disable = %+v, %v; want the same issuer, JwtVendingEnabled false", info, err)
	}
	again, err := c.EnableOutboundWebIdentityFederation(w.ctx, &iamsdk.EnableOutboundWebIdentityFederationInput{})
	if err != nil || *again.IssuerIdentifier != *on.IssuerIdentifier {
		t.Fatalf("second Enable = %+v, %v; want the first issuer %s", again, err, *on.IssuerIdentifier)
	}
}

func TestGetWebIdentityTokenValidation(t *testing.T) {
	t.Parallel()
	w := newOutboundWorld(t)
	tooMany := make([]string, 11)
	for i := range tooMany {
		tooMany[i] = "a"
	}
	tags := make([]ststypes.Tag, 51)
	for i := range tags {
		tags[i] = ststypes.Tag{Key: aws.String("k" + string(rune('a'+i%26)) + string(rune('a'+i/26))), Value: aws.String("v")}
	}
	tests := []struct {
		name string
		in   stssdk.GetWebIdentityTokenInput
		want string
	}{
		{"no audience", stssdk.GetWebIdentityTokenInput{SigningAlgorithm: aws.String("RS256")},
			"1 validation error detected: Value null at 'audience' failed to satisfy constraint: Member must not be null"},
		{"eleven audiences", stssdk.GetWebIdentityTokenInput{Audience: tooMany, SigningAlgorithm: aws.String("RS256")},
			"1 validation error detected: Value '[a, a, a, a, a, a, a, a, a, a, a]' at 'audience' failed to satisfy constraint: Member must have length less than or equal to 10"},
		{"no algorithm", stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}},
			"1 validation error detected: Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null"},
		{"HS256", stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}, SigningAlgorithm: aws.String("HS256")},
			"1 validation error detected: Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]"},
		{"59 seconds", stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}, SigningAlgorithm: aws.String("RS256"), DurationSeconds: aws.Int32(59)},
			"1 validation error detected: Value '59' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"},
		{"3601 seconds", stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}, SigningAlgorithm: aws.String("RS256"), DurationSeconds: aws.Int32(3601)},
			"1 validation error detected: Value '3601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 3600"},
		{"51 tags", stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}, SigningAlgorithm: aws.String("RS256"), Tags: tags},
			"1 validation error detected: Value '51 tags' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Sent as given: the SDK would refuse a missing member itself.
			_, err := w.sts(w.root).GetWebIdentityToken(w.ctx, &tt.in, stssdk.WithAPIOptions(withoutInputValidation))
			wantAPIError(t, tt.name, err, "ValidationError", 400)
			var ae smithy.APIError
			errors.As(err, &ae)
			if ae.ErrorMessage() != tt.want {
				t.Fatalf("message = %q\nwant      %q", ae.ErrorMessage(), tt.want)
			}
		})
	}
}

// A user allowed tokens for one audience and at most 300 seconds, as the
// getting-started guide's policy does (sts:IdentityTokenAudience,
// sts:DurationSeconds).
const tokenPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*",
 "Condition":{"ForAllValues:StringEquals":{"sts:IdentityTokenAudience":"https://api.example.com"},"NumericLessThanEquals":{"sts:DurationSeconds":"300"}}},
 {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`

func TestGetWebIdentityTokenIsVerifiable(t *testing.T) {
	t.Parallel()
	w := newOutboundWorld(t)
	org, err := orgsdk.New(orgsdk.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.url), Credentials: w.root}).
		CreateOrganization(w.ctx, &orgsdk.CreateOrganizationInput{})
	if err != nil {
		t.Fatal(err)
	}
	on, err := w.iam(w.root).EnableOutboundWebIdentityFederation(w.ctx, &iamsdk.EnableOutboundWebIdentityFederationInput{})
	if err != nil {
		t.Fatal(err)
	}
	alice := w.user(t, "alice", tokenPolicy, iamtypes.Tag{Key: aws.String("team"), Value: aws.String("data")})
	for _, alg := range []string{"RS256", "ES384"} {
		out, err := w.sts(alice).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{
			Audience: []string{"https://api.example.com"}, SigningAlgorithm: aws.String(alg),
			Tags: []ststypes.Tag{{Key: aws.String("job"), Value: aws.String("j-1")}}})
		if err != nil {
			t.Fatalf("%s: %v", alg, err)
		}
		claims := verifyOutbound(t, w, *on.IssuerIdentifier, *out.WebIdentityToken, alg)
		ns, _ := claims["https://sts.amazonaws.com/"].(map[string]any)
		checks := map[string]any{
			"iss": *on.IssuerIdentifier, "sub": "arn:aws:iam::" + outboundAccount + ":user/alice",
			"aud": "https://api.example.com", "lifetime": 300.0,
			"aws_account": outboundAccount, "source_region": "eu-west-1", "org_id": *org.Organization.Id,
			"principal_tags": map[string]any{"team": "data"}, "request_tags": map[string]any{"job": "j-1"},
		}
		got := map[string]any{"iss": claims["iss"], "sub": claims["sub"], "aud": claims["aud"],
			"lifetime": claims["exp"].(float64) - claims["iat"].(float64)}
		for k, v := range ns {
			got[k] = v
		}
		for k, want := range checks {
			if g, _ := json.Marshal(got[k]); string(g) != string(must(json.Marshal(want))) {
				t.Errorf("%s: claim %s = %s, want %s", alg, k, g, must(json.Marshal(want)))
			}
		}
		if exp := time.Unix(int64(claims["exp"].(float64)), 0); !exp.Equal(out.Expiration.Truncate(time.Second)) {
			t.Errorf("%s: exp %v, Expiration %v", alg, exp, *out.Expiration)
		}
		if p, _ := ns["ou_path"].(string); !strings.HasPrefix(p, *org.Organization.Id+"/r-") {
			t.Errorf("%s: ou_path = %q, want the organization's path", alg, p)
		}
	}
	// The policy's conditions: another audience, a longer token.
	_, err = w.sts(alice).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{Audience: []string{"https://other.example.com"}, SigningAlgorithm: aws.String("RS256")})
	wantAPIError(t, "another audience", err, "AccessDenied", 403)
	_, err = w.sts(alice).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{Audience: []string{"https://api.example.com"}, SigningAlgorithm: aws.String("RS256"), DurationSeconds: aws.Int32(600)})
	wantAPIError(t, "600 seconds", err, "AccessDenied", 403)
}

// withoutInputValidation removes the SDK's own check of required members.
func withoutInputValidation(stack *middleware.Stack) error {
	_, err := stack.Initialize.Remove("OperationInputValidation")
	return err
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// A role session's token names the role, and may not outlive the session.
func TestGetWebIdentityTokenRoleSession(t *testing.T) {
	t.Parallel()
	w := newOutboundWorld(t)
	c := w.iam(w.root)
	if _, err := c.EnableOutboundWebIdentityFederation(w.ctx, &iamsdk.EnableOutboundWebIdentityFederationInput{}); err != nil {
		t.Fatal(err)
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + outboundAccount + `:root"},"Action":"sts:AssumeRole"}]}`
	if _, err := c.CreateRole(w.ctx, &iamsdk.CreateRoleInput{RoleName: aws.String("ci"), AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutRolePolicy(w.ctx, &iamsdk.PutRolePolicyInput{RoleName: aws.String("ci"), PolicyName: aws.String("p"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetWebIdentityToken","Resource":"*"}]}`)}); err != nil {
		t.Fatal(err)
	}
	bob := w.user(t, "bob", tokenPolicy)
	s, err := w.sts(bob).AssumeRole(w.ctx, &stssdk.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::" + outboundAccount + ":role/ci"),
		RoleSessionName: aws.String("build-7"), DurationSeconds: aws.Int32(900)})
	if err != nil {
		t.Fatal(err)
	}
	session := creds(*s.Credentials.AccessKeyId, *s.Credentials.SecretAccessKey, *s.Credentials.SessionToken)
	_, err = w.sts(session).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{Audience: []string{"svc"}, SigningAlgorithm: aws.String("RS256"), DurationSeconds: aws.Int32(3600)})
	wantAPIError(t, "a token outliving its session", err, "SessionDurationEscalationException", 403)
	out, err := w.sts(session).GetWebIdentityToken(w.ctx, &stssdk.GetWebIdentityTokenInput{Audience: []string{"svc", "svc2"}, SigningAlgorithm: aws.String("RS256")})
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.GetOutboundWebIdentityFederationInfo(w.ctx, &iamsdk.GetOutboundWebIdentityFederationInfoInput{})
	if err != nil {
		t.Fatal(err)
	}
	claims := verifyOutbound(t, w, *info.IssuerIdentifier, *out.WebIdentityToken, "RS256")
	if claims["sub"] != "arn:aws:iam::"+outboundAccount+":role/ci" {
		t.Errorf("sub = %v, want the role's ARN", claims["sub"])
	}
	if aud := must(json.Marshal(claims["aud"])); string(aud) != `["svc","svc2"]` {
		t.Errorf("aud = %s, want both audiences", aud)
	}
	// Such a token is for services outside AWS, never for federation into it.
	_, err = w.sts(nil).AssumeRoleWithWebIdentity(w.ctx, &stssdk.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String("arn:aws:iam::" + outboundAccount + ":role/ci"), RoleSessionName: aws.String("back"),
		WebIdentityToken: out.WebIdentityToken})
	wantAPIError(t, "AssumeRoleWithWebIdentity with an outbound token", err, "InvalidIdentityToken", 400)
	var ae smithy.APIError
	if errors.As(err, &ae); ae.ErrorMessage() != "Tokens from GetWebIdentityToken cannot be used for federation into AWS" {
		t.Errorf("message = %q", ae.ErrorMessage())
	}
}

// verifyOutbound checks token as an outside service would: the issuer's
// discovery document names its JWKS, whose key (by kid) verifies the
// signature for alg. It returns the claims.
func verifyOutbound(t *testing.T, w *outboundWorld, issuer, token, alg string) map[string]any {
	t.Helper()
	var disc struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	getJSON(t, issuer+"/.well-known/openid-configuration", &disc)
	if disc.Issuer != issuer || disc.JWKSURI != issuer+"/.well-known/jwks.json" {
		t.Fatalf("discovery = %+v, want issuer %s and its /.well-known/jwks.json", disc, issuer)
	}
	var jwks struct {
		Keys []struct{ Kty, Kid, Alg, N, E, Crv, X, Y string }
	}
	getJSON(t, disc.JWKSURI, &jwks)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	var header struct{ Alg, Kid, Typ string }
	decodePart(t, parts[0], &header)
	if header.Alg != alg || header.Typ != "JWT" {
		t.Fatalf("header = %+v, want alg %s, typ JWT", header, alg)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	input := []byte(parts[0] + "." + parts[1])
	verified := false
	for _, k := range jwks.Keys {
		if k.Kid != header.Kid || k.Alg != alg {
			continue
		}
		switch alg {
		case "RS256":
			pub := &rsa.PublicKey{N: new(big.Int).SetBytes(b64(t, k.N)), E: int(new(big.Int).SetBytes(b64(t, k.E)).Int64())}
			sum := sha256.Sum256(input)
			verified = rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig) == nil
		case "ES384":
			pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P384(), append(append([]byte{4}, b64(t, k.X)...), b64(t, k.Y)...))
			if err != nil {
				t.Fatalf("JWKS key %s: %v", k.Kid, err)
			}
			sum := sha512.Sum384(input)
			verified = len(sig) == 96 && k.Crv == "P-384" &&
				ecdsa.Verify(pub, sum[:], new(big.Int).SetBytes(sig[:48]), new(big.Int).SetBytes(sig[48:]))
		}
	}
	if !verified {
		t.Fatalf("%s token not verified by the issuer's JWKS (kid %s)", alg, header.Kid)
	}
	var claims map[string]any
	decodePart(t, parts[1], &claims)
	return claims
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

func decodePart(t *testing.T, part string, v any) {
	t.Helper()
	if err := json.Unmarshal(b64(t, part), v); err != nil {
		t.Fatal(err)
	}
}

func b64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
