package golden

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// argmin bucket_policy.rs's s3:versionid and version-ACL tests: two
// versions of one key, a policy naming the first, calls on each.

// policyVersions holds the version ids one case's set-up wrote; each case
// has its own.
type policyVersions struct{ allowed, denied string }

// put writes two versions of key (bodies allowed-version, denied-version)
// in a versioned argminBkt with ownership.
func (v *policyVersions) put(key string, ownership types.ObjectOwnership) []argminStep {
	return argminSteps(argminBucket(false, ownership), policyVersioning, func(ctx context.Context, w *World, _ *argminUsers) error {
		for _, p := range []struct {
			id   *string
			body string
		}{{&v.allowed, "allowed-version"}, {&v.denied, "denied-version"}} {
			out, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(p.body)})
			if err != nil {
				return err
			}
			*p.id = aws.ToString(out.VersionId)
		}
		return nil
	})
}

// policy allows the alternate account actions when s3:versionid is the
// allowed version.
func (v *policyVersions) policy(actions string) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		cond, _ := json.Marshal(map[string]map[string]string{"StringEquals": {"s3:versionid": v.allowed}})
		return argminPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":`+argminAltRoot+`,"Action":`+actions+
			`,"Resource":"`+argminObjectsARN+`","Condition":`+string(cond)+`}]}`)(ctx, w, u)
	}
}

// id is the allowed or the denied version's id.
func (v *policyVersions) id(allowed bool) *string {
	if allowed {
		return aws.String(v.allowed)
	}
	return aws.String(v.denied)
}

func policyVersioning(ctx context.Context, w *World, _ *argminUsers) error {
	_, err := root(w).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	return err
}

// policyVersionCase builds one case over a fresh policyVersions: set-up
// writes the versions and the policy, then more steps; call acts on them.
func policyVersionCase(name, test, key, actions string, ownership types.ObjectOwnership,
	more func(v *policyVersions) []argminStep, call func(v *policyVersions) argminCall, want Want) Case {
	v := &policyVersions{}
	steps := append(v.put(key, ownership), v.policy(actions))
	if more != nil {
		steps = append(steps, more(v)...)
	}
	return argminCase(name, argmin("bucket_policy.rs", test), steps, call(v), want)
}

func TestArgminPolicyVersionID(t *testing.T) {
	b := aws.String(argminBkt)
	readAlt := policyGrantHeader{"x-amz-grant-read", argminAlt, `id="%s"`}
	getVersion := func(key string, allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return argminGetVersion(ctx, alt(w), key, v.id(allowed))
			}
		}
	}
	attrs := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetObjectAttributes(ctx, &s3.GetObjectAttributesInput{Bucket: b, Key: aws.String("attributes-version"), VersionId: v.id(allowed),
					ObjectAttributes: []types.ObjectAttributes{types.ObjectAttributesObjectSize}})
			})
		}
	}
	putACL := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
				opts, err := readAlt.option(ctx, w)
				if err != nil {
					return nil, err
				}
				return alt(w).PutObjectAcl(ctx, &s3.PutObjectAclInput{Bucket: b, Key: aws.String("acl-version"), VersionId: v.id(allowed)}, opts...)
			}
		}
	}
	getACL := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetObjectAcl(ctx, &s3.GetObjectAclInput{Bucket: b, Key: aws.String("acl-version"), VersionId: v.id(allowed)})
			})
		}
	}
	putTags := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.PutObjectTagging(ctx, &s3.PutObjectTaggingInput{Bucket: b, Key: aws.String("tagged-version"), VersionId: v.id(allowed),
					Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("security"), Value: aws.String("allow")}}}})
			})
		}
	}
	getTags := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: b, Key: aws.String("tagged-version"), VersionId: v.id(allowed)})
			})
		}
	}
	delTags := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteObjectTagging(ctx, &s3.DeleteObjectTaggingInput{Bucket: b, Key: aws.String("tagged-version"), VersionId: v.id(allowed)})
			})
		}
	}
	del := func(allowed bool) func(v *policyVersions) argminCall {
		return func(v *policyVersions) argminCall {
			return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
				return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String("delete-version"), VersionId: v.id(allowed)})
			})
		}
	}
	after := func(call func(v *policyVersions) argminCall) func(v *policyVersions) []argminStep {
		return func(v *policyVersions) []argminStep { return argminSteps(policyStep(call(v))) }
	}
	const (
		getTest   = "test_bucket_policy_version_id_condition_get_object_version"
		attrTest  = "test_bucket_policy_version_id_condition_get_object_version_attributes"
		aclTest   = "test_bucket_policy_version_id_condition_object_version_acl"
		tagTest   = "test_bucket_policy_version_id_condition_object_version_tagging"
		delTest   = "test_bucket_policy_version_id_condition_delete_object_version"
		aclAct    = `["s3:GetObjectVersionAcl","s3:PutObjectVersionAcl"]`
		tagAct    = `["s3:PutObjectVersionTagging","s3:GetObjectVersionTagging","s3:DeleteObjectVersionTagging"]`
		attrAct   = `["s3:GetObjectVersion","s3:GetObjectVersionAttributes"]`
		getAct    = `"s3:GetObjectVersion"`
		delAct    = `"s3:DeleteObjectVersion"`
		ownerPref = types.ObjectOwnership("")
	)
	ow := types.ObjectOwnershipObjectWriter
	Run(t, []Case{
		policyVersionCase("GetObject/the version s3:versionid names", getTest, "versioned", getAct, ownerPref, nil, getVersion("versioned", true),
			Want{Fields: map[string]any{"Body": "allowed-version"}}),
		policyVersionCase("GetObject/another version", getTest, "versioned", getAct, ownerPref, nil, getVersion("versioned", false), argminDenied),
		policyVersionCase("GetObjectAttributes/the version s3:versionid names", attrTest, "attributes-version", attrAct, ownerPref, nil, attrs(true),
			Want{Fields: map[string]any{"ObjectSize": 15}}),
		policyVersionCase("GetObjectAttributes/another version", attrTest, "attributes-version", attrAct, ownerPref, nil, attrs(false), argminDenied),
		policyVersionCase("PutObjectAcl/the version s3:versionid names", aclTest, "acl-version", aclAct, ow, nil, putACL(true), Want{}),
		policyVersionCase("PutObjectAcl/another version", aclTest, "acl-version", aclAct, ow, nil, putACL(false), argminDenied),
		policyVersionCase("GetObjectAcl/the version s3:versionid names", aclTest, "acl-version", aclAct, ow, after(putACL(true)), getACL(true),
			Want{Fields: map[string]any{"Owner": Present}}),
		policyVersionCase("GetObjectAcl/another version", aclTest, "acl-version", aclAct, ow, after(putACL(true)), getACL(false), argminDenied),
		policyVersionCase("PutObjectTagging/the version s3:versionid names", tagTest, "tagged-version", tagAct, ownerPref, nil, putTags(true), Want{}),
		policyVersionCase("PutObjectTagging/another version", tagTest, "tagged-version", tagAct, ownerPref, nil, putTags(false), argminDenied),
		policyVersionCase("GetObjectTagging/the version s3:versionid names", tagTest, "tagged-version", tagAct, ownerPref, after(putTags(true)), getTags(true),
			Want{Fields: map[string]any{"TagSet": Len(1), "TagSet[0].Key": "security", "TagSet[0].Value": "allow"}}),
		policyVersionCase("GetObjectTagging/another version", tagTest, "tagged-version", tagAct, ownerPref, after(putTags(true)), getTags(false), argminDenied),
		policyVersionCase("DeleteObjectTagging/the version s3:versionid names", tagTest, "tagged-version", tagAct, ownerPref, after(putTags(true)), delTags(true),
			Want{Status: http.StatusNoContent}),
		policyVersionCase("DeleteObjectTagging/another version", tagTest, "tagged-version", tagAct, ownerPref, after(putTags(true)), delTags(false), argminDenied),
		policyVersionCase("DeleteObject/the version s3:versionid names", delTest, "delete-version", delAct, ownerPref, nil, del(true), Want{Status: http.StatusNoContent}),
		policyVersionCase("DeleteObject/the version s3:versionid names, already deleted", delTest, "delete-version", delAct, ownerPref, after(del(true)), del(true),
			Want{Status: http.StatusNoContent}),
		policyVersionCase("DeleteObject/another version", delTest, "delete-version", delAct, ownerPref, nil, del(false), argminDenied),
	})
}

// argminGetVersion reads a version's body.
func argminGetVersion(ctx context.Context, c *s3.Client, key string, version *string) (any, error) {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), VersionId: version})
	if err != nil {
		return out, err
	}
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	return argminBody{Body: string(body)}, err
}
