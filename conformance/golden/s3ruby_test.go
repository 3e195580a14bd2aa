package golden

import (
	"testing"
)

// Cases found through the AWS SDK for Ruby (conformance/ruby_test.go).
//
// aws-sdk-s3 1.117 asks ListObjects for encoding-type=url but not
// ListObjectsV2, and its XML parser (REXML) reads a character reference
// to a control character back as that character. AWS writes a key's C0
// control characters (which XML 1.0 cannot carry) as such references,
// lowercase hex: strict parsers refuse the listing (the issues below),
// lenient ones get the key. fakeaws wrote U+FFFD instead, so a Ruby
// program listing such a key got a different key, which a GET answers
// NoSuchKey and a DELETE silently leaves in place.

// controlKeys are the keys AWS's quoted answers held: ESC ("&#x1b;") and
// backspace ("&#x8;").
var controlKeys = s3Steps(putKey("LA\x1b", "esc"), putKey("xxx\x08", "backspace"))

// controlRefs matches both keys as AWS writes them, in key order.
var controlRefs = Match(`<Key>LA&#x1b;</Key>.*<Key>xxx&#x8;</Key>`)

func TestS3Ruby(t *testing.T) {
	esc := issue("https://github.com/aws/aws-sdk-php/issues/169",
		"ListObjects of a key ending in ESC: \"<Key>posts/attachments/.../2013_2_17_18_03_19_0_LA&#x1b;\", libxml \"xmlParseCharRef: invalid xmlChar value 27\"; "+
			"still so for ListMultipartUploads in https://github.com/aws/aws-sdk-java/issues/3112 (2024, \"Character reference \\\"&#x1b\\\" is an invalid XML character\")")
	backspace := issue("https://github.com/pfig/net-amazon-s3/issues/67",
		"a listing holding key \"xxx\\x08\": \"<Key>xxx#x8;\" after libxml's \"xmlParseCharRef: invalid xmlChar value 8\"")
	v2 := issue("https://github.com/aws/aws-sdk-go/issues/1914",
		"ListObjectsV2 of keys holding U+0004 and U+000E: \"XML syntax error on line 2: illegal character code U+0004\", what encoding/xml says of \"&#x4;\"")
	Run(t, []Case{
		controlKeyListing("ListObjects/control characters as character references", esc+"; "+backspace, "/"+opsBucket),
		controlKeyListing("ListObjectsV2/control characters as character references", v2+"; "+esc, "/"+opsBucket+"?list-type=2"),
	})
}

// controlKeyListing lists controlKeys through a raw GET of path (the Go
// SDK, like AWS's strict clients, refuses such a listing).
func controlKeyListing(name, source, path string) Case {
	c := s3OK(name, source, controlKeys, nil, map[string]any{"header:Body": controlRefs})
	c.Call = rawOn("GET", path, nil)
	return c
}
