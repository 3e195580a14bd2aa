package golden

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// S3 requests signed with a role session's credentials and a missing,
// wrong or dead session token, as justincormack/argmin's STS oracle
// recorded them against AWS (guides/aws-compatibility.md: "S3 SigV4
// header-authentication", "deleted-role authentication" and presigned
// slices, 2026-07-13/14): only a token without a token's form is
// InvalidToken; a missing, another session's or a deleted role's token is
// an unknown key.

// sessionAuthSource cites the guide's slice.
func sessionAuthSource(slice, finding string) string {
	return "justincormack/argmin guides/aws-compatibility.md, " + slice + " slice (recorded against AWS S3 with exact goldens): " + finding
}

// sessionAuthWorld makes bucket "session-auth" and role "r" (trusting
// the account, no permissions), and returns two sessions of the role.
func sessionAuthWorld(ctx context.Context, t *testing.T, w *World) (live, other aws.Credentials) {
	t.Helper()
	_, err := w.S3(Root(iamAcct)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("session-auth")})
	must(t, "CreateBucket", err)
	_, err = iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(trustAccount)})
	must(t, "CreateRole", err)
	caller := w.User(ctx, t, iamAcct, "caller", stsCallerPolicy)
	session := func(name string) aws.Credentials {
		out, err := w.STS(caller).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN("r")), RoleSessionName: aws.String(name)})
		must(t, "AssumeRole", err)
		c := out.Credentials
		return aws.Credentials{AccessKeyID: *c.AccessKeyId, SecretAccessKey: *c.SecretAccessKey, SessionToken: *c.SessionToken}
	}
	return session("live"), session("other")
}

func TestS3SessionAuth(t *testing.T) {
	unknownKey := Want{Status: 403, Code: "InvalidAccessKeyId", Message: "The AWS Access Key Id you provided does not exist in our records."}
	// sessionCase lists the bucket with the live session's key and what
	// creds makes of the token; after runs first (deleting the role).
	sessionCase := func(name, source string, want Want, creds func(live, other aws.Credentials) aws.Credentials,
		after func(ctx context.Context, t *testing.T, w *World)) Case {
		var live, other aws.Credentials
		return Case{Name: name, Source: source, Want: want,
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				live, other = sessionAuthWorld(ctx, t, w)
				if after != nil {
					after(ctx, t, w)
				}
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, creds(live, other), http.MethodGet, "/session-auth", nil, nil)
			}}
	}
	withToken := func(token string) func(live, other aws.Credentials) aws.Credentials {
		return func(live, _ aws.Credentials) aws.Credentials { live.SessionToken = token; return live }
	}
	deleteRole := func(ctx context.Context, t *testing.T, w *World) {
		_, err := iamc(w).DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("r")})
		must(t, "DeleteRole", err)
	}
	Run(t, []Case{
		sessionCase("live session reaches authorization", sessionAuthSource("S3 SigV4 header-authentication",
			"the correct key, token and signature reach authorization (AccessDenied for a permissionless role)"),
			Want{Status: 403, Code: "AccessDenied"}, func(live, _ aws.Credentials) aws.Credentials { return live }, nil),
		sessionCase("token missing", sessionAuthSource("S3 SigV4 header-authentication", "a missing token returns HTTP 403 InvalidAccessKeyId"),
			unknownKey, withToken(""), nil),
		sessionCase("another session's token", sessionAuthSource("S3 SigV4 header-authentication",
			"an independently valid but mismatched session token returns HTTP 403 InvalidAccessKeyId before signature validation"),
			unknownKey, func(live, other aws.Credentials) aws.Credentials { live.SessionToken = other.SessionToken; return live }, nil),
		sessionCase("token not a token", sessionAuthSource("aws-chunked and POST Object",
			"a malformed non-empty token returns HTTP 400 InvalidToken and echoes the rejected value in Token-0"),
			Want{Status: 400, Code: "InvalidToken", Message: "The provided token is malformed or otherwise invalid."}, withToken("not-a-session-token"), nil),
		sessionCase("wrong secret", sessionAuthSource("S3 SigV4 header-authentication", "a correct token plus a bad signature returns SignatureDoesNotMatch"),
			Want{Status: 403, Code: "SignatureDoesNotMatch"}, func(live, _ aws.Credentials) aws.Credentials {
				live.SecretAccessKey = "wrongwrongwrongwrongwrongwrongwrongwrong"
				return live
			}, nil),
		sessionCase("role deleted", sessionAuthSource("deleted-role authentication",
			"after the role is deleted its session returns InvalidAccessKeyId on S3 (InvalidClientTokenId on STS)"),
			unknownKey, func(live, _ aws.Credentials) aws.Credentials { return live }, deleteRole),
		sessionCase("role made again under the same name", sessionAuthSource("deleted-role authentication",
			"the old session of a role deleted and created again with the same ARN stays InvalidAccessKeyId"),
			unknownKey, func(live, _ aws.Credentials) aws.Credentials { return live }, func(ctx context.Context, t *testing.T, w *World) {
				deleteRole(ctx, t, w)
				_, err := iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("r"), AssumeRolePolicyDocument: aws.String(trustAccount)})
				must(t, "CreateRole again", err)
			}),
	})
}
