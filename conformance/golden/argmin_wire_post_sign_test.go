package golden

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// wirePost is a browser POST form as argmin's post_object.rs builds it
// (sigv4_fields): key, x-amz-algorithm, x-amz-credential, x-amz-date,
// policy, x-amz-signature, then the extra fields, then the file.
type wirePost struct {
	key string
	// conds follow the SigV4 conditions in the policy
	// ({"bucket"}, {"key"}, x-amz-algorithm/-credential/-date, conds...).
	conds []any
	// doc, when set, is the whole policy document instead (the suite's
	// make_policy_raw and hand-written ones); it gets the credential and
	// the date to name.
	doc func(cred, amzDate string) any
	// region and service of the credential; "" is us-east-1 / s3.
	region, service string
	// fields follow the signed ones.
	fields [][2]string
	// edit changes the fields last (nil: none).
	edit func([][2]string) [][2]string
	// header is sent with the POST.
	header   http.Header
	fileName string
	file     string
	// creds signs instead of the primary user (alt's POSTs).
	creds func(w *World, u *argminUsers) aws.Credentials
}

// wirePostExpiry is make_policy's expiration: an hour on.
func wirePostExpiry() string { return time.Now().UTC().Add(time.Hour).Format("2006-01-02T15:04:05Z") }

func wirePostSignature(secret, date, region, service, policy string) string {
	mac := func(k []byte, s string) []byte {
		h := hmac.New(sha256.New, k)
		h.Write([]byte(s))
		return h.Sum(nil)
	}
	k := mac(mac(mac(mac([]byte("AWS4"+secret), date), region), service), "aws4_request")
	return hex.EncodeToString(mac(k, policy))
}

// form is p's fields, signed with creds.
func (p wirePost) form(creds aws.Credentials) ([][2]string, error) {
	region, service := p.region, p.service
	if region == "" {
		region = "us-east-1"
	}
	if service == "" {
		service = "s3"
	}
	now := time.Now().UTC()
	date, amzDate := now.Format("20060102"), now.Format("20060102T150405Z")
	cred := creds.AccessKeyID + "/" + date + "/" + region + "/" + service + "/aws4_request"
	var doc any
	if p.doc != nil {
		doc = p.doc(cred, amzDate)
	} else {
		conds := append([]any{map[string]string{"bucket": argminBkt}, map[string]string{"key": p.key},
			map[string]string{"x-amz-algorithm": "AWS4-HMAC-SHA256"}, map[string]string{"x-amz-credential": cred},
			map[string]string{"x-amz-date": amzDate}}, p.conds...)
		doc = map[string]any{"expiration": wirePostExpiry(), "conditions": conds}
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	policy := base64.StdEncoding.EncodeToString(raw)
	fields := [][2]string{{"key", p.key}, {"x-amz-algorithm", "AWS4-HMAC-SHA256"}, {"x-amz-credential", cred},
		{"x-amz-date", amzDate}, {"policy", policy}, {"x-amz-signature", wirePostSignature(creds.SecretAccessKey, date, region, service, policy)}}
	fields = append(fields, p.fields...)
	if p.edit != nil {
		fields = p.edit(fields)
	}
	return fields, nil
}

// send posts p to argminBkt.
func (p wirePost) send(ctx context.Context, w *World, u *argminUsers) (any, error) {
	creds := u.primary
	if p.creds != nil {
		creds = p.creds(w, u)
	}
	fields, err := p.form(creds)
	if err != nil {
		return nil, err
	}
	fileName := p.fileName
	if fileName == "" {
		fileName = "test.txt"
	}
	body, contentType, err := multipartForm(fields, fileName, p.file)
	if err != nil {
		return nil, err
	}
	header := http.Header{"Content-Type": {contentType}}
	for k, vs := range p.header {
		header[http.CanonicalHeaderKey(k)] = vs
	}
	return wireSend(ctx, w, http.MethodPost, w.Endpoint+"/"+argminBkt, body, header)
}

// wireRawPost posts body with contentType to argminBkt, unsigned.
func wireRawPost(contentType, body string) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
	return func(ctx context.Context, w *World, _ *argminUsers) (any, error) {
		return wireSend(ctx, w, http.MethodPost, w.Endpoint+"/"+argminBkt, body, http.Header{"Content-Type": {contentType}})
	}
}
