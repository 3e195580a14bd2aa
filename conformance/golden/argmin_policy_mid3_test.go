package golden

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// argmin bucket_policy.rs's copy-source cases: UploadPartCopy under the
// source's and the destination's policies, s3:x-amz-copy-source compared
// as the header was sent (a leading slash, percent-encoded characters, an
// encoded versionId), *IfExists on the copy source, one policy on two
// buckets, and the bucket encryption actions granted to another account.

// policyDstBkt is a second bucket of the owner, the copies' destination.
const policyDstBkt = "argmin-dst"

func policyDstBucket(ctx context.Context, w *World, _ *argminUsers) error {
	_, err := root(w).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(policyDstBkt)})
	return err
}

// policyDstPolicy puts doc on policyDstBkt.
func policyDstPolicy(doc string) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(policyDstBkt), Policy: aws.String(doc)})
		return err
	}
}

// policyPartCopy starts an upload of "copied" in bucket as creator,
// copies source into part 1 as copier and, with finish, completes it as
// creator and reads the object back (its body).
func policyPartCopy(creator, copier func(w *World, u *argminUsers) *s3.Client, bucket, source string, finish bool) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(bucket), aws.String("copied")
		up, err := creator(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return nil, fmt.Errorf("set-up CreateMultipartUpload: %w", err)
		}
		out, err := copier(w, u).UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			CopySource: aws.String(source)})
		if err != nil || !finish {
			return out, err
		}
		if _, err := creator(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: out.CopyPartResult.ETag}}}}); err != nil {
			return nil, err
		}
		return policyBodyOf(ctx, creator(w, u), bucket, "copied")
	}
}

// policyBodyOf reads bucket/key's body with c.
func policyBodyOf(ctx context.Context, c *s3.Client, bucket, key string) (any, error) {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return out, err
	}
	defer out.Body.Close()
	body, err := io.ReadAll(out.Body)
	return argminBody{Body: string(body)}, err
}

func TestArgminPolicyMidPartCopySource(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	objects := argminSteps(argminBucket(false, ""), argminPut("public/foo", "public/foo", ""), argminPut("public/bar", "public/bar", ""),
		argminPut("private/foo", "private/foo", ""), argminAltBucketStep)
	prefixed := append(append(argminSteps(), objects...), argminPolicy(policyAllowAlt("s3:GetObject", argminObjectsARN[:len(argminObjectsARN)-1]+"public/*")))
	tagged := argminSteps(argminBucket(false, ""), argminTagged("public/foo", "public"), argminTagged("private/foo", "private"), argminAltBucketStep,
		argminPolicy(argminStatement("Allow", argminAltRoot, "s3:GetObject", argminObjectsARN, `{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}`)))
	altC := altClient
	srcOf := func(key string) string { return argminBkt + "/" + key }
	prefixTest, tagTest := src("test_bucket_policy_upload_part_copy_copy_source"), src("test_bucket_policy_upload_part_copy_source_existing_tag_condition")
	same := `{"AWS":"arn:aws:iam::` + owner + `:user/constrained"}`
	sameGet := argminPolicy(argminStatement("Allow", same, "s3:GetObject", argminObjectsARN, ""))
	dstARN := "arn:aws:s3:::" + policyDstBkt + "/*"
	dstDeny := func(cond string) argminStep {
		return policyDstPolicy(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + same + `,"Action":"s3:PutObject","Resource":"` + dstARN +
			`"},{"Effect":"Deny","Principal":` + same + `,"Action":"s3:PutObject","Resource":"` + dstARN + `","Condition":` + cond + `}]}`)
	}
	copySourceCond := dstDeny(`{"StringNotLike":{"s3:x-amz-copy-source":"` + argminBkt + `/public/*"}}`)
	dstTest := src("test_bucket_policy_upload_part_copy_destination_copy_source_condition")
	sameSteps := func(cond argminStep, keys ...string) []argminStep {
		s := argminSteps(argminBucket(false, ""))
		for _, k := range keys {
			s = append(s, argminPut(k, k, ""))
		}
		return append(s, sameGet, policyDstBucket, cond)
	}
	copied := Want{Fields: map[string]any{"CopyPartResult.ETag": Present}}
	Run(t, []Case{
		argminCase("GetObject/another account allowed s3:GetObject on public/*", prefixTest, prefixed, argminGet(altC, "public/foo"),
			Want{Fields: map[string]any{"Body": "public/foo"}}),
		argminCase("UploadPartCopy/a source the source bucket's policy lets the other account read", prefixTest, prefixed,
			policyPartCopy(altC, altC, argminAltBucket, srcOf("public/foo"), false), copied),
		argminCase("CompleteMultipartUpload/the part copied from public/foo", prefixTest, prefixed,
			policyPartCopy(altC, altC, argminAltBucket, srcOf("public/foo"), true), Want{Fields: map[string]any{"Body": "public/foo"}}),
		argminCase("CompleteMultipartUpload/the part copied from public/bar", prefixTest, prefixed,
			policyPartCopy(altC, altC, argminAltBucket, srcOf("public/bar"), true), Want{Fields: map[string]any{"Body": "public/bar"}}),
		argminCase("UploadPartCopy/a source outside the prefix the policy allows", prefixTest, prefixed,
			policyPartCopy(altC, altC, argminAltBucket, srcOf("private/foo"), false), argminDenied),

		argminCase("CompleteMultipartUpload/the part copied from a source with the tag the policy requires", tagTest, tagged,
			policyPartCopy(altC, altC, argminAltBucket, srcOf("public/foo"), true), Want{Fields: map[string]any{"Body": "copy-source"}}),
		argminCase("UploadPartCopy/a source with another tag", tagTest, tagged, policyPartCopy(altC, altC, argminAltBucket, srcOf("private/foo"), false), argminDenied),

		argminCase("CompleteMultipartUpload/a same-account user's part copy the destination's s3:x-amz-copy-source allows", dstTest,
			sameSteps(copySourceCond, "public/foo", "private/foo"), policyPartCopy(primary, constrained, policyDstBkt, srcOf("public/foo"), true),
			Want{Fields: map[string]any{"Body": "public/foo"}}),
		argminCase("UploadPartCopy/a same-account user, a source the destination's s3:x-amz-copy-source denies", dstTest,
			sameSteps(copySourceCond, "public/foo", "private/foo"), policyPartCopy(primary, constrained, policyDstBkt, srcOf("private/foo"), false), argminDenied),
		argminCase("UploadPartCopy/a same-account user under a deny unless s3:x-amz-metadata-directive is COPY",
			src("test_bucket_policy_upload_part_copy_destination_metadata_directive_condition"),
			sameSteps(dstDeny(`{"StringNotEquals":{"s3:x-amz-metadata-directive":"COPY"}}`), "src"),
			policyPartCopy(primary, constrained, policyDstBkt, srcOf("src"), false), argminDenied),
	})
}

// policyRawCopy is the primary user's CopyObject into policyDstBkt/key,
// signed by hand with x-amz-copy-source exactly source.
func policyRawCopy(key, source string) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, http.MethodPut, "/"+policyDstBkt+"/"+key, nil, ckH("x-amz-copy-source", source))
	}
}

// policyVersionedSource holds one case's source version: the first of
// two written to versioned/source.
type policyVersionedSource struct{ first string }

func (v *policyVersionedSource) steps(more ...argminStep) []argminStep {
	write := func(ctx context.Context, w *World, _ *argminUsers) error {
		for i, body := range []string{"denied-version", "latest-version"} {
			out, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("versioned/source"), Body: strings.NewReader(body)})
			if err != nil {
				return err
			}
			if i == 0 {
				v.first = aws.ToString(out.VersionId)
			}
		}
		return nil
	}
	deny := func(ctx context.Context, w *World, u *argminUsers) error {
		return policyDstPolicy(argminStatement("Deny", `"*"`, "s3:PutObject", "arn:aws:s3:::"+policyDstBkt+"/*",
			`{"StringEquals":{"s3:x-amz-copy-source":"`+v.canonical()+`"}}`))(ctx, w, u)
	}
	return append(argminSteps(argminBucket(false, ""), policyVersioning, write, policyDstBucket, deny), more...)
}

func (v *policyVersionedSource) canonical() string {
	return argminBkt + "/versioned/source?versionId=" + v.first
}

// encoded is the source with the version id's first byte percent-encoded
// (the suite's percent_encode_first_byte).
func (v *policyVersionedSource) encoded() string {
	return fmt.Sprintf("%s/versioned/source?versionId=%%%02X%s", argminBkt, v.first[0], url.QueryEscape(v.first[1:]))
}

// partCopy is the primary user's UploadPartCopy, signed by hand, into a
// new upload of key in policyDstBkt; with finish the upload is completed
// and the object read back.
func (v *policyVersionedSource) partCopy(key string, encoded, finish bool) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		c, b, k := primary(w, u), aws.String(policyDstBkt), aws.String(key)
		up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return nil, err
		}
		source := v.canonical()
		if encoded {
			source = v.encoded()
		}
		resp, err := w.Signed(ctx, u.primary, http.MethodPut, "/"+policyDstBkt+"/"+key+"?partNumber=1&uploadId="+url.QueryEscape(aws.ToString(up.UploadId)), nil,
			ckH("x-amz-copy-source", source))
		if err != nil || !finish {
			return resp, err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("UploadPartCopy: %s", resp.Status)
		}
		parts, err := c.ListParts(ctx, &s3.ListPartsInput{Bucket: b, Key: k, UploadId: up.UploadId})
		if err != nil || len(parts.Parts) != 1 {
			return nil, fmt.Errorf("ListParts: %v", err)
		}
		if _, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{PartNumber: aws.Int32(1), ETag: parts.Parts[0].ETag}}}}); err != nil {
			return nil, err
		}
		return policyBodyOf(ctx, c, policyDstBkt, key)
	}
}

func TestArgminPolicyMidCopySourceSpelling(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	dstObjects := "arn:aws:s3:::" + policyDstBkt + "/*"
	const spaced, encodedSpaced = "public/space key+plus#hash", "public/space%20key%2Bplus%23hash"
	slashed := argminSteps(argminBucket(false, ""), argminPut(spaced, "copy-source-normalization", ""), policyDstBucket,
		policyDstPolicy(argminStatement("Deny", `"*"`, "s3:PutObject", dstObjects, `{"StringNotEquals":{"s3:x-amz-copy-source":"/`+argminBkt+`/`+encodedSpaced+`"}}`)))
	private := argminSteps(argminBucket(false, ""), argminPut("private/foo", "private/foo", ""), policyDstBucket,
		policyDstPolicy(argminStatement("Deny", `"*"`, "s3:PutObject", dstObjects, `{"StringLike":{"s3:x-amz-copy-source":"`+argminBkt+`/private/*"}}`)))
	dstBody := func(key string) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return policyBodyOf(ctx, primary(w, u), policyDstBkt, key)
		}
	}
	slashTest := src("test_bucket_policy_copy_source_condition_uses_leading_slash_encoded_header_value")
	unreservedTest := src("test_bucket_policy_copy_source_condition_percent_encoded_unreserved_bypasses_canonical_deny")
	copyVersionTest := "test_bucket_policy_copy_source_percent_encoded_versionid_bypasses_canonical_deny"
	partVersionTest := "test_bucket_policy_upload_part_copy_percent_encoded_versionid_bypasses_canonical_deny"
	versionCase := func(name, test string, build func(v *policyVersionedSource) ([]argminStep, argminCall), want Want) Case {
		v := &policyVersionedSource{}
		steps, call := build(v)
		return argminCase(name, src(test), steps, call, want)
	}
	cases := []Case{
		argminCase("CopyObject/x-amz-copy-source with a leading slash and encoded characters, as the deny's exception spells it", slashTest, slashed,
			policyRawCopy("copied", "/"+argminBkt+"/"+encodedSpaced), Want{}),
		argminCase("GetObject/the copy made with the encoded x-amz-copy-source", slashTest,
			append(append(argminSteps(), slashed...), policyStep(policyRawCopy("copied", "/"+argminBkt+"/"+encodedSpaced))), dstBody("copied"),
			Want{Fields: map[string]any{"Body": "copy-source-normalization"}}),
		argminCase("CopyObject/x-amz-copy-source the deny's pattern matches", unreservedTest, private, policyRawCopy("canonical-denied", argminBkt+"/private/foo"),
			Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		argminCase("CopyObject/x-amz-copy-source with an unreserved character percent-encoded", unreservedTest, private,
			policyRawCopy("copied", argminBkt+"/%70rivate/foo"), Want{}),
		argminCase("GetObject/the copy made with the percent-encoded x-amz-copy-source", unreservedTest,
			append(append(argminSteps(), private...), policyStep(policyRawCopy("copied", argminBkt+"/%70rivate/foo"))), dstBody("copied"),
			Want{Fields: map[string]any{"Body": "private/foo"}}),

		versionCase("CopyObject/x-amz-copy-source naming the version as the deny spells it", copyVersionTest, func(v *policyVersionedSource) ([]argminStep, argminCall) {
			return v.steps(), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return policyRawCopy("canonical-version-denied", v.canonical())(ctx, w, u)
			}
		}, Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		versionCase("CopyObject/x-amz-copy-source with the versionId's first byte percent-encoded", copyVersionTest,
			func(v *policyVersionedSource) ([]argminStep, argminCall) {
				return v.steps(), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return policyRawCopy("encoded-version-copied", v.encoded())(ctx, w, u)
				}
			}, Want{}),
		versionCase("GetObject/the copy of the version named with an encoded versionId", copyVersionTest, func(v *policyVersionedSource) ([]argminStep, argminCall) {
			return v.steps(func(ctx context.Context, w *World, u *argminUsers) error {
				return policyStep(policyRawCopy("encoded-version-copied", v.encoded()))(ctx, w, u)
			}), dstBody("encoded-version-copied")
		}, Want{Fields: map[string]any{"Body": "denied-version"}}),
		versionCase("UploadPartCopy/x-amz-copy-source naming the version as the deny spells it", partVersionTest,
			func(v *policyVersionedSource) ([]argminStep, argminCall) {
				return v.steps(), v.partCopy("canonical-version-denied", false, false)
			}, Want{Status: http.StatusForbidden, Code: "AccessDenied"}),
		versionCase("UploadPartCopy/x-amz-copy-source with the versionId's first byte percent-encoded", partVersionTest,
			func(v *policyVersionedSource) ([]argminStep, argminCall) {
				return v.steps(), v.partCopy("encoded-version-copied", true, false)
			}, Want{}),
		versionCase("CompleteMultipartUpload/the part copied from the version named with an encoded versionId", partVersionTest,
			func(v *policyVersionedSource) ([]argminStep, argminCall) {
				return v.steps(), v.partCopy("encoded-version-copied", true, true)
			}, Want{Fields: map[string]any{"Body": "denied-version"}}),
	}
	Run(t, cases)
}

func TestArgminPolicyMidIfExistsAndBuckets(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	ifExists := argminSteps(argminBucket(true, ""), argminPolicy(policyAltAllows(`"s3:PutObject"`, `{"StringLikeIfExists":{"s3:x-amz-copy-source":"src/public/*"}}`)))
	dstObjects := "arn:aws:s3:::" + policyDstBkt + "/*"
	notLike := argminSteps(argminBucket(true, ""), argminPut("public/foo", "copy-source", ""), argminPut("blocked/foo", "copy-source", ""),
		argminPolicy(policyAllowAlt("s3:GetObject", argminObjectsARN)), policyDstBucket,
		policyDstPolicy(argminStatement("Allow", argminAltRoot, "s3:PutObject", dstObjects,
			`{"StringNotLikeIfExists":{"s3:x-amz-copy-source":"`+argminBkt+`/blocked/*"}}`)))
	altToDst := func(key, source string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			if source == "" {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(policyDstBkt), Key: aws.String(key), Body: strings.NewReader(key)})
			}
			return c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(policyDstBkt), Key: aws.String(key), CopySource: aws.String(source)})
		})
	}
	notLikeTest := src("test_bucket_policy_string_not_like_if_exists_copy_source_condition")
	twoBuckets := argminSteps(argminBucket(false, ""), argminPut("obj1", "data1", ""), policyDstBucket, func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(policyDstBkt), Key: aws.String("obj2"), Body: strings.NewReader("data2")})
		return err
	}, argminPolicy(policyAllowAlt("s3:ListBucket", argminBucketARN)), policyDstPolicy(policyAllowAlt("s3:ListBucket", "arn:aws:s3:::"+policyDstBkt)))
	list := func(bucket string) argminCall {
		return policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
			return c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String(bucket)})
		})
	}
	Run(t, []Case{
		argminCase("PutObject/StringLikeIfExists on s3:x-amz-copy-source, no copy source", src("test_bucket_policy_condition_operator_if_exists"), ifExists,
			policyAltPut("foo", ""), Want{}),
		argminCase("GetObject/the object written under StringLikeIfExists", src("test_bucket_policy_condition_operator_if_exists"),
			append(append(argminSteps(), ifExists...), policyStep(argminAltPutCall("foo", "bar"))), argminGet(primary, "foo"), Want{Fields: map[string]any{"Body": "bar"}}),
		argminCase("PutObject/StringNotLikeIfExists on s3:x-amz-copy-source, no copy source", notLikeTest, notLike, altToDst("direct", ""), Want{}),
		argminCase("CopyObject/StringNotLikeIfExists, a copy source the pattern does not match", notLikeTest, notLike,
			altToDst("copied-public", argminBkt+"/public/foo"), Want{Fields: map[string]any{"CopyObjectResult.ETag": Present}}),
		argminCase("CopyObject/StringNotLikeIfExists, a copy source the pattern matches", notLikeTest, notLike,
			altToDst("copied-blocked", argminBkt+"/blocked/foo"), argminDenied),
		argminCase("ListObjects/the first of two buckets with the same policy", src("test_bucket_policy_another_bucket"), twoBuckets, list(argminBkt),
			Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "obj1"}}),
		argminCase("ListObjects/the second of two buckets with the same policy", src("test_bucket_policy_another_bucket"), twoBuckets, list(policyDstBkt),
			Want{Fields: map[string]any{"Contents": Len(1), "Contents[0].Key": "obj2"}}),
	})
}

func TestArgminPolicyMidEncryptionGrants(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	b := aws.String(argminBkt)
	altGet := policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	})
	altPut := policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeSseC)})
	})
	altDelete := policyAlt(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.DeleteBucketEncryption(ctx, &s3.DeleteBucketEncryptionInput{Bucket: b})
	})
	ownerGet := policyOwner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: b})
	})
	getSteps := argminSteps(argminBucket(false, ""), policyStep(policyOwner(func(ctx context.Context, c *s3.Client) (any, error) {
		return c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: b, ServerSideEncryptionConfiguration: ssecAllowed(types.EncryptionTypeSseC)})
	})), argminPolicy(policyAllowAlt("s3:GetEncryptionConfiguration", argminBucketARN)))
	putSteps := argminSteps(argminBucket(false, ""), argminPolicy(policyAllowAlt("s3:PutEncryptionConfiguration", argminBucketARN)))
	putTest := src("test_bucket_policy_put_bucket_encryption_cross_account_allow")
	Run(t, []Case{
		argminCase("GetBucketEncryption/another account allowed s3:GetEncryptionConfiguration", src("test_bucket_policy_get_bucket_encryption_cross_account_allow"),
			getSteps, altGet, encBlockedIs("SSE-C")),
		argminCase("GetBucketEncryption/a new bucket blocks SSE-C", putTest, putSteps, ownerGet, encBlockedIs("SSE-C")),
		argminCase("PutBucketEncryption/another account allowed s3:PutEncryptionConfiguration", putTest, putSteps, altPut, Want{}),
		argminCase("GetBucketEncryption/the configuration the other account put", putTest, append(append(argminSteps(), putSteps...), policyStep(altPut)),
			ownerGet, encBlockedIs("SSE-C")),
		argminCase("DeleteBucketEncryption/another account allowed s3:PutEncryptionConfiguration", putTest,
			append(append(argminSteps(), putSteps...), policyStep(altPut)), altDelete, Want{Status: http.StatusNoContent}),
		argminCase("GetBucketEncryption/after the other account's delete, the new bucket's blocked types", putTest,
			append(append(argminSteps(), putSteps...), policyStep(altPut), policyStep(altDelete)), ownerGet, encBlockedIs("SSE-C")),
	})
}
