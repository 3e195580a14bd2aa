package reliability

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// buildRace builds cmd/fakeaws with the race detector into a temporary
// directory (once per test; it takes a while on a loaded machine).
func buildRace(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "fakeaws-race")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-race", "-o", bin, "github.com/fakeaws/fakeaws/cmd/fakeaws")
	out, err := build.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatal("step 'go build -race' hung: not done within 10 minutes")
	}
	if err != nil {
		t.Fatalf("go build -race: %v\n%s", err, out)
	}
	return bin
}

// mintToken asks s's OIDC issuer for an ID token with subject sub and
// audience sts.amazonaws.com (mintTokenFor).
func (s *server) mintToken(t *testing.T, sub string) string {
	t.Helper()
	return s.mintTokenFor(t, map[string]any{"sub": sub, "aud": "sts.amazonaws.com"})
}

// Issue 11 item 11 (JWKS), through a binary built with -race: many
// AssumeRoleWithWebIdentity calls at once verify tokens of a remote issuer
// (a second fakeaws, whose /_fakeaws/oidc fakeaws fetches keys from over
// loopback), so they share the JWKS cache cold and then warm, while a
// quarter of them name a key the issuer does not publish, which refetches
// the set and caches it unused under the valid calls. With
// GORACE=halt_on_error=1 a data race ends the process; the test fails if it
// exits or prints "DATA RACE", or if any call fails. Before the fix the
// cache filled a key lazily without its lock. Skipped with -short: the
// race build takes minutes on a loaded machine.
func TestJWKSRaceThroughBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fakeaws with -race")
	}
	t.Parallel()
	raceBin := buildRace(t)
	issuer := start(t, t.TempDir()) // the remote identity provider
	cmd := exec.Command(raceBin, "--addr", "127.0.0.1:0", "--data", t.TempDir())
	cmd.Env = append(os.Environ(), "GORACE=halt_on_error=1")
	s := startCommand(t, cmd)

	host := strings.TrimPrefix(issuer.url, "http://") + "/_fakeaws/oidc"
	ctx, cancel := stepCtx()
	defer cancel()
	cl := iam.NewFromConfig(s.rootConfig())
	if _, err := cl.CreateOpenIDConnectProvider(ctx, &iam.CreateOpenIDConnectProviderInput{Url: aws.String("https://" + host),
		ClientIDList: []string{"sts.amazonaws.com"}, ThumbprintList: []string{strings.Repeat("a", 40)}}); err != nil {
		t.Fatal(hung("CreateOpenIDConnectProvider", err))
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::` + account +
		`:oidc-provider/` + host + `"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`
	if _, err := cl.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("ci"), AssumeRolePolicyDocument: aws.String(trust)}); err != nil {
		t.Fatal(hung("CreateRole ci", err))
	}
	token := issuer.mintToken(t, "ci")
	// The same token naming a key the issuer does not publish: looking it
	// up refetches the key set and caches it unused, so the valid calls
	// racing with it meet a fresh cached set (a key rotation's path).
	_, rest, _ := strings.Cut(token, ".")
	rotated := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","kid":"rotated","typ":"JWT"}`)) + "." + rest

	const rounds, callers = 3, 32
	for round := range rounds {
		var wg sync.WaitGroup
		errs := make(chan error, callers*4)
		begin := make(chan struct{})
		for c := range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-begin
				for i := range 4 {
					tok := token
					if (c+i)%4 == 0 {
						tok = rotated
					}
					_, err := sts.NewFromConfig(s.config("", "", "")).AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
						RoleArn: aws.String("arn:aws:iam::" + account + ":role/ci"), RoleSessionName: aws.String("ci"), WebIdentityToken: aws.String(tok)})
					switch {
					case tok == rotated && codeOf(err) != "InvalidIdentityToken":
						errs <- fmt.Errorf("token with an unpublished kid: %v, want InvalidIdentityToken", err)
					case tok == token && err != nil:
						errs <- err
					}
				}
			}()
		}
		close(begin)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("round %d: AssumeRoleWithWebIdentity: %v", round, hung("AssumeRoleWithWebIdentity", err))
		}
		if s.cmd.ProcessState != nil || strings.Contains(s.stderr.String(), "DATA RACE") {
			break
		}
	}
	if strings.Contains(s.stderr.String(), "DATA RACE") {
		t.Fatalf("the race detector found a data race:\n%s", s.stderr)
	}
	// Still serving: the race detector would have ended the process.
	if _, err := sts.NewFromConfig(s.rootConfig()).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err != nil {
		t.Fatalf("fakeaws (race build) no longer answers after the concurrent calls: %v\nstderr:\n%s", err, s.stderr)
	}
}
