package conformance

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// The AWS SDK for Go v1 (awsgov1/main.go): the case table, plus its STS
// calls, which parse STS's XML answers with the v1 SDK's own code.

func openAWSGoV1(_ *testing.T, r *toolRunner) objectTool {
	call := awsGoV1.call(r)
	return &callTool{r: r, call: call, extra: []toolCase{whoamiCase(call), deniedAssumeCase(call)}}
}

// whoamiCase: GetCallerIdentity names the caller as AWS does: the user, or
// the assumed-role session (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION).
func whoamiCase(call callFunc) toolCase {
	return toolCase{"sts get-caller-identity", func(ctx context.Context, s *caseState) error {
		want := "arn:aws:iam::" + odinAccount + ":user/odin-operator"
		if s.r.creds.name == "role" {
			want = "arn:aws:sts::" + odinAccount + ":assumed-role/" + roleName + "/s3-access"
		}
		out, err := call("whoami")
		if err != nil {
			return err
		}
		if got := strings.TrimSpace(out); got != want {
			return fmt.Errorf("GetCallerIdentity printed %q, want %q", got, want)
		}
		return nil
	}}
}

// deniedAssumeCase: neither Odin's user nor the role's session may assume
// the role (its trust policy names only Emrys, and neither identity has
// sts:AssumeRole), so STS answers 403 AccessDenied.
func deniedAssumeCase(call callFunc) toolCase {
	return toolCase{"denied assume-role", func(ctx context.Context, s *caseState) error {
		out, err := call("assume", "arn:aws:iam::"+odinAccount+":role/"+roleName)
		if err == nil {
			return fmt.Errorf("AssumeRole succeeded (%q); AWS answers AccessDenied", strings.TrimSpace(out))
		}
		if !strings.Contains(err.Error(), "code=AccessDenied status=403") {
			return fmt.Errorf("want STS's 403 AccessDenied, got %v", err)
		}
		return nil
	}}
}
