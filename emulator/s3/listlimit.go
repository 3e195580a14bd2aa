package s3

import "strconv"

// A listing's count parameters (max-keys, max-uploads, max-parts,
// part-number-marker) are read as AWS reads them: a run of digits is its
// value when it fits a signed 32-bit integer; a '-' and digits is refused
// as below the range; anything else (a word, a '+', a space, digits past
// 2147483647) is refused as no integer. Recorded answers:
//   - max-uploads=2157483647: InvalidArgument "Provided max-uploads not an
//     integer or within integer range" (S3's answer quoted in
//     versity/versitygw#1794);
//   - max-uploads=-1, -0, -2147483649: "Argument max-uploads must be an
//     integer between 0 and 2147483647"; ListObjects(V2) max-keys=-1:
//     "Argument maxKeys must be an integer between 0 and 2147483647",
//     ArgumentName maxKeys (measured against AWS in brekkylab/backlot#176
//     and #192);
//   - ListParts part-number-marker=-2: "Argument part-number-marker must be
//     an integer between 0 and 2147483647" (versity/versitygw#1383);
//   - ListObjectVersions max-keys=-1: "max-keys cannot be negative" (S3's
//     answer quoted in versity/versitygw#1809).
//
// max-parts is read the same way; its negative answer is not recorded and
// follows max-uploads'.

// countParam describes one count parameter: its query name, and the name
// and message AWS gives a negative value.
type countParam struct {
	name       string // query parameter (or header) name
	negName    string // ArgumentName of the negative answer
	negMessage string
}

var (
	maxKeysParam = countParam{name: "max-keys", negName: "maxKeys",
		negMessage: "Argument maxKeys must be an integer between 0 and 2147483647"}
	versionsMaxKeysParam = countParam{name: "max-keys", negName: "maxKeys",
		negMessage: "max-keys cannot be negative"}
	maxUploadsParam       = rangeParam("max-uploads")
	maxPartsParam         = rangeParam("max-parts")
	partNumberMarkerParam = rangeParam("part-number-marker")
)

// rangeParam is a count parameter whose negative answer names it.
func rangeParam(name string) countParam {
	return countParam{name: name, negName: name,
		negMessage: "Argument " + name + " must be an integer between 0 and 2147483647"}
}

// read parses v (not empty) as the parameter's value.
func (c countParam) read(v string) (int, error) {
	if len(v) > 1 && v[0] == '-' && allDigits(v[1:]) {
		return 0, errInvalidArgument(c.negMessage, c.negName, v)
	}
	if allDigits(v) {
		if n, err := strconv.ParseInt(v, 10, 32); err == nil {
			return int(n), nil
		}
	}
	return 0, errInvalidArgument("Provided "+c.name+" not an integer or within integer range", c.name, v)
}

// pageSize reads the parameter as a page size: 1,000 when v is empty,
// and at most 1,000.
func (c countParam) pageSize(v string) (int, error) {
	if v == "" {
		return 1000, nil
	}
	n, err := c.read(v)
	return min(n, 1000), err
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
