package golden

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of justincormack/argmin's request_checksums.rs and
// request_checksums_acl.rs: which requests S3 refuses without a
// Content-MD5 or x-amz-checksum-* header, and the body size limits of the
// requests it reads whole. The suite creates its buckets with the primary
// user and sends raw requests signed by it.

const (
	rcRequired     = "Missing required header for this request: Content-MD5 OR x-amz-checksum-*"
	rcLifecycleMD5 = "Missing required header for this request: Content-MD5"
	rcLockedPut    = "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"
)

// rcBucket creates argminBkt as the primary user, with Object Lock when
// lock is set and ownership when not "".
func rcBucket(lock bool, ownership types.ObjectOwnership) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		in := &s3.CreateBucketInput{Bucket: aws.String(argminBkt), ObjectOwnership: ownership}
		if lock {
			in.ObjectLockEnabledForBucket = aws.Bool(true)
		}
		_, err := primary(w, u).CreateBucket(ctx, in)
		return err
	}
}

// rcHow is how a case's request carries a checksum: none, Content-MD5,
// or the suite's sdk_checksum_headers (x-amz-sdk-checksum-algorithm CRC32
// and x-amz-checksum-crc32).
type rcHow int

const (
	rcNone rcHow = iota
	rcMD5
	rcSDK
)

func (h rcHow) String() string {
	return [...]string{"without a checksum", "with Content-MD5", "with a CRC32"}[h]
}

// rcHeader adds how's headers for body to kv pairs.
func rcHeader(how rcHow, body string, kv ...string) http.Header {
	switch how {
	case rcMD5:
		kv = append(kv, "Content-Md5", argminMD5([]byte(body)))
	case rcSDK:
		kv = append(kv, "X-Amz-Sdk-Checksum-Algorithm", "CRC32", "X-Amz-Checksum-Crc32", ckSum("CRC32", body))
	}
	return ckH(kv...)
}

// rcSend is a raw request signed by the primary user.
func rcSend(method, path, body string, h http.Header) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, method, path, []byte(body), h)
	}
}

func rcMissing(msg string) Want {
	return Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: msg}
}

func TestArgminRequestChecksumBucketConfigs(t *testing.T) {
	src := argmin("request_checksums.rs", "test_bucket_subresource_request_checksum_matrix")
	policy := `{"Version":"2012-10-17","Statement":[{"Sid":"AllowOwnerList","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + owner +
		`:root"},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::` + argminBkt + `"}]}`
	var cases []Case
	for _, c := range []struct {
		name, query, body string
		lock              bool
		missing           string // "" when the request needs no checksum
		status            int
	}{
		{"PutBucketCors", "cors", `<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>https://example.com</AllowedOrigin></CORSRule></CORSConfiguration>`, false, rcRequired, 200},
		{"PutBucketEncryption", "encryption", `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`, false, "", 200},
		{"PutBucketLifecycleConfiguration", "lifecycle", `<LifecycleConfiguration><Rule><ID>rule1</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>`, false, rcLifecycleMD5, 200},
		{"PutBucketOwnershipControls", "ownershipControls", `<OwnershipControls><Rule><ObjectOwnership>BucketOwnerPreferred</ObjectOwnership></Rule></OwnershipControls>`, false, "", 200},
		{"PutBucketTagging", "tagging", `<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`, false, rcRequired, 204},
		{"PutBucketVersioning", "versioning", `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`, false, "", 200},
		{"PutPublicAccessBlock", "publicAccessBlock", `<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`, false, "", 200},
		{"PutObjectLockConfiguration", "object-lock", `<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>`, true, rcRequired, 200},
		{"PutBucketPolicy", "policy", policy, false, "", 204},
	} {
		for _, how := range []rcHow{rcNone, rcMD5, rcSDK} {
			want := Want{Status: c.status}
			if how == rcNone && c.missing != "" {
				want = rcMissing(c.missing)
			}
			cases = append(cases, argminCase(c.name+"/"+how.String(), src, argminSteps(rcBucket(c.lock, "")),
				rcSend(http.MethodPut, "/"+argminBkt+"?"+c.query, c.body, rcHeader(how, c.body)), want))
		}
	}
	cases = append(cases, argminCase("PutBucketLifecycleConfiguration/x-amz-checksum-algorithm without a value",
		argmin("request_checksums.rs", "test_checksum_algorithm_without_value_header_is_rejected"), argminSteps(rcBucket(false, "")),
		rcSend(http.MethodPut, "/"+argminBkt+"?lifecycle", `<LifecycleConfiguration><Rule><ID>rule1</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>`,
			ckH("x-amz-checksum-algorithm", "CRC32")), rcMissing(rcLifecycleMD5)))
	Run(t, cases)
}

// rcVersioned calls next with the path of key's current version and a
// retain-until date a day ahead.
func rcVersioned(key string, next func(path, until string) objCall) objCall {
	return objCurrentVersion(key, func(v string) objCall {
		return next(objKeyPath(key)+"?versionId="+url.QueryEscape(v), time.Now().Add(24*time.Hour).UTC().Format(time.RFC3339))
	})
}

func TestArgminRequestChecksumObjectLock(t *testing.T) {
	src := func(test string) string { return argmin("request_checksums.rs", test) }
	locked := argminSteps(rcBucket(true, ""), objStep(objPut(primary, "obj", "hello", nil)))
	legalHold := `<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>OFF</Status></LegalHold>`
	var cases []Case
	for _, how := range []rcHow{rcNone, rcMD5, rcSDK} {
		want := Want{}
		if how == rcNone {
			want = rcMissing(rcRequired)
		}
		how := how
		cases = append(cases,
			argminCase("PutObjectLegalHold/"+how.String(), src("test_object_subresource_request_checksum_matrix"), locked,
				rcVersioned("obj", func(path, _ string) objCall {
					return rcSend(http.MethodPut, strings.Replace(path, "?", "?legal-hold&", 1), legalHold, rcHeader(how, legalHold))
				}), want),
			argminCase("PutObjectRetention/"+how.String(), src("test_object_subresource_request_checksum_matrix"), locked,
				rcVersioned("obj", func(path, until string) objCall {
					body := `<ObjectLockRetention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>GOVERNANCE</Mode><RetainUntilDate>` + until +
						`</RetainUntilDate></ObjectLockRetention>`
					return rcSend(http.MethodPut, strings.Replace(path, "?", "?retention&", 1), body, rcHeader(how, body))
				}), want),
			argminCase("PutObject/Object Lock headers "+how.String(), src("test_allow_missing_checksum_exceptions"), argminSteps(rcBucket(true, "")),
				func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					until := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
					return rcSend(http.MethodPut, objKeyPath("locked-put"), "hello", rcHeader(how, "hello", "x-amz-object-lock-mode", "GOVERNANCE",
						"x-amz-object-lock-retain-until-date", until))(ctx, w, u)
				}, map[bool]Want{true: rcMissing(rcLockedPut), false: {}}[how == rcNone]),
		)
	}
	Run(t, cases)
}

func TestArgminRequestChecksumExceptions(t *testing.T) {
	src := func(test string) string { return argmin("request_checksums.rs", test) }
	del := "<Delete><Object><Key>delete-me</Key></Object></Delete>"
	part := "hello multipart"
	rawPart := func(how rcHow) ckFinish {
		return func(key, id string, _ []*s3.UploadPartOutput) objCall {
			return rcSend(http.MethodPut, objKeyPath(key)+"?partNumber=1&uploadId="+url.QueryEscape(id), part, rcHeader(how, part))
		}
	}
	rawComplete := func(key, id string, outs []*s3.UploadPartOutput) objCall {
		body := "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + aws.ToString(outs[0].ETag) + "</ETag></Part></CompleteMultipartUpload>"
		return rcSend(http.MethodPost, objKeyPath(key)+"?uploadId="+url.QueryEscape(id), body, nil)
	}
	plain := argminSteps(rcBucket(false, ""))
	exc := src("test_allow_missing_checksum_exceptions")
	var cases []Case
	for _, how := range []rcHow{rcNone, rcMD5, rcSDK} {
		want := Want{}
		if how == rcNone {
			want = rcMissing(rcRequired)
		}
		cases = append(cases, argminCase("DeleteObjects/"+how.String(), src("test_delete_objects_request_checksum_matrix"),
			append(plain, objStep(objPut(primary, "delete-me", "hello", nil))), rcSend(http.MethodPost, "/"+argminBkt+"?delete", del, rcHeader(how, del)), want))
	}
	cases = append(cases,
		argminCase("PutObject/without a checksum", exc, plain, rcSend(http.MethodPut, objKeyPath("plain-put"), "hello", nil), Want{}),
		argminCase("PutObjectTagging/without a checksum", exc, append(plain, objStep(objPut(primary, "tagging", "hello", nil))),
			rcSend(http.MethodPut, objKeyPath("tagging")+"?tagging", `<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`, nil), Want{}),
		argminCase("UploadPart/without a checksum", exc, plain, ckUpload("multipart", nil, nil, rawPart(rcNone)), Want{}),
		argminCase("UploadPart/with Content-MD5", exc, plain, ckUpload("multipart-md5", nil, nil, rawPart(rcMD5)), Want{}),
		argminCase("UploadPart/with a CRC32, to a CRC32 upload", exc, plain,
			ckUpload("multipart-sdk", ckCreate(types.ChecksumAlgorithmCrc32, ""), nil, rawPart(rcSDK)), Want{}),
		argminCase("CompleteMultipartUpload/without a checksum", exc, plain, ckUpload("complete", nil, []ckPart{{part, nil}}, rawComplete), Want{}),
	)
	Run(t, cases)
}

func TestArgminRequestChecksumACL(t *testing.T) {
	src := func(test string) string { return argmin("request_checksums_acl.rs", test) }
	acl := func(path string, how rcHow) objCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			id, err := argminCanonicalID(ctx, primary(w, u), argminBkt)
			if err != nil {
				return nil, err
			}
			body := `<AccessControlPolicy><Owner><ID>` + id + `</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>` +
				id + `</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`
			return rcSend(http.MethodPut, path, body, rcHeader(how, body))(ctx, w, u)
		}
	}
	steps := argminSteps(rcBucket(false, types.ObjectOwnershipBucketOwnerPreferred), objStep(objPut(primary, "obj", "hello", nil)))
	var cases []Case
	for _, op := range []struct{ op, path, test string }{
		{"PutBucketAcl", "/" + argminBkt + "?acl", "test_bucket_acl_checksum_requirements"},
		{"PutObjectAcl", objKeyPath("obj") + "?acl", "test_object_acl_checksum_requirements"},
	} {
		for _, how := range []rcHow{rcNone, rcMD5, rcSDK} {
			cases = append(cases, argminCase(op.op+"/an XML ACL "+how.String(), src(op.test), steps, acl(op.path, how), Want{}))
		}
		cases = append(cases, argminCase(op.op+"/x-amz-acl without a body or checksum", src(op.test), steps,
			rcSend(http.MethodPut, op.path, "", ckH("x-amz-acl", "private")), Want{}))
	}
	Run(t, cases)
}

// rcPad is the suite's comment_pad: an XML comment of n 'x'.
func rcPad(n int) string { return "<!--" + strings.Repeat("x", n) + "-->" }

func TestArgminRequestBodyLimits(t *testing.T) {
	src := argmin("request_checksums.rs", "test_oversized_xml_body_limits_match_aws")
	tooBig := func(limit string) Want {
		return Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "MaxMessageLengthExceeded",
			"Elements.Message": "Your request was too big.", "Elements.MaxMessageLengthBytes": limit}}
	}
	send := func(method, query, body string, md5 bool) objCall {
		h := http.Header{}
		if md5 {
			h.Set("Content-Md5", argminMD5([]byte(body)))
		}
		return objRaw(method, "/"+argminBkt+"?"+query, []byte(body), h)
	}
	v, t1, o, p, l, d := rcPad(600), rcPad(41_000), rcPad(1_900), rcPad(420_000), rcPad(1024*1024), rcPad(1024*1024)
	e, lk := rcPad(700_000), rcPad(700_000)
	aclBody := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		id, err := argminCanonicalID(ctx, primary(w, u), argminBkt)
		if err != nil {
			return nil, err
		}
		a := rcPad(70_000)
		body := "<AccessControlPolicy>" + a + "<Owner><ID>" + id + "</ID></Owner>" + a + "<AccessControlList>" + a +
			`<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>` + id +
			"</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>" + a + "</AccessControlList>" + a + "</AccessControlPolicy>"
		return send(http.MethodPut, "acl", body, false)(ctx, w, u)
	}
	plain := argminSteps(rcBucket(false, ""))
	Run(t, []Case{
		argminCase("PutBucketVersioning/a body over 1 KiB", src, plain,
			send(http.MethodPut, "versioning", "<VersioningConfiguration>"+v+"<Status>Enabled</Status>"+v+"</VersioningConfiguration>", true), tooBig("1024")),
		argminCase("PutBucketAcl/a body over 200 KiB", src, argminSteps(rcBucket(false, types.ObjectOwnershipBucketOwnerPreferred)), aclBody, tooBig("204800")),
		argminCase("PutBucketEncryption/a body over 2 MiB", src, plain, send(http.MethodPut, "encryption", "<ServerSideEncryptionConfiguration>"+e+"<Rule>"+e+
			"<ApplyServerSideEncryptionByDefault>"+e+"<SSEAlgorithm>AES256</SSEAlgorithm>"+e+"</ApplyServerSideEncryptionByDefault>"+e+"</Rule>"+e+
			"</ServerSideEncryptionConfiguration>", false), tooBig("2097152")),
		argminCase("PutBucketTagging/a body over 160 KiB", src, plain, send(http.MethodPut, "tagging", "<Tagging>"+t1+"<TagSet>"+t1+
			"<Tag><Key>a</Key><Value>b</Value></Tag>"+t1+"</TagSet>"+t1+"</Tagging>", true), tooBig("163840")),
		argminCase("PutBucketOwnershipControls/a body over 2 KiB", src, plain, send(http.MethodPut, "ownershipControls", "<OwnershipControls>"+o+
			"<Rule><ObjectOwnership>BucketOwnerPreferred</ObjectOwnership></Rule>"+o+"</OwnershipControls>", true), tooBig("2048")),
		argminCase("PutPublicAccessBlock/a body over 2 MiB", src, plain, send(http.MethodPut, "publicAccessBlock", "<PublicAccessBlockConfiguration>"+p+
			"<BlockPublicAcls>true</BlockPublicAcls>"+p+"<IgnorePublicAcls>true</IgnorePublicAcls>"+p+"<BlockPublicPolicy>true</BlockPublicPolicy>"+p+
			"<RestrictPublicBuckets>true</RestrictPublicBuckets>"+p+"</PublicAccessBlockConfiguration>", true), tooBig("2097152")),
		argminCase("PutObjectLockConfiguration/a body over 2 MiB", src, argminSteps(rcBucket(true, "")), send(http.MethodPut, "object-lock",
			`<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">`+lk+"<ObjectLockEnabled>Enabled</ObjectLockEnabled>"+lk+
				"<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days></DefaultRetention></Rule>"+lk+"</ObjectLockConfiguration>", true), tooBig("2097152")),
		argminCase("PutBucketLifecycleConfiguration/a body over 2 MiB", src, plain, send(http.MethodPut, "lifecycle", "<LifecycleConfiguration>"+l+
			"<Rule><ID>rule1</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>"+l+
			"</LifecycleConfiguration>", true), tooBig("2097152")),
		argminCase("DeleteObjects/a body over 2,048,000 bytes", src, plain, send(http.MethodPost, "delete", "<Delete>"+d+
			"<Object><Key>delete-me</Key></Object>"+d+"</Delete>", true), tooBig("2048000")),
	})
}

func TestArgminRequestCompleteBodyLimit(t *testing.T) {
	src := argmin("request_checksums.rs", "test_complete_multipart_upload_body_limit_matches_aws")
	complete := func(pad int) ckFinish {
		return func(key, id string, outs []*s3.UploadPartOutput) objCall {
			p := rcPad(pad)
			body := "<CompleteMultipartUpload>" + p + "<Part><PartNumber>1</PartNumber><ETag>" + aws.ToString(outs[0].ETag) + "</ETag></Part>" + p +
				"</CompleteMultipartUpload>"
			return objRaw(http.MethodPost, objKeyPath(key)+"?uploadId="+url.QueryEscape(id), []byte(body), ckH("Content-Md5", argminMD5([]byte(body))))
		}
	}
	plain := argminSteps(rcBucket(false, ""))
	part := []ckPart{{"hello multipart", nil}}
	Run(t, []Case{
		argminCase("CompleteMultipartUpload/a body of 2,620,000 bytes", src, plain, ckUpload("complete-pad-1310k", nil, part, complete(1_310_000)),
			Want{Fields: map[string]any{"Elements.Key": "complete-pad-1310k"}}),
		argminCase("CompleteMultipartUpload/a body of 2,800,000 bytes", src, plain, ckUpload("complete-pad-1400k", nil, part, complete(1_400_000)),
			Want{Status: http.StatusBadRequest, Fields: map[string]any{"Elements.Code": "MaxMessageLengthExceeded",
				"Elements.Message": "Your request was too big.", "Elements.MaxMessageLengthBytes": "2621440"}}),
	})
}
