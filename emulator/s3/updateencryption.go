package s3

import (
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// UpdateObjectEncryption (PUT /BUCKET/KEY?encryption) changes an SSE-S3 or
// SSE-KMS object's encryption to SSE-KMS with another key or S3 Bucket
// Key setting, keeping its body, ETag, checksum and dates
// (API_UpdateObjectEncryption). Its refusals are the messages that page
// lists, each quoted whole below.
const (
	msgUpdateEncryptionSource  = "The UpdateObjectEncryption operation doesn't support source objects with the encryption type DSSE-KMS or SSE-C. Only source objects encrypted with SSE-S3 or SSE-KMS are supported."
	msgUpdateEncryptionTarget  = "The UpdateObjectEncryption operation doesn't support updating the encryption type to DSSE-KMS or SSE-C. Modify the request to specify SSE-KMS for the updated encryption type, and then try again."
	msgUpdateEncryptionSigV4   = "Requests that modify an object encryption configuration require AWS Signature Version 4. Modify the request to use AWS Signature Version 4, and then try again."
	msgUpdateEncryptionType    = "Requests that modify an object encryption configuration require a valid new encryption type. Valid values are SSEKMS. Modify the request to specify SSE-KMS for the updated encryption type, and then try again."
	msgUpdateEncryptionNoKey   = "Requests that modify an object's encryption type to SSE-KMS require an AWS KMS key Amazon Resource Name (ARN). Modify the request to specify a KMS key ARN, and then try again."
	msgUpdateEncryptionBadKey  = "Requests that modify an object's encryption type to SSE-KMS require a valid AWS KMS key Amazon Resource Name (ARN). Confirm that you have a correctly formatted KMS key ARN in your request, and then try again."
	msgUpdateEncryptionBoolean = "The BucketKeyEnabled value isn't valid. Valid values are true or false. Modify the request to specify a valid value, and then try again."
	msgUpdateEncryptionAccount = "The AWS KMS key in the request must be owned by the same account as the bucket. Modify the request to specify a KMS key from the same account, and then try again."
	msgUpdateEncryptionLocked  = "The encryption type for the specified object can’t be updated because that object is protected by S3 Object Lock. If the object has a governance-mode retention period or a legal hold, you must first remove the Object Lock status on the object before you issue your UpdateObjectEncryption request. You can't use the UpdateObjectEncryption operation with objects that have an Object Lock compliance mode retention period applied to them."
)

// kmsKeyARNPattern is KMSKeyArn's pattern (API_SSEKMSEncryption), with the
// length limits of 20 to 2,048 characters checked beside it.
var kmsKeyARNPattern = regexp.MustCompile(`^arn:aws[a-zA-Z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$`)

// objectEncryptionXML is the ObjectEncryption union: SSE-KMS is the one
// member an update may name; the others are read to be refused by name.
type objectEncryptionXML struct {
	XMLName xml.Name `xml:"ObjectEncryption"`
	SSEKMS  *struct {
		KMSKeyArn        *string `xml:"KMSKeyArn"`
		BucketKeyEnabled *string `xml:"BucketKeyEnabled"`
	} `xml:"SSE-KMS"`
	SSEC    *struct{} `xml:"SSE-C"`
	DSSEKMS *struct{} `xml:"DSSE-KMS"`
}

// newEncryption is what an update asks for: an SSE-KMS key and whether
// an S3 Bucket Key is used.
type newEncryption struct {
	keyARN    string
	bucketKey bool
}

// updateObjectEncryption serves UpdateObjectEncryption. The caller needs
// both s3:UpdateObjectEncryption and s3:PutObject on the object (the
// page's Permissions); fakeaws serves no KMS, so the kms: permissions are
// not asked.
func (h *Handler) updateObjectEncryption(rq *req) (*result, error) {
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	var in objectEncryptionXML
	if err := xml.Unmarshal(raw, &in); err != nil {
		return nil, errMalformedXML()
	}
	if rq.info.SignatureVersion == "AWS" {
		return nil, errInvalidRequest(msgUpdateEncryptionSigV4)
	}
	b, o, err := h.loadForSubresource(rq, "s3:UpdateObjectEncryption")
	if err != nil {
		return nil, err
	}
	put := check{action: "s3:PutObject", resource: rq.objectARN(), cond: headerConds(conds("s3:VersionId", rq.q.Get("versionId")), rq.r), object: o}
	if err := h.authorize(rq, b, put); err != nil {
		return nil, err
	}
	if err := requireIntegrity(rq.r, raw); err != nil {
		return nil, err
	}
	want, err := in.validate(b.Account)
	if err != nil {
		return nil, err
	}
	if err := updatableEncryption(o, h.now()); err != nil {
		return nil, err
	}
	o.SSE, o.KMSKeyID, o.BucketKey = "aws:kms", want.keyARN, want.bucketKey
	if err := h.saveVersion(rq, o); err != nil {
		return nil, err
	}
	return &result{}, nil
}

// validate checks the requested encryption against the page's rules; a
// key must be of the bucket owner's account.
func (in *objectEncryptionXML) validate(owner string) (newEncryption, error) {
	switch {
	case in.SSEC != nil || in.DSSEKMS != nil:
		return newEncryption{}, errInvalidRequest(msgUpdateEncryptionTarget)
	case in.SSEKMS == nil:
		return newEncryption{}, errInvalidRequest(msgUpdateEncryptionType)
	case in.SSEKMS.KMSKeyArn == nil || strings.TrimSpace(*in.SSEKMS.KMSKeyArn) == "":
		return newEncryption{}, errInvalidRequest(msgUpdateEncryptionNoKey)
	}
	key := strings.TrimSpace(*in.SSEKMS.KMSKeyArn)
	parsed, err := arn.Parse(key)
	if len(key) < 20 || len(key) > 2048 || !kmsKeyARNPattern.MatchString(key) || err != nil {
		return newEncryption{}, errInvalidRequest(msgUpdateEncryptionBadKey)
	}
	want := newEncryption{keyARN: key}
	if v := in.SSEKMS.BucketKeyEnabled; v != nil {
		switch strings.TrimSpace(*v) {
		case "true":
			want.bucketKey = true
		case "false":
		default:
			return newEncryption{}, errInvalidRequest(msgUpdateEncryptionBoolean)
		}
	}
	if parsed.AccountID != owner {
		return newEncryption{}, awserr.New(codeAccessDenied, http.StatusForbidden, msgUpdateEncryptionAccount)
	}
	return want, nil
}

// updatableEncryption refuses what the update cannot change: SSE-C and
// DSSE-KMS objects, and versions Object Lock protects (a legal hold or a
// retention period not yet over).
func updatableEncryption(o *store.S3Object, now time.Time) error {
	if o.SSE == sseCustomer || o.SSE == "aws:kms:dsse" {
		return errInvalidRequest(msgUpdateEncryptionSource)
	}
	if lockBlocksDelete(o, now, false) {
		return awserr.New(codeAccessDenied, http.StatusForbidden, msgUpdateEncryptionLocked)
	}
	return nil
}
