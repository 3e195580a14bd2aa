package s3

import (
	"testing"
)

// TestCheckMpObjectSize: CompleteMultipartUpload's x-amz-mp-object-size
// as S3 reads it.
func TestCheckMpObjectSize(t *testing.T) {
	for _, c := range []struct {
		value string
		msg   string // "" when taken
	}{
		{"", ""},
		{"24", ""},
		// LocalStack test_s3 TestS3::test_multipart_size_validation
		// complete-multipart-wrong-size.
		{"23", "The provided 'x-amz-mp-object-size' header value 23 does not match what was computed: 24"},
		// versity/versitygw#1398: S3's answer to a value that is no number.
		{"size", "Value for x-amz-mp-object-size header is invalid: 'size'"},
		// versitygw#1400 (AWS words a negative value differently).
		{"-1", "Value for x-amz-mp-object-size header is less than zero: '-1'"},
	} {
		err := checkMpObjectSize(c.value, 24)
		switch {
		case c.msg == "" && err != nil:
			t.Errorf("%q: refused: %v", c.value, err)
		case c.msg != "" && (err == nil || err.Error() != "InvalidRequest: "+c.msg):
			t.Errorf("%q: got %v, want InvalidRequest %q", c.value, err, c.msg)
		}
	}
}

// TestCompletePartNumber: a Part numbered below 1 is InvalidArgument
// "PartNumber must be >= 1" (S3's answer in versity/versitygw#1072); a Part
// without a number is MalformedXML (argmin malformed_xml.rs
// test_complete_multipart_missing_part_number, against AWS).
func TestCompletePartNumber(t *testing.T) {
	const below1 = "InvalidArgument: PartNumber must be >= 1"
	malformed := errMalformedXML().Error()
	for _, c := range []struct {
		body, want string
	}{
		{"<CompleteMultipartUpload><Part><PartNumber>0</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>", below1},
		{"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part><Part><PartNumber>-4</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>", below1},
		{"<CompleteMultipartUpload><Part><ETag>e</ETag></Part></CompleteMultipartUpload>", malformed},
		{"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part><Part><ETag>e</ETag></Part></CompleteMultipartUpload>", malformed},
		{"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>", ""},
	} {
		_, err := parseCompleteRequest([]byte(c.body))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: refused: %v", c.body, err)
		case c.want != "" && (err == nil || err.Error() != c.want):
			t.Errorf("%s: got %v, want %s", c.body, err, c.want)
		}
	}
}
