package s3

import (
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// GetObjectAttributes
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html).

type objectAttributesResult struct {
	XMLName      xml.Name           `xml:"GetObjectAttributesResponse"`
	NS           string             `xml:"xmlns,attr"`
	ETag         string             `xml:"ETag,omitempty"`
	Checksum     *attributeChecksum `xml:"Checksum"`
	ObjectParts  *attributeParts    `xml:"ObjectParts"`
	StorageClass string             `xml:"StorageClass,omitempty"`
	ObjectSize   *int64             `xml:"ObjectSize"`
}

type attributeChecksum struct {
	xmlChecksums
	ChecksumType string `xml:"ChecksumType,omitempty"`
}

type attributePart struct {
	PartNumber int   `xml:"PartNumber"`
	Size       int64 `xml:"Size"`
	xmlChecksums
}

type attributeParts struct {
	TotalPartsCount      int             `xml:"PartsCount"`
	PartNumberMarker     *int            `xml:"PartNumberMarker"`
	NextPartNumberMarker *int            `xml:"NextPartNumberMarker"`
	MaxParts             *int            `xml:"MaxParts"`
	IsTruncated          *bool           `xml:"IsTruncated"`
	Parts                []attributePart `xml:"Part"`
}

var objectAttributeNames = map[string]bool{"ETag": true, "Checksum": true, "ObjectParts": true,
	"StorageClass": true, "ObjectSize": true}

// getObjectAttributes serves GetObjectAttributes (s3:GetObjectAttributes,
// s3:GetObjectVersionAttributes with a version id).
func (h *Handler) getObjectAttributes(rq *req) (*result, error) {
	want, err := requestedAttributes(rq.r)
	if err != nil {
		return nil, err
	}
	max, marker, err := partsPage(rq.r.Header.Get("X-Amz-Max-Parts"), rq.r.Header.Get("X-Amz-Part-Number-Marker"))
	if err != nil {
		return nil, err
	}
	// MaxParts answers the x-amz-max-parts asked, also above the 1,000
	// parts a page lists (argmin object_attributes.rs
	// test_get_object_attributes_max_parts_above_list_limit_is_preserved,
	// against AWS S3: 5000).
	asked := max
	if v := rq.r.Header.Get("X-Amz-Max-Parts"); v != "" {
		asked, _ = maxPartsParam.read(v) // partsPage took it
	}
	b, o, err := h.loadForSubresource(rq, "s3:GetObjectAttributes")
	if err != nil {
		return nil, err
	}
	// GetObjectAttributes also needs the read itself: "you need the
	// s3:GetObject and s3:GetObjectAttributes permissions" (with a version
	// id, s3:GetObjectVersion and s3:GetObjectVersionAttributes),
	// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html.
	versionID := rq.q.Get("versionId")
	cond := headerConds(existingTagConds(conds("s3:VersionId", versionID), o), rq.r)
	if err := h.authorize(rq, b, check{action: versionAction("s3:GetObject", versionID), resource: rq.objectARN(), cond: cond, object: o}); err != nil {
		return nil, err
	}
	if o.SSE == sseCustomer {
		if err := checkSSECRead(rq.r, "X-Amz-Server-Side-Encryption-Customer-", o.KMSKeyID); err != nil {
			return nil, err
		}
	}
	out := &objectAttributesResult{NS: xmlns}
	if want["ETag"] {
		out.ETag = strings.Trim(o.ETag, `"`)
	}
	if want["Checksum"] && o.Checksum != "" {
		out.Checksum = checksumAttribute(o)
	}
	if want["ObjectParts"] && o.Multipart {
		out.ObjectParts = partsAttribute(o, max, asked, marker)
	}
	if want["StorageClass"] {
		out.StorageClass = o.StorageClass
		if out.StorageClass == "" {
			out.StorageClass = "STANDARD"
		}
	}
	if want["ObjectSize"] {
		size := o.Size
		out.ObjectSize = &size
	}
	res := versionHeader(&result{xml: out}, b, o)
	res.set("Last-Modified", o.Modified.UTC().Format(http.TimeFormat))
	return res, nil
}

// requestedAttributes reads x-amz-object-attributes: the attribute names
// asked for, each one AWS knows.
func requestedAttributes(r *http.Request) (map[string]bool, error) {
	want := map[string]bool{}
	for _, v := range r.Header.Values("X-Amz-Object-Attributes") {
		for _, a := range strings.Split(v, ",") {
			if a = strings.TrimSpace(a); a == "" {
				continue
			}
			if !objectAttributeNames[a] {
				return nil, errInvalidArgument("Invalid attribute name specified.", "x-amz-object-attributes", a)
			}
			want[a] = true
		}
	}
	if len(want) == 0 {
		return nil, errInvalidRequest("The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty")
	}
	return want, nil
}

// checksumAttribute is o's Checksum attribute. A COMPOSITE checksum is
// named here without the "-N" part count that GetObject and
// CompleteMultipartUpload show (localstack test_s3.snapshot.json
// TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_composite
// get-object-attrs, test_multipart_upload_part_copy_checksum[COMPOSITE]
// get-object-attrs).
func checksumAttribute(o *store.S3Object) *attributeChecksum {
	sum := o.Checksum
	if o.ChecksumType == "COMPOSITE" {
		if i := strings.LastIndexByte(sum, '-'); i > 0 {
			sum = sum[:i]
		}
	}
	return &attributeChecksum{xmlChecksums: checksumXML(o.ChecksumAlgorithm, sum), ChecksumType: o.ChecksumType}
}

// partsAttribute is the ObjectParts attribute of o, a multipart object:
// a page of at most max parts after marker. Only COMPOSITE uploads list
// their parts; others give the count (localstack test_s3.snapshot.json
// TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_default).
func partsAttribute(o *store.S3Object, max, asked, marker int) *attributeParts {
	if o.ChecksumType != "COMPOSITE" {
		return &attributeParts{TotalPartsCount: len(o.Parts)}
	}
	p := &attributeParts{TotalPartsCount: len(o.Parts), PartNumberMarker: &marker, MaxParts: &asked}
	next, truncated := 0, false
	for _, part := range o.Parts {
		if part.Number <= marker {
			continue
		}
		if len(p.Parts) == max {
			// max-parts 0 is not truncated (argmin object_attributes.rs
			// test_get_zero_max_parts_object_attributes, against AWS S3).
			truncated = max > 0
			break
		}
		p.Parts = append(p.Parts, attributePart{PartNumber: part.Number, Size: part.Size,
			xmlChecksums: checksumXML(o.ChecksumAlgorithm, part.Checksum[o.ChecksumAlgorithm])})
		next = part.Number
	}
	p.NextPartNumberMarker, p.IsTruncated = &next, &truncated
	return p
}
