package sigv4

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// s3SubResources are the query parameters SigV2 includes in the
// CanonicalizedResource.
var s3SubResources = map[string]bool{
	"accelerate": true, "acl": true, "analytics": true, "attributes": true, "cors": true,
	"delete": true, "encryption": true, "inventory": true, "intelligent-tiering": true,
	"legal-hold": true, "lifecycle": true, "location": true, "logging": true,
	"metrics": true, "notification": true, "object-lock": true, "ownershipControls": true,
	"partNumber": true, "policy": true, "policyStatus": true, "publicAccessBlock": true,
	"replication": true, "requestPayment": true, "response-cache-control": true,
	"response-content-disposition": true, "response-content-encoding": true,
	"response-content-language": true, "response-content-type": true,
	"response-expires": true, "restore": true, "retention": true, "select": true,
	"select-type": true, "tagging": true, "torrent": true, "uploadId": true,
	"uploads": true, "versionId": true, "versioning": true, "versions": true,
	"website": true,
}

// botocoreSubResources are the sub-resources botocore's SigV2 signer puts
// in the CanonicalizedResource (HmacV1Auth.QSAOfInterest): it leaves out
// newer ones (ownershipControls, publicAccessBlock, encryption, ...). A
// signature over that resource is accepted too, or a SigV2 boto3 client
// could not call those operations.
var botocoreSubResources = map[string]bool{
	"accelerate": true, "acl": true, "cors": true, "defaultObjectAcl": true, "location": true,
	"logging": true, "partNumber": true, "policy": true, "requestPayment": true, "torrent": true,
	"versioning": true, "versionId": true, "versions": true, "website": true, "uploads": true,
	"uploadId": true, "response-content-type": true, "response-content-language": true,
	"response-expires": true, "response-cache-control": true, "response-content-disposition": true,
	"response-content-encoding": true, "delete": true, "lifecycle": true, "tagging": true,
	"restore": true, "storageClass": true, "notification": true, "replication": true,
	"analytics": true, "metrics": true, "inventory": true, "select": true, "select-type": true,
	"object-lock": true,
}

// stringToSignV2 builds SigV2's StringToSign. date is the Date header (""
// when x-amz-date is sent) or, for query authentication, Expires.
//
// With query authentication (query true), the request's x-amz-* query
// parameters count as headers in CanonicalizedAmzHeaders, and
// content-md5 / content-type parameters stand in for missing headers:
// that is how a presigned URL carries them (S3 developer guide,
// "Query string request authentication alternative": x-amz-security-token
// for temporary credentials; botocore's HmacV1QueryAuth moves every
// signed x-amz-*, Content-MD5 and Content-Type header into the query).
func (v *Verifier) stringToSignV2(r *http.Request, date string, pairs []queryPair, query bool) string {
	return v.stringToSignV2Path(r, date, pairs, query, rawPath(r), s3SubResources)
}

// bucketOnlyPath reports whether path names a bucket and no key in path
// style ("/bucket").
func bucketOnlyPath(path string) bool {
	return len(path) > 1 && strings.IndexByte(path[1:], '/') < 0
}

func (v *Verifier) stringToSignV2Path(r *http.Request, date string, pairs []queryPair, query bool, path string, subs map[string]bool) string {
	amzHeaders, contentMD5, contentType := canonicalAmzHeadersV2(r, pairs, query)
	return r.Method + "\n" + contentMD5 + "\n" + contentType + "\n" + date + "\n" +
		amzHeaders + v.canonicalResourceV2(r, path, pairs, subs)
}

// canonicalAmzHeadersV2 is CanonicalizedAmzHeaders (each x-amz-* header,
// lower-cased and sorted, "name:value,value\n"), and the Content-MD5 and
// Content-Type to sign. With query authentication the x-amz-* parameters
// count as headers and content-md5 / content-type stand in for missing
// headers.
func canonicalAmzHeadersV2(r *http.Request, pairs []queryPair, query bool) (amzHeaders, contentMD5, contentType string) {
	contentMD5, contentType = get(r, "Content-Md5"), get(r, "Content-Type")
	var names []string
	amz := map[string][]string{}
	addAmz := func(lk, val string) {
		if _, ok := amz[lk]; !ok {
			names = append(names, lk)
		}
		amz[lk] = append(amz[lk], trimAll(val))
	}
	for k, vals := range r.Header {
		lk := strings.ToLower(k)
		if !strings.HasPrefix(lk, "x-amz-") {
			continue
		}
		for _, val := range vals {
			addAmz(lk, val)
		}
	}
	if query {
		fromHeaders := len(names)
		for _, p := range pairs {
			switch lk := strings.ToLower(p.k); {
			case strings.HasPrefix(lk, "x-amz-"):
				// A parameter repeating a header the client also sent
				// (a presigned PUT sending its x-amz-acl both ways) counts
				// once, as the header.
				if !slices.Contains(names[:fromHeaders], lk) {
					addAmz(lk, p.v)
				}
			case lk == "content-md5" && contentMD5 == "":
				contentMD5 = p.v
			case lk == "content-type" && contentType == "":
				contentType = p.v
			}
		}
	}
	var b strings.Builder
	sort.Strings(names)
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte(':')
		b.WriteString(strings.Join(amz[n], ","))
		b.WriteByte('\n')
	}
	return b.String(), contentMD5, contentType
}

// canonicalResourceV2 is CanonicalizedResource: the bucket of a
// virtual-hosted request, path, and the sub-resources among pairs that
// subs names, sorted.
func (v *Verifier) canonicalResourceV2(r *http.Request, path string, pairs []queryPair, subs map[string]bool) string {
	var b strings.Builder
	if v.BucketFromHost != nil {
		host := r.Host
		if host == "" && r.URL != nil {
			host = r.URL.Host
		}
		if bucket := v.BucketFromHost(host); bucket != "" {
			b.WriteByte('/')
			b.WriteString(bucket)
		}
	}
	b.WriteString(path)
	var sub []queryPair
	for _, p := range pairs {
		if subs[p.k] {
			sub = append(sub, p)
		}
	}
	sort.SliceStable(sub, func(i, j int) bool { return sub[i].k < sub[j].k })
	for i, p := range sub {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		if p.v != "" {
			b.WriteByte('=')
			b.WriteString(p.v)
		}
	}
	return b.String()
}

func signV2(secret, sts string) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write([]byte(sts))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// verifyV2 checks SigV2 header ("AWS AKID:sig", pairs nil) or query
// (AWSAccessKeyId, Signature, Expires) authentication.
func (v *Verifier) verifyV2(r *http.Request, header string, pairs []queryPair) (*Result, error) {
	now := v.now()
	var akid, sig, date, token, authType string
	var signedAt time.Time
	if pairs == nil {
		pairs = parseQuery(rawQuery(r))
		cred := strings.TrimSpace(strings.TrimPrefix(header, "AWS "))
		i := strings.LastIndexByte(cred, ':')
		if i <= 0 || i == len(cred)-1 {
			return nil, newErr("InvalidArgument", http.StatusBadRequest, "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature").
				add("ArgumentName", "Authorization").add("ArgumentValue", header)
		}
		akid, sig = cred[:i], cred[i+1:]
		ds, fromDate := requestDateHeader(r)
		if fromDate {
			date = ds
		}
		t, ok := parseRequestTime(ds)
		if !ok || t.Before(epoch) {
			return nil, newErr("AccessDenied", http.StatusForbidden, "AWS authentication requires a valid Date or x-amz-date header")
		}
		if d := v.wall().Sub(t); d > v.maxSkew() || d < -v.maxSkew() {
			return nil, skewError("s3", ds, t, v.wall(), v.maxSkew())
		}
		signedAt, token, authType = t.UTC(), get(r, "X-Amz-Security-Token"), "REST-HEADER"
	} else {
		var hasAKID, hasSig, hasExp bool
		for _, p := range pairs {
			switch p.k {
			case "AWSAccessKeyId":
				akid, hasAKID = p.v, true
			case "Signature":
				sig, hasSig = p.v, true
			case "Expires":
				date, hasExp = p.v, true
			case "x-amz-security-token", "X-Amz-Security-Token":
				token = p.v
			}
		}
		if !hasAKID || !hasSig || !hasExp {
			return nil, newErr("AccessDenied", http.StatusForbidden,
				"Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
		}
		exp, err := strconv.ParseInt(date, 10, 64)
		if err != nil {
			return nil, newErr("AccessDenied", http.StatusForbidden, "Invalid date (should be seconds since epoch): "+date)
		}
		et := time.Unix(exp, 0).UTC()
		if now.After(et) {
			return nil, newErr("AccessDenied", http.StatusForbidden, "Request has expired").
				add("Expires", et.Format(time.RFC3339)).
				add("ServerTime", now.UTC().Format(time.RFC3339))
		}
		signedAt, authType = et, "REST-QUERY-STRING"
		if token == "" {
			token = get(r, "X-Amz-Security-Token")
		}
	}
	key, err := v.lookup(r.Context(), akid)
	if err != nil {
		return nil, err
	}
	if token != key.SessionToken {
		return nil, tokenMismatch("s3", akid, token, key.SessionToken)
	}
	sts := v.stringToSignV2(r, date, pairs, authType == "REST-QUERY-STRING")
	want := signV2(key.Secret, sts)
	if !hmac.Equal([]byte(want), []byte(sig)) {
		if !v.botocoreSignedV2(r, date, pairs, authType == "REST-QUERY-STRING", key.Secret, sig) {
			return nil, signatureMismatchV2(akid, sts, sig)
		}
	}
	if err := v.wrapUnsignedBody(r); err != nil {
		return nil, err
	}
	return &Result{
		AccessKeyID:   akid,
		SessionToken:  token,
		Version:       "AWS",
		AuthType:      authType,
		ContentSHA256: get(r, "X-Amz-Content-Sha256"),
		SignedAt:      signedAt,
	}, nil
}

// botocoreSignedV2 reports whether sig signs r's string to sign as
// botocore builds it: a path-style bucket request ("/bucket") with the
// resource "/bucket/", and only botocore's sub-resources; S3 accepts
// those, and every bucket call of a SigV2 boto3 client depends on it.
// A presigned link (query) is held to every sub-resource: botocore's
// shorter list would let a link signed for PUT or DELETE /bucket also
// serve ?publicAccessBlock, ?ownershipControls or ?encryption, and one
// for PUT /bucket/key ?retention or ?legal-hold.
func (v *Verifier) botocoreSignedV2(r *http.Request, date string, pairs []queryPair, query bool, secret, sig string) bool {
	path := rawPath(r)
	paths := []string{path}
	if bucketOnlyPath(path) {
		paths = append(paths, path+"/")
	}
	subsets := []map[string]bool{s3SubResources, botocoreSubResources}
	if query {
		subsets = subsets[:1]
	}
	for _, p := range paths {
		for _, subs := range subsets {
			if hmac.Equal([]byte(signV2(secret, v.stringToSignV2Path(r, date, pairs, query, p, subs))), []byte(sig)) {
				return true
			}
		}
	}
	return false
}

// requestDateHeader returns the header that dates a header-signed
// request: X-Amz-Date whenever it is sent, even empty (S3 then refuses the
// request rather than falling back to Date: ceph/s3-tests
// test_object_create_bad_date_empty_aws2 and its bucket twin, written
// against AWS), else Date; fromDate says which.
func requestDateHeader(r *http.Request) (value string, fromDate bool) {
	if v, ok := r.Header["X-Amz-Date"]; ok && len(v) > 0 {
		return v[0], false
	}
	return get(r, "Date"), true
}

// epoch is the earliest request time S3 takes as a date: an earlier one is
// "not a valid date" (AccessDenied), not a skewed clock (ceph/s3-tests
// test_object_create_bad_date_before_epoch_aws2 and
// test_object_create_bad_amz_date_before_epoch_aws4, written against AWS).
var epoch = time.Unix(0, 0)

// parseRequestTime accepts the ISO 8601 basic form of X-Amz-Date and the
// HTTP date forms (RFC 1123 with "GMT" or a numeric zone, RFC 850, ANSI C).
func parseRequestTime(s string) (time.Time, bool) {
	if t, err := time.Parse(amzDateFormat, s); err == nil {
		return t, true
	}
	if t, err := http.ParseTime(s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC1123Z, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// V2Refusal is the answer to a request signed with SigV2 (S3's
// "AWS AKID:signature" header or its AWSAccessKeyId/Signature query) for a
// service other than S3, or nil when r carries no SigV2 signature. SigV2's
// string to sign holds neither the query's Action nor a form body, so
// accepting it outside S3 would turn any S3 link signed with it into every
// IAM and STS action of its signer. The caller knows r's service.
func V2Refusal(r *http.Request) *Error {
	if h := get(r, "Authorization"); h != "" {
		if !strings.HasPrefix(h, "AWS ") {
			return nil
		}
		return incompleteSignature(h)
	}
	q := rawQuery(r)
	if !strings.Contains(q, "Signature=") && !strings.Contains(q, "AWSAccessKeyId=") {
		return nil
	}
	for _, p := range parseQuery(q) {
		switch p.k {
		case "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature":
			return nil // SigV4 query authentication: Verify judges it
		}
	}
	for _, p := range parseQuery(q) {
		if p.k == "AWSAccessKeyId" || p.k == "Signature" {
			return newErr("IncompleteSignature", http.StatusBadRequest,
				"Signature Version 2 query authentication (AWSAccessKeyId, Signature, Expires) is accepted by S3 only; sign with Signature Version 4")
		}
	}
	return nil
}
