package golden

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// The requests the AWS SDK for Java v2 (2.30 and later, default settings)
// sends over plain HTTP, replayed byte for byte: conformance/java runs the
// SDK itself where Maven Central is reachable, these run everywhere. The
// shapes are read from the SDK's source (aws/aws-sdk-java-v2):
//   - S3Client.putObject: DefaultAwsV4HttpSigner signs the payload over
//     HTTP and, with a flexible checksum, frames it aws-chunked
//     (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER) in 128 KiB chunks
//     (DEFAULT_CHUNK_SIZE_IN_BYTES); ChunkedEncodedInputStream ends every
//     trailer line with CRLF and SigV4TrailerProvider signs the canonical
//     "name:value\n" trailers;
//   - S3AsyncClient over HTTP sends the same body unsigned
//     (asyncShouldTreatAsUnsigned: STREAMING-UNSIGNED-PAYLOAD-TRAILER);
//   - the multipart client puts CRC32 on CreateMultipartUpload and every
//     UploadPart (aws-sdk-java-v2#4898), lists each part's ChecksumCRC32
//     in CompleteMultipartUpload (SdkPojoConversionUtils.toCompletedPart),
//     and downloads part by part: partNumber=1, then the next parts with
//     If-Match: the first part's ETag (MultipartDownloaderSubscriber).

const javaBucket = "golden-java"

// javaCRC32 is the base64 big-endian CRC32 S3 reports for b.
func javaCRC32(b []byte) string {
	return base64.StdEncoding.EncodeToString(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(b)))
}

// javaBody is n bytes of a repeating pattern.
func javaBody(n int) []byte {
	return bytes.Repeat([]byte("0123456789abcdef"), n/16+1)[:n]
}

// javaPut sends data to path as the Java SDK's S3Client does over HTTP:
// signed aws-chunked, 128 KiB chunks, a signed CRC32 trailer.
func javaPut(ctx context.Context, w *World, path string, data []byte) (*http.Response, error) {
	const mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	now := time.Now().UTC()
	r, err := http.NewRequestWithContext(ctx, http.MethodPut, w.Endpoint+path, nil)
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Encoding", "aws-chunked")
	r.Header.Set("X-Amz-Content-Sha256", mode)
	r.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(data)))
	r.Header.Set("X-Amz-Trailer", "x-amz-checksum-crc32")
	r.Header.Set("X-Amz-Sdk-Checksum-Algorithm", "CRC32")
	creds := Root(owner)
	if err := v4.NewSigner().SignHTTP(ctx, creds, r, mode, "s3", "us-east-1", now); err != nil {
		return nil, err
	}
	_, seed, ok := strings.Cut(r.Header.Get("Authorization"), "Signature=")
	if !ok {
		return nil, fmt.Errorf("no signature in %q", r.Header.Get("Authorization"))
	}
	body := javaSignedChunks(javaChain{key: javaSigningKey(creds.SecretAccessKey, now), amzDate: now.Format("20060102T150405Z"),
		scope: now.Format("20060102") + "/us-east-1/s3/aws4_request", prev: seed}, data)
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	return w.HTTP.Do(r)
}

// javaChain is the rolling chunk signature of an aws-chunked body.
type javaChain struct {
	key                  []byte
	amzDate, scope, prev string
}

// sign chains the signature of one chunk (or, with trailer set, of the
// canonical trailers) from the previous one.
func (c *javaChain) sign(data []byte, trailer bool) string {
	sum := sha256.Sum256(data)
	sts := "AWS4-HMAC-SHA256-PAYLOAD\n" + c.amzDate + "\n" + c.scope + "\n" + c.prev + "\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" + hex.EncodeToString(sum[:])
	if trailer {
		sts = "AWS4-HMAC-SHA256-TRAILER\n" + c.amzDate + "\n" + c.scope + "\n" + c.prev + "\n" + hex.EncodeToString(sum[:])
	}
	c.prev = hex.EncodeToString(javaHMAC(c.key, sts))
	return c.prev
}

func javaSignedChunks(c javaChain, data []byte) []byte {
	var b bytes.Buffer
	for off := 0; off < len(data); off += 128 << 10 {
		part := data[off:min(off+128<<10, len(data))]
		fmt.Fprintf(&b, "%x;chunk-signature=%s\r\n%s\r\n", len(part), c.sign(part, false), part)
	}
	fmt.Fprintf(&b, "0;chunk-signature=%s\r\n", c.sign(nil, false))
	line := "x-amz-checksum-crc32:" + javaCRC32(data)
	fmt.Fprintf(&b, "%s\r\nx-amz-trailer-signature:%s\r\n\r\n", line, c.sign([]byte(line+"\n"), true))
	return b.Bytes()
}

func javaHMAC(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

func javaSigningKey(secret string, at time.Time) []byte {
	k := javaHMAC([]byte("AWS4"+secret), at.Format("20060102"))
	for _, s := range []string{"us-east-1", "s3", "aws4_request"} {
		k = javaHMAC(k, s)
	}
	return k
}

// javaUnsignedPart sends data as the Java multipart client's UploadPart
// over HTTP: unsigned aws-chunked with a CRC32 trailer.
func javaUnsignedPart(ctx context.Context, w *World, uploadID string, n int, data []byte) (*http.Response, error) {
	var b bytes.Buffer
	for off := 0; off < len(data); off += 128 << 10 {
		part := data[off:min(off+128<<10, len(data))]
		fmt.Fprintf(&b, "%x\r\n%s\r\n", len(part), part)
	}
	fmt.Fprintf(&b, "0\r\nx-amz-checksum-crc32:%s\r\n\r\n", javaCRC32(data))
	h := http.Header{"Content-Encoding": {"aws-chunked"}, "X-Amz-Content-Sha256": {"STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
		"X-Amz-Decoded-Content-Length": {strconv.Itoa(len(data))}, "X-Amz-Trailer": {"x-amz-checksum-crc32"},
		"X-Amz-Sdk-Checksum-Algorithm": {"CRC32"}}
	path := fmt.Sprintf("/%s/big?partNumber=%d&uploadId=%s", javaBucket, n, uploadID)
	return w.Signed(ctx, Root(owner), http.MethodPut, path, b.Bytes(), h)
}

// javaMultipart is a CRC32 upload of javaBucket/big in Java's shapes: the
// parts' bodies, the upload id, and the parts as Java completes them.
type javaMultipart struct {
	parts    [][]byte
	uploadID string
	done     []types.CompletedPart
}

// javaParts is 5 MiB and a tail: two parts.
func javaParts() [][]byte { return [][]byte{javaBody(5 << 20), []byte("the last part")} }

// upload creates the upload and sends every part; complete finishes it.
func (m *javaMultipart) upload(ctx context.Context, t *testing.T, w *World) {
	t.Helper()
	bucket(ctx, t, w, javaBucket)
	out, err := w.S3(Root(owner)).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(javaBucket),
		Key: aws.String("big"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32})
	if err != nil {
		t.Fatalf("set-up CreateMultipartUpload: %v", err)
	}
	m.parts, m.uploadID, m.done = javaParts(), aws.ToString(out.UploadId), nil
	for i, data := range m.parts {
		resp, err := javaUnsignedPart(ctx, w, m.uploadID, i+1, data)
		if err != nil {
			t.Fatalf("set-up UploadPart %d: %v", i+1, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("set-up UploadPart %d: status %d", i+1, resp.StatusCode)
		}
		m.done = append(m.done, types.CompletedPart{PartNumber: aws.Int32(int32(i + 1)), ETag: aws.String(resp.Header.Get("ETag")),
			ChecksumCRC32: aws.String(resp.Header.Get("X-Amz-Checksum-Crc32"))})
	}
}

func (m *javaMultipart) complete(ctx context.Context, w *World) (*s3.CompleteMultipartUploadOutput, error) {
	return w.S3(Root(owner)).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(javaBucket),
		Key: aws.String("big"), UploadId: aws.String(m.uploadID), MultipartUpload: &types.CompletedMultipartUpload{Parts: m.done}})
}

// javaComposite is S3's COMPOSITE CRC32 of parts: the CRC32 of the parts'
// raw CRC32s, then "-" and the part count
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html,
// "Using part-level checksums for multipart uploads").
func javaComposite(parts [][]byte) string {
	var raw []byte
	for _, p := range parts {
		raw = binary.BigEndian.AppendUint32(raw, crc32.ChecksumIEEE(p))
	}
	return javaCRC32(raw) + "-" + strconv.Itoa(len(parts))
}

func TestS3JavaSDKWire(t *testing.T) {
	const putDoc = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (x-amz-checksum-crc32 in the response: " +
		"the checksum uploaded with the object); https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html"
	const partTest = "TestS3::test_get_object_part_checksum"
	big := javaBody(300 << 10) // three chunks: 128, 128 and 44 KiB
	put := func(key string, data []byte) func(context.Context, *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) { return javaPut(ctx, w, "/"+javaBucket+"/"+key, data) }
	}
	setupPut := func(key string, data []byte) func(context.Context, *testing.T, *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			bucket(ctx, t, w, javaBucket)
			resp, err := javaPut(ctx, w, "/"+javaBucket+"/"+key, data)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("set-up Java-style PUT: %v %v", resp, err)
			}
			resp.Body.Close()
		}
	}
	head := func(key string) func(context.Context, *World) (any, error) {
		return func(ctx context.Context, w *World) (any, error) {
			return w.S3(Root(owner)).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(javaBucket), Key: aws.String(key),
				ChecksumMode: types.ChecksumModeEnabled})
		}
	}
	// Cases run in parallel: each has an upload of its own.
	toComplete, toGet := &javaMultipart{}, &javaMultipart{}
	var etag *string
	parts := javaParts()
	Run(t, []Case{{
		Name:   "PutObject/Java S3Client over HTTP: signed aws-chunked, 128 KiB chunks, CRC32 trailer",
		Source: putDoc,
		Setup:  withBucket(javaBucket),
		Call:   put("big.bin", big),
		Want:   Want{Fields: map[string]any{"header:X-Amz-Checksum-Crc32": javaCRC32(big)}},
	}, {
		Name:   "PutObject/Java S3Client, empty body: the final chunk and its signed trailer only",
		Source: putDoc,
		Setup:  withBucket(javaBucket),
		Call:   put("empty", nil),
		Want:   Want{Fields: map[string]any{"header:X-Amz-Checksum-Crc32": "AAAAAA=="}},
	}, {
		Name:   "HeadObject/after Java's signed-trailer PUT: the decoded length, the CRC32, no aws-chunked encoding",
		Source: putDoc + "; " + localstack("s3/test_s3.snapshot.json", "TestS3PutObjectChecksum::test_s3_checksum_with_content_encoding", "get-object", "2026-02-21"),
		Setup:  setupPut("big.bin", big),
		Call:   head("big.bin"),
		Want: Want{Fields: map[string]any{"ContentLength": len(big), "ChecksumCRC32": javaCRC32(big), "ChecksumType": "FULL_OBJECT",
			"ContentEncoding": Absent}},
	}, {
		Name:   "CompleteMultipartUpload/Java multipart client: unsigned-trailer parts listed with their CRC32",
		Source: localstack("s3/test_s3.snapshot.json", "TestS3MultipartUploadChecksum::test_complete_multipart_parts_checksum_composite[CRC32]", "complete-multipart-checksum", "2026-02-21"),
		Setup:  toComplete.upload,
		Call:   func(ctx context.Context, w *World) (any, error) { return toComplete.complete(ctx, w) },
		Want:   Want{Fields: map[string]any{"ChecksumCRC32": javaComposite(parts), "ChecksumType": "COMPOSITE"}},
	}, {
		Name:   "GetObject/Java multipart download: part 2 with If-Match has the part's CRC32 and the part count",
		Source: localstack("s3/test_s3.snapshot.json", partTest+"[COMPOSITE]", "get-object-part", "2026-02-21"),
		Setup: func(ctx context.Context, t *testing.T, w *World) {
			toGet.upload(ctx, t, w)
			done, err := toGet.complete(ctx, w)
			if err != nil {
				t.Fatalf("set-up CompleteMultipartUpload: %v", err)
			}
			etag = done.ETag // what Java reads from part 1's answer
		},
		Call: func(ctx context.Context, w *World) (any, error) {
			c := w.S3(Root(owner))
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(javaBucket), Key: aws.String("big"),
				PartNumber: aws.Int32(2), IfMatch: etag, ChecksumMode: types.ChecksumModeEnabled})
			if err != nil {
				return nil, err
			}
			defer out.Body.Close()
			_, err = io.ReadAll(out.Body) // the SDK validates the part's checksum
			return out, err
		},
		Want: Want{Status: 206, Fields: map[string]any{"ChecksumCRC32": javaCRC32(parts[1]), "ChecksumType": "COMPOSITE",
			"PartsCount": 2, "ContentLength": len(parts[1]),
			"ContentRange": fmt.Sprintf("bytes %d-%d/%d", len(parts[0]), len(parts[0])+len(parts[1])-1, len(parts[0])+len(parts[1]))}},
	}})
}
