//lint:file-ignore SA1019 feature/s3/manager is the transfer manager most code uses today; its successor (feature/s3/transfermanager) is not in go.mod yet

package conformance

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// onlyReader hides a body's Seek so the SDK must stream it.
type onlyReader struct{ io.Reader }

// uploads: the SDK's default PutObject (aws-chunked with a trailing
// checksum over HTTPS; a checksum header over HTTP), checksum validation on
// GetObject, and a transfer-manager multipart upload.
func uploads() scenario {
	big := bytes.Repeat([]byte("0123456789abcdef"), (5<<20+64<<10)/16) // two parts: 5 MiB and 64 KiB
	sum := sha256.Sum256(big)
	return scenario{name: "uploads", steps: []step{
		createBucket(emrys, "uploads"),
		{name: "PutObject with the SDK defaults (seekable body)", do: putObject(emrys, "uploads", "small.txt", "small body").do},
		{name: "GetObject validates the stored checksum", do: func(ctx context.Context, w *world) error {
			out, err := w.s3(emrys).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("small.txt"),
				ChecksumMode: s3types.ChecksumModeEnabled})
			if err != nil {
				return err
			}
			defer out.Body.Close()
			b, err := io.ReadAll(out.Body)
			if err != nil || string(b) != "small body" {
				return fmt.Errorf("GetObject = %q (%v), want %q", b, err, "small body")
			}
			// PutObject sent x-amz-checksum-crc32 (the SDK default); with
			// x-amz-checksum-mode: ENABLED, GetObject returns it.
			if aws.ToString(out.ChecksumCRC32) == "" {
				return fmt.Errorf("GetObject with ChecksumMode ENABLED returned no x-amz-checksum-crc32 for an object stored with one")
			}
			return nil
		}},
		{name: "PutObject of a stream: aws-chunked with a trailing checksum", do: func(ctx context.Context, w *world) error {
			if !w.h.mode.tls {
				return nil // the SDK streams unseekable bodies only over HTTPS
			}
			body := "streamed body, " + strings.Repeat("z", 70_000)
			_, err := w.s3(emrys).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("uploads"), Key: aws.String("streamed.txt"),
				Body: onlyReader{strings.NewReader(body)}, ContentLength: aws.Int64(int64(len(body)))})
			if err != nil {
				return err
			}
			if !w.h.saw("PUT", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "aws-chunked") {
				return fmt.Errorf("the SDK did not send an aws-chunked body with a trailer (requests seen: %v)", w.h.seen)
			}
			return getObject(emrys, "uploads", "streamed.txt", body).do(ctx, w)
		}},
		{name: "transfer manager multipart upload", do: func(ctx context.Context, w *world) error {
			up := manager.NewUploader(w.s3(emrys), func(u *manager.Uploader) { u.PartSize = 5 << 20; u.Concurrency = 2 })
			if _, err := up.Upload(ctx, &s3.PutObjectInput{Bucket: aws.String("uploads"), Key: aws.String("big.bin"),
				Body: bytes.NewReader(big)}); err != nil {
				return err
			}
			head, err := w.s3(emrys).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("uploads"), Key: aws.String("big.bin")})
			if err != nil {
				return err
			}
			if aws.ToInt64(head.ContentLength) != int64(len(big)) || !strings.HasSuffix(aws.ToString(head.ETag), `-2"`) {
				return fmt.Errorf("HeadObject = %d bytes, ETag %s; want %d bytes and a 2-part ETag", aws.ToInt64(head.ContentLength), aws.ToString(head.ETag), len(big))
			}
			out, err := w.s3(emrys).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("big.bin")})
			if err != nil {
				return err
			}
			defer out.Body.Close()
			hs := sha256.New()
			if _, err := io.Copy(hs, out.Body); err != nil {
				return err
			}
			if !bytes.Equal(hs.Sum(nil), sum[:]) {
				return fmt.Errorf("GetObject of the multipart object returned different bytes")
			}
			return nil
		}},
		{name: "transfer manager download with ranged GETs", do: func(ctx context.Context, w *world) error {
			d := manager.NewDownloader(w.s3(emrys), func(d *manager.Downloader) { d.PartSize = 2 << 20; d.Concurrency = 2 })
			buf := manager.NewWriteAtBuffer(make([]byte, 0, len(big)))
			n, err := d.Download(ctx, buf, &s3.GetObjectInput{Bucket: aws.String("uploads"), Key: aws.String("big.bin")})
			if err != nil {
				return err
			}
			if n != int64(len(big)) || !bytes.Equal(buf.Bytes(), big) {
				return fmt.Errorf("Download = %d bytes, want the %d uploaded", n, len(big))
			}
			return nil
		}},
	}}
}
