package golden

import (
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Expectations of justincormack/argmin's crates/s3-tests, a suite its
// maintainers run against AWS S3 itself (guides/testing.md:
// S3_TEST_ENDPOINT=https://s3.us-east-1.amazonaws.com with a primary and an
// alternate account, a constrained user of the primary account and its
// root user, 2026). Only assertions the suite makes of AWS without an
// "is AWS" / "local only" branch are replayed; each case names the test
// file and function. The suite's primary client is an IAM user of the
// bucket owner's account allowed s3:* (argminUsers.primary), its alternate
// client another account's (argminAlt's root here).

const (
	argminBkt = "argmin-bucket"
	argminAlt = "222222222222"
	// argminS3Admin is the identity policy of the suite's primary user.
	argminS3Admin = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
)

// argmin cites a test of the suite: file under crates/s3-tests/tests/ and
// the test function.
func argmin(file, test string) string {
	return "justincormack/argmin crates/s3-tests/tests/" + file + " " + test + " (asserted against AWS S3, 2026)"
}

// argminUsers are the suite's IAM users of the bucket owner's account:
// primary (s3:*) and constrained (no policy).
type argminUsers struct{ primary, constrained aws.Credentials }

type argminStep func(ctx context.Context, w *World, u *argminUsers) error

// argminCase is a case whose set-up and call may use the suite's users.
func argminCase(name, source string, steps []argminStep, call func(ctx context.Context, w *World, u *argminUsers) (any, error), want Want) Case {
	u := &argminUsers{}
	return Case{Name: name, Source: source,
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			u.primary = w.User(ctx, t, owner, "primary", argminS3Admin)
			u.constrained = w.User(ctx, t, owner, "constrained", "")
			for i, s := range steps {
				if err := s(ctx, w, u); err != nil {
					t.Fatalf("set-up step %d: %v", i+1, err)
				}
			}
		},
		Call: func(ctx context.Context, w *World) (any, error) { return call(ctx, w, u) },
		Want: want}
}

func argminSteps(s ...argminStep) []argminStep { return s }

// root is the owner's root client.
func root(w *World) *s3.Client { return w.S3(Root(owner)) }

// alt is the alternate account's client.
func alt(w *World) *s3.Client { return w.S3(Root(argminAlt)) }

// argminBucket creates argminBkt as the owner's root; with pabOff its
// Block Public Access is deleted (the suite's
// disable_bucket_public_access_block), with ownership set when not "".
func argminBucket(pabOff bool, ownership types.ObjectOwnership) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		b := aws.String(argminBkt)
		if _, err := root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b}); err != nil {
			return err
		}
		if pabOff {
			if _, err := root(w).DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b}); err != nil {
				return err
			}
		}
		if ownership == "" {
			return nil
		}
		_, err := root(w).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{Bucket: b,
			OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{{ObjectOwnership: ownership}}}})
		return err
	}
}

func argminBucketACL(acl types.BucketCannedACL) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(argminBkt), ACL: acl})
		return err
	}
}

// argminPut writes key as the owner's root with canned ACL acl ("" none).
func argminPut(key, body string, acl types.ObjectCannedACL) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			Body: strings.NewReader(body), ACL: acl})
		return err
	}
}

// argminAltPut writes key as the alternate account.
func argminAltPut(key, body string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := argminAltPutCall(key, body)(ctx, w, nil)
		return err
	}
}

func argminAltPutCall(key, body string) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(body)})
	}
}

func argminPolicy(doc string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(argminBkt), Policy: aws.String(doc)})
		return err
	}
}

func argminPAB(acls, ignore, policy, restrict bool) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{Bucket: aws.String(argminBkt),
			PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{BlockPublicAcls: aws.Bool(acls),
				IgnorePublicAcls: aws.Bool(ignore), BlockPublicPolicy: aws.Bool(policy), RestrictPublicBuckets: aws.Bool(restrict)}})
		return err
	}
}

// argminStatement is a one-statement bucket policy document.
func argminStatement(effect, principal, action, resource, condition string) string {
	st := fmt.Sprintf(`{"Effect":%q,"Principal":%s,"Action":%q,"Resource":%q`, effect, principal, action, resource)
	if condition != "" {
		st += `,"Condition":` + condition
	}
	return `{"Version":"2012-10-17","Statement":[` + st + `}]}`
}

const (
	argminBucketARN  = "arn:aws:s3:::" + argminBkt
	argminObjectsARN = "arn:aws:s3:::" + argminBkt + "/*"
	argminOwnerRoot  = `{"AWS":"arn:aws:iam::` + owner + `:root"}`
	argminAltRoot    = `{"AWS":"arn:aws:iam::` + argminAlt + `:root"}`
)

var argminDenied = Want{Status: http.StatusForbidden, Code: "AccessDenied"}

// argminBody reads a GetObject answer's body into the "body" field a
// case can check.
type argminBody struct{ Body string }

func argminGet(c func(w *World, u *argminUsers) *s3.Client, key string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := c(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err != nil {
			return out, err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		return argminBody{Body: string(b)}, err
	}
}

func altClient(w *World, _ *argminUsers) *s3.Client { return alt(w) }

// accessMatrix is access_matrix.rs's set-up: PAB off, BucketOwnerPreferred,
// the bucket ACL, key "foo" with the object ACL, key "bar" private.
func accessMatrix(bucketACL types.BucketCannedACL, objectACL types.ObjectCannedACL) []argminStep {
	return argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(bucketACL),
		argminPut("foo", "foocontent", objectACL), argminPut("bar", "barcontent", ""))
}

func TestArgminAccessMatrix(t *testing.T) {
	am := func(test string) string { return argmin("access_matrix.rs", test+" (run_access_matrix)") }
	prw, pr, priv := types.BucketCannedACLPublicReadWrite, types.BucketCannedACLPublicRead, types.BucketCannedACLPrivate
	listV2 := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(argminBkt)})
	}
	Run(t, []Case{
		argminCase("PutObject/public-read-write bucket: another account creates a new key", am("test_access_bucket_publicreadwrite_object_private"),
			accessMatrix(prw, types.ObjectCannedACLPrivate), argminAltPutCall("new", "newcontent"), Want{}),
		argminCase("PutObject/public-read-write bucket: another account overwrites the key it wrote", am("test_access_bucket_publicreadwrite_object_private"),
			append(accessMatrix(prw, types.ObjectCannedACLPrivate), argminAltPut("new", "newcontent")), argminAltPutCall("new", "overwritecontent"), Want{}),
		argminCase("GetObject/public-read-write bucket: another account reads back the key it wrote", am("test_access_bucket_publicreadwrite_object_publicread"),
			append(accessMatrix(prw, types.ObjectCannedACLPublicRead), argminAltPut("new", "overwritecontent")), argminGet(altClient, "new"),
			Want{Fields: map[string]any{"Body": "overwritecontent"}}),
		argminCase("PutObject/public-read-write bucket: another account may not overwrite the owner's private object", am("test_access_bucket_publicreadwrite_object_private"),
			accessMatrix(prw, types.ObjectCannedACLPrivate), argminAltPutCall("bar", "baroverwrite"), argminDenied),
		argminCase("PutObject/public-read-write bucket: another account may not overwrite a public-read-write object", am("test_access_bucket_publicreadwrite_object_publicreadwrite"),
			accessMatrix(prw, types.ObjectCannedACLPublicReadWrite), argminAltPutCall("foo", "foooverwrite"), argminDenied),
		argminCase("PutObject/public-read bucket: no new key for another account", am("test_access_bucket_publicread_object_private"),
			accessMatrix(pr, types.ObjectCannedACLPrivate), argminAltPutCall("new", "newcontent"), argminDenied),
		argminCase("ListObjectsV2/public-read bucket: another account lists", am("test_access_bucket_publicread_object_publicread"),
			accessMatrix(pr, types.ObjectCannedACLPublicRead), listV2,
			Want{Fields: map[string]any{"Contents": Len(2), "Contents[0].Key": "bar", "Contents[1].Key": "foo"}}),
		argminCase("ListObjectsV2/private bucket: another account may not list", am("test_access_bucket_private_objectv2_publicread"),
			accessMatrix(priv, types.ObjectCannedACLPublicRead), listV2, argminDenied),
		argminCase("GetObject/private bucket: a public-read object reads", am("test_access_bucket_private_object_publicread"),
			accessMatrix(priv, types.ObjectCannedACLPublicRead), argminGet(altClient, "foo"), Want{Fields: map[string]any{"Body": "foocontent"}}),
		argminCase("GetObject/public-read bucket: a private object does not read", am("test_access_bucket_publicread_object_private"),
			accessMatrix(pr, types.ObjectCannedACLPrivate), argminGet(altClient, "bar"), argminDenied),
		argminCase("PutObject/private bucket: another account may not overwrite a public-read-write object", am("test_access_bucket_private_object_publicreadwrite"),
			accessMatrix(priv, types.ObjectCannedACLPublicReadWrite), argminAltPutCall("foo", "barcontent"), argminDenied),
	})
}

// primary is the suite's primary user's client (an IAM user of the owner's
// account allowed s3:*).
func primary(w *World, u *argminUsers) *s3.Client { return w.S3(u.primary) }

func argminGetPolicy(c func(w *World, u *argminUsers) *s3.Client) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(argminBkt)})
	}
}

func argminPutPolicy(c func(w *World, u *argminUsers) *s3.Client, doc string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(argminBkt), Policy: aws.String(doc)})
	}
}

func argminDeletePolicy(c func(w *World, u *argminUsers) *s3.Client) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).DeleteBucketPolicy(ctx, &s3.DeleteBucketPolicyInput{Bucket: aws.String(argminBkt)})
	}
}

func argminPolicyStatus(c func(w *World, u *argminUsers) *s3.Client) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: aws.String(argminBkt)})
	}
}

func rootClient(w *World, _ *argminUsers) *s3.Client { return root(w) }

func TestArgminBucketPolicyRoot(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy_root.rs", test) }
	denyRoot := func(action string) string {
		return argminStatement("Deny", argminOwnerRoot, action, argminBucketARN, "")
	}
	denyCRUD := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":` + argminOwnerRoot +
		`,"Action":["s3:GetBucketPolicy","s3:PutBucketPolicy","s3:DeleteBucketPolicy"],"Resource":"` + argminBucketARN + `"}]}`
	rootGet := argminStatement("Allow", argminOwnerRoot, "s3:GetBucketPolicy", argminBucketARN, "")
	publicList := argminStatement("Allow", `"*"`, "s3:ListBucket", argminBucketARN, "")
	withDeny := func(action string) []argminStep {
		return argminSteps(argminBucket(false, ""), argminPolicy(denyRoot(action)))
	}
	Run(t, []Case{
		argminCase("GetBucketPolicy/the owner's root is not locked out by a deny naming its account", src("test_owner_root_get_bucket_policy_bypasses_explicit_deny"),
			withDeny("s3:GetBucketPolicy"), argminGetPolicy(rootClient), Want{Fields: map[string]any{"Policy": Prefix(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny"`)}}),
		argminCase("GetBucketPolicy/a user of the owner's account is denied by it", src("test_owner_root_get_bucket_policy_bypasses_explicit_deny"),
			withDeny("s3:GetBucketPolicy"), argminGetPolicy(primary), argminDenied),
		argminCase("PutBucketPolicy/the owner's root is not locked out by a deny naming its account", src("test_owner_root_put_bucket_policy_bypasses_explicit_deny"),
			withDeny("s3:PutBucketPolicy"), argminPutPolicy(rootClient, rootGet), Want{Status: http.StatusNoContent}),
		argminCase("PutBucketPolicy/a user of the owner's account is denied by it", src("test_owner_root_put_bucket_policy_bypasses_explicit_deny"),
			withDeny("s3:PutBucketPolicy"), argminPutPolicy(primary, rootGet), argminDenied),
		argminCase("DeleteBucketPolicy/the owner's root is not locked out by a deny naming its account", src("test_owner_root_delete_bucket_policy_bypasses_explicit_deny"),
			withDeny("s3:DeleteBucketPolicy"), argminDeletePolicy(rootClient), Want{Status: http.StatusNoContent}),
		argminCase("DeleteBucketPolicy/a user of the owner's account is denied by it", src("test_owner_root_delete_bucket_policy_bypasses_explicit_deny"),
			withDeny("s3:DeleteBucketPolicy"), argminDeletePolicy(primary), argminDenied),
		argminCase("GetBucketPolicyStatus/no exception for the owner's root", src("test_owner_root_get_bucket_policy_status_has_no_carveout"),
			withDeny("s3:GetBucketPolicyStatus"), argminPolicyStatus(rootClient), argminDenied),
		argminCase("PutBucketPolicy/the owner's root is still held by BlockPublicPolicy", src("test_owner_root_put_bucket_policy_still_blocked_by_block_public_policy"),
			argminSteps(argminBucket(false, ""), argminPAB(false, false, true, false)), argminPutPolicy(rootClient, publicList),
			Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: "User: arn:aws:iam::" + owner + ":root is not authorized to perform: s3:PutBucketPolicy on resource: " +
				`"` + argminBucketARN + `" because public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access.`}),
		argminCase("PutBucketPolicy/a user held by BlockPublicPolicy", argmin("public_access_policy.rs", "test_block_public_policy_denial_response_shape"),
			argminSteps(argminBucket(false, ""), argminPAB(false, false, true, false)),
			argminPutPolicy(primary, argminStatement("Allow", `"*"`, "s3:GetObject", argminObjectsARN, "")),
			Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: "User: arn:aws:iam::" + owner + ":user/primary is not authorized to perform: s3:PutBucketPolicy on resource: " +
				`"` + argminBucketARN + `" because public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access.`}),
		argminCase("PutBucketPolicy/ConfirmRemoveSelfBucketAccess with a deny of the root", src("test_owner_root_confirm_remove_self_bucket_access_does_not_disable_root_carveout"),
			argminSteps(argminBucket(false, "")), func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return root(w).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(argminBkt), Policy: aws.String(denyCRUD),
					ConfirmRemoveSelfBucketAccess: aws.Bool(true)})
			}, Want{Status: http.StatusNoContent}),
		argminCase("GetBucketPolicy/the root after ConfirmRemoveSelfBucketAccess", src("test_owner_root_confirm_remove_self_bucket_access_does_not_disable_root_carveout"),
			argminSteps(argminBucket(false, ""), argminPolicy(denyCRUD)), argminGetPolicy(rootClient), Want{Fields: map[string]any{"Policy": Present}}),
		argminCase("DeleteBucketPolicy/a user after ConfirmRemoveSelfBucketAccess", src("test_owner_root_confirm_remove_self_bucket_access_does_not_disable_root_carveout"),
			argminSteps(argminBucket(false, ""), argminPolicy(denyCRUD)), argminDeletePolicy(primary), argminDenied),
	})
}

func TestArgminPolicyStatus(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	listIf := func(op, cidr string) string {
		return argminStatement("Allow", `"*"`, "s3:ListBucket", argminBucketARN, `{"`+op+`":{"aws:SourceIp":"`+cidr+`"}}`)
	}
	status := func(name, test, doc string, public bool) Case {
		return argminCase("GetBucketPolicyStatus/"+name, src(test), argminSteps(argminBucket(true, ""), argminPolicy(doc)),
			argminPolicyStatus(rootClient), Want{Fields: map[string]any{"PolicyStatus.IsPublic": public}})
	}
	noPolicy := Want{Status: http.StatusNotFound, Code: "NoSuchBucketPolicy", Message: "The bucket policy does not exist"}
	Run(t, []Case{
		argminCase("GetBucketPolicyStatus/no policy", src("test_get_bucket_policy_status_private_bucket"),
			argminSteps(argminBucket(false, "")), argminPolicyStatus(rootClient), noPolicy),
		argminCase("GetBucketPolicyStatus/a public bucket ACL is not a policy", src("test_get_bucket_policy_status_public_bucket_acl"),
			argminSteps(argminBucket(true, types.ObjectOwnershipBucketOwnerPreferred), argminBucketACL(types.BucketCannedACLPublicRead)),
			argminPolicyStatus(rootClient), noPolicy),
		status("Principal * is public", "test_get_bucket_policy_status_public_bucket_policy",
			argminStatement("Allow", `"*"`, "s3:ListBucket", argminBucketARN, ""), true),
		status("aws:SourceIp 10.0.0.0/32 is not public", "test_get_bucket_policy_status_nonpublic_bucket_policy", listIf("IpAddress", "10.0.0.0/32"), false),
		status("aws:SourceIp 0.0.0.0/0 is public", "test_get_bucket_policy_status_public_ipv4_full_range_bucket_policy", listIf("IpAddress", "0.0.0.0/0"), true),
		status("aws:SourceIp wider than /8 is public", "test_get_bucket_policy_status_public_ipv4_cidr_broader_than_slash_8_bucket_policy", listIf("IpAddress", "11.0.0.0/7"), true),
		status("aws:SourceIp /8 is not public", "test_get_bucket_policy_status_nonpublic_ipv4_slash_8_bucket_policy", listIf("IpAddress", "11.0.0.0/8"), false),
		status("IpAddressIfExists pins nothing", "test_get_bucket_policy_status_qualified_source_ip_operator_classification", listIf("IpAddressIfExists", "10.0.0.0/8"), true),
		status("ForAllValues:IpAddress pins nothing", "test_get_bucket_policy_status_qualified_source_ip_operator_classification", listIf("ForAllValues:IpAddress", "10.0.0.0/8"), true),
		status("ForAnyValue:IpAddress pins", "test_get_bucket_policy_status_qualified_source_ip_operator_classification", listIf("ForAnyValue:IpAddress", "10.0.0.0/8"), false),
		status("aws:SourceIp fd00::/8 is public", "test_get_bucket_policy_status_public_ipv6_ula_bucket_policy", listIf("IpAddress", "fd00::/8"), true),
		status("another account's root is not public", "test_get_bucket_policy_status_nonpublic_fixed_principal_policy",
			argminStatement("Allow", argminAltRoot, "s3:ListBucket", argminBucketARN, ""), false),
		argminCase("GetBucketPolicyStatus/another account the policy allows", src("test_get_bucket_policy_status_cross_account_allow"),
			argminSteps(argminBucket(false, ""), argminPolicy(argminStatement("Allow", argminAltRoot, "s3:GetBucketPolicyStatus", argminBucketARN, ""))),
			argminPolicyStatus(altClient), Want{Fields: map[string]any{"PolicyStatus.IsPublic": false}}),
		argminCase("GetBucketPolicyStatus/a deny of another account overrides its allow", src("test_get_bucket_policy_status_cross_account_deny_overrides_allow"),
			argminSteps(argminBucket(false, ""), argminPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+argminAltRoot+
				`,"Action":"s3:GetBucketPolicyStatus","Resource":"`+argminBucketARN+`"},{"Effect":"Deny","Principal":`+argminAltRoot+
				`,"Action":"s3:GetBucketPolicyStatus","Resource":"`+argminBucketARN+`"}]}`)),
			argminPolicyStatus(altClient), argminDenied),
		argminCase("PutBucketPolicy/NotPrincipal in an Allow", src("test_put_bucket_policy_not_principal_rejected"),
			argminSteps(argminBucket(false, "")), argminPutPolicy(rootClient, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":`+
				argminAltRoot+`,"Action":"s3:ListBucket","Resource":"`+argminBucketARN+`"}]}`), Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}),
	})
}

// argminSizedPolicies builds test_put_bucket_policy_allows_raw_over_limit_
// when_normalized_under_limit's policy: statements "StmtNNNN" allowing the
// alternate account s3:GetObject, as many as make the pretty-printed
// document (serde_json's to_string_pretty, two-space indents) exceed 20 KB
// while its normalized form (compact, one-element lists as their element)
// stays within it. It returns both.
func argminSizedPolicies() (pretty, normalized string) {
	var p, n []string
	for i := 0; ; i++ {
		sid := fmt.Sprintf("Stmt%04d", i)
		p = append(p, "    {\n      \"Sid\": \""+sid+"\",\n      \"Effect\": \"Allow\",\n      \"Principal\": {\n        \"AWS\": \"arn:aws:iam::"+argminAlt+
			":root\"\n      },\n      \"Action\": [\n        \"s3:GetObject\"\n      ],\n      \"Resource\": [\n        \""+argminObjectsARN+"\"\n      ]\n    }")
		n = append(n, `{"Sid":"`+sid+`","Effect":"Allow","Principal":`+argminAltRoot+`,"Action":"s3:GetObject","Resource":"`+argminObjectsARN+`"}`)
		pretty = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + strings.Join(p, ",\n") + "\n  ]\n}"
		normalized = `{"Version":"2012-10-17","Statement":[` + strings.Join(n, ",") + `]}`
		if len(pretty) > 20*1024 {
			return pretty, normalized
		}
	}
}

// argminOversizedPolicy is test_put_bucket_policy_rejects_oversized_
// normalized_policy's: compact, distinct resources, over 24 KB.
func argminOversizedPolicy() string {
	var n []string
	for i := 0; ; i++ {
		n = append(n, fmt.Sprintf(`{"Sid":"Stmt%04d","Effect":"Allow","Principal":%s,"Action":"s3:GetObject","Resource":"%spath-%04d*"}`,
			i, argminAltRoot, argminObjectsARN[:len(argminObjectsARN)-1], i))
		if doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(n, ",") + `]}`; len(doc) > 24*1024 {
			return doc
		}
	}
}

func TestArgminPolicyDocuments(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	pretty, normalized := argminSizedPolicies()
	if len(normalized) > 20*1024 {
		t.Fatalf("the normalized policy is %d bytes, over 20 KB", len(normalized))
	}
	sent := "{\n  \"Statement\": {\n    \"Resource\": [\"" + argminBucketARN + "\"],\n    \"Action\": [\"s3:ListBucket\"],\n    \"Principal\": " + argminAltRoot +
		",\n    \"Effect\": \"Allow\",\n    \"Sid\": \"One\"\n  },\n  \"Version\": \"2012-10-17\"\n}"
	readBack := `{"Version":"2012-10-17","Statement":[{"Sid":"One","Effect":"Allow","Principal":` + argminAltRoot +
		`,"Action":"s3:ListBucket","Resource":"` + argminBucketARN + `"}]}`
	Run(t, []Case{
		argminCase("PutBucketPolicy/over 20 KB as sent, within it normalized", src("test_put_bucket_policy_allows_raw_over_limit_when_normalized_under_limit"),
			argminSteps(argminBucket(false, "")), argminPutPolicy(rootClient, pretty), Want{Status: http.StatusNoContent}),
		argminCase("GetBucketPolicy/the normalized form of a pretty-printed policy", src("test_put_bucket_policy_allows_raw_over_limit_when_normalized_under_limit"),
			argminSteps(argminBucket(false, ""), argminPolicy(pretty)), argminGetPolicy(rootClient), Want{Fields: map[string]any{"Policy": normalized}}),
		argminCase("PutBucketPolicy/over 20 KB normalized", src("test_put_bucket_policy_rejects_oversized_normalized_policy"),
			argminSteps(argminBucket(false, "")), argminPutPolicy(rootClient, argminOversizedPolicy()),
			Want{Status: http.StatusBadRequest, Code: "MalformedPolicy", Message: "Normalized policy document exceeds the maximum allowed size of 20480 bytes"}),
		argminCase("GetBucketPolicy/normalized JSON", src("test_bucket_policy_get_returns_normalized_json"),
			argminSteps(argminBucket(false, ""), argminPolicy(sent)), argminGetPolicy(rootClient), Want{Fields: map[string]any{"Policy": readBack}}),
	})
}

// argminTagged writes key tagged security=value as the owner's root.
func argminTagged(key, value string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			Body: strings.NewReader("copy-source"), Tagging: aws.String("security=" + value)})
		return err
	}
}

// argminAltBucket is the alternate account's own bucket (the copies'
// destination).
const argminAltBucket = "argmin-alt-bucket"

func argminAltBucketStep(ctx context.Context, w *World, _ *argminUsers) error {
	_, err := alt(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminAltBucket)})
	return err
}

func TestArgminExistingObjectTag(t *testing.T) {
	copySrc := argmin("bucket_policy.rs", "test_bucket_policy_copy_object_source_existing_tag_condition")
	partSrc := "justincormack/argmin plans/bucket-policy-condition-data-availability-plan.md (source-side UploadPartCopy, AWS-pinned 2026)"
	attrs := argmin("object_attributes_auth.rs", "test_get_object_attributes_existing_tag_condition_still_denies_with_tag_read_access")
	tagCond := `{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}`
	getOnTag := argminStatement("Allow", argminAltRoot, "s3:GetObject", argminObjectsARN, tagCond)
	copySetup := argminSteps(argminBucket(false, ""), argminTagged("public-copy", "public"), argminTagged("private-copy", "private"),
		argminPolicy(getOnTag), argminAltBucketStep)
	copyInto := func(src string) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			return alt(w).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(argminAltBucket), Key: aws.String("copied"),
				CopySource: aws.String(argminBkt + "/" + src)})
		}
	}
	partCopy := func(src string) func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
			up, err := alt(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminAltBucket), Key: aws.String("parts")})
			if err != nil {
				return nil, fmt.Errorf("set-up CreateMultipartUpload: %w", err)
			}
			return alt(w).UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String(argminAltBucket), Key: aws.String("parts"),
				UploadId: up.UploadId, PartNumber: aws.Int32(1), CopySource: aws.String(argminBkt + "/" + src)})
		}
	}
	attrsPolicy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":"s3:GetObjectTagging","Resource":"` +
		argminObjectsARN + `"},{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":["s3:GetObject","s3:GetObjectAttributes"],"Resource":"` +
		argminObjectsARN + `","Condition":` + tagCond + `}]}`
	attrsSetup := argminSteps(argminBucket(false, ""), argminTagged("tagged", "public"), argminPolicy(attrsPolicy))
	Run(t, []Case{
		argminCase("GetObject/the source bucket's tag condition allows the public-tagged object", copySrc,
			copySetup, argminGet(altClient, "public-copy"), Want{Fields: map[string]any{"Body": "copy-source"}}),
		argminCase("CopyObject/the tag condition does not allow the same object as a copy source", copySrc,
			copySetup, copyInto("public-copy"), argminDenied),
		argminCase("CopyObject/nor a private-tagged source", copySrc, copySetup, copyInto("private-copy"), argminDenied),
		argminCase("UploadPartCopy/the tag condition allows the public-tagged source", partSrc, copySetup, partCopy("public-copy"),
			Want{Fields: map[string]any{"CopyPartResult.ETag": Present}}),
		argminCase("UploadPartCopy/not a private-tagged source", partSrc, copySetup, partCopy("private-copy"), argminDenied),
		argminCase("GetObject/allowed on the tag with tag-read access", attrs, attrsSetup, argminGet(altClient, "tagged"),
			Want{Fields: map[string]any{"Body": "copy-source"}}),
		argminCase("GetObjectAttributes/the tag condition does not allow it", attrs, attrsSetup,
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(argminBkt), Key: aws.String("tagged"),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
			}, argminDenied),
	})
}

func TestArgminConditionsPerAction(t *testing.T) {
	plan := "justincormack/argmin plans/bucket-policy-condition-data-availability-plan.md (AWS-pinned rows, 2026)"
	withActions := func(actions, cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot + `,"Action":` + actions +
			`,"Resource":"` + argminObjectsARN + `","Condition":` + cond + `}]}`
	}
	tag := `{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}`
	reqTag := `{"StringEquals":{"s3:RequestObjectTag/security":"public"}}`
	copySource := `{"StringLike":{"s3:x-amz-copy-source":"src/public/*"}}`
	put := func(name, source, doc string, want Want) Case {
		return argminCase("PutBucketPolicy/"+name, source, argminSteps(argminBucket(false, "")), argminPutPolicy(rootClient, doc), want)
	}
	refused := Want{Status: http.StatusBadRequest, Code: "MalformedPolicy"}
	taken := Want{Status: http.StatusNoContent}
	Run(t, []Case{
		put("s3:ExistingObjectTag with s3:PutObject", argmin("bucket_policy.rs", "test_bucket_policy_put_object_existing_tag_condition_is_rejected"),
			withActions(`"s3:PutObject"`, tag), refused),
		put("s3:ExistingObjectTag with s3:GetObject and s3:PutObject", argmin("bucket_policy.rs", "test_bucket_policy_put_object_existing_tag_condition_is_rejected_for_mixed_copy_statement"),
			withActions(`["s3:GetObject","s3:PutObject"]`, tag), refused),
		put("s3:ExistingObjectTag with s3:GetObjectRetention", plan, withActions(`"s3:GetObjectRetention"`, tag),
			Want{Status: http.StatusBadRequest, Code: "MalformedPolicy", Message: "Conditions do not apply to combination of actions and resources in statement"}),
		put("s3:ExistingObjectTag with s3:DeleteObject", plan, withActions(`"s3:DeleteObject"`, tag), refused),
		put("s3:ExistingObjectTag with s3:GetObject", argmin("bucket_policy.rs", "test_bucket_policy_copy_object_source_existing_tag_condition"),
			withActions(`"s3:GetObject"`, tag), taken),
		put("s3:ExistingObjectTag with s3:GetObjectAcl", argmin("bucket_policy.rs", "test_bucket_policy_get_object_acl_existing_tag_condition"),
			withActions(`"s3:GetObjectAcl"`, tag), taken),
		put("s3:ExistingObjectTag with s3:DeleteObjectTagging", plan, withActions(`"s3:DeleteObjectTagging"`, tag), taken),
		put("s3:RequestObjectTag with s3:PutObjectAcl and s3:PutObjectTagging", plan, withActions(`["s3:PutObjectAcl","s3:PutObjectTagging"]`, reqTag), refused),
		put("s3:x-amz-copy-source with s3:GetObject and s3:PutObject", plan, withActions(`["s3:GetObject","s3:PutObject"]`, copySource), refused),
		put("s3:x-amz-acl with s3:GetObjectVersion and s3:PutObject", plan, withActions(`["s3:GetObjectVersion","s3:PutObject"]`, `{"StringEquals":{"s3:x-amz-acl":"private"}}`), refused),
		put("s3:x-amz-copy-source with s3:PutObject", plan, withActions(`"s3:PutObject"`, copySource), taken),
	})
}

// argminWrongOwner is expected_bucket_owner.rs's WRONG_OWNER.
const argminWrongOwner = "000000000000"

func TestArgminExpectedBucketOwner(t *testing.T) {
	src := func(test string) string { return argmin("expected_bucket_owner.rs", test) }
	b, k, wrong := aws.String(argminBkt), aws.String("obj"), aws.String(argminWrongOwner)
	type call = func(ctx context.Context, c *s3.Client) (any, error)
	denied := func(name, test string, head bool, do call) Case {
		want := argminDenied
		if head {
			// No body: the SDK names the status.
			want = Want{Status: http.StatusForbidden, Code: "Forbidden"}
		}
		return argminCase(name+"/another expected bucket owner", src(test),
			argminSteps(argminBucket(false, ""), argminPut("obj", "hello expected owner", "")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) { return do(ctx, primary(w, u)) }, want)
	}
	tags := &types.Tagging{TagSet: []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}}}
	Run(t, []Case{
		argminCase("CreateBucket/x-amz-expected-bucket-owner is ignored", src("test_create_bucket_ignores_expected_bucket_owner"), nil,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt, nil, http.Header{"X-Amz-Expected-Bucket-Owner": {argminWrongOwner}})
			}, Want{}),
		denied("HeadBucket", "test_head_bucket_expected_bucket_owner", true, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("DeleteBucket", "test_delete_bucket_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("PutObject", "test_object_crud_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("x"), ExpectedBucketOwner: wrong})
		}),
		denied("HeadObject", "test_object_crud_expected_bucket_owner", true, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: b, Key: k, ExpectedBucketOwner: wrong})
		}),
		denied("GetObject", "test_object_crud_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: b, Key: k, ExpectedBucketOwner: wrong})
		}),
		denied("DeleteObject", "test_object_crud_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: k, ExpectedBucketOwner: wrong})
		}),
		denied("ListObjectVersions", "test_bucket_listing_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("GetBucketVersioning", "test_bucket_versioning_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("DeleteBucketCors", "test_bucket_cors_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteBucketCors(ctx, &s3.DeleteBucketCorsInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("PutBucketTagging", "test_bucket_tagging_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: b, Tagging: tags, ExpectedBucketOwner: wrong})
		}),
		denied("DeletePublicAccessBlock", "test_public_access_block_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("GetBucketOwnershipControls", "test_bucket_ownership_controls_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("GetBucketEncryption", "test_bucket_encryption_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("PutBucketPolicy", "test_bucket_policy_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: b, ExpectedBucketOwner: wrong,
				Policy: aws.String(argminStatement("Allow", argminOwnerRoot, "s3:GetBucketPolicy", argminBucketARN, ""))})
		}),
		denied("GetBucketPolicyStatus", "test_bucket_policy_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetBucketPolicyStatus(ctx, &s3.GetBucketPolicyStatusInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("PutObjectTagging", "test_object_tagging_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: k, Tagging: tags, ExpectedBucketOwner: wrong})
		}),
		denied("GetObjectAttributes", "test_get_object_attributes_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: k, ExpectedBucketOwner: wrong,
				ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
		}),
		denied("DeleteObjects", "test_delete_objects_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, ExpectedBucketOwner: wrong,
				Delete: &types.Delete{Objects: []types.ObjectIdentifier{{Key: k}}, Quiet: aws.Bool(true)}})
		}),
		denied("CreateMultipartUpload", "test_multipart_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k, ExpectedBucketOwner: wrong})
		}),
		denied("ListMultipartUploads", "test_multipart_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: b, ExpectedBucketOwner: wrong})
		}),
		denied("CopyObject", "test_copy_object_expected_bucket_owner", false, func(ctx context.Context, c *s3.Client) (any, error) {
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("dst"), CopySource: aws.String(argminBkt + "/obj"),
				ExpectedBucketOwner: wrong, ExpectedSourceBucketOwner: aws.String(owner)})
		}),
		argminCase("CopyObject/another expected source bucket owner", src("test_copy_object_expected_bucket_owner"),
			argminSteps(argminBucket(false, ""), argminPut("obj", "copy-source", "")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("dst"), CopySource: aws.String(argminBkt + "/obj"),
					ExpectedBucketOwner: aws.String(owner), ExpectedSourceBucketOwner: wrong})
			}, argminDenied),
		argminCase("CopyObject/both owners as expected", src("test_copy_object_expected_bucket_owner"),
			argminSteps(argminBucket(false, ""), argminPut("obj", "copy-source", "")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).CopyObject(ctx, &s3.CopyObjectInput{Bucket: b, Key: aws.String("dst"), CopySource: aws.String(argminBkt + "/obj"),
					ExpectedBucketOwner: aws.String(owner), ExpectedSourceBucketOwner: aws.String(owner)})
			}, Want{}),
	})
}

// argminAltObjectAccess is ownership.rs's put_alt_object_access_policy:
// the alternate account may read and write objects and their ACLs.
var argminAltObjectAccess = `{"Version":"2012-10-17","Statement":[{"Sid":"AllowAltObjectOwnershipExercises","Effect":"Allow","Principal":` + argminAltRoot +
	`,"Action":["s3:GetObject","s3:GetObjectAcl","s3:PutObject","s3:PutObjectAcl","s3:AbortMultipartUpload"],"Resource":"` + argminObjectsARN + `"}]}`

func argminTagging(c func(w *World, u *argminUsers) *s3.Client, put bool) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		if put {
			return c(w, u).PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String("writer-owned"),
				Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("owner"), Value: aws.String("updated")}}}})
		}
		return c(w, u).GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String(argminBkt), Key: aws.String("writer-owned")})
	}
}

func TestArgminOwnership(t *testing.T) {
	src := func(test string) string { return argmin("ownership.rs", test) }
	foreign := func(ownership types.ObjectOwnership, policy string) []argminStep {
		return argminSteps(argminBucket(false, ownership), argminPolicy(policy), argminAltPut("writer-owned", "data"))
	}
	ownerReads := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowAltWriterPutObject","Effect":"Allow","Principal":` + argminAltRoot +
		`,"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `"},{"Sid":"AllowBucketOwnerReadByBucketPolicy","Effect":"Allow","Principal":` +
		argminOwnerRoot + `,"Action":["s3:GetObject","s3:GetObjectAcl","s3:GetObjectAttributes"],"Resource":"` + argminObjectsARN + `"}]}`
	var cases []Case
	for _, o := range []struct {
		ownership types.ObjectOwnership
		test      string
	}{{types.ObjectOwnershipObjectWriter, "test_object_writer_cross_account_object_tagging_matrix"},
		{types.ObjectOwnershipBucketOwnerPreferred, "test_bucket_owner_preferred_cross_account_object_tagging_matrix"}} {
		steps := foreign(o.ownership, argminAltObjectAccess)
		n := string(o.ownership) + ": "
		cases = append(cases,
			argminCase("GetObjectTagging/"+n+"the bucket owner reads another account's object's tags", src(o.test), steps, argminTagging(primary, false),
				Want{Fields: map[string]any{"TagSet": Len(0)}}),
			argminCase("PutObjectTagging/"+n+"the bucket owner tags another account's object", src(o.test), steps, argminTagging(primary, true), Want{}),
			argminCase("GetObjectTagging/"+n+"the object's owner, not granted by the bucket policy", src(o.test), steps, argminTagging(altClient, false), argminDenied),
			argminCase("PutObjectTagging/"+n+"the object's owner, not granted by the bucket policy", src(o.test), steps, argminTagging(altClient, true), argminDenied),
			argminCase("GetObject/"+n+"the object's owner reads it", src(o.test), steps, argminGet(altClient, "writer-owned"),
				Want{Fields: map[string]any{"Body": "data"}}))
	}
	cases = append(cases,
		argminCase("GetObject/the bucket owner may not read another account's private object", src("test_bucket_owner_cannot_get_private_object_written_by_other_user"),
			foreign(types.ObjectOwnershipObjectWriter, argminAltObjectAccess), argminGet(primary, "writer-owned"), argminDenied),
		argminCase("GetObject/a bucket policy grants the bucket owner no read of another account's object", src("test_bucket_policy_does_not_grant_bucket_owner_read_of_private_foreign_owned_object"),
			foreign(types.ObjectOwnershipObjectWriter, ownerReads), argminGet(primary, "writer-owned"), argminDenied),
		argminCase("GetObjectAcl/nor of its ACL", src("test_bucket_policy_does_not_grant_bucket_owner_get_object_acl_of_private_foreign_owned_object"),
			foreign(types.ObjectOwnershipObjectWriter, ownerReads), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: aws.String(argminBkt), Key: aws.String("writer-owned")})
			}, argminDenied),
		argminCase("GetObjectAttributes/nor of its attributes", src("test_bucket_policy_does_not_grant_bucket_owner_get_object_attributes_of_private_foreign_owned_object"),
			foreign(types.ObjectOwnershipObjectWriter, ownerReads), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: aws.String(argminBkt), Key: aws.String("writer-owned"),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
			}, argminDenied),
		argminCase("GetBucketOwnershipControls/a new bucket is BucketOwnerEnforced", src("test_create_bucket_no_ownership_controls"),
			argminSteps(argminBucket(false, "")), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetBucketOwnershipControls(ctx, &s3.GetBucketOwnershipControlsInput{Bucket: aws.String(argminBkt)})
			}, Want{Fields: map[string]any{"OwnershipControls.Rules": Len(1), "OwnershipControls.Rules[0].ObjectOwnership": "BucketOwnerEnforced"}}),
		argminCase("CreateBucket/again with another ObjectOwnership", src("test_create_bucket_existing_bucket_does_not_overwrite_ownership_controls"),
			argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(argminBkt), ObjectOwnership: types.ObjectOwnershipBucketOwnerEnforced})
			}, Want{Status: http.StatusConflict, Code: "BucketAlreadyOwnedByYou"}),
		argminCase("PutBucketOwnershipControls/an ObjectOwnership padded with spaces", src("test_bucket_ownership_controls_rejects_whitespace_padded_object_ownership"),
			argminSteps(argminBucket(false, "")), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				body := []byte("<OwnershipControls><Rule><ObjectOwnership> BucketOwnerPreferred </ObjectOwnership></Rule></OwnershipControls>")
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"?ownershipControls", body, http.Header{"Content-Md5": {argminMD5(body)}})
			}, Want{Status: http.StatusBadRequest, Code: "MalformedXML"}),
	)
	Run(t, cases)
}

// argminMD5 is the Content-MD5 of body.
func argminMD5(body []byte) string {
	sum := md5.Sum(body)
	return b64(sum[:])
}

func TestArgminBucketACL(t *testing.T) {
	src := func(test string) string { return argmin("bucket_acl.rs", test) }
	// setup_named_acl_enabled_bucket: ObjectWriter at creation, PAB off.
	aclBucket := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter))
	recreate := func(in s3.CreateBucketInput) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			in.Bucket = aws.String(argminBkt)
			return primary(w, u).CreateBucket(ctx, &in)
		}
	}
	owned := Want{Status: http.StatusConflict, Code: "BucketAlreadyOwnedByYou",
		Message: "Your previous request to create the named bucket succeeded and you already own it."}
	publicBlocked := Want{Status: http.StatusBadRequest, Code: "InvalidBucketAclWithBlockPublicAccessError"}
	Run(t, []Case{
		argminCase("CreateBucket/again, for an ObjectWriter bucket with a public-read ACL", src("test_bucket_recreate_overwrite_acl"),
			append(aclBucket, argminBucketACL(types.BucketCannedACLPublicRead)), recreate(s3.CreateBucketInput{}), owned),
		argminCase("GetBucketAcl/the refused re-creation left the ACL", src("test_bucket_recreate_overwrite_acl"),
			append(aclBucket, argminBucketACL(types.BucketCannedACLPublicRead),
				func(ctx context.Context, w *World, u *argminUsers) error {
					_, _ = recreate(s3.CreateBucketInput{})(ctx, w, u)
					return nil
				}),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(argminBkt)})
			}, Want{Fields: map[string]any{"Grants": Len(2)}}),
		argminCase("CreateBucket/again with public-read", src("test_bucket_recreate_new_acl"), aclBucket,
			recreate(s3.CreateBucketInput{ACL: types.BucketCannedACLPublicRead, ObjectOwnership: types.ObjectOwnershipObjectWriter}), publicBlocked),
		argminCase("CreateBucket/public-read with ObjectWriter", src("test_bucket_create_public_read_acl_rejected"), nil,
			recreate(s3.CreateBucketInput{ACL: types.BucketCannedACLPublicRead, ObjectOwnership: types.ObjectOwnershipObjectWriter}), publicBlocked),
		argminCase("CreateBucket/again with grant headers", src("test_bucket_recreate_new_header_grants"), aclBucket,
			recreate(s3.CreateBucketInput{ObjectOwnership: types.ObjectOwnershipObjectWriter, GrantFullControl: aws.String("id=" + owner)}), owned),
	})
}

// argminCanonicalID is the canonical id of c's account, read from the ACL
// of argminBkt (or of a bucket c makes, as the suite's
// alt_canonical_owner_id does).
func argminCanonicalID(ctx context.Context, c *s3.Client, bucket string) (string, error) {
	out, err := c.GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: aws.String(bucket)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.Owner.ID), nil
}

// argminGrantAlt sets argminBkt's ACL to the owner's FULL_CONTROL and perm
// for the alternate account (apply_bucket_canonical_user_grant).
func argminGrantAlt(perm types.Permission) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		ownerID, err := argminCanonicalID(ctx, root(w), argminBkt)
		if err != nil {
			return err
		}
		if err := argminAltBucketStep(ctx, w, nil); err != nil {
			return err
		}
		altID, err := argminCanonicalID(ctx, alt(w), argminAltBucket)
		if err != nil {
			return err
		}
		user := func(id string, p types.Permission) types.Grant {
			return types.Grant{Grantee: &types.Grantee{Type: types.TypeCanonicalUser, ID: aws.String(id)}, Permission: p}
		}
		_, err = root(w).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(argminBkt), AccessControlPolicy: &types.AccessControlPolicy{
			Owner: &types.Owner{ID: aws.String(ownerID)}, Grants: []types.Grant{user(ownerID, types.PermissionFullControl), user(altID, perm)}}})
		return err
	}
}

func TestArgminBucketACLGrants(t *testing.T) {
	src := func(test string) string { return argmin("bucket_acl.rs", test) }
	b := aws.String(argminBkt)
	head := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: b})
	}
	getACL := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).GetBucketAcl(ctx, &s3.GetBucketAclInput{Bucket: b})
	}
	putACL := func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return alt(w).PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: b, ACL: types.BucketCannedACLPrivate})
	}
	put := argminAltPutCall("alt-key", "alt-write")
	headDenied := Want{Status: http.StatusForbidden, Code: "Forbidden"}
	type op struct {
		name string
		call func(ctx context.Context, w *World, u *argminUsers) (any, error)
		deny Want
	}
	ops := []op{{"HeadBucket", head, headDenied}, {"GetBucketAcl", getACL, argminDenied}, {"PutObject", put, argminDenied}, {"PutBucketAcl", putACL, argminDenied}}
	var cases []Case
	for _, g := range []struct {
		perm    types.Permission
		test    string
		allowed map[string]bool
	}{
		{types.PermissionFullControl, "test_bucket_acl_grant_canonical_user_full_control", map[string]bool{"HeadBucket": true, "GetBucketAcl": true, "PutObject": true, "PutBucketAcl": true}},
		{types.PermissionRead, "test_bucket_acl_grant_canonical_user_read", map[string]bool{"HeadBucket": true}},
		{types.PermissionReadAcp, "test_bucket_acl_grant_canonical_user_read_acp", map[string]bool{"GetBucketAcl": true}},
		{types.PermissionWrite, "test_bucket_acl_grant_canonical_user_write", map[string]bool{"PutObject": true}},
	} {
		steps := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminGrantAlt(g.perm))
		for _, o := range ops {
			want := o.deny
			if g.allowed[o.name] {
				want = Want{}
			}
			cases = append(cases, argminCase(o.name+"/another account granted "+string(g.perm), src(g.test), steps, o.call, want))
		}
	}
	cases = append(cases,
		argminCase("PutBucketAcl/a canned ACL and grant headers together", src("test_put_bucket_acl_rejects_canned_acl_with_explicit_grant_headers"),
			argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"?acl", nil, http.Header{"X-Amz-Acl": {"private"},
					"X-Amz-Grant-Read": {`uri="http://acs.amazonaws.com/groups/global/AllUsers"`}})
			}, Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Specifying both Canned ACLs and Header Grants is not allowed"}),
		argminCase("CreateBucket/authenticated-read with the default ownership", src("test_create_bucket_acl_canned_authenticated_read_rejected_with_default_ownership"), nil,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, ACL: types.BucketCannedACLAuthenticatedRead})
			}, Want{Status: http.StatusBadRequest, Code: "InvalidBucketAclWithObjectOwnership"}),
		argminCase("CreateBucket/another account's ACL-enabled bucket", src("test_bucket_recreate_acl_enabled_nonowner_still_bucket_already_exists"),
			argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicRead)),
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return alt(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: b, ObjectOwnership: types.ObjectOwnershipObjectWriter})
			}, Want{Status: http.StatusConflict, Code: "BucketAlreadyExists"}),
	)
	Run(t, cases)
}

func TestArgminAnonymousObjectACL(t *testing.T) {
	src := argmin("public_access_acl.rs", "test_anonymous_public_write_put_object_acl_denied_for_anonymous_owner")
	anon := func(method, path string, header http.Header) func(ctx context.Context, w *World) (*http.Response, error) {
		return func(ctx context.Context, w *World) (*http.Response, error) {
			r, err := http.NewRequestWithContext(ctx, method, w.Endpoint+path, strings.NewReader("data"))
			if err != nil {
				return nil, err
			}
			r.Header = header
			return w.HTTP.Do(r)
		}
	}
	steps := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter), argminBucketACL(types.BucketCannedACLPublicReadWrite),
		func(ctx context.Context, w *World, _ *argminUsers) error {
			resp, err := anon(http.MethodPut, "/"+argminBkt+"/anonymous-owner", http.Header{})(ctx, w)
			if err != nil {
				return err
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("anonymous PutObject: %s", resp.Status)
			}
			return nil
		})
	Run(t, []Case{
		argminCase("PutObjectAcl/unsigned, by the anonymous owner", src, steps,
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return anon(http.MethodPut, "/"+argminBkt+"/anonymous-owner?acl", http.Header{"X-Amz-Acl": {"public-read"}})(ctx, w)
			}, Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: "Anonymous users cannot invoke this API. Please authenticate."}),
		argminCase("GetObjectAcl/unsigned, by the anonymous owner", argmin("public_access_acl.rs", "test_anonymous_public_write_put_uses_special_anonymous_owner_id"), steps,
			func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				return anon(http.MethodGet, "/"+argminBkt+"/anonymous-owner?acl", http.Header{})(ctx, w)
			}, Want{}),
		argminCase("GetObject/the bucket owner may not read the anonymous owner's object", argmin("public_access_acl.rs", "test_anonymous_public_write_put_uses_special_anonymous_owner_id"),
			steps, argminGet(primary, "anonymous-owner"), argminDenied),
	})
}
