package s3

import (
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/google/uuid"
)

// Bucket configurations that are stored and returned but have no effect:
// default encryption, website, logging, notifications, request payment,
// transfer acceleration. Object Lock is in objectlock.go.

// readConfigBody reads a small configuration body whole, held to its
// Content-MD5 and x-amz-checksum-* header when sent (readWholeBody).
func readConfigBody(rq *req) ([]byte, error) {
	return readWholeBody(rq, maxXMLBody)
}

// requireIntegrity enforces the Content-MD5 or x-amz-checksum-* header
// that DeleteObjects, PutBucketCors, PutBucketTagging and the Object Lock
// configuration, retention and legal hold PUTs require (argmin
// request_checksums.rs, against AWS S3, 2026: PutBucketEncryption,
// PutBucketOwnershipControls, PutBucketVersioning, PutPublicAccessBlock,
// PutBucketPolicy, the ACL PUTs and PutObjectTagging need none), and
// verifies a checksum sent in a header (Content-MD5 is verified by the
// caller's reader).
func requireIntegrity(r *http.Request, raw []byte) error {
	alg, want := requestedChecksum(r)
	if r.Header.Get("Content-Md5") == "" && alg == "" {
		return errInvalidRequest("Missing required header for this request: Content-MD5 OR x-amz-checksum-*")
	}
	if want != "" {
		h, ok := sigv4.Checksum(alg)
		if !ok {
			return errInvalidRequest("Value for x-amz-checksum-algorithm header is invalid.")
		}
		h.Write(raw)
		if sigv4.ChecksumString(h) != want {
			return awserr.Newf(codeBadDigest, http.StatusBadRequest,
				"The %s you specified did not match the calculated checksum.", alg)
		}
	}
	return nil
}

// requireLifecycleIntegrity is requireIntegrity for
// PutBucketLifecycleConfiguration, whose refusal names Content-MD5 alone,
// also when an x-amz-checksum-algorithm comes without its value (argmin
// request_checksums.rs test_bucket_subresource_request_checksum_matrix and
// test_checksum_algorithm_without_value_header_is_rejected, against AWS S3).
func requireLifecycleIntegrity(r *http.Request, raw []byte) error {
	if alg, _ := requestedChecksum(r); r.Header.Get("Content-Md5") == "" && alg == "" {
		return errInvalidRequest("Missing required header for this request: Content-MD5")
	}
	return requireIntegrity(r, raw)
}

// bucketConfig is a small get/put/delete helper: it loads and authorizes.
func (h *Handler) bucketConfig(rq *req, action string) (*bucketState, error) {
	b, err := h.bucket(rq)
	if err != nil {
		return nil, err
	}
	return b, h.authorize(rq, b, check{action: action, resource: rq.bucketARN()})
}

// Default encryption.

type sseConfiguration struct {
	XMLName xml.Name  `xml:"ServerSideEncryptionConfiguration"`
	NS      string    `xml:"xmlns,attr,omitempty"`
	Rules   []sseRule `xml:"Rule"`
}

type sseRule struct {
	Default *struct {
		SSEAlgorithm   string `xml:"SSEAlgorithm"`
		KMSMasterKeyID string `xml:"KMSMasterKeyID,omitempty"`
	} `xml:"ApplyServerSideEncryptionByDefault"`
	BucketKeyEnabled *bool `xml:"BucketKeyEnabled"`
	// Blocked is kept apart from the stored document (store.Bucket
	// BlockedEncryption) and added back by GetBucketEncryption.
	Blocked *blockedEncryptionTypes `xml:"BlockedEncryptionTypes"`
}

type blockedEncryptionTypes struct {
	Types []string `xml:"EncryptionType"`
}

// defaultEncryption is the configuration every bucket has since January
// 2023: SSE-S3
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
const defaultEncryption = `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`

func validSSE(alg string) bool {
	return alg == "AES256" || alg == "aws:kms" || alg == "aws:kms:dsse"
}

// bucketSSE returns the bucket's default encryption algorithm and KMS key.
func bucketSSE(b *store.Bucket) (alg, key string) {
	if b.Encryption == "" {
		return "AES256", ""
	}
	var cfg sseConfiguration
	if xml.Unmarshal([]byte(b.Encryption), &cfg) != nil || len(cfg.Rules) == 0 || cfg.Rules[0].Default == nil {
		return "AES256", ""
	}
	return cfg.Rules[0].Default.SSEAlgorithm, cfg.Rules[0].Default.KMSMasterKeyID
}

// objectSSE is the encryption a write (IAM action, for the message of a
// refusal) reports: the request's SSE-C key, refused when the bucket
// blocks SSE-C, or its x-amz-server-side-encryption, else the bucket
// default.
func objectSSE(rq *req, b *bucketState, action string) (alg, key string, err error) {
	r := rq.r
	if keyMD5, err := checkSSEC(r); err != nil || keyMD5 != "" {
		if err == nil && sseCBlocked(&b.Bucket) {
			err = errSSECBlocked(rq, &b.Bucket, action)
		}
		return sseCustomer, keyMD5, err
	}
	alg = r.Header.Get("X-Amz-Server-Side-Encryption")
	key = r.Header.Get("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id")
	if alg == "" {
		if key != "" {
			return "", "", errInvalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
				"x-amz-server-side-encryption-aws-kms-key-id", key)
		}
		alg, key = bucketSSE(&b.Bucket)
	}
	if !validSSE(alg) {
		return "", "", errInvalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", alg)
	}
	if alg == "AES256" && key != "" {
		return "", "", errInvalidArgument("Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
			"x-amz-server-side-encryption-aws-kms-key-id", key)
	}
	if alg == "AES256" {
		alg = ""
	}
	if key == "" && alg != "" {
		return alg, awsManagedS3Key(b), nil
	}
	return alg, kmsKeyARN(key, b), nil
}

// awsManagedS3Key is the ARN of the AWS managed key aws/s3 of the bucket's
// account and Region, the key AWS names for an SSE-KMS (or DSSE-KMS)
// object written without a key id, by the request or the bucket default
// (API_PutObject and API_CreateMultipartUpload,
// x-amz-server-side-encryption-aws-kms-key-id: "If you specify
// x-amz-server-side-encryption:aws:kms or
// x-amz-server-side-encryption:aws:kms:dsse, but do not provide
// x-amz-server-side-encryption-aws-kms-key-id, Amazon S3 uses the AWS
// managed key (aws/s3) to protect the data"; recorded as
// "arn:aws:kms:<region>:<account>:key/<uuid>", the same for two buckets
// of one account, in LocalStack test_s3.snapshot.json
// TestS3::test_s3_sse_default_kms_key, validated 2026-02-21). fakeaws
// serves no KMS: the key id is a UUID derived from the account and
// Region, so it is the same across buckets, restarts and servers.
func awsManagedS3Key(b *bucketState) string {
	sum := sha256.Sum256([]byte("aws/s3\x00" + b.Account + "\x00" + b.servingRegion()))
	var id uuid.UUID
	copy(id[:], sum[:16])
	id[6] = id[6]&0x0f | 0x40 // version 4, as KMS key ids are
	id[8] = id[8]&0x3f | 0x80 // RFC 4122 variant
	return kmsARN(b, id.String())
}

// kmsKeyARN is the KMS key an object names: a bare key id (from the
// request or the bucket default) becomes the key's ARN in the bucket's
// Region and account, as AWS answers ("the response always return the
// ARN": LocalStack test_s3_api.snapshot.json
// TestS3BucketEncryption::test_s3_bucket_encryption_sse_kms, put-object-encrypted,
// and test_s3.snapshot.json TestS3::test_s3_multipart_upload_sse, both
// validated 2026-02-21). ARNs are kept; so are aliases, which only KMS
// could resolve.
func kmsKeyARN(key string, b *bucketState) string {
	if key == "" || strings.HasPrefix(key, "arn:") || strings.HasPrefix(key, "alias/") {
		return key
	}
	return kmsARN(b, key)
}

// kmsARN is the ARN of the KMS key id in the bucket's account and Region.
func kmsARN(b *bucketState, id string) string {
	return "arn:aws:kms:" + b.servingRegion() + ":" + b.Account + ":key/" + id
}

// objectBucketKey says whether an SSE-KMS write uses an S3 Bucket Key: the
// request's x-amz-server-side-encryption-bucket-key-enabled, else the
// bucket default's BucketKeyEnabled, also for a write that names aws:kms
// itself ("If you don't specify an S3 Bucket Key for your object, Amazon
// S3 applies the S3 Bucket Key settings for the destination bucket to the
// object", User Guide, configuring-bucket-key-object; recorded
// BucketKeyEnabled true for an aws:kms PutObject into a bucket whose
// default enables it, LocalStack test_s3.snapshot.json
// TestS3::test_s3_sse_default_kms_key "put-obj-default-kms-s3-key-from-bucket",
// validated 2026-02-21).
func objectBucketKey(r *http.Request, b *bucketState, alg string) bool {
	if alg != "aws:kms" && alg != "aws:kms:dsse" {
		return false
	}
	if v := r.Header.Get("X-Amz-Server-Side-Encryption-Bucket-Key-Enabled"); v != "" {
		return strings.EqualFold(v, "true")
	}
	if b.Encryption == "" {
		return false
	}
	var cfg sseConfiguration
	if xml.Unmarshal([]byte(b.Encryption), &cfg) != nil || len(cfg.Rules) == 0 || cfg.Rules[0].BucketKeyEnabled == nil {
		return false
	}
	return *cfg.Rules[0].BucketKeyEnabled
}

// setBucketKey reports an S3 Bucket Key, as AWS does for SSE-KMS objects
// that use one.
func (res *result) setBucketKey(on bool) {
	if on {
		res.set("X-Amz-Server-Side-Encryption-Bucket-Key-Enabled", "true")
	}
}

// setSSE writes the encryption response headers.
func (res *result) setSSE(alg, key string) {
	if alg == sseCustomer {
		res.set(hdrSSECAlgorithm, "AES256")
		res.set(hdrSSECKeyMD5, key)
		return
	}
	if alg == "" {
		alg = "AES256"
	}
	res.set("X-Amz-Server-Side-Encryption", alg)
	if alg != "AES256" {
		res.set("X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", key)
	}
}

// putBucketEncryption serves PutBucketEncryption. A rule's
// BlockedEncryptionTypes (NONE or SSE-C) sets whether SSE-C writes are
// refused; a rule without it leaves that as it was (AWS read back SSE-C
// for a new bucket configured with AES256 and no BlockedEncryptionTypes:
// hashicorp/terraform-provider-aws issue 47320, April 2026).
func (h *Handler) putBucketEncryption(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutEncryptionConfiguration"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in sseConfiguration
	if err := xml.Unmarshal(raw, &in); err != nil || len(in.Rules) != 1 {
		return nil, errMalformedXML()
	}
	for _, r := range in.Rules {
		if r.Default == nil && r.Blocked != nil {
			// A rule of BlockedEncryptionTypes alone: its
			// ApplyServerSideEncryptionByDefault is "Required: No"
			// (API_ServerSideEncryptionRule), and tools send AWS
			// {"Rules":[{"BlockedEncryptionTypes":{"EncryptionType":["NONE"]}}]}
			// to allow SSE-C (DataBiosphere/toil's create_s3_bucket). The
			// default becomes SSE-S3 (unrecorded).
			continue
		}
		if r.Default == nil || !validSSE(r.Default.SSEAlgorithm) {
			return nil, errMalformedXML()
		}
		if r.Default.KMSMasterKeyID != "" && r.Default.SSEAlgorithm == "AES256" {
			return nil, errInvalidArgumentNamed("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
				"ApplyServerSideEncryptionByDefault")
		}
	}
	if in.Rules[0].BucketKeyEnabled == nil {
		f := false
		in.Rules[0].BucketKeyEnabled = &f
	}
	blocked, err := blockedSetting(in.Rules[0])
	if err != nil {
		return nil, err
	}
	in.Rules[0].Blocked = nil
	in.NS = xmlns
	doc, err := xml.Marshal(in)
	if err != nil {
		return nil, err
	}
	if in.Rules[0].Default == nil {
		doc = nil // the default configuration, SSE-S3
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Encryption = string(doc)
		if blocked != "" {
			b.BlockedEncryption = blocked
		}
		return nil
	})
}

// blockedSetting is the BlockedEncryptionTypes a rule sets: SSE-C when it
// names SSE-C, NONE when it names only NONE, "" when it has none. Any
// other value is refused as the schema refuses it (its valid values are
// NONE and SSE-C, API_BlockedEncryptionTypes).
func blockedSetting(r sseRule) (string, error) {
	if r.Blocked == nil {
		return "", nil
	}
	set := ""
	for _, t := range r.Blocked.Types {
		switch t {
		case sseCustomer:
			set = sseCustomer
		case blockedNone:
			if set == "" {
				set = blockedNone
			}
		default:
			return "", errMalformedXML()
		}
	}
	if set == "" {
		return "", errMalformedXML()
	}
	return set, nil
}

// getBucketEncryption serves GetBucketEncryption: SSE-S3 unless set.
func (h *Handler) getBucketEncryption(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetEncryptionConfiguration")
	if err != nil {
		return nil, err
	}
	doc := b.Encryption
	if doc == "" {
		doc = defaultEncryption
	}
	var cfg sseConfiguration
	if err := xml.Unmarshal([]byte(doc), &cfg); err != nil || len(cfg.Rules) == 0 {
		return nil, fmt.Errorf("bucket %s: stored encryption configuration unreadable: %v", b.Name, err)
	}
	cfg.Rules[0].Blocked = &blockedEncryptionTypes{Types: []string{blockedTypes(&b.Bucket)}}
	cfg.NS = xmlns
	out, err := xml.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	return &result{xml: rawXML(string(out))}, nil
}

// deleteBucketEncryption serves DeleteBucketEncryption: the bucket goes
// back to the configuration of a new bucket, SSE-S3 (authorized as
// s3:PutEncryptionConfiguration) with SSE-C blocked. What AWS does to
// BlockedEncryptionTypes here is not recorded; fakeaws takes the new
// bucket's setting, the one that refuses more (docs/deviations.md).
func (h *Handler) deleteBucketEncryption(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutEncryptionConfiguration"); err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Encryption, b.BlockedEncryption = "", sseCustomer
		return nil
	})
}

// Website.

type websiteConfiguration struct {
	XMLName       xml.Name                 `xml:"WebsiteConfiguration"`
	IndexDocument *struct{ Suffix string } `xml:"IndexDocument"`
	ErrorDocument *struct{ Key string }    `xml:"ErrorDocument"`
	Redirect      *struct {
		HostName string `xml:"HostName"`
		Protocol string `xml:"Protocol"`
	} `xml:"RedirectAllRequestsTo"`
	RoutingRules *struct {
		Inner string `xml:",innerxml"`
	} `xml:"RoutingRules"`
}

// putBucketWebsite serves PutBucketWebsite: the document is validated for
// shape and stored.
func (h *Handler) putBucketWebsite(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutBucketWebsite"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in websiteConfiguration
	if err := xml.Unmarshal(raw, &in); err != nil {
		return nil, errMalformedXML()
	}
	switch {
	case in.Redirect != nil && (in.IndexDocument != nil || in.ErrorDocument != nil || in.RoutingRules != nil):
		// localstack test_s3.snapshot.json TestS3StaticWebsiteHosting::
		// test_validate_website_configuration, invalid-website-conf-2.
		return nil, errInvalidArgument("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.", "RedirectAllRequestsTo", "not null")
	case in.Redirect != nil && in.Redirect.HostName == "":
		return nil, errMalformedXML()
	case in.Redirect != nil && !validRedirectProtocol(in.Redirect.Protocol):
		// RedirectAllRequestsTo's Protocol is the routing rules' type,
		// "Valid Values: http | https" (API_RedirectAllRequestsTo.html);
		// AWS's answer is recorded for a routing rule's (checkRoutingRules).
		return nil, errInvalidProtocol()
	case in.Redirect == nil && in.IndexDocument == nil:
		return nil, errInvalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty", "IndexDocument", "null")
	case in.IndexDocument != nil && (in.IndexDocument.Suffix == "" || strings.Contains(in.IndexDocument.Suffix, "/")):
		return nil, errInvalidArgument("The IndexDocument Suffix is not well formed", "IndexDocument", in.IndexDocument.Suffix)
	}
	if err := checkRoutingRules(raw); err != nil {
		return nil, err
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Website = withNamespace(raw)
		return nil
	})
}

// getBucketWebsite serves GetBucketWebsite.
func (h *Handler) getBucketWebsite(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetBucketWebsite")
	if err != nil {
		return nil, err
	}
	if b.Website == "" {
		return nil, awserr.New("NoSuchWebsiteConfiguration", http.StatusNotFound,
			"The specified bucket does not have a website configuration").With("BucketName", rq.bucket)
	}
	return &result{xml: rawXML(b.Website)}, nil
}

// deleteBucketWebsite serves DeleteBucketWebsite.
func (h *Handler) deleteBucketWebsite(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:DeleteBucketWebsite"); err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Website = ""
		return nil
	})
}

// withNamespace strips an XML declaration and makes sure the root element
// carries S3's namespace.
func withNamespace(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if strings.HasPrefix(s, "<?xml") {
		if i := strings.Index(s, "?>"); i >= 0 {
			s = strings.TrimSpace(s[i+2:])
		}
	}
	end := strings.IndexAny(s, " >/")
	if end < 0 || strings.Contains(s[:strings.Index(s, ">")+1], "xmlns=") {
		return s
	}
	return s[:end] + ` xmlns="` + xmlns + `"` + s[end:]
}

// Logging.

type loggingStatus struct {
	XMLName xml.Name `xml:"BucketLoggingStatus"`
	Enabled *struct {
		TargetBucket string `xml:"TargetBucket"`
		TargetPrefix string `xml:"TargetPrefix"`
	} `xml:"LoggingEnabled"`
}

// putBucketLogging serves PutBucketLogging: the target bucket must exist
// and belong to the same account.
func (h *Handler) putBucketLogging(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:PutBucketLogging")
	if err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in loggingStatus
	if err := xml.Unmarshal(raw, &in); err != nil {
		return nil, errMalformedXML()
	}
	doc := ""
	if in.Enabled != nil {
		target := in.Enabled.TargetBucket
		var tb *bucketState
		err := h.db.View(rq.ctx, func(tx *store.Tx) error {
			var err error
			tb, err = loadBucket(tx, target)
			return err
		})
		var ae *awserr.Error
		if errors.As(err, &ae) && ae.Code == codeNoSuchBucket || err == nil && tb.Account != b.Account {
			return nil, awserr.New("InvalidTargetBucketForLogging", http.StatusBadRequest,
				"The target bucket for logging does not exist").With("TargetBucket", target)
		} else if err != nil {
			return nil, err
		}
		if err := crossLocationLogging(b.Region, tb.Region); err != nil {
			return nil, err
		}
		doc = withNamespace(raw)
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Logging = doc
		return nil
	})
}

// crossLocationLogging refuses a logging target in another region than the
// source bucket: 403 CrossLocationLoggingProhibitted, naming the source's
// region only when it is not us-east-1 (localstack test_s3.snapshot.json
// TestS3BucketLogging::test_put_bucket_logging_cross_locations).
func crossLocationLogging(source, target string) error {
	if source == "" {
		source = "us-east-1"
	}
	if target == "" {
		target = "us-east-1"
	}
	if source == target {
		return nil
	}
	e := awserr.New("CrossLocationLoggingProhibitted", http.StatusForbidden, "Cross S3 location logging not allowed. ")
	if source != "us-east-1" {
		e = e.With("SourceBucketLocation", source)
	}
	return e.With("TargetBucketLocation", target)
}

// getBucketLogging serves GetBucketLogging (an empty status when off).
func (h *Handler) getBucketLogging(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetBucketLogging")
	if err != nil {
		return nil, err
	}
	doc := b.Logging
	if doc == "" {
		doc = `<BucketLoggingStatus xmlns="` + xmlns + `"></BucketLoggingStatus>`
	}
	return &result{xml: rawXML(doc)}, nil
}

// Request payment.

type requestPayment struct {
	XMLName xml.Name `xml:"RequestPaymentConfiguration"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Payer   string   `xml:"Payer"`
}

func (h *Handler) putBucketRequestPayment(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutBucketRequestPayment"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in requestPayment
	if err := xml.Unmarshal(raw, &in); err != nil || (in.Payer != "Requester" && in.Payer != "BucketOwner") {
		return nil, errMalformedXML()
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.RequestPayer = ""
		if in.Payer == "Requester" {
			b.RequestPayer = "Requester"
		}
		return nil
	})
}

func (h *Handler) getBucketRequestPayment(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetBucketRequestPayment")
	if err != nil {
		return nil, err
	}
	payer := "BucketOwner"
	if b.RequestPayer != "" {
		payer = b.RequestPayer
	}
	return &result{xml: &requestPayment{NS: xmlns, Payer: payer}}, nil
}

// Transfer acceleration.

type accelerateConfiguration struct {
	XMLName xml.Name `xml:"AccelerateConfiguration"`
	NS      string   `xml:"xmlns,attr,omitempty"`
	Status  string   `xml:"Status,omitempty"`
}

func (h *Handler) putBucketAccelerate(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutAccelerateConfiguration"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	// A dotted bucket name is refused before the body is judged (localstack
	// test_s3_api.snapshot.json TestS3BucketAccelerateConfiguration::
	// test_bucket_acceleration_configuration_exc, put-bucket-accelerate-config-dot-bucket).
	if strings.Contains(rq.bucket, ".") {
		return nil, errInvalidRequest("S3 Transfer Acceleration is not supported for buckets with periods (.) in their names")
	}
	var in accelerateConfiguration
	if err := xml.Unmarshal(raw, &in); err != nil || (in.Status != "Enabled" && in.Status != "Suspended") {
		return nil, errMalformedXML()
	}
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.Accelerate = in.Status
		return nil
	})
}

func (h *Handler) getBucketAccelerate(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:GetAccelerateConfiguration")
	if err != nil {
		return nil, err
	}
	return &result{xml: &accelerateConfiguration{NS: xmlns, Status: b.Accelerate}}, nil
}
