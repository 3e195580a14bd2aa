package golden

import (
	"context"
	"net/http"
	"testing"
)

// Cases judged from the failures versity/versitygw's integration suite left
// untriaged (conformance/versity): AWS answers quoted in GitHub issues.

// rawOnOps is an error case for a signed request sent as is (the SDK will
// not send the value) to opsBucket after steps, as owner.
func rawOnOps(name, source string, steps []s3Setup, method, path string, want Want) Case {
	c := s3OK(name, source, steps, nil, nil)
	c.Call = func(ctx context.Context, w *World) (any, error) {
		return w.Signed(ctx, Root(owner), method, path, nil, http.Header{})
	}
	c.Want = want
	return c
}

func TestS3ListLimits(t *testing.T) {
	const (
		issue1794 = "https://github.com/versity/versitygw/issues/1794 (S3: `aws s3api list-multipart-uploads --max-uploads 2157483647` " +
			"answers InvalidArgument \"Provided max-uploads not an integer or within integer range\")"
		backlot176 = "https://github.com/brekkylab/backlot/pull/176 (measured against AWS: max-uploads=-0, -00, -2147483649 " +
			"answer 400 \"Argument max-uploads must be an integer between 0 and 2147483647\")"
		backlot192 = "https://github.com/brekkylab/backlot/issues/192 (measured against AWS: ?list-type=2&max-keys=-1 and ?max-keys=-1 " +
			"answer 400 InvalidArgument \"Argument maxKeys must be an integer between 0 and 2147483647\", ArgumentName maxKeys)"
		issue1809 = "https://github.com/versity/versitygw/issues/1809 (S3: `aws s3api list-object-versions --max-keys -1` " +
			"answers InvalidArgument \"max-keys cannot be negative\")"
	)
	bad := func(msg string) Want { return Want{Status: 400, Code: "InvalidArgument", Message: msg} }
	Run(t, []Case{
		rawOnOps("ListMultipartUploads/max-uploads past int32", issue1794, nil,
			"GET", "/"+opsBucket+"?uploads&max-uploads=2157483647",
			bad("Provided max-uploads not an integer or within integer range")),
		rawOnOps("ListMultipartUploads/max-uploads -0", backlot176, nil,
			"GET", "/"+opsBucket+"?uploads&max-uploads=-0",
			bad("Argument max-uploads must be an integer between 0 and 2147483647")),
		rawOnOps("ListMultipartUploads/max-uploads -2147483649", backlot176, nil,
			"GET", "/"+opsBucket+"?uploads&max-uploads=-2147483649",
			bad("Argument max-uploads must be an integer between 0 and 2147483647")),
		rawOnOps("ListObjectsV2/max-keys -1", backlot192, nil,
			"GET", "/"+opsBucket+"?list-type=2&max-keys=-1",
			bad("Argument maxKeys must be an integer between 0 and 2147483647")),
		rawOnOps("ListObjects/max-keys -1", backlot192, nil,
			"GET", "/"+opsBucket+"?max-keys=-1",
			bad("Argument maxKeys must be an integer between 0 and 2147483647")),
		rawOnOps("ListObjectVersions/max-keys -1", issue1809, nil,
			"GET", "/"+opsBucket+"?versions&max-keys=-1",
			bad("max-keys cannot be negative")),
	})
}

// trailerPut sends "hello" aws-chunked (STREAMING-UNSIGNED-PAYLOAD-TRAILER)
// to opsBucket/k with a crc64nvme trailer of value and the extra headers.
func trailerPut(value string, extra http.Header) func(ctx context.Context, w *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		body := "5\r\nhello\r\n0\r\nx-amz-checksum-crc64nvme:" + value + "\r\n\r\n"
		h := http.Header{"Content-Encoding": {"aws-chunked"}, "X-Amz-Content-Sha256": {"STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
			"X-Amz-Decoded-Content-Length": {"5"}, "X-Amz-Trailer": {"x-amz-checksum-crc64nvme"}}
		for k, v := range extra {
			h[k] = v
		}
		return w.Signed(ctx, Root(owner), http.MethodPut, "/"+opsBucket+"/k", []byte(body), h)
	}
}

func TestS3StreamingTrailers(t *testing.T) {
	const good = "M3eFcAZSQlc=" // crc64nvme of "hello"
	onOps := func(name, source string, call func(ctx context.Context, w *World) (any, error), want Want) Case {
		c := s3OK(name, source, nil, nil, nil)
		c.Call, c.Want = call, want
		return c
	}
	Run(t, []Case{
		onOps("PutObject/checksum trailer and a checksum header",
			"https://github.com/versity/versitygw/issues/1657 (S3's answer to x-amz-trailer: x-amz-checksum-crc64nvme with an x-amz-checksum-sha1 header: "+
				"InvalidRequest \"Expecting a single x-amz-checksum- header\")",
			trailerPut(good, http.Header{"X-Amz-Checksum-Sha1": {"qvTGHdzF6KLavt4PO0gs2a6pQ00="}}),
			Want{Status: 400, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header"}),
		onOps("PutObject/trailing checksum that is no crc64nvme",
			"https://github.com/versity/versitygw/issues/1652 (S3's answer to the trailer x-amz-checksum-crc64nvme:M3eFcAZSQlcb: "+
				"InvalidRequest \"Value for x-amz-checksum-crc64nvme trailing header is invalid.\")",
			trailerPut("M3eFcAZSQlcb", nil),
			Want{Status: 400, Code: "InvalidRequest", Message: "Value for x-amz-checksum-crc64nvme trailing header is invalid."}),
		onOps("PutObject/SDK algorithm naming another than the trailer",
			"https://github.com/versity/versitygw/issues/1659 (S3's answer to x-amz-sdk-checksum-algorithm: sha1 with x-amz-trailer: x-amz-checksum-crc64nvme: "+
				"InvalidRequest \"Value for x-amz-sdk-checksum-algorithm header is invalid.\")",
			trailerPut(good, http.Header{"X-Amz-Sdk-Checksum-Algorithm": {"sha1"}}),
			Want{Status: 400, Code: "InvalidRequest", Message: "Value for x-amz-sdk-checksum-algorithm header is invalid."}),
		onOps("PutObject/SDK algorithm naming another than the checksum header",
			"https://github.com/versity/versitygw/issues/1598 (S3's answer to x-amz-sdk-checksum-algorithm: crc32 with x-amz-checksum-crc32c: ImIEBA==: "+
				"InvalidRequest \"Value for x-amz-sdk-checksum-algorithm header is invalid.\")",
			func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/"+opsBucket+"/k", []byte("hello"),
					http.Header{"X-Amz-Sdk-Checksum-Algorithm": {"CRC32"}, "X-Amz-Checksum-Crc32c": {"ImIEBA=="}})
			},
			Want{Status: 400, Code: "InvalidRequest", Message: "Value for x-amz-sdk-checksum-algorithm header is invalid."}),
		onOps("PutObject/SDK algorithm without a checksum header or trailer",
			"https://github.com/apache/hadoop/pull/6467 (S3Exception from AWS: \"x-amz-sdk-checksum-algorithm specified, but no corresponding "+
				"x-amz-checksum-* or x-amz-trailer headers were found.\", Status Code: 400); https://github.com/versity/versitygw/issues/1593 "+
				"(the same for a PUT with only x-amz-sdk-checksum-algorithm: crc32, code InvalidRequest)",
			func(ctx context.Context, w *World) (any, error) {
				return w.Signed(ctx, Root(owner), http.MethodPut, "/"+opsBucket+"/k", []byte("hello"),
					http.Header{"X-Amz-Sdk-Checksum-Algorithm": {"crc32"}})
			},
			Want{Status: 400, Code: "InvalidRequest",
				Message: "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found."}),
		onOps("PutObject/checksum trailer", "https://github.com/versity/versitygw/issues/1652 (the request changed from this one, which succeeds) and #1632 (S3 answers such an upload with its crc64nvme in the header)",
			trailerPut(good, nil), Want{Fields: map[string]any{"header:X-Amz-Checksum-Crc64nvme": good}}),
	})
}
