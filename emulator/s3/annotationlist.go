package s3

import (
	"encoding/xml"
	"time"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// ListObjectAnnotations (GET /KEY?annotation without annotationName):
// the version's annotations in name order, annotation-prefix filtering
// them by name, pages of max-annotation-results (at most 1,000)
// continued by an opaque continuation-token. AWS answered it for an
// object without annotations 200 <ListObjectAnnotationsOutput> with an
// empty Annotations (brekkylab/backlot fidelity baseline s3.json,
// measured 2026-09-03 in us-east-1 and ap-northeast-2); the elements are
// the model's ListObjectAnnotationsOutput members, in its order, the
// entries its AnnotationEntry (ChecksumAlgorithm flattened).

type listAnnotationsXML struct {
	XMLName     xml.Name `xml:"ListObjectAnnotationsOutput"`
	NS          string   `xml:"xmlns,attr"`
	Annotations struct {
		Entries []annotationEntryXML `xml:"AnnotationEntry"`
	} `xml:"Annotations"`
	Bucket                string  `xml:"Bucket"`
	Key                   string  `xml:"Key"`
	AnnotationPrefix      *string `xml:"AnnotationPrefix,omitempty"`
	MaxAnnotationResults  int     `xml:"MaxAnnotationResults"`
	AnnotationCount       int     `xml:"AnnotationCount"`
	ContinuationToken     string  `xml:"ContinuationToken,omitempty"`
	NextContinuationToken string  `xml:"NextContinuationToken,omitempty"`
}

type annotationEntryXML struct {
	AnnotationName    string   `xml:"AnnotationName"`
	LastModified      string   `xml:"LastModified"`
	ETag              string   `xml:"ETag"`
	ChecksumAlgorithm []string `xml:"ChecksumAlgorithm"`
	Size              int64    `xml:"Size"`
}

// annotationSummary is an annotation record without its payload, which
// a listing does not read.
type annotationSummary struct {
	Name              string
	Size              int64
	ETag              string
	Modified          time.Time
	ChecksumAlgorithm string
}

// msgAnnotationPageSize refuses a page size outside 1 to 1,000, worded
// as S3's other count parameters' refusals are.
const msgAnnotationPageSize = "Argument max-annotation-results must be an integer between 1 and 1000"

var maxAnnotationResultsParam = countParam{name: "max-annotation-results", negName: "max-annotation-results",
	negMessage: msgAnnotationPageSize}

// annotationPage is what a ListObjectAnnotations request asks for.
type annotationPage struct {
	prefix *string
	max    int
	token  string
	after  string // the last name of the page before ("" for the first)
}

// readAnnotationPage reads and checks a listing's parameters: a prefix
// longer than a name may be, or not UTF-8, is InvalidPrefix; a page size
// outside the model's range (MaxAnnotationResults: 1 to 1,000) or no
// integer, and a token fakeaws did not issue, are InvalidArgument.
func readAnnotationPage(rq *req) (*annotationPage, error) {
	p := &annotationPage{max: maxAnnotations}
	if rq.q.Has("annotation-prefix") {
		v := rq.q.Get("annotation-prefix")
		if len(v) > maxAnnotationName || !utf8.ValidString(v) {
			return nil, errInvalidAnnotationPrefix()
		}
		p.prefix = &v
	}
	if v := rq.q.Get("max-annotation-results"); v != "" {
		n, err := maxAnnotationResultsParam.read(v)
		if err != nil {
			return nil, err
		}
		if n < 1 || n > maxAnnotations {
			return nil, errInvalidArgument(msgAnnotationPageSize, "max-annotation-results", v)
		}
		p.max = n
	}
	if rq.q.Has("continuation-token") {
		p.token = rq.q.Get("continuation-token")
		after, err := decodeToken(p.token)
		if err != nil {
			return nil, err
		}
		p.after = after
	}
	return p, nil
}

// listObjectAnnotations serves ListObjectAnnotations.
func (h *Handler) listObjectAnnotations(rq *req) (*result, error) {
	page, err := readAnnotationPage(rq)
	if err != nil {
		return nil, err
	}
	b, o, err := h.loadForSubresource(rq, "s3:ListObjectAnnotations")
	if err != nil {
		return nil, err
	}
	out := &listAnnotationsXML{NS: xmlns, Bucket: rq.bucket, Key: rq.key, AnnotationPrefix: page.prefix,
		MaxAnnotationResults: page.max, ContinuationToken: page.token}
	err = h.db.View(rq.ctx, func(tx *store.Tx) error {
		out.Annotations.Entries, out.NextContinuationToken = nil, ""
		return listAnnotations(tx, rq.bucket, o, page, out)
	})
	if err != nil {
		return nil, err
	}
	out.AnnotationCount = len(out.Annotations.Entries)
	return annotationVersionHeader(&result{xml: out}, b, o), nil
}

// listAnnotations fills out with one page of version o's annotations.
func listAnnotations(tx *store.Tx, bucket string, o *store.S3Object, page *annotationPage, out *listAnnotationsXML) error {
	base := store.S3AnnotationPrefix(o.Key, o.Seq)
	prefix := base
	if page.prefix != nil {
		prefix += *page.prefix
	}
	start := ""
	if page.after != "" {
		start = base + page.after + "\x00" // the first name after it
	}
	return tx.ForEach(store.Global, store.S3AnnotationKind(bucket), prefix, start, func(_ string, dec store.Decoder) error {
		var a annotationSummary
		if err := dec(&a); err != nil {
			return err
		}
		if len(out.Annotations.Entries) == page.max {
			out.NextContinuationToken = encodeToken(out.Annotations.Entries[page.max-1].AnnotationName)
			return store.ErrStop
		}
		e := annotationEntryXML{AnnotationName: a.Name, LastModified: a.Modified.UTC().Format(timeFormatXML),
			ETag: a.ETag, Size: a.Size}
		if a.ChecksumAlgorithm != "" {
			e.ChecksumAlgorithm = []string{a.ChecksumAlgorithm}
		}
		out.Annotations.Entries = append(out.Annotations.Entries, e)
		return nil
	})
}
