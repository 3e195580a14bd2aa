package golden

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// argmin bucket_policy.rs's multipart and bucket owner enforced cases:
// CreateMultipartUpload under x-amz-acl / x-amz-grant-* / inline tag
// conditions, deletes on a bucket owner enforced bucket, and which
// multipart calls a principal allowed only s3:PutObject may make on an
// upload it did or did not start.

// policyUpload is one case's multipart upload of key: its id, started by
// the alternate account.
type policyUpload struct {
	key string
	id  *string
}

func (p *policyUpload) create(ctx context.Context, w *World, _ *argminUsers) error {
	out, err := alt(w).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(p.key)})
	if err == nil {
		p.id = out.UploadId
	}
	return err
}

// part uploads part 1 (1024 bytes of fill) as c.
func (p *policyUpload) part(c func(w *World, u *argminUsers) *s3.Client, fill byte) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String(p.key), UploadId: p.id,
			PartNumber: aws.Int32(1), Body: strings.NewReader(strings.Repeat(string(fill), 1024))})
	}
}

// complete completes with the parts the initiator lists, as c.
func (p *policyUpload) complete(c func(w *World, u *argminUsers) *s3.Client) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		parts, err := alt(w).ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(argminBkt), Key: aws.String(p.key), UploadId: p.id})
		if err != nil {
			return nil, err
		}
		var done []types.CompletedPart
		for _, x := range parts.Parts {
			done = append(done, types.CompletedPart{PartNumber: x.PartNumber, ETag: x.ETag})
		}
		return c(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(p.key),
			UploadId: p.id, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	}
}

// listParts and abort are c's calls on the upload, with key and id
// replaced when not "" (a missing upload).
func (p *policyUpload) listParts(c func(w *World, u *argminUsers) *s3.Client, key, id string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		k, i := p.target(key, id)
		return c(w, u).ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(argminBkt), Key: k, UploadId: i})
	}
}

func (p *policyUpload) abort(c func(w *World, u *argminUsers) *s3.Client, key, id string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		k, i := p.target(key, id)
		return c(w, u).AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(argminBkt), Key: k, UploadId: i})
	}
}

// target is the key and upload id a call names: id "mutated" is the
// upload's id with its last character changed.
func (p *policyUpload) target(key, id string) (*string, *string) {
	k, i := aws.String(p.key), p.id
	if key != "" {
		k = aws.String(key)
	}
	switch id {
	case "":
	case "mutated":
		b := []byte(aws.ToString(p.id))
		if b[len(b)-1] == 'A' {
			b[len(b)-1] = 'B'
		} else {
			b[len(b)-1] = 'A'
		}
		i = aws.String(string(b))
	default:
		i = aws.String(id)
	}
	return k, i
}

// policyAltAndSameAccountPut is the suite's
// multipart_put_object_policy_for_alt_and_same_account: s3:PutObject on
// the objects for the alternate account and the constrained user.
var policyAltAndSameAccountPut = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot +
	`,"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + owner +
	`:user/constrained"},"Action":"s3:PutObject","Resource":"` + argminObjectsARN + `"}]}`

// policyAltCreateMPU is the alternate account's CreateMultipartUpload of
// key with a canned ACL ("" none), inline tagging ("" none) and a grant
// header naming the bucket owner ("" none).
func policyAltCreateMPU(key string, acl types.ObjectCannedACL, tagging, header string) argminCall {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		opts, err := policyOwnerHeaderOpts(ctx, w, header)
		if err != nil {
			return nil, err
		}
		in := &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String(key), ACL: acl}
		if tagging != "" {
			in.Tagging = aws.String(tagging)
		}
		return alt(w).CreateMultipartUpload(ctx, in, opts...)
	}
}

var policyUploaded = Want{Fields: map[string]any{"UploadId": Present}}

func TestArgminPolicyMidMultipartConditions(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	ow, boe := types.ObjectOwnershipObjectWriter, types.ObjectOwnershipBucketOwnerEnforced
	steps := func(ownership types.ObjectOwnership, doc string) []argminStep {
		return argminSteps(argminBucket(false, ownership), argminPolicy(doc))
	}
	aclIs := func(v string) string {
		return argminStatement("Allow", argminAltRoot, "s3:PutObject", argminObjectsARN, `{"StringEquals":{"s3:x-amz-acl":"`+v+`"}}`)
	}
	inline := src("test_bucket_policy_multipart_upload_inline_tags_require_put_object_tagging")
	putAndTag := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + argminAltRoot +
		`,"Action":["s3:PutObject","s3:PutObjectTagging"],"Resource":"` + argminObjectsARN + `"}]}`
	boePut, boeMPU := src("test_bucket_policy_boe_put_object_acl_condition_applies"), src("test_bucket_policy_boe_multipart_upload_acl_condition_applies")
	owMPU := src("test_bucket_policy_multipart_upload_acl_condition_applies")
	bofc := types.ObjectCannedACLBucketOwnerFullControl
	none := policyGrantHeader{}
	cases := []Case{
		argminCase("CreateMultipartUpload/inline tags with only s3:PutObject", inline, steps("", policyAllowAlt("s3:PutObject", argminObjectsARN)),
			policyAltCreateMPU("denied", "", "security=public", ""), argminDenied),
		argminCase("CreateMultipartUpload/inline tags with s3:PutObjectTagging too", inline, steps("", putAndTag),
			policyAltCreateMPU("allowed", "", "security=public", ""), policyUploaded),
		argminCase("PutObject/bucket owner enforced, without the x-amz-acl the policy requires", boePut, steps(boe, aclIs("bucket-owner-full-control")),
			policyWrite(altClient, "denied", "", false, none), argminDenied),
		argminCase("PutObject/bucket owner enforced, with x-amz-acl bucket-owner-full-control", boePut, steps(boe, aclIs("bucket-owner-full-control")),
			policyWrite(altClient, "allowed", bofc, false, none), Want{}),
		argminCase("CreateMultipartUpload/bucket owner enforced, without the x-amz-acl the policy requires", boeMPU, steps(boe, aclIs("bucket-owner-full-control")),
			policyAltCreateMPU("denied", "", "", ""), argminDenied),
		argminCase("CreateMultipartUpload/bucket owner enforced, with x-amz-acl bucket-owner-full-control", boeMPU, steps(boe, aclIs("bucket-owner-full-control")),
			policyAltCreateMPU("allowed", bofc, "", ""), policyUploaded),
		argminCase("CreateMultipartUpload/without the x-amz-acl the policy requires", owMPU, steps(ow, aclIs("private")),
			policyAltCreateMPU("denied", "", "", ""), argminDenied),
		argminCase("CreateMultipartUpload/with x-amz-acl private as the policy requires", owMPU, steps(ow, aclIs("private")),
			policyAltCreateMPU("allowed", types.ObjectCannedACLPrivate, "", ""), policyUploaded),
	}
	for _, g := range []struct{ test, header string }{
		{"test_bucket_policy_multipart_upload_grant_full_control_condition", "x-amz-grant-full-control"},
		{"test_bucket_policy_multipart_upload_grant_read_condition", "x-amz-grant-read"},
		{"test_bucket_policy_multipart_upload_grant_read_acp_condition", "x-amz-grant-read-acp"},
		{"test_bucket_policy_multipart_upload_grant_write", "x-amz-grant-write"},
		{"test_bucket_policy_multipart_upload_grant_write_acp_condition", "x-amz-grant-write-acp"},
	} {
		s := argminSteps(argminBucket(false, ow), policyGrantPolicy("s3:"+g.header, false))
		cases = append(cases,
			argminCase("CreateMultipartUpload/without the "+g.header+" the policy requires", src(g.test), s, policyAltCreateMPU("denied", "", "", ""), argminDenied),
			argminCase("CreateMultipartUpload/with the "+g.header+" the policy requires", src(g.test), s, policyAltCreateMPU("allowed", "", "", g.header), policyUploaded))
	}
	Run(t, cases)
}

func TestArgminPolicyMidBOEDeletes(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	b := aws.String(argminBkt)
	boe := types.ObjectOwnershipBucketOwnerEnforced
	plain := argminSteps(argminBucket(false, boe), argminPut("denied", "denied", ""), argminPut("allowed", "allowed", ""))
	del := func(key string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String(key)})
		})
	}
	delTest := src("test_bucket_policy_boe_delete_object_requires_delete_object_policy")
	verTest := "test_bucket_policy_boe_delete_object_version_requires_delete_object_version_policy"
	delVersion := func(s *policyVerSet, key string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: aws.String(key), VersionId: s.id(key)})
		})
	}
	Run(t, []Case{
		argminCase("DeleteObject/bucket owner enforced, another account without a policy", delTest, plain, del("denied"), argminDenied),
		argminCase("DeleteObject/bucket owner enforced, another account allowed s3:DeleteObject", delTest,
			append(append(argminSteps(), plain...), argminPolicy(policyAllowAlt("s3:DeleteObject", argminObjectsARN))), del("allowed"), Want{Status: http.StatusNoContent}),
		policyVerCase("DeleteObject/bucket owner enforced, a version, another account without a policy", verTest, boe, func(s *policyVerSet) ([]argminStep, argminCall) {
			return argminSteps(s.put("denied", ""), s.put("allowed", "")), delVersion(s, "denied")
		}, argminDenied),
		policyVerCase("DeleteObject/bucket owner enforced, a version, another account allowed s3:DeleteObjectVersion", verTest, boe,
			func(s *policyVerSet) ([]argminStep, argminCall) {
				return argminSteps(s.put("denied", ""), s.put("allowed", ""), argminPolicy(policyAllowAlt("s3:DeleteObjectVersion", argminObjectsARN))),
					delVersion(s, "allowed")
			}, Want{Status: http.StatusNoContent}),
	})
}

// policyUploadCase builds a case over a fresh policyUpload of key in a
// bucket of ownership (PAB off) whose policy is doc.
func policyUploadCase(name, test string, ownership types.ObjectOwnership, doc, key string, build func(p *policyUpload) ([]argminStep, argminCall), want Want) Case {
	p := &policyUpload{key: key}
	more, call := build(p)
	steps := append(argminSteps(argminBucket(true, ownership), argminPolicy(doc), p.create), more...)
	return argminCase(name, argmin("bucket_policy.rs", test), steps, call, want)
}

func TestArgminPolicyMidMultipartInitiator(t *testing.T) {
	altOnly := policyAllowAlt("s3:PutObject", argminObjectsARN)
	both := policyAltAndSameAccountPut
	def, boe := types.ObjectOwnership(""), types.ObjectOwnershipBucketOwnerEnforced
	aborted := Want{Status: http.StatusNoContent}
	noUpload := Want{Status: http.StatusNotFound, Code: "NoSuchUpload"}
	const (
		abortTest   = "test_bucket_policy_abort_multipart_upload_initiator_only_requires_put_object"
		boeAbort    = "test_bucket_policy_boe_abort_multipart_upload_initiator_only_requires_put_object"
		listTest    = "test_bucket_policy_list_parts_initiator_only_requires_put_object"
		writeTest   = "test_bucket_policy_upload_part_and_complete_allow_same_account_non_initiator_with_put_object"
		boeWrite    = "test_bucket_policy_boe_upload_part_and_complete_allow_same_account_non_initiator_with_put_object"
		manageTest  = "test_bucket_policy_management_paths_deny_same_account_non_initiator_with_put_object"
		boeManage   = "test_bucket_policy_boe_management_paths_deny_same_account_non_initiator_with_put_object"
		missingTest = "test_bucket_policy_management_paths_deny_same_account_non_initiator_missing_upload_with_put_object"
		doneTest    = "test_bucket_policy_completed_abort_denies_same_account_non_initiator_with_put_object"
	)
	cases := []Case{
		policyUploadCase("AbortMultipartUpload/the initiator allowed only s3:PutObject", abortTest, def, altOnly, "cross-account-abort",
			func(p *policyUpload) ([]argminStep, argminCall) { return nil, p.abort(altClient, "", "") }, aborted),
		policyUploadCase("AbortMultipartUpload/bucket owner enforced, the initiator allowed only s3:PutObject", boeAbort, boe, altOnly, "boe-cross-account-abort",
			func(p *policyUpload) ([]argminStep, argminCall) { return nil, p.abort(altClient, "", "") }, aborted),
		policyUploadCase("ListParts/the initiator allowed only s3:PutObject", listTest, def, altOnly, "cross-account-list-parts",
			func(p *policyUpload) ([]argminStep, argminCall) {
				return argminSteps(policyStep(p.part(altClient, 'x'))), p.listParts(altClient, "", "")
			}, Want{Fields: map[string]any{"Parts": Len(1), "Parts[0].PartNumber": 1}}),
		policyUploadCase("CompleteMultipartUpload/the completed object, by the bucket owner", doneTest, def, both, "same-account-non-initiator-completed-abort",
			func(p *policyUpload) ([]argminStep, argminCall) {
				return argminSteps(policyStep(p.part(altClient, 'q')), policyStep(p.complete(altClient))),
					argminGet(primary, "same-account-non-initiator-completed-abort")
			}, Want{Fields: map[string]any{"Body": strings.Repeat("q", 1024)}}),
		policyUploadCase("AbortMultipartUpload/a completed upload, by a same-account user allowed only s3:PutObject", doneTest, def, both,
			"same-account-non-initiator-completed-abort", func(p *policyUpload) ([]argminStep, argminCall) {
				return argminSteps(policyStep(p.part(altClient, 'q')), policyStep(p.complete(altClient))), p.abort(constrained, "", "")
			}, argminDenied),
	}
	for _, x := range []struct {
		test string
		own  types.ObjectOwnership
		what string
	}{{writeTest, def, ""}, {boeWrite, boe, "bucket owner enforced, "}} {
		key := "same-account-non-initiator-write"
		cases = append(cases,
			policyUploadCase("UploadPart/"+x.what+"a same-account user allowed only s3:PutObject, not the initiator", x.test, x.own, both, key,
				func(p *policyUpload) ([]argminStep, argminCall) { return nil, p.part(constrained, 'y') }, Want{Fields: map[string]any{"ETag": Present}}),
			policyUploadCase("CompleteMultipartUpload/"+x.what+"a same-account user allowed only s3:PutObject, not the initiator", x.test, x.own, both, key,
				func(p *policyUpload) ([]argminStep, argminCall) {
					return argminSteps(policyStep(p.part(constrained, 'y'))), p.complete(constrained)
				}, Want{Fields: map[string]any{"Key": key}}),
			policyUploadCase("GetObject/"+x.what+"the object the same-account user completed", x.test, x.own, both, key,
				func(p *policyUpload) ([]argminStep, argminCall) {
					return argminSteps(policyStep(p.part(constrained, 'y')), policyStep(p.complete(constrained))), argminGet(primary, key)
				}, Want{Fields: map[string]any{"Body": strings.Repeat("y", 1024)}}))
	}
	for _, x := range []struct {
		test string
		own  types.ObjectOwnership
		what string
	}{{manageTest, def, ""}, {boeManage, boe, "bucket owner enforced, "}} {
		key := "same-account-non-initiator-manage"
		parted := func(p *policyUpload) []argminStep { return argminSteps(policyStep(p.part(altClient, 'z'))) }
		cases = append(cases,
			policyUploadCase("ListParts/"+x.what+"a same-account user allowed only s3:PutObject, not the initiator", x.test, x.own, both, key,
				func(p *policyUpload) ([]argminStep, argminCall) { return parted(p), p.listParts(constrained, "", "") }, argminDenied),
			policyUploadCase("AbortMultipartUpload/"+x.what+"a same-account user allowed only s3:PutObject, not the initiator", x.test, x.own, both, key,
				func(p *policyUpload) ([]argminStep, argminCall) { return parted(p), p.abort(constrained, "", "") }, argminDenied))
	}
	missingKey := "same-account-non-initiator-missing-upload"
	for _, m := range []struct{ what, key, id string }{
		{"another key", missingKey + "-wrong-key", ""}, {"a changed upload id", "", "mutated"}, {"an upload id never issued", "", "missing-upload-id"},
	} {
		abortFirst := func(p *policyUpload) []argminStep { return argminSteps(policyStep(p.abort(altClient, "", ""))) }
		cases = append(cases,
			policyUploadCase("ListParts/a same-account user, "+m.what, missingTest, def, both, missingKey,
				func(p *policyUpload) ([]argminStep, argminCall) {
					return abortFirst(p), p.listParts(constrained, m.key, m.id)
				}, noUpload),
			policyUploadCase("AbortMultipartUpload/a same-account user, "+m.what, missingTest, def, both, missingKey,
				func(p *policyUpload) ([]argminStep, argminCall) {
					return abortFirst(p), p.abort(constrained, m.key, m.id)
				}, noUpload))
	}
	cases = append(cases, policyUploadCase("ListParts/the initiator, an aborted upload", missingTest, def, both, missingKey,
		func(p *policyUpload) ([]argminStep, argminCall) {
			return argminSteps(policyStep(p.abort(altClient, "", ""))), p.listParts(altClient, "", "")
		}, Want{Status: http.StatusNotFound, Refused: true}))
	Run(t, cases)
}
