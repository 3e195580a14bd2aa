package s3

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// A ListObjects page of 1,000 keys spent about half its time in
// encoding/xml's reflection. marshal writes the same bytes directly;
// TestListBucketResultMarshal holds it to xml.Marshal's output.

// marshal encodes r exactly as xml.Marshal does.
func (r *listBucketResult) marshal() rawXML {
	var b bytes.Buffer
	b.Grow(512 + 320*len(r.Contents) + 64*len(r.CommonPrefixes))
	b.WriteString(`<ListBucketResult xmlns="`)
	xmlText(&b, r.NS)
	b.WriteString(`">`)
	xmlElem(&b, "Name", r.Name)
	xmlElem(&b, "Prefix", r.Prefix)
	if r.Marker != nil {
		xmlElem(&b, "Marker", *r.Marker)
	}
	xmlOmitEmpty(&b, "ContinuationToken", r.ContinuationToken)
	xmlOmitEmpty(&b, "NextContinuationToken", r.NextContinuationToken)
	if r.KeyCount != nil {
		xmlRaw(&b, "KeyCount", strconv.Itoa(*r.KeyCount))
	}
	xmlRaw(&b, "MaxKeys", strconv.Itoa(r.MaxKeys))
	xmlOmitEmpty(&b, "Delimiter", r.Delimiter)
	xmlRaw(&b, "IsTruncated", strconv.FormatBool(r.IsTruncated))
	xmlOmitEmpty(&b, "NextMarker", r.NextMarker)
	xmlOmitEmpty(&b, "StartAfter", r.StartAfter)
	for i := range r.Contents {
		r.Contents[i].marshal(&b)
	}
	for _, p := range r.CommonPrefixes {
		b.WriteString("<CommonPrefixes>")
		xmlElem(&b, "Prefix", p.Prefix)
		b.WriteString("</CommonPrefixes>")
	}
	xmlOmitEmpty(&b, "EncodingType", r.EncodingType)
	b.WriteString("</ListBucketResult>")
	return rawXML(b.String())
}

func (c *xmlContents) marshal(b *bytes.Buffer) {
	b.WriteString("<Contents>")
	xmlElem(b, "Key", c.Key)
	xmlElem(b, "LastModified", c.LastModified)
	xmlElem(b, "ETag", c.ETag)
	xmlOmitEmpty(b, "ChecksumAlgorithm", c.ChecksumAlgorithm)
	xmlOmitEmpty(b, "ChecksumType", c.ChecksumType)
	xmlRaw(b, "Size", strconv.FormatInt(c.Size, 10))
	if c.Owner != nil {
		b.WriteString("<Owner>")
		xmlElem(b, "ID", c.Owner.ID)
		xmlOmitEmpty(b, "DisplayName", c.Owner.DisplayName)
		b.WriteString("</Owner>")
	}
	xmlElem(b, "StorageClass", c.StorageClass)
	if rs := c.RestoreStatus; rs != nil {
		b.WriteString("<RestoreStatus>")
		xmlRaw(b, "IsRestoreInProgress", strconv.FormatBool(rs.IsRestoreInProgress))
		xmlOmitEmpty(b, "RestoreExpiryDate", rs.RestoreExpiryDate)
		b.WriteString("</RestoreStatus>")
	}
	b.WriteString("</Contents>")
}

// xmlText writes s escaped as encoding/xml escapes character data
// (xml.EscapeText), without copying s, except for the C0 control
// characters XML 1.0 cannot carry (all below U+0020 but tab, LF and CR):
// AWS writes those as character references ("&#x1b;", lowercase hex),
// which lenient parsers read back as the key and strict ones refuse,
// where encoding/xml would write U+FFFD, a different key.
func xmlText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if xmlChar(r) && (r != utf8.RuneError || width != 1) {
				continue
			}
			esc = "\uFFFD"
			if r < 0x20 {
				esc = controlRef(r)
			}
		}
		b.WriteString(s[last : i-width])
		b.WriteString(esc)
		last = i
	}
	b.WriteString(s[last:])
}

// controlRef is AWS's character reference for a control character r.
func controlRef(r rune) string {
	return "&#x" + strconv.FormatInt(int64(r), 16) + ";"
}

// xmlChar reports whether r may appear in XML character data.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

func xmlElem(b *bytes.Buffer, name, text string) {
	b.WriteByte('<')
	b.WriteString(name)
	b.WriteByte('>')
	xmlText(b, text)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}

func xmlOmitEmpty(b *bytes.Buffer, name, text string) {
	if text != "" {
		xmlElem(b, name, text)
	}
}

// xmlRaw writes an element whose text needs no escaping (numbers, bools).
func xmlRaw(b *bytes.Buffer, name, text string) {
	b.WriteByte('<')
	b.WriteString(name)
	b.WriteByte('>')
	b.WriteString(text)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}

// marshal encodes r exactly as xml.Marshal does (a ListBuckets of 100
// buckets spent most of its time in encoding/xml's reflection);
// TestListAllMyBucketsResultMarshal holds it to xml.Marshal's output.
func (r *listAllMyBucketsResult) marshal() rawXML {
	var b bytes.Buffer
	b.Grow(256 + 192*len(r.Buckets))
	b.WriteString(`<ListAllMyBucketsResult xmlns="`)
	xmlText(&b, r.NS)
	b.WriteString(`"><Owner>`)
	xmlElem(&b, "ID", r.Owner.ID)
	xmlOmitEmpty(&b, "DisplayName", r.Owner.DisplayName)
	b.WriteString("</Owner>")
	b.WriteString("<Buckets>") // written for no buckets too, as encoding/xml writes a>b
	for i := range r.Buckets {
		bk := &r.Buckets[i]
		b.WriteString("<Bucket>")
		xmlElem(&b, "Name", bk.Name)
		xmlElem(&b, "CreationDate", bk.CreationDate)
		xmlOmitEmpty(&b, "BucketRegion", bk.BucketRegion)
		xmlElem(&b, "BucketArn", bk.BucketARN)
		b.WriteString("</Bucket>")
	}
	b.WriteString("</Buckets>")
	xmlOmitEmpty(&b, "ContinuationToken", r.ContinuationToken)
	xmlOmitEmpty(&b, "Prefix", r.Prefix)
	b.WriteString("</ListAllMyBucketsResult>")
	return rawXML(b.String())
}
