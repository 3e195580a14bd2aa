package golden

import (
	"strings"
	"testing"
)

// TestArgminSSECSizes2 is the rest of sse_c.rs's size tables the
// function-level audit found uncited: sse_c_single_part_round_trip_tests'
// four-mib, segment-boundary, ten-mib and two-segments bodies (the others
// are ssecSizeCases), and every sse_c_multipart_round_trip_tests body, one
// part each, under an SSE-C upload completed with its key. HEAD and GET
// with the key answer the size, AES256 and the key's MD5, and GET the
// bytes.
func TestArgminSSECSizes2(t *testing.T) {
	const mib = 1 << 20
	k := &ssecKey
	type size struct {
		label string
		size  int
		seed  byte
	}
	single := []size{{"four-mib", 4 * mib, 0x17}, {"segment-boundary", 8 * mib, 0x23}, {"ten-mib", 10 * mib, 0x2f}, {"two-segments", 16 * mib, 0x35}}
	multi := []size{{"one-mib", mib, 0x41}, {"four-mib", 4 * mib, 0x47}, {"multipart-min-part-size", 5 * mib, 0x4d},
		{"segment-minus-one", 8*mib - 1, 0x53}, {"segment-boundary", 8 * mib, 0x61}, {"segment-plus-one", 8*mib + 1, 0x67},
		{"ten-mib", 10 * mib, 0x6d}, {"two-segments", 16 * mib, 0x73}, {"irregular-nine-mib-plus", 9*mib + 12345, 0x79}}
	var cases []Case
	add := func(kind, test string, s size, write func(key, body string) objCall) {
		src := argmin("sse_c.rs", test+strings.ReplaceAll(strings.TrimPrefix(s.label, "multipart-"), "-", "_"))
		body := ssecPattern(s.size, s.seed)
		key := "obj-" + s.label
		steps := ssecBucket(objStep(write(key, body)))
		cases = append(cases,
			argminCase("HeadObject/SSE-C "+kind+" of "+s.label, src, steps, ssecHead(key, k, nil),
				Want{Fields: map[string]any{"ContentLength": s.size, "SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": *k.md5}}),
			argminCase("GetObject/SSE-C "+kind+" of "+s.label, src, steps, ssecGet(key, k, nil),
				ssecBody(body, map[string]any{"Out.SSECustomerAlgorithm": "AES256", "Out.SSECustomerKeyMD5": *k.md5})))
	}
	for _, s := range single {
		add("object", "test_sse_c_put_get_head_round_trip_", s, func(key, body string) objCall { return ssecPut(key, body, k, nil) })
	}
	for _, s := range multi {
		add("multipart object", "test_sse_c_multipart_round_trip_", s, func(key, body string) objCall { return ssecMultipart(key, k, []string{body}, nil) })
	}
	Run(t, cases)
}
