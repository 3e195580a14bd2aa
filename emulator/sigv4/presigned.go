package sigv4

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// presignedQuery is the X-Amz-* query of a presigned URL, parsed and
// checked for form.
type presignedQuery struct {
	cred       credential
	sig        string
	dateStr    string // X-Amz-Date as sent; it goes into the string to sign
	t          time.Time
	signedRaw  string
	expiresStr string
	expires    int64 // -1 when X-Amz-Expires is absent (allowed outside S3)
}

// queryValue returns the first value of k among pairs.
func queryValue(pairs []queryPair, k string) (string, bool) {
	for _, p := range pairs {
		if p.k == k {
			return p.v, true
		}
	}
	return "", false
}

// verifyPresigned checks a request signed in its query string: the query's
// form, the signing time and expiry, the signed headers, the key and token,
// the payload hash, then the signature itself.
func (v *Verifier) verifyPresigned(r *http.Request, pairs []queryPair) (*Result, error) {
	q, svc, err := parsePresignedQuery(r, pairs)
	if err != nil {
		return nil, err
	}
	if err := v.checkPresignedTime(svc, q); err != nil {
		return nil, err
	}
	signed := strings.Split(q.signedRaw, ";")
	if err := checkSignedHeaders(r, svc, signed); err != nil {
		return nil, err
	}

	key, err := v.lookup(r.Context(), q.cred.akid)
	if err != nil {
		return nil, err
	}
	token, _ := queryValue(pairs, "X-Amz-Security-Token")
	if token != key.SessionToken {
		return nil, tokenMismatch(svc, q.cred.akid, token, key.SessionToken)
	}

	contentSHA, payloadHash, err := v.presignedPayloadHash(r, svc, pairs)
	if err != nil {
		return nil, err
	}

	signingKey := v.signingKey(key.Secret, q.cred.date, q.cred.region, q.cred.service)
	query := canonicalQuery(pairs, "X-Amz-Signature")
	if err := checkSignature(r, svc, q.cred, key, signingKey, q.dateStr, query, signed, q.signedRaw, payloadHash, q.sig); err != nil {
		return nil, err
	}
	res := &Result{
		AccessKeyID:   q.cred.akid,
		SessionToken:  token,
		Service:       q.cred.service,
		Region:        q.cred.region,
		Version:       algoV4,
		AuthType:      "REST-QUERY-STRING",
		ContentSHA256: contentSHA,
		SignedAt:      q.t.UTC(),
	}
	// The payload mode signed is checked as in a header-signed request: a
	// hash when the body ends, an aws-chunked body decoded and its chunks
	// verified from the URL's signature. Before, only a hash was: a URL
	// signed for STREAMING-AWS4-HMAC-SHA256-PAYLOAD stored its body's
	// chunk framing, chunk signatures unchecked.
	if contentSHA != "" && contentSHA != unsignedPayload {
		if err := v.wrapBody(r, svc, contentSHA, signingKey, q.dateStr, q.cred, strings.ToLower(q.sig)); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// parsePresignedQuery reads and checks the X-Amz-* parameters of a
// presigned URL. It returns them with the service that words its errors
// (the credential scope's, or a guess from the request).
func parsePresignedQuery(r *http.Request, pairs []queryPair) (presignedQuery, string, error) {
	var q presignedQuery
	algo, hasAlgo := queryValue(pairs, "X-Amz-Algorithm")
	credRaw, hasCred := queryValue(pairs, "X-Amz-Credential")
	sig, hasSig := queryValue(pairs, "X-Amz-Signature")
	dateStr, hasDate := queryValue(pairs, "X-Amz-Date")
	signedRaw, hasSigned := queryValue(pairs, "X-Amz-SignedHeaders")
	expiresStr, hasExpires := queryValue(pairs, "X-Amz-Expires")

	cred, credOK := parseCredential(credRaw)
	svc := cred.service
	if !credOK {
		svc = guessService(r)
	}
	if !hasAlgo || !hasCred || !hasSig || !hasDate || !hasSigned || (!hasExpires && isS3(svc)) {
		return q, svc, queryParamsError(svc, "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")
	}
	if algo != algoV4 {
		return q, svc, queryParamsError(svc, `X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"`)
	}
	if !credOK {
		return q, svc, queryParamsError(svc, "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "+credentialFormat)
	}
	t, err := time.Parse(amzDateFormat, dateStr)
	if err != nil {
		return q, svc, queryParamsError(svc, `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`)
	}
	expires := int64(-1)
	if hasExpires {
		if expires, err = parsePresignExpires(svc, expiresStr); err != nil {
			return q, svc, err
		}
	}
	if cred.date != t.Format("20060102") {
		return q, svc, queryParamsError(svc, `Invalid credential date "`+cred.date+`". This date is not the same as X-Amz-Date: "`+t.Format("20060102")+`".`)
	}
	return presignedQuery{cred: cred, sig: sig, dateStr: dateStr, t: t, signedRaw: signedRaw, expiresStr: expiresStr, expires: expires}, svc, nil
}

// parsePresignExpires reads X-Amz-Expires: whole seconds, at most a week.
func parsePresignExpires(svc, s string) (int64, error) {
	expires, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, queryParamsError(svc, "X-Amz-Expires should be a number")
	}
	if expires < 0 {
		return 0, queryParamsError(svc, "X-Amz-Expires must be non-negative")
	}
	if expires > maxPresignExpires {
		// AWS's wording, as quoted from S3 in aws/aws-cli#5464 and
		// bryanjos/aws_auth#31.
		return 0, queryParamsError(svc, "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds")
	}
	return expires, nil
}

// checkPresignedTime refuses a presigned URL signed in the future (beyond
// the allowed skew), past its X-Amz-Expires, or, without X-Amz-Expires,
// signed longer ago than the allowed skew.
func (v *Verifier) checkPresignedTime(svc string, q presignedQuery) error {
	if wall := v.wall(); q.t.Sub(wall) > v.maxSkew() {
		if isS3(svc) {
			// AWS's wording (justincormack/argmin crates/s3-tests/tests/presigned.rs
			// test_object_raw_get_x_amz_future_date_is_not_valid_yet, 2026).
			return newErr("AccessDenied", http.StatusForbidden, "Request is not yet valid").
				add("X-Amz-Date", q.dateStr).add("ServerTime", wall.UTC().Format(time.RFC3339))
		}
		return skewError(svc, q.dateStr, q.t, wall, v.maxSkew())
	}
	now := v.now()
	if q.expires < 0 {
		if d := now.Sub(q.t); d > v.maxSkew() {
			return skewError(svc, q.dateStr, q.t, now, v.maxSkew())
		}
		return nil
	}
	exp := q.t.Add(time.Duration(q.expires) * time.Second)
	if !now.After(exp) {
		return nil
	}
	if isS3(svc) {
		return newErr("AccessDenied", http.StatusForbidden, "Request has expired").
			add("X-Amz-Expires", q.expiresStr).
			add("Expires", exp.UTC().Format(time.RFC3339)).
			add("ServerTime", now.UTC().Format(time.RFC3339))
	}
	return newErr("SignatureDoesNotMatch", http.StatusForbidden,
		"Signature expired: "+q.dateStr+" is now earlier than "+now.Add(-time.Duration(q.expires)*time.Second).UTC().Format(amzDateFormat)+
			" ("+now.UTC().Format(amzDateFormat)+" - "+q.expiresStr+" sec.)")
}

// presignedPayloadHash returns the x-amz-content-sha256 sent (query first,
// then header) and the payload hash to sign with: UNSIGNED-PAYLOAD for S3
// when none was sent, else the hash of the whole (form) body.
func (v *Verifier) presignedPayloadHash(r *http.Request, svc string, pairs []queryPair) (contentSHA, payloadHash string, err error) {
	contentSHA, hasContentSHA := queryValue(pairs, "X-Amz-Content-Sha256")
	if !hasContentSHA {
		contentSHA = get(r, "X-Amz-Content-Sha256")
	}
	switch {
	case contentSHA != "" && !validContentSHA(contentSHA):
		return "", "", queryParamsError(svc, "X-Amz-Content-Sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value.")
	case !isS3(svc):
		// A Query service's body is always hashed (see verifyHeaderV4).
	case contentSHA != "":
		return contentSHA, contentSHA, nil
	default:
		return contentSHA, unsignedPayload, nil
	}
	ph, err := v.hashWholeBody(r)
	if err != nil {
		return "", "", err
	}
	return "", ph, nil
}
