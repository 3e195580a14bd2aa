package golden

import (
	"context"
	"crypto/md5"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// argmin bucket_policy.rs's encryption-header conditions: a Deny of
// s3:PutObject when s3:x-amz-server-side-encryption (or its SSE-C
// algorithm) is Null or not AES256, on PutObject, CopyObject and the
// multipart calls. The suite reaches AWS over https, as SSE-C needs; the
// replay's http is fakeaws's (docs/deviations.md).

// policySSEC is a fixed SSE-C key: algorithm, key and key MD5.
type policySSEC struct{ alg, key, md5 *string }

func newPolicySSEC(alg string) policySSEC {
	k := []byte("0123456789abcdef0123456789abcdef")
	sum := md5.Sum(k)
	return policySSEC{aws.String(alg), aws.String(b64(k)), aws.String(b64(sum[:]))}
}

// policyDenyUnless denies principal s3:PutObject on the objects when key
// matches operator ("Null" with "true", "StringNotEquals" with "AES256").
func policyDenyUnless(principal, operator, key, value string) string {
	return argminStatement("Deny", principal, "s3:PutObject", argminObjectsARN, `{"`+operator+`":{"`+key+`":"`+value+`"}}`)
}

// policySameAccount is the suite's same_account_exact_principal policy
// for the constrained user: Get and Put allowed, Put denied without the
// header key.
func policySameAccount(key string) string {
	p := `{"AWS":"arn:aws:iam::` + owner + `:user/constrained"}`
	st := func(effect, action, cond string) string {
		s := `{"Effect":"` + effect + `","Principal":` + p + `,"Action":"` + action + `","Resource":"` + argminObjectsARN + `"`
		if cond != "" {
			s += `,"Condition":` + cond
		}
		return s + `}`
	}
	return `{"Version":"2012-10-17","Statement":[` + st("Allow", "s3:GetObject", "") + `,` + st("Allow", "s3:PutObject", "") + `,` +
		st("Deny", "s3:PutObject", `{"Null":{"`+key+`":"true"}}`) + `]}`
}

func constrained(w *World, u *argminUsers) *s3.Client { return w.S3(u.constrained) }

// policyMPU is one case's multipart upload of "dst": its id.
type policyMPU struct{ id *string }

func (m *policyMPU) create(sse bool, ssec *policySSEC) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		in := &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("dst")}
		if sse {
			in.ServerSideEncryption = types.ServerSideEncryptionAes256
		}
		if ssec != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = ssec.alg, ssec.key, ssec.md5
		}
		out, err := primary(w, u).CreateMultipartUpload(ctx, in)
		if err == nil {
			m.id = out.UploadId
		}
		return err
	}
}

func (m *policyMPU) partCopy(c func(w *World, u *argminUsers) *s3.Client, ssec *policySSEC) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.UploadPartCopyInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), UploadId: m.id, PartNumber: aws.Int32(1),
			CopySource: aws.String(argminBkt + "/src")}
		if ssec != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = ssec.alg, ssec.key, ssec.md5
		}
		return c(w, u).UploadPartCopy(ctx, in)
	}
}

func (m *policyMPU) part() argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), UploadId: m.id,
			PartNumber: aws.Int32(1), Body: strings.NewReader("body")})
	}
}

// complete completes with part 1, whose ETag it lists first.
func (m *policyMPU) complete(c func(w *World, u *argminUsers) *s3.Client) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		parts, err := primary(w, u).ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), UploadId: m.id})
		if err != nil {
			return nil, err
		}
		var done []types.CompletedPart
		for _, p := range parts.Parts {
			done = append(done, types.CompletedPart{PartNumber: p.PartNumber, ETag: p.ETag})
		}
		return c(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"),
			UploadId: m.id, MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	}
}

// policyGetSSE reads key (with SSE-C key ssec when not nil): body and
// ServerSideEncryption.
type policySSEBody struct {
	Body                 string
	ServerSideEncryption types.ServerSideEncryption
}

func policyGetSSE(key string, ssec *policySSEC) argminCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if ssec != nil {
			in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = ssec.alg, ssec.key, ssec.md5
		}
		out, err := primary(w, u).GetObject(ctx, in)
		if err != nil {
			return out, err
		}
		defer out.Body.Close()
		var sb strings.Builder
		buf := make([]byte, 512)
		for {
			n, rerr := out.Body.Read(buf)
			sb.Write(buf[:n])
			if rerr != nil {
				break
			}
		}
		return policySSEBody{Body: sb.String(), ServerSideEncryption: out.ServerSideEncryption}, nil
	}
}

func TestArgminPolicySSE(t *testing.T) {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	ssec := newPolicySSEC("AES256")
	const sseKey, ssecKey = "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-customer-algorithm"
	// The suite's bucket is create_bucket_allowing_sse_c's (argminAllowSSEC).
	denied := func(key, op, value string) []argminStep {
		return argminSteps(argminBucket(false, ""), argminAllowSSEC, argminPut("src", "copy-source", ""), argminPolicy(policyDenyUnless(`"*"`, op, key, value)))
	}
	put := func(key string, sse bool, c *policySSEC) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader("secret")}
			if sse {
				in.ServerSideEncryption = types.ServerSideEncryptionAes256
			}
			if c != nil {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = c.alg, c.key, c.md5
			}
			return primary(w, u).PutObject(ctx, in)
		}
	}
	cp := func(sse bool, c *policySSEC) argminCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			in := &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), CopySource: aws.String(argminBkt + "/src")}
			if sse {
				in.ServerSideEncryption = types.ServerSideEncryptionAes256
			}
			if c != nil {
				in.SSECustomerAlgorithm, in.SSECustomerKey, in.SSECustomerKeyMD5 = c.alg, c.key, c.md5
			}
			return primary(w, u).CopyObject(ctx, in)
		}
	}
	aes := Want{Fields: map[string]any{"ServerSideEncryption": "AES256"}}
	cases := []Case{
		argminCase("PutObject/no x-amz-server-side-encryption under a deny on Null", src("test_bucket_policy_put_obj_requires_sse_s3_header"),
			denied(sseKey, "Null", "true"), put("denied", false, nil), argminDenied),
		argminCase("PutObject/AES256 under a deny on Null", src("test_bucket_policy_put_obj_requires_sse_s3_header"),
			denied(sseKey, "Null", "true"), put("allowed", true, nil), aes),
		argminCase("PutObject/no x-amz-server-side-encryption under a deny on StringNotEquals AES256", src("test_bucket_policy_put_obj_sse_s3_string_not_equals"),
			denied(sseKey, "StringNotEquals", "AES256"), put("denied", false, nil), argminDenied),
		argminCase("PutObject/AES256 under a deny on StringNotEquals AES256", src("test_bucket_policy_put_obj_sse_s3_string_not_equals"),
			denied(sseKey, "StringNotEquals", "AES256"), put("allowed", true, nil), Want{}),
		argminCase("PutObject/no SSE-C algorithm under a deny on Null", src("test_bucket_policy_put_obj_requires_sse_c_algorithm_header"),
			denied(ssecKey, "Null", "true"), put("denied", false, nil), argminDenied),
		argminCase("PutObject/SSE-C under a deny on Null", src("test_bucket_policy_put_obj_requires_sse_c_algorithm_header"),
			denied(ssecKey, "Null", "true"), put("allowed", false, &ssec), Want{}),
		argminCase("GetObject/the SSE-C object written under the deny", src("test_bucket_policy_put_obj_requires_sse_c_algorithm_header"),
			append(denied(ssecKey, "Null", "true"), policyStep(put("allowed", false, &ssec))), policyGetSSE("allowed", &ssec),
			Want{Fields: map[string]any{"Body": "secret"}}),
		argminCase("PutObject/no SSE-C algorithm under a deny on StringNotEquals AES256", src("test_bucket_policy_put_obj_sse_c_algorithm_string_not_equals"),
			denied(ssecKey, "StringNotEquals", "AES256"), put("denied", false, nil), argminDenied),
		argminCase("PutObject/SSE-C under a deny on StringNotEquals AES256", src("test_bucket_policy_put_obj_sse_c_algorithm_string_not_equals"),
			denied(ssecKey, "StringNotEquals", "AES256"), put("allowed", false, &ssec), Want{}),
		argminCase("CopyObject/the destination's SSE-C headers under a deny on Null", src("test_bucket_policy_copy_object_recognizes_destination_sse_c_header"),
			denied(ssecKey, "Null", "true"), cp(false, &ssec), Want{}),
		argminCase("GetObject/the SSE-C copy", src("test_bucket_policy_copy_object_recognizes_destination_sse_c_header"),
			append(denied(ssecKey, "Null", "true"), policyStep(cp(false, &ssec))), policyGetSSE("dst", &ssec), Want{Fields: map[string]any{"Body": "copy-source"}}),
		argminCase("CopyObject/the destination's x-amz-server-side-encryption under a deny on Null", src("test_bucket_policy_copy_object_recognizes_destination_sse_s3_header"),
			denied(sseKey, "Null", "true"), cp(true, nil), Want{}),
		argminCase("GetObject/the SSE-S3 copy", src("test_bucket_policy_copy_object_recognizes_destination_sse_s3_header"),
			append(denied(sseKey, "Null", "true"), policyStep(cp(true, nil))), policyGetSSE("dst", nil),
			Want{Fields: map[string]any{"Body": "copy-source", "ServerSideEncryption": "AES256"}}),
		argminCase("PutObject/SSE-C algorithm aes256 in lower case", src("test_bucket_policy_streaming_put_rejects_lowercase_sse_c_algorithm"),
			argminSteps(argminBucket(false, "")), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				lower := newPolicySSEC("aes256")
				return put("obj", false, &lower)(ctx, w, u)
			}, Want{Status: http.StatusBadRequest, Code: "InvalidEncryptionAlgorithmError"}),
	}
	cases = append(cases, policyMultipartSSECases(ssec)...)
	Run(t, cases)
}

func policyMultipartSSECases(ssec policySSEC) []Case {
	src := func(test string) string { return argmin("bucket_policy.rs", test) }
	const sseKey, ssecKey = "s3:x-amz-server-side-encryption", "s3:x-amz-server-side-encryption-customer-algorithm"
	base := func(doc string) []argminStep {
		return argminSteps(argminBucket(false, ""), argminAllowSSEC, argminPut("src", "copy-source", ""), argminPolicy(doc))
	}
	with := func(s []argminStep, more ...argminStep) []argminStep {
		return append(append(argminSteps(), s...), more...)
	}
	everyone := func(key string) string { return policyDenyUnless(`"*"`, "Null", key, "true") }
	var cases []Case
	add := func(name, test string, steps func(m *policyMPU) []argminStep, call func(m *policyMPU) argminCall, want Want) {
		m := &policyMPU{}
		cases = append(cases, argminCase(name, src(test), steps(m), call(m), want))
	}
	ssecTest := "test_bucket_policy_complete_multipart_does_not_reuse_destination_sse_c_header"
	add("UploadPartCopy/with SSE-C headers into an SSE-C upload", ssecTest,
		func(m *policyMPU) []argminStep { return with(base(everyone(ssecKey)), m.create(false, &ssec)) },
		func(m *policyMPU) argminCall { return m.partCopy(primary, &ssec) }, Want{})
	add("CompleteMultipartUpload/of an SSE-C upload, without the SSE-C headers the deny needs", ssecTest,
		func(m *policyMPU) []argminStep {
			return with(base(everyone(ssecKey)), m.create(false, &ssec), policyStep(m.partCopy(primary, &ssec)))
		},
		func(m *policyMPU) argminCall { return m.complete(primary) }, argminDenied)
	add("GetObject/nothing after the denied completion and the abort", ssecTest,
		func(m *policyMPU) []argminStep {
			return with(base(everyone(ssecKey)), m.create(false, &ssec), policyStep(m.partCopy(primary, &ssec)),
				func(ctx context.Context, w *World, u *argminUsers) error {
					_, _ = m.complete(primary)(ctx, w, u)
					_, err := primary(w, u).AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("dst"), UploadId: m.id})
					return err
				})
		},
		func(*policyMPU) argminCall { return policyGetSSE("dst", &ssec) }, Want{Status: http.StatusNotFound, Code: "NoSuchKey"})
	add("UploadPartCopy/without SSE-C headers into an SSE-C upload", "test_bucket_policy_upload_part_copy_does_not_reuse_destination_sse_c_header",
		func(m *policyMPU) []argminStep { return with(base(policySameAccount(ssecKey)), m.create(false, &ssec)) },
		func(m *policyMPU) argminCall { return m.partCopy(constrained, nil) }, argminDenied)

	inherits := "test_bucket_policy_multipart_copy_inherits_destination_sse_s3"
	add("UploadPartCopy/without x-amz-server-side-encryption into an SSE-S3 upload", inherits,
		func(m *policyMPU) []argminStep { return with(base(everyone(sseKey)), m.create(true, nil)) },
		func(m *policyMPU) argminCall { return m.partCopy(primary, nil) }, Want{})
	add("CompleteMultipartUpload/of an SSE-S3 upload, without x-amz-server-side-encryption", inherits,
		func(m *policyMPU) []argminStep {
			return with(base(everyone(sseKey)), m.create(true, nil), policyStep(m.partCopy(primary, nil)))
		},
		func(m *policyMPU) argminCall { return m.complete(primary) }, Want{})
	add("GetObject/the completed SSE-S3 upload", inherits,
		func(m *policyMPU) []argminStep {
			return with(base(everyone(sseKey)), m.create(true, nil), policyStep(m.partCopy(primary, nil)), policyStep(m.complete(primary)))
		},
		func(*policyMPU) argminCall { return policyGetSSE("dst", nil) }, Want{Fields: map[string]any{"Body": "copy-source", "ServerSideEncryption": "AES256"}})
	add("UploadPartCopy/another user, into an SSE-S3 upload", "test_bucket_policy_upload_part_copy_reuses_destination_sse_s3_from_multipart_context",
		func(m *policyMPU) []argminStep { return with(base(policySameAccount(sseKey)), m.create(true, nil)) },
		func(m *policyMPU) argminCall { return m.partCopy(constrained, nil) }, Want{})
	add("CompleteMultipartUpload/another user, of an SSE-S3 upload", "test_bucket_policy_complete_multipart_reuses_destination_sse_s3_from_multipart_context",
		func(m *policyMPU) []argminStep {
			return with(base(policySameAccount(sseKey)), m.create(true, nil), policyStep(m.part()))
		},
		func(m *policyMPU) argminCall { return m.complete(constrained) }, Want{})
	return cases
}
