package s3

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"net/url"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

type xmlContents struct {
	Key               string    `xml:"Key"`
	LastModified      string    `xml:"LastModified"`
	ETag              string    `xml:"ETag"`
	ChecksumAlgorithm string    `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string    `xml:"ChecksumType,omitempty"`
	Size              int64     `xml:"Size"`
	Owner             *xmlOwner `xml:"Owner,omitempty"`
	StorageClass      string    `xml:"StorageClass"`
	// RestoreStatus is shown only when the request asks for it
	// (listParams.restoreStatus) and o has a restored copy (restoreStatusOf).
	RestoreStatus *xmlRestoreStatus `xml:"RestoreStatus,omitempty"`
}

type xmlPrefix struct {
	Prefix string `xml:"Prefix"`
}

type listBucketResult struct {
	XMLName               xml.Name      `xml:"ListBucketResult"`
	NS                    string        `xml:"xmlns,attr"`
	Name                  string        `xml:"Name"`
	Prefix                string        `xml:"Prefix"`
	Marker                *string       `xml:"Marker"`
	ContinuationToken     string        `xml:"ContinuationToken,omitempty"`
	NextContinuationToken string        `xml:"NextContinuationToken,omitempty"`
	KeyCount              *int          `xml:"KeyCount"`
	MaxKeys               int           `xml:"MaxKeys"`
	Delimiter             string        `xml:"Delimiter,omitempty"`
	IsTruncated           bool          `xml:"IsTruncated"`
	NextMarker            string        `xml:"NextMarker,omitempty"`
	StartAfter            string        `xml:"StartAfter,omitempty"`
	Contents              []xmlContents `xml:"Contents"`
	CommonPrefixes        []xmlPrefix   `xml:"CommonPrefixes"`
	EncodingType          string        `xml:"EncodingType,omitempty"`
}

// listParams are the shared listing parameters.
type listParams struct {
	prefix, delimiter, start string
	// max is the page size (at most 1,000); echo is MaxKeys, the max-keys
	// sent as read, also above 1,000 (maxKeysEcho).
	max, echo int
	encode    bool
	// restoreStatus: x-amz-optional-object-attributes asked for
	// RestoreStatus (optionalAttributes).
	restoreStatus bool
}

// listParams reads a listing's parameters; maxKeys is how max-keys is read
// (ListObjectVersions words a negative value its own way).
func (rq *req) listParams(maxKeys countParam) (*listParams, error) {
	max, err := maxKeys.pageSize(rq.q.Get("max-keys"))
	if err != nil {
		return nil, err
	}
	p := &listParams{prefix: rq.q.Get("prefix"), delimiter: rq.q.Get("delimiter"), max: max,
		echo: maxKeysEcho(maxKeys, rq.q.Get("max-keys"), max)}
	enc, err := rq.encodingType()
	if err != nil {
		return nil, err
	}
	p.encode = enc
	if p.restoreStatus, err = optionalAttributes(rq.r.Header); err != nil {
		return nil, err
	}
	return p, nil
}

// maxKeysEcho is a listing's MaxKeys for max-keys v (page size max):
// the value as read, also above the 1,000 entries a page holds, else
// 1,000. AWS answered ListObjectVersions' max-keys=5000 with
// <MaxKeys>5000</MaxKeys> and 1,000 entries (justincormack/argmin
// versioning.rs, 2026), and ListObjects V1 and V2 alike: "What is served
// is capped at 1000 but the echo is the value as parsed" (max-keys=1001
// echoed 1001, measured against AWS 2026-09-14, brekkylab/backlot#192).
func maxKeysEcho(c countParam, v string, max int) int {
	if v != "" {
		if n, err := c.read(v); err == nil {
			return n
		}
	}
	return max
}

// encodingType reads encoding-type: absent or "url". A present but empty
// value is refused as AWS does (localstack test_s3_list_operations.snapshot.json
// TestS3ListObjectsV2::test_list_ops_encoding_type_validation, *-error-empty-value).
func (rq *req) encodingType() (bool, error) {
	if !rq.q.Has("encoding-type") {
		return false, nil
	}
	if et := rq.q.Get("encoding-type"); et != "url" {
		return false, errInvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", et)
	}
	return true, nil
}

// enc URL-encodes s when the request asked for encoding-type=url.
func (p *listParams) enc(s string) string {
	if p.encode {
		return urlEncode(s)
	}
	return s
}

// encodingType is the EncodingType element: "url", or empty (omitted).
func (p *listParams) encodingType() string {
	if p.encode {
		return "url"
	}
	return ""
}

// listing is the outcome of walking the current objects.
type listing struct {
	objects   []store.S3Object
	prefixes  []string
	truncated bool
	last      string // last key or common prefix returned
}

// walk lists current objects after p.start, rolling keys up into common
// prefixes at the delimiter.
func walk(tx *store.Tx, bucket string, p *listParams) (*listing, error) {
	out := &listing{}
	if p.max == 0 {
		return out, nil
	}
	count := 0
	lastCP := ""
	err := tx.ForEachCurrent(bucket, p.prefix, p.start, func(k string, dec store.Decoder) error {
		if p.start != "" && k <= p.start {
			return nil
		}
		// cp is the common prefix k rolls up into, if any.
		cp := ""
		if p.delimiter != "" {
			if i := strings.Index(k[len(p.prefix):], p.delimiter); i >= 0 {
				cp = k[:len(p.prefix)+i+len(p.delimiter)]
				if cp == lastCP || (p.start != "" && cp <= p.start) {
					return nil
				}
			}
		}
		// A listing shows no parts, metadata, tags or ACL: the summary
		// leaves them undecoded.
		var sum store.S3ObjectSummary
		if err := dec(&sum); err != nil {
			return err
		}
		o := sum.S3Object
		if o.DeleteMarker {
			return nil
		}
		if count == p.max {
			out.truncated = true
			return store.ErrStop
		}
		count++
		if cp != "" {
			lastCP = cp
			out.prefixes = append(out.prefixes, cp)
			out.last = cp
			return nil
		}
		// The index key holds the key k exactly (as the record does since
		// schema 3; records of older schemas went through JSON).
		o.Key = k
		out.objects = append(out.objects, o)
		out.last = k
		return nil
	})
	return out, err
}

// ownersShown gives the Owner a listing shows for an object, if any.
type ownersShown func(o *store.S3Object) (owner string, shown bool)

// listedOwners is the Owner rule of a listing of b that asks for owners
// (ListObjects always, ListObjectsV2 with fetch-owner=true) or not. Each
// object shows its owner (ownerOf), except that an anonymous caller sees
// Owner only on the anonymous user's objects, as AWS lists a public bucket
// to an anonymous caller: the anonymous writer's object with
// <Owner><ID>65a011a29cdf8ec533ec3d1ccaae921c</ID></Owner>, the bucket
// owner's without Owner (a recorded ListObjects in jeffkreeftmeijer/ssst
// test/support/http_mock.ex, 2018; LocalStack test_s3.snapshot.json
// TestS3::test_bucket_name_with_dots "request-path-url-content", validated
// 2026-02-21, has no Owner).
func (rq *req) listedOwners(b *bucketState, fetch bool) ownersShown {
	anonymous := rq.anonymous()
	return func(o *store.S3Object) (string, bool) {
		owner := ownerOf(b, o)
		return owner, fetch && (!anonymous || owner == store.AnonymousOwner)
	}
}

// contents are the Contents elements of objs. restoreAt is the time a
// listing that asked for RestoreStatus judges restored copies at, zero when
// it did not ask.
func (h *Handler) contents(objs []store.S3Object, owners ownersShown, encode bool, restoreAt time.Time) []xmlContents {
	out := make([]xmlContents, 0, len(objs))
	for _, o := range objs {
		sc := o.StorageClass
		if sc == "" {
			sc = "STANDARD"
		}
		c := xmlContents{Key: o.Key, LastModified: xmlTime(o.Modified), ETag: o.ETag, Size: o.Size, StorageClass: sc,
			ChecksumAlgorithm: o.ChecksumAlgorithm, ChecksumType: o.ChecksumType}
		if encode {
			c.Key = urlEncode(o.Key)
		}
		if owner, ok := owners(&o); ok {
			c.Owner = &xmlOwner{ID: store.CanonicalID(owner)}
		}
		if !restoreAt.IsZero() {
			c.RestoreStatus = restoreStatusOf(&o, restoreAt)
		}
		out = append(out, c)
	}
	return out
}

func prefixesXML(ps []string, encode bool) []xmlPrefix {
	var out []xmlPrefix
	for _, p := range ps {
		if encode {
			p = urlEncode(p)
		}
		out = append(out, xmlPrefix{Prefix: p})
	}
	return out
}

// authorizeList authorizes a listing of the request's bucket. The bucket
// comes through the cache (bucketShared): callers only read it.
func (h *Handler) authorizeList(rq *req, p *listParams, action string) (*bucketState, error) {
	b, err := h.bucketShared(rq)
	if err != nil {
		return nil, err
	}
	err = h.authorize(rq, b, check{action: action, resource: rq.bucketARN(), cond: listConds(rq.q)})
	if err != nil && action == "s3:ListBucket" {
		return b, withBucketRegion(err, b)
	}
	return b, err
}

// listConds are a list request's s3:prefix, s3:delimiter and s3:max-keys:
// each present exactly when its parameter is, an empty prefix= or
// delimiter= as "". A list without the prefix parameter has no s3:prefix,
// so StringEquals {"s3:prefix": ["", "home/"]} (the home-folder policies
// of the IAM User Guide) does not let it list the whole bucket: AWS S3
// denied it until the client sent prefix= (recorded in minio/mc#2647 and
// minio/minio-go#1064, 2019).
func listConds(q url.Values) map[string][]string {
	cond := make(map[string][]string, 3)
	for _, k := range [...]struct{ param, key string }{{"prefix", "s3:prefix"}, {"delimiter", "s3:delimiter"}, {"max-keys", "s3:max-keys"}} {
		if v, ok := q[k.param]; ok && len(v) > 0 && (v[0] != "" || k.param != "max-keys") {
			cond[k.key] = []string{v[0]}
		}
	}
	return cond
}

// listCurrent walks the bucket's current objects as p asks, from p.start,
// into the ListBucketResult elements both ListObjects versions share.
func (h *Handler) listCurrent(rq *req, p *listParams, owners ownersShown) (*listBucketResult, *listing, error) {
	var l *listing
	if err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		var err error
		l, err = walk(tx, rq.bucket, p)
		return err
	}); err != nil {
		return nil, nil, err
	}
	out := &listBucketResult{NS: xmlns, Name: rq.bucket, Prefix: p.enc(p.prefix), MaxKeys: p.echo,
		Delimiter: p.enc(p.delimiter), IsTruncated: l.truncated, Contents: h.contents(l.objects, owners, p.encode, h.restoreAt(p)),
		CommonPrefixes: prefixesXML(l.prefixes, p.encode), EncodingType: p.encodingType()}
	return out, l, nil
}

// listObjects serves ListObjects (v1).
func (h *Handler) listObjects(rq *req) (*result, error) {
	p, err := rq.listParams(maxKeysParam)
	if err != nil {
		return nil, err
	}
	b, err := h.authorizeList(rq, p, "s3:ListBucket")
	if err != nil {
		return nil, err
	}
	marker := rq.q.Get("marker")
	p.start = marker
	// Owner is left out for an anonymous caller but on the anonymous
	// user's own objects (listedOwners); the signed listing has Owner
	// (TestS3::test_bucket_name_with_dots "list-objects").
	out, l, err := h.listCurrent(rq, p, rq.listedOwners(b, true))
	if err != nil {
		return nil, err
	}
	m := p.enc(marker)
	out.Marker = &m
	if l.truncated && p.delimiter != "" {
		out.NextMarker = p.enc(l.last)
	}
	return &result{xml: out.marshal()}, nil
}

// listObjectsV2 serves ListObjectsV2.
func (h *Handler) listObjectsV2(rq *req) (*result, error) {
	if lt := rq.q.Get("list-type"); lt != "2" {
		return nil, errInvalidArgument("Invalid List Type specified in Request", "list-type", lt)
	}
	p, err := rq.listParams(maxKeysParam)
	if err != nil {
		return nil, err
	}
	b, err := h.authorizeList(rq, p, "s3:ListBucket")
	if err != nil {
		return nil, err
	}
	token := rq.q.Get("continuation-token")
	startAfter := rq.q.Get("start-after")
	p.start = startAfter
	if rq.q.Has("continuation-token") {
		k, err := decodeToken(token)
		if err != nil {
			return nil, err
		}
		p.start = k
	}
	out, l, err := h.listCurrent(rq, p, rq.listedOwners(b, rq.q.Get("fetch-owner") == "true"))
	if err != nil {
		return nil, err
	}
	n := len(l.objects) + len(l.prefixes)
	out.KeyCount, out.ContinuationToken = &n, token
	// StartAfter is echoed only on a first page: with a continuation-token
	// AWS leaves it out (localstack test_s3_list_operations.snapshot.json
	// TestS3ListObjectsV2::test_list_objects_v2_continuation_start_after,
	// list-objects-start-after-token).
	if !rq.q.Has("continuation-token") {
		out.StartAfter = p.enc(startAfter)
	}
	if l.truncated {
		out.NextContinuationToken = encodeToken(l.last)
	}
	return &result{xml: out.marshal()}, nil
}

// ListObjectVersions.

type xmlVersion struct {
	XMLName      xml.Name
	Key          string `xml:"Key"`
	VersionID    string `xml:"VersionId"`
	IsLatest     bool   `xml:"IsLatest"`
	LastModified string `xml:"LastModified"`
	ETag         string `xml:"ETag,omitempty"`
	// ChecksumAlgorithm and ChecksumType as ListObjectsV2 shows them.
	ChecksumAlgorithm string    `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string    `xml:"ChecksumType,omitempty"`
	Size              *int64    `xml:"Size,omitempty"`
	Owner             *xmlOwner `xml:"Owner,omitempty"`
	StorageClass      string    `xml:"StorageClass,omitempty"`
	// RestoreStatus as xmlContents shows it; never on a DeleteMarker.
	RestoreStatus *xmlRestoreStatus `xml:"RestoreStatus,omitempty"`
}

type listVersionsResult struct {
	XMLName             xml.Name     `xml:"ListVersionsResult"`
	NS                  string       `xml:"xmlns,attr"`
	Name                string       `xml:"Name"`
	Prefix              string       `xml:"Prefix"`
	KeyMarker           string       `xml:"KeyMarker"`
	VersionIDMarker     string       `xml:"VersionIdMarker"`
	NextKeyMarker       string       `xml:"NextKeyMarker,omitempty"`
	NextVersionIDMarker string       `xml:"NextVersionIdMarker,omitempty"`
	MaxKeys             int          `xml:"MaxKeys"`
	Delimiter           string       `xml:"Delimiter,omitempty"`
	IsTruncated         bool         `xml:"IsTruncated"`
	Versions            []xmlVersion `xml:",any"`
	CommonPrefixes      []xmlPrefix  `xml:"CommonPrefixes"`
	EncodingType        string       `xml:"EncodingType,omitempty"`
}

// listObjectVersions serves ListObjectVersions.
func (h *Handler) listObjectVersions(rq *req) (*result, error) {
	p, err := rq.listParams(versionsMaxKeysParam)
	if err != nil {
		return nil, err
	}
	b, err := h.authorizeList(rq, p, "s3:ListBucketVersions")
	if err != nil {
		return nil, err
	}
	keyMarker, vidMarker := rq.q.Get("key-marker"), rq.q.Get("version-id-marker")
	if err := checkVersionMarkers(keyMarker, vidMarker); err != nil {
		return nil, err
	}
	restoreAt := h.restoreAt(p)
	out := &listVersionsResult{NS: xmlns, Name: rq.bucket, Prefix: p.enc(p.prefix), KeyMarker: p.enc(keyMarker),
		VersionIDMarker: vidMarker, MaxKeys: p.echo, Delimiter: p.enc(p.delimiter), EncodingType: p.encodingType()}
	err = h.db.View(rq.ctx, func(tx *store.Tx) error {
		count := 0
		lastCP := ""
		marker := versionMarker{id: vidMarker, order: versionOrder(vidMarker), skipping: vidMarker != ""}
		curKey, curSeq := "", uint64(0)
		lastKey, lastVID := "", ""
		return tx.ForEach(store.Global, store.S3VersionKind(rq.bucket), store.S3IndexPrefix(p.prefix), "", func(k string, dec store.Decoder) error {
			key := splitVersionKey(k)
			if keyMarker != "" {
				if key < keyMarker || (key == keyMarker && vidMarker == "") {
					return nil
				}
			}
			var o store.S3Object
			if err := dec(&o); err != nil {
				return err
			}
			if key == keyMarker && marker.before(&o) {
				return nil
			}
			if p.delimiter != "" {
				if i := strings.Index(key[len(p.prefix):], p.delimiter); i >= 0 {
					cp := key[:len(p.prefix)+i+len(p.delimiter)]
					if cp == lastCP || (keyMarker != "" && cp <= keyMarker) {
						return nil
					}
					if count == p.max {
						out.IsTruncated = true
						out.NextKeyMarker = p.enc(lastKey)
						return store.ErrStop
					}
					lastCP = cp
					out.CommonPrefixes = append(out.CommonPrefixes, xmlPrefix{Prefix: p.enc(cp)})
					lastKey, lastVID = cp, ""
					count++
					return nil
				}
			}
			if count == p.max {
				out.IsTruncated = true
				out.NextKeyMarker, out.NextVersionIDMarker = p.enc(lastKey), lastVID
				return store.ErrStop
			}
			if key != curKey {
				curKey = key
				cur, err := currentObject(tx, rq.bucket, key)
				if err != nil {
					return err
				}
				curSeq = 0
				if cur != nil {
					curSeq = cur.Seq
				}
			}
			v := versionEntry(p.enc(key), &o, ownerOf(b, &o), o.Seq == curSeq)
			if !restoreAt.IsZero() && !o.DeleteMarker {
				v.RestoreStatus = restoreStatusOf(&o, restoreAt)
			}
			out.Versions = append(out.Versions, v)
			lastKey, lastVID = key, o.VersionID
			count++
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return &result{xml: out}, nil
}

// checkVersionMarkers refuses a version-id marker without a key marker,
// and one no version id could be, as AWS answers (the latter quoted in
// versity/versitygw issue 1811: InvalidArgument "Invalid version id
// specified"; its ArgumentName is unrecorded and named as for the first).
func checkVersionMarkers(keyMarker, vidMarker string) error {
	switch {
	case vidMarker == "":
		return nil
	case keyMarker == "":
		return errInvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", vidMarker)
	case !validVersionID(vidMarker):
		return errInvalidArgument("Invalid version id specified", "version-id-marker", vidMarker)
	}
	return nil
}

// versionMarker is where a ListObjectVersions page starts within the
// key-marker's versions: after the version-id marker's version, or, when
// that version is gone, from the first one older than it (AWS continues
// so, LocalStack test_s3_list_operations.snapshot.json
// TestS3ListObjectVersions::test_list_objects_versions_with_prefix_only_and_pagination
// "list-object-version-prefix-page-2-after-delete", validated 2026-02-21).
type versionMarker struct {
	id       string
	order    uint64 // versionOrder(id): 0 when the id carries no time
	skipping bool   // the page has not started yet
}

// before reports whether o, a version of the key-marker's key (they come
// newest first), lies before the page's start.
func (m *versionMarker) before(o *store.S3Object) bool {
	switch {
	case !m.skipping:
		return false
	case o.VersionID == m.id:
		m.skipping = false
		return true
	case m.order == 0 || versionOrder(o.VersionID) >= m.order:
		return true
	}
	m.skipping = false
	return false
}

// versionEntry is the Version (or DeleteMarker) element of o, listed
// under key (as the listing encodes it), owned by owner (ownerOf).
func versionEntry(key string, o *store.S3Object, owner string, latest bool) xmlVersion {
	v := xmlVersion{Key: key, VersionID: o.VersionID, IsLatest: latest,
		LastModified: xmlTime(o.Modified), Owner: &xmlOwner{ID: store.CanonicalID(owner)}}
	if o.DeleteMarker {
		v.XMLName.Local = "DeleteMarker"
		return v
	}
	v.XMLName.Local = "Version"
	size := o.Size
	v.ETag, v.Size = o.ETag, &size
	v.ChecksumAlgorithm, v.ChecksumType = o.ChecksumAlgorithm, o.ChecksumType
	v.StorageClass = o.StorageClass
	if v.StorageClass == "" {
		v.StorageClass = "STANDARD"
	}
	return v
}

// encodeToken makes an opaque continuation token from the last key.
func encodeToken(key string) string { return base64.RawURLEncoding.EncodeToString([]byte("k:" + key)) }

func decodeToken(t string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(t)
	if err != nil || !bytes.HasPrefix(b, []byte("k:")) {
		return "", errInvalidArgumentNamed("The continuation token provided is incorrect", "continuation-token")
	}
	return string(b[2:]), nil
}

// urlEncode is encoding-type=url as S3 applies it to keys, prefixes and
// the echoed request fields: form encoding (a space is "+", a "+" is %2B)
// that keeps "/" and the unreserved characters. AWS's answers: argmin
// crates/s3-tests bucket_list.rs test_bucket_list_encoding_url_uses_plus_
// for_spaces (<Key>foo+3</Key>) and the expected_url_list_value of its
// echoed-field tests, asserted against AWS S3 in 2026; brekkylab/backlot
// issue 178 measured "a b.txt" as "a+b.txt" on 2026-09-14. (s3-tests'
// test_bucket_list_encoding_basic expects %20, an older expectation no
// AWS recording shows.)
func urlEncode(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/")
}

// pathEncode percent-encodes a key for a URL path: "/" kept, a space %20.
func pathEncode(s string) string {
	return strings.NewReplacer("%2F", "/", "+", "%20").Replace(url.QueryEscape(s))
}
