package s3

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"github.com/fakeaws/fakeaws/emulator/regions"
	"io"
	"log/slog"
	"net/http"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/sigv4"
	"github.com/fakeaws/fakeaws/emulator/store"
)

const xmlns = "http://s3.amazonaws.com/doc/2006-03-01/"

// Options configure a Handler.
type Options struct {
	DB     *store.DB
	Authz  *authz.Authorizer
	Now    func() time.Time
	Logger *slog.Logger
	// VirtualHostSuffixes are host suffixes after which a bucket name
	// precedes, e.g. "s3.localhost.localstack.cloud", "localhost",
	// "s3.amazonaws.com": BUCKET.localhost:4566 names BUCKET.
	VirtualHostSuffixes []string
	// MaxObjectSize bounds a single PUT (default 5 GiB; EntityTooLarge).
	MaxObjectSize int64
	// MinPartSize is the smallest non-last part CompleteMultipartUpload
	// accepts (default 5 MiB; EntityTooSmall). Tests lower it.
	MinPartSize int64
	// Keys resolves the access keys of browser POST uploads, whose
	// signature is a form field (the server's *authn.Authenticator). When
	// nil, signed POST uploads answer NotImplemented.
	Keys Keys
	// LegacyBucketDefaults gives new buckets S3's older defaults:
	// ObjectWriter ownership (ACLs enabled) and no Block Public Access
	// settings, as before April 2023, and SSE-C allowed, as before April
	// 2026. Not what AWS does today; for suites written for those
	// defaults (moto, MinIO, ceph/s3-tests).
	LegacyBucketDefaults bool
}

// DefaultVirtualHostSuffixes are the hosts under which BUCKET.<suffix>
// names a bucket, used when Options.VirtualHostSuffixes is empty.
var DefaultVirtualHostSuffixes = []string{
	"s3.localhost.localstack.cloud", "localhost.localstack.cloud", "s3.amazonaws.com", "localhost",
}

// Handler serves S3 REST requests.
type Handler struct {
	db       *store.DB
	authz    *authz.Authorizer
	now      func() time.Time
	log      *slog.Logger
	suffixes []string
	maxPut   int64
	minPart  int64
	keys     Keys
	router   *router
	ops      []string // operation names the router serves (Operations)
	legacy   bool     // Options.LegacyBucketDefaults
	// completed remembers recent CompleteMultipartUpload answers, so a
	// retried completion gets the same answer, as on AWS.
	completed completedUploads
	// testPoint, nil except in tests, is called at the points of a
	// request named by the point* constants, so that tests can order
	// concurrent requests there.
	testPoint func(point string)
	// buckets caches decoded buckets for the read path.
	buckets bucketCache
	// bucketList caches ListBuckets' entries.
	bucketList bucketList
	// policyTexts remembers bucket policies as GetBucketPolicy answers them.
	policyTexts policyTexts
	// bucketRecords keeps the bucket records object commits decode, by
	// their stored bytes (store.Memo).
	bucketRecords store.Memo[store.Bucket]
}

// New returns a Handler.
func New(opts Options) *Handler {
	h := &Handler{db: opts.DB, authz: opts.Authz, now: opts.Now, log: opts.Logger,
		maxPut: opts.MaxObjectSize, minPart: opts.MinPartSize, keys: opts.Keys,
		legacy: opts.LegacyBucketDefaults}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.maxPut <= 0 {
		h.maxPut = 5 << 30
	}
	if h.minPart <= 0 {
		h.minPart = 5 << 20
	}
	sfx := opts.VirtualHostSuffixes
	if len(sfx) == 0 {
		sfx = DefaultVirtualHostSuffixes
	}
	for _, s := range sfx {
		h.suffixes = append(h.suffixes, strings.ToLower(strings.Trim(s, ".")))
	}
	// Longest first, so "s3.localhost.localstack.cloud" wins over
	// "localhost.localstack.cloud".
	sort.SliceStable(h.suffixes, func(i, j int) bool { return len(h.suffixes[i]) > len(h.suffixes[j]) })
	h.router = h.routes()
	return h
}

// BucketFromHost returns the bucket named by a virtual-hosted Host header,
// or "" for a path-style host.
func (h *Handler) BucketFromHost(host string) string {
	host = canonicalHost(host)
	for _, s := range h.suffixes {
		if host == s {
			return ""
		}
	}
	// Regional hosts first: under "localhost.localstack.cloud",
	// b.s3.eu-central-1.localhost.localstack.cloud names b, not
	// "b.s3.eu-central-1".
	if s := h.regionalSuffix(host); s != "" {
		b, _ := regionalBucket(strings.TrimSuffix(host, "."+s))
		return b
	}
	for _, s := range h.suffixes {
		if b, ok := strings.CutSuffix(host, "."+s); ok && b != "" {
			return b
		}
	}
	// Other AWS hosts: the bucket is what precedes the last "s3" or "s3-*"
	// label: BUCKET.s3[.dualstack].REGION, the legacy BUCKET.s3-REGION,
	// and the hosts aws-sdk-go-v2's endpoint rules build for FIPS and
	// Transfer Acceleration, BUCKET.s3-fips[.dualstack].REGION and
	// BUCKET.s3-accelerate[.dualstack] (service/s3 endpoints.go).
	if rest, ok := strings.CutSuffix(host, ".amazonaws.com"); ok {
		if i := max(strings.LastIndex(rest, ".s3."), strings.LastIndex(rest, ".s3-")); i > 0 {
			return rest[:i]
		}
	}
	return ""
}

// objectURL is the URL of key in bucket as r addressed it, the Location
// of PostObject and CompleteMultipartUpload: on r's host, the bucket in
// the path unless the host names it, the key percent-encoded, https when r
// came over TLS. AWS answers BUCKET.s3.REGION.amazonaws.com/KEY to a
// virtual-hosted request (API_CompleteMultipartUpload's sample
// response; LocalStack test_s3.py
// TestS3PresignedPost::test_s3_presigned_post_success_action_status_201_response
// asserts https://BUCKET.s3.amazonaws.com/key-my-file for a POST to that
// host, validated 2026-02-21).
func (h *Handler) objectURL(r *http.Request, bucket, key string) string {
	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	if h.BucketFromHost(r.Host) != "" {
		return scheme + r.Host + "/" + pathEncode(key)
	}
	return scheme + r.Host + "/" + bucket + "/" + pathEncode(key)
}

// regionalBucket reads rest, a host without its suffix, as S3's regional
// endpoint under that suffix, as AWS reads s3.REGION.amazonaws.com (S3 User
// Guide, VirtualHosting.html#VirtualHostingSpecifyBucket) and LocalStack
// s3.REGION.localhost.localstack.cloud: "s3.REGION" is the service host
// (path-style, bucket ""), "BUCKET.s3.REGION" names BUCKET. ok is false
// when rest is neither, or REGION is not an AWS Region.
func regionalBucket(rest string) (bucket string, ok bool) {
	i := strings.LastIndexByte(rest, '.')
	if i < 0 || !regions.S3(rest[i+1:]) {
		return "", false
	}
	head := rest[:i]
	if head == "s3" {
		return "", true
	}
	if b, ok := strings.CutSuffix(head, ".s3"); ok && b != "" {
		return b, true
	}
	return "", false
}

// Sweep removes body files no object, version or upload references.
func (h *Handler) Sweep(ctx context.Context) error { return h.SweepBefore(ctx, time.Time{}) }

// SweepBefore is Sweep limited to files last modified before before (no
// limit when zero), so it can run beside live writes: the references are
// read after the body files of earlier writes exist, and later writes'
// bodies are newer than before.
func (h *Handler) SweepBefore(ctx context.Context, before time.Time) error {
	refs := map[string]bool{}
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var buckets []string
		if err := tx.ForEach(store.Global, store.KindBucket, "", "", func(k string, _ store.Decoder) error {
			buckets = append(buckets, k)
			return nil
		}); err != nil {
			return err
		}
		objectParts := func(o *store.S3Object) []store.S3Part { return o.Parts }
		uploadParts := func(u *store.S3Upload) []store.S3Part { return u.Parts }
		for _, b := range buckets {
			if err := markBodies(tx, store.S3VersionKind(b), refs, objectParts); err != nil {
				return err
			}
			if err := markBodies(tx, store.S3UploadKind(b), refs, uploadParts); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return h.db.SweepBodiesBefore(func(id string) bool { return refs[id] }, before)
}

// markBodies records in refs the body of every part of every record of
// kind, each decoded as a T whose parts are parts(record).
func markBodies[T any](tx *store.Tx, kind string, refs map[string]bool, parts func(*T) []store.S3Part) error {
	return tx.ForEach(store.Global, kind, "", "", func(_ string, dec store.Decoder) error {
		var rec T
		if err := dec(&rec); err != nil {
			return err
		}
		for _, p := range parts(&rec) {
			refs[p.Body] = true
		}
		return nil
	})
}

// req is one S3 request being served.
type req struct {
	w      http.ResponseWriter
	r      *http.Request
	ctx    context.Context
	info   *authn.Info
	bucket string
	key    string
	hasKey bool // the path named an object (even an empty-looking one)
	q      url.Values
	// resource is the Resource element of error bodies (the request path).
	resource string
	// objARN remembers objectARN for the bucket and key it was built for.
	objARN struct{ bucket, key, arn string }
	// asked is a what-if question's condition keys (Explain with an
	// operation), which every check of the request carries; nil for a
	// real request.
	asked map[string][]string
	// authorized is the bucket the request was first authorized against
	// (sameBucket).
	authorized bucketIdentity
	// formConds are the condition keys a browser POST's own headers set
	// (actAsForm), which its form-built request no longer carries.
	formConds map[string][]string
	// accessPoint is the access point whose alias the request named as its
	// bucket (accesspointdata.go), nil for a request to a bucket itself.
	accessPoint *store.AccessPoint
	// operation is the AWS operation the route serves (operationFor), set
	// once the request is routed; "" before.
	operation string
	// mfaVerified: the request's x-amz-mfa passed MFA delete's check
	// (mfadelete.go) for the whole request, as DeleteObjects checks it once.
	mfaVerified bool
}

// bucketIdentity tells one bucket from another of the same name: the
// account that created it, and when.
type bucketIdentity struct {
	set     bool
	account string
	created time.Time
}

// sameBucket refuses a write whose bucket, as its transaction reads it, is
// not the one the request was authorized against: a bucket deleted and
// created again under its name, perhaps by another account, while the
// request read its body. The request's permissions and the bucket's
// settings it read belong to the bucket that is gone, so it answers
// NoSuchBucket, as it would had it come after the delete.
func (rq *req) sameBucket(b *store.Bucket) error {
	a := rq.authorized
	if a.set && (b.Account != a.account || !b.Created.Equal(a.created)) {
		return errNoSuchBucket(rq.bucket)
	}
	return nil
}

// result is what a handler produces; ServeHTTP writes it.
type result struct {
	status int
	header http.Header
	xml    any
	// body streams a payload (GetObject); size is its length, -1 unknown.
	body io.ReadCloser
	size int64
	// noContentType sends an XML answer without Content-Type, as S3
	// Control's ListTagsForResource is answered.
	noContentType bool
	// values backs the header values set and setRaw store, a few headers
	// per allocation.
	values []string
}

// value returns a one-element slice holding v, capped so that appending
// to it copies, as []string{v} would be.
func (res *result) value(v string) []string {
	if len(res.values) == cap(res.values) {
		res.values = make([]string, 0, 4)
	}
	res.values = append(res.values, v)
	n := len(res.values)
	return res.values[n-1 : n : n]
}

// setRaw sets a header under k exactly as given: S3 sends user metadata
// as lower-case x-amz-meta-* names, and SDKs take the metadata key from the
// header name's own spelling.
func (res *result) setRaw(k, v string) {
	if res.header == nil {
		res.header = http.Header{}
	}
	res.header[k] = res.value(v)
}

// set sets header k to v, as http.Header.Set does, unless v is empty.
func (res *result) set(k, v string) {
	if res.header == nil {
		res.header = http.Header{}
	}
	if v != "" {
		res.header[textproto.CanonicalMIMEHeaderKey(k)] = res.value(v)
	}
}

// ServeHTTP serves one S3 request. authn.Info is expected in the context.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	info := authn.FromContext(r.Context())
	rid := info.RequestID
	if rid == "" {
		rid = ids.S3Request()
	}
	// Under AWS's spelling of their names (wirenames.go), in one
	// allocation for the three.
	vals := []string{rid, hostID(rid), "AmazonS3"}
	hdr := w.Header()
	hdr[hdrRequestID] = vals[0:1:1]
	hdr[hdrHostID] = vals[1:2:2]
	hdr["Server"] = vals[2:3:3]
	q := r.URL.Query()
	if info.AuthType == "REST-QUERY-STRING" {
		// Before readsBodies: a presigned CopyObject carries its
		// x-amz-copy-source in the query.
		queryParamsAsHeaders(r, q)
	}
	if readsBodies(r) {
		// Pinned before any read transaction and released once the
		// response is written: the bodies this request finds stay on disk
		// however they are overwritten or deleted meanwhile, so it reads
		// one whole version (store.DB.PinBodies).
		defer h.db.PinBodies()()
	}
	rq := &req{w: w, r: r, ctx: r.Context(), info: info, q: q}
	if err := h.target(rq); err != nil {
		h.writeError(rq, err)
		return
	}
	if err := h.throughAccessPoint(rq); err != nil {
		h.writeError(rq, err)
		return
	}
	if err := h.disabledBucket(rq); err != nil {
		h.writeError(rq, err)
		return
	}
	h.applyCORS(rq)
	if err := h.expectedOwner(rq); err != nil {
		h.writeError(rq, err)
		return
	}
	if err := checkVersionIDParam(rq); err != nil {
		h.writeError(rq, err)
		return
	}
	h.router.serve(rq)
}

// readsBodies reports whether r may read stored object bodies: GetObject,
// CopyObject and UploadPartCopy (their source),
// CompleteMultipartUpload (full-object checksums read the parts) and
// SelectObjectContent (it streams the object).
func readsBodies(r *http.Request) bool {
	switch {
	case r.Method == http.MethodGet, r.Header.Get("X-Amz-Copy-Source") != "":
		return true
	case r.Method == http.MethodPost:
		q := r.URL.Query()
		return q.Has("uploadId") || q.Has("select")
	}
	return false
}

// expectedOwner applies x-amz-expected-bucket-owner: 400
// InvalidBucketOwnerAWSAccountID when it is not an account id, AccessDenied
// when the bucket exists and another account owns it. A browser POST
// upload ignores the header: AWS stored the object under another
// account's id (justincormack/argmin crates/s3-tests/tests/post_object.rs
// test_post_object_ignores_expected_bucket_owner, 2026).
func (h *Handler) expectedOwner(rq *req) error {
	want := rq.r.Header.Get("X-Amz-Expected-Bucket-Owner")
	if want == "" || rq.bucket == "" || rq.r.Method == http.MethodOptions || isPostUpload(rq) {
		return nil
	}
	if err := validExpectedOwner(want); err != nil {
		return err
	}
	var owner string
	if err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var b struct{ Account string } // the owner is all this needs
		if tx.Get(store.Global, store.KindBucket, rq.bucket, &b) == nil {
			owner = b.Account
		}
		return nil
	}); err != nil {
		return err
	}
	if owner != "" && owner != want {
		return errAccessDenied()
	}
	return nil
}

// isPostUpload reports whether rq is a browser POST upload: a POST to
// the bucket itself that is not a DeleteObjects.
func isPostUpload(rq *req) bool {
	return rq.r.Method == http.MethodPost && !rq.hasKey && !rq.q.Has("delete")
}

// target fills bucket and key from the Host header and the escaped path.
func (h *Handler) target(rq *req) error {
	p := rq.r.URL.EscapedPath()
	if p == "" {
		p = "/"
	}
	rq.resource = p
	rest := strings.TrimPrefix(p, "/")
	if b := h.BucketFromHost(rq.r.Host); b != "" {
		rq.bucket = b
		if p != "/" || strings.HasPrefix(rq.r.URL.RawPath, "//") {
			rq.hasKey = true
		}
	} else if rest != "" {
		var enc string
		enc, rest, rq.hasKey = strings.Cut(rest, "/")
		b, err := url.PathUnescape(enc)
		if err != nil {
			return errInvalidRequest("Invalid URI encoding in bucket name")
		}
		rq.bucket = b
	} else {
		return nil
	}
	if rq.hasKey {
		k, err := decodeKey(rest)
		if err != nil {
			return err
		}
		rq.key = k
		if k == "" {
			rq.hasKey = false
		}
		if err := refuseInvalidUTF8Key(rq.r.Method, k); err != nil {
			return err
		}
	}
	return nil
}

// decodeKey unescapes an object key from its escaped path form exactly
// once: "%2F" becomes "/", "+" stays "+", "../" and "//" are kept.
func decodeKey(escaped string) (string, error) {
	k, err := url.PathUnescape(escaped)
	if err != nil {
		return "", errInvalidRequest("Invalid URI encoding in object key")
	}
	if len(k) > 1024 {
		return "", awserr.New("KeyTooLongError", http.StatusBadRequest, "Your key is too long").
			With("Size", itoa(int64(len(k)))).With("MaxSizeAllowed", "1024")
	}
	return k, nil
}

// refuseInvalidUTF8Key answers InvalidURI for a write to a key that is not
// valid UTF-8. AWS keys are UTF-8 and S3 refuses others with 400 InvalidURI
// "Couldn't parse the specified URI." (seen for PutObject in larrabee/s3sync
// issue 45 and for HeadObject of %AE%8A- in gaul/s3proxy issue 201). Reads
// and deletes of such a key, which older fakeaws versions stored, still
// work so the key can be listed (encoding-type=url) and removed.
func refuseInvalidUTF8Key(method, key string) error {
	if (method == http.MethodPut || method == http.MethodPost) && !utf8.ValidString(key) {
		return errInvalidURI()
	}
	return nil
}

func errInvalidURI() error {
	return awserr.New("InvalidURI", http.StatusBadRequest, "Couldn't parse the specified URI.")
}

// hostID derives x-amz-id-2 from the request id: base64 of
// "fakeaws/<rid>/s3", built on the stack for the ids fakeaws issues.
func hostID(rid string) string {
	var src [64]byte
	var out [96]byte
	in := append(append(append(src[:0], "fakeaws/"...), rid...), "/s3"...)
	n := base64.StdEncoding.EncodedLen(len(in))
	if n > len(out) {
		return base64.StdEncoding.EncodeToString(in)
	}
	base64.StdEncoding.Encode(out[:n], in)
	return string(out[:n])
}

// adapt turns a handler into a route serving its result or error.
func (h *Handler) adapt(op func(*req) (*result, error)) serveFunc {
	return h.adaptWith(op, h.writeError)
}

// adaptWith is adapt with writeErr rendering the errors op returns.
func (h *Handler) adaptWith(op func(*req) (*result, error), writeErr func(*req, error)) serveFunc {
	return func(rq *req) {
		res, err := op(rq)
		if err != nil {
			writeErr(rq, err)
			return
		}
		h.writeResult(rq, res)
	}
}

func (h *Handler) writeResult(rq *req, res *result) {
	w := rq.w
	if res == nil {
		res = &result{}
	}
	hdr := w.Header()
	for k, vs := range res.header {
		addWire(hdr, k, vs)
	}
	status := res.status
	if status == 0 {
		status = http.StatusOK
	}
	switch {
	case res.body != nil:
		defer res.body.Close()
		if res.size >= 0 {
			w.Header().Set("Content-Length", itoa(res.size))
		}
		w.WriteHeader(status)
		if rq.r.Method == http.MethodHead {
			return
		}
		if _, err := copyBody(w, res.body); err != nil {
			// Damage found mid-stream (a body cut short after it was
			// checked) can only cut the response; the log says why.
			if errors.Is(err, store.ErrBodyDamaged) {
				h.log.Error("s3: object body damaged while streaming", "method", rq.r.Method, "path", rq.resource, "err", err)
				return
			}
			h.log.Debug("s3: body copy", "err", err)
		}
	case res.xml != nil:
		var out string
		if raw, ok := res.xml.(rawXML); ok {
			out = string(raw)
		} else {
			marshalled, err := marshalXML(res.xml)
			if err != nil {
				h.writeError(rq, err)
				return
			}
			out = string(marshalled)
		}
		if res.noContentType {
			w.Header()["Content-Type"] = nil // nil: net/http sniffs none either
		} else {
			w.Header().Set("Content-Type", "application/xml")
		}
		body := xmlBody(out)
		w.Header().Set("Content-Length", itoa(int64(len(body))))
		w.WriteHeader(status)
		if rq.r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	default:
		if status != http.StatusNoContent && status != http.StatusNotModified && w.Header().Get("Content-Length") == "" {
			w.Header().Set("Content-Length", "0")
		}
		w.WriteHeader(status)
	}
}

// xmlBody is the XML answer out behind xml.Header, with every "&#34;"
// written as "&quot;" (AWS writes quotes in ETags as &quot;), built in
// one allocation: a ListObjects page of 1,000 keys is ~300 KB, and the
// conversion, the rewrite and the header were three copies of it.
func xmlBody(out string) []byte {
	const quot34, quot = "&#34;", "&quot;"
	n := strings.Count(out, quot34)
	body := make([]byte, 0, len(xml.Header)+len(out)+n*(len(quot)-len(quot34)))
	body = append(body, xml.Header...)
	for ; n > 0; n-- {
		i := strings.Index(out, quot34)
		body = append(body, out[:i]...)
		body = append(body, quot...)
		out = out[i+len(quot34):]
	}
	return append(body, out...)
}

// copyBufs holds the buffers copyBody streams bodies through.
var copyBufs = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// copyBody streams body to w through a pooled buffer. It hides w's
// ReadFrom: net/http's would flush the headers on their own after the
// first 512 bytes and then copy through a fresh 32 KiB buffer, where
// writing through the response's own buffer sends a small object's
// headers and body in one write.
func copyBody(w http.ResponseWriter, body io.Reader) (int64, error) {
	buf := copyBufs.Get().(*[32 << 10]byte)
	defer copyBufs.Put(buf)
	return io.CopyBuffer(struct{ io.Writer }{w}, body, buf[:])
}

// asAWS converts err into an *awserr.Error: AWS errors as they are,
// authentication failures from a streaming body with their own code, and
// anything else as InternalError.
func (h *Handler) asAWS(rq *req, err error) *awserr.Error {
	if e, ok := awserr.As(err); ok {
		return e
	}
	var se *sigv4.Error
	if errors.As(err, &se) {
		return &awserr.Error{Code: awserr.Code(se.Code), Status: se.Status, Message: se.Message, Fields: se.Fields}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return awserr.New(codeEntityTooLarge, http.StatusBadRequest,
			"Your proposed upload exceeds the maximum allowed size")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return awserr.New(codeIncompleteBody, http.StatusBadRequest,
			"You did not provide the number of bytes specified by the Content-Length HTTP header")
	}
	h.log.Error("s3: internal error", "method", rq.r.Method, "path", rq.resource, "err", err)
	return awserr.Internal()
}

type errorBody struct {
	XMLName xml.Name `xml:"Error"`
	Code    string   `xml:"Code"`
	Message string   `xml:"Message"`
	Fields  []xmlField
	Rid     string `xml:"RequestId"`
	HostID  string `xml:"HostId"`
}

type xmlField struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

func (h *Handler) writeError(rq *req, err error) {
	e := h.asAWS(rq, err)
	if undeclaredError(rq.operation, e.Code) {
		writeErrorBody(rq.w, rq.r, e, false)
		return
	}
	writeError(rq.w, rq.r, e)
}

// WriteError renders e in S3's <Error> envelope with the request id and
// Server headers every S3 answer carries, for failures before the S3
// handler runs (authentication, routing, panics), so they look like the
// handler's own. S3's refusals carry Server: AmazonS3 too (its 403 to a
// HEAD quoted raw in conda-forge/conda-forge.github.io#398, 2017; its
// 400s in conda/conda#7140, 2018).
func WriteError(w http.ResponseWriter, r *http.Request, requestID string, e *awserr.Error) {
	w.Header()[hdrRequestID] = []string{requestID}
	w.Header()[hdrHostID] = []string{hostID(requestID)}
	w.Header()["Server"] = []string{"AmazonS3"}
	writeError(w, r, e)
}

// writeError renders e; x-amz-request-id and x-amz-id-2 are already set,
// under AWS's spelling, and e.Header's names go out in it too (wireName).
func writeError(w http.ResponseWriter, r *http.Request, e *awserr.Error) {
	writeErrorBody(w, r, e, true)
}

// writeErrorBody is writeError with the body's XML declaration left out
// unless declared (undeclaredError).
func writeErrorBody(w http.ResponseWriter, r *http.Request, e *awserr.Error, declared bool) {
	for k, vs := range e.Header {
		addWire(w.Header(), k, vs)
	}
	if strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
		// The body was never asked for: close the connection after the
		// error rather than wait for a body the client holds back
		// (clients wait up to a second for 100 Continue), as S3 does.
		w.Header().Set("Connection", "close")
	}
	if r.Method == http.MethodHead {
		awserr.Note(w, e)
		w.WriteHeader(e.Status)
		return
	}
	body := errorBody{Code: string(e.Code), Message: e.Message,
		Rid: headerValue(w.Header(), hdrRequestID), HostID: headerValue(w.Header(), hdrHostID)}
	for _, f := range e.Fields {
		body.Fields = append(body.Fields, xmlField{XMLName: xml.Name{Local: f[0]}, Value: f[1]})
	}
	out, _ := marshalXML(body)
	out = unescapeQuotes(out)
	if declared {
		out = append([]byte(xml.Header), out...)
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", itoa(int64(len(out))))
	w.WriteHeader(e.Status)
	_, _ = w.Write(out)
}

// unescapeQuotes writes the apostrophes and double quotes of an error
// document as they are, where encoding/xml writes &#39; and &#34;: S3 sends
// "the region 'x' is wrong" and "Policy Condition failed: ["eq", "$key",
// "v"]" with the characters themselves (AWS bodies quoted in
// minio/s3verify#128 and in a browser-POST bug report, request id
// Z6F9T2A5ZC30KFKW; minio/mint's PresignedPostPolicy test reads the
// quotes). Both are legal in XML character data.
func unescapeQuotes(out []byte) []byte {
	out = bytes.ReplaceAll(out, []byte("&#39;"), []byte("'"))
	return bytes.ReplaceAll(out, []byte("&#34;"), []byte(`"`))
}

// itoa formats n in decimal, for headers such as Content-Length.
func itoa(n int64) string {
	return strconv.FormatInt(n, 10)
}
