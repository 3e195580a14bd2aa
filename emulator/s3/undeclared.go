package s3

import "github.com/fakeaws/fakeaws/emulator/awserr"

// undeclaredErrors are the errors S3 sends without the XML declaration
// (<?xml version="1.0" encoding="UTF-8"?>) every other error body starts
// with, by operation and code. Recorded in the full error bodies argmin's
// S3 suite asserts against AWS (justincormack/argmin crates/s3-tests,
// 2026: tests/malformed_xml.rs, multipart.rs and checksums.rs through
// src/shape.rs's expected_error, whose "no declaration" templates are
// complete_multipart_*, upload_part_copy_*, delete_objects_key_too_long
// and malformed_xml_no_decl, "used by CompleteMultipartUpload,
// DeleteObjects, and OwnershipControls"). Every other operation's errors,
// and these operations' refusals before the operation runs (signature,
// access, NoSuchBucket), keep the declaration.
var undeclaredErrors = map[string]map[awserr.Code]bool{
	"CompleteMultipartUpload": {"NoSuchUpload": true, "MalformedXML": true, "InvalidPart": true,
		"InvalidPartOrder": true, "EntityTooSmall": true, "InvalidRequest": true},
	"UploadPartCopy":             {"InvalidArgument": true, "PreconditionFailed": true},
	"DeleteObjects":              {"MalformedXML": true, "KeyTooLongError": true},
	"PutBucketOwnershipControls": {"MalformedXML": true},
}

// undeclaredError reports whether S3 answers code from operation without
// an XML declaration.
func undeclaredError(operation string, code awserr.Code) bool {
	return undeclaredErrors[operation][code]
}
