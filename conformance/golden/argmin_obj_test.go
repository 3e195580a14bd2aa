package golden

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Shared helpers of the argmin object-area files (argmin_obj*_test.go):
// conditional, copy, object CRUD, range, checksum, multipart, SSE-C and
// attributes tests of justincormack/argmin's crates/s3-tests.

// objCall is a case's call with the suite's users.
type objCall = func(ctx context.Context, w *World, u *argminUsers) (any, error)

// objFailure is what objStatusOnly leaves of an S3 error answer.
type objFailure struct{ Err string }

// objStatusOnly keeps only the HTTP status of an S3 error answer: the
// suite asserts err_status(..) == N (or is_err with the status named in
// its comment) and nothing of the error code, so the case checks only the
// status (Want{Status: N}).
func objStatusOnly(call objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := call(ctx, w, u)
		var re *awshttp.ResponseError
		if errors.As(err, &re) {
			return objFailure{Err: err.Error()}, nil
		}
		return out, err
	}
}

// objSeq runs calls in turn and answers the last; an earlier call's error
// is the answer (the suite unwraps each).
func objSeq(calls ...objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var out any
		var err error
		for _, c := range calls {
			if out, err = c(ctx, w, u); err != nil {
				return out, err
			}
		}
		return out, err
	}
}

// objIgnore is a set-up step making call and ignoring its answer (a
// refused request whose effect a later case checks).
func objIgnore(call objCall) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, _ = call(ctx, w, u)
		return nil
	}
}

// objStep is a set-up step making call, which must succeed.
func objStep(call objCall) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := call(ctx, w, u)
		return err
	}
}

// objETag is S3's ETag of a single-part object with body.
func objETag(body string) string {
	sum := md5.Sum([]byte(body))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// objBucket is the suite's setup_bucket: a new bucket (BucketOwnerEnforced,
// Block Public Access on).
func objBucket(extra ...argminStep) []argminStep {
	return append(argminSteps(argminBucket(false, "")), extra...)
}

type objClient = func(w *World, u *argminUsers) *s3.Client

// objGet is GetObject of key by c, with mod applied, reading the body.
func objGet(c objClient, key string, mod func(*s3.GetObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if mod != nil {
			mod(in)
		}
		out, err := c(w, u).GetObject(ctx, in)
		if err != nil {
			return out, err
		}
		defer out.Body.Close()
		b, err := io.ReadAll(out.Body)
		return objGot{Body: string(b), Out: out}, err
	}
}

// objGot is a GetObject answer with its body read: Body, and the other
// output fields under Out ("Out.ContentType").
type objGot struct {
	Body string
	Out  *s3.GetObjectOutput
}

// objHead is HeadObject of key by c, with mod applied.
func objHead(c objClient, key string, mod func(*s3.HeadObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if mod != nil {
			mod(in)
		}
		return c(w, u).HeadObject(ctx, in)
	}
}

// objPut is PutObject of key with body by c, with mod applied.
func objPut(c objClient, key, body string, mod func(*s3.PutObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(body)}
		if mod != nil {
			mod(in)
		}
		return c(w, u).PutObject(ctx, in)
	}
}

// objCopy is CopyObject of argminBkt/src to key dst by c, with mod applied.
func objCopy(c objClient, src, dst string, mod func(*s3.CopyObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(dst), CopySource: aws.String(argminBkt + "/" + src)}
		if mod != nil {
			mod(in)
		}
		return c(w, u).CopyObject(ctx, in)
	}
}

// objDelete is DeleteObject of key by c, with mod applied.
func objDelete(c objClient, key string, mod func(*s3.DeleteObjectInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if mod != nil {
			mod(in)
		}
		return c(w, u).DeleteObject(ctx, in)
	}
}

// objSinglePartUpload uploads body as the one part of a new multipart
// upload of key by c and completes it with mod applied (the suite's
// prepare_single_part_multipart_upload, then CompleteMultipartUpload).
func objSinglePartUpload(c objClient, key, body string, mod func(*s3.CompleteMultipartUploadInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(key)
		up, err := c(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: b, Key: k})
		if err != nil {
			return up, err
		}
		part, err := c(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId,
			PartNumber: aws.Int32(1), Body: strings.NewReader(body)})
		if err != nil {
			return part, err
		}
		in := &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}}
		if mod != nil {
			mod(in)
		}
		return c(w, u).CompleteMultipartUpload(ctx, in)
	}
}

// objVersioning enables versioning on argminBkt.
func objVersioning(ctx context.Context, w *World, _ *argminUsers) error {
	_, err := root(w).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
		VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
	return err
}

// objBodyIs wants a read body.
func objBodyIs(body string) Want { return Want{Fields: map[string]any{"Body": body}} }

// sha256B64 is the base64 SHA-256 of data.
func sha256B64(data string) string {
	sum := sha256.Sum256([]byte(data))
	return b64(sum[:])
}

// objRawResult is a raw answer with its body read: the headers, the body,
// and the text of each child element of the XML root (an <Error>'s Code,
// Message, Size, ...).
type objRawResult struct {
	Header   http.Header
	Body     string
	Elements map[string]string
}

// objRaw sends a signed request as the primary user and reads the whole
// answer, for cases that check an error's extra elements or the body of
// a raw answer. The status is the response's, as for an SDK call; an
// error's Code is checked as Elements.Code.
func objRaw(method, path string, body []byte, header http.Header) objCall {
	return objReadRaw(func(ctx context.Context, w *World, u *argminUsers) (*http.Response, error) {
		return w.Signed(ctx, u.primary, method, path, body, header)
	})
}

// objAnonRaw is objRaw unsigned (an anonymous GET).
func objAnonRaw(path string, header http.Header) objCall {
	return objReadRaw(func(ctx context.Context, w *World, _ *argminUsers) (*http.Response, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, w.Endpoint+path, nil)
		if err != nil {
			return nil, err
		}
		r.Header = header
		return w.HTTP.Do(r)
	})
}

func objReadRaw(send func(ctx context.Context, w *World, u *argminUsers) (*http.Response, error)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		resp, err := send(ctx, w, u)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		w.mu.Lock()
		w.last, w.lastOp = resp, objRawOperation(w, resp)
		w.mu.Unlock()
		return objRawResult{Header: resp.Header, Body: string(b), Elements: objXMLElements(b)}, nil
	}
}

// objRawOperation names the operation of a raw answer as coverage does.
func objRawOperation(w *World, resp *http.Response) string {
	rec, found := w.Server.Authorizer().Log().Find(resp.Header.Get("x-amz-request-id"))
	if !found || rec.Operation == "" {
		return ""
	}
	return "S3 " + rec.Operation
}

// objXMLElements maps each child element of body's XML root to its text.
func objXMLElements(body []byte) map[string]string {
	els := map[string]string{}
	d := xml.NewDecoder(bytes.NewReader(body))
	depth, name := 0, ""
	for {
		tok, err := d.Token()
		if err != nil {
			return els
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				name = t.Name.Local
				els[name] = ""
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 2 {
				els[name] += string(t)
			}
		}
	}
}

// sha256Hex is the hex SHA-256 of data (a signed x-amz-content-sha256).
func sha256Hex(data string) string {
	sum := sha256.Sum256([]byte(data))
	return hex.EncodeToString(sum[:])
}
