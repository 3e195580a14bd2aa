package golden

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Cases of argmin's atomic.rs (ceph's atomic group): an object of one
// repeated byte overwritten while, or before, it is read; a reader sees
// the whole old object or the whole new one, never a mix.

// atBody is a read body summarized: its length, whether every byte is the
// same, and that byte.
type atBody struct {
	Len     int
	Uniform bool
	Byte    string
}

func atSummary(b []byte) atBody {
	s := atBody{Len: len(b)}
	if len(b) > 0 {
		s.Byte, s.Uniform = string(b[:1]), bytes.Count(b, b[:1]) == len(b)
	}
	return s
}

// atPut writes size bytes of ch to key as the primary user.
func atPut(ctx context.Context, w *World, u *argminUsers, key string, ch byte, size int, mod func(*s3.PutObjectInput)) (*s3.PutObjectOutput, error) {
	in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: bytes.NewReader(bytes.Repeat([]byte{ch}, size))}
	if mod != nil {
		mod(in)
	}
	return primary(w, u).PutObject(ctx, in)
}

// atGet reads key as the primary user.
func atGet(ctx context.Context, w *World, u *argminUsers, key string) (atBody, error) {
	out, err := primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
	if err != nil {
		return atBody{}, err
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	return atSummary(b), err
}

// atWritten is a set-up step writing size bytes of ch to key.
func atWritten(key string, ch byte, size int) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := atPut(ctx, w, u, key, ch, size, nil)
		return err
	}
}

// atRace runs write and read together, and answers what read read.
func atRace(write func() error, read func() (atBody, error)) (atBody, error) {
	var wg sync.WaitGroup
	var werr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		werr = write()
	}()
	got, rerr := read()
	wg.Wait()
	if werr != nil {
		return got, werr
	}
	return got, rerr
}

// atReadDuringWrite is atomic_read_case: "A"s overwritten with "B"s while
// read; it answers the racing read (Read) and the read after (Final).
func atReadDuringWrite(size int) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var got struct{ Read, Final atBody }
		var err error
		got.Read, err = atRace(func() error {
			_, err := atPut(ctx, w, u, "atomic-read", 'B', size, nil)
			return err
		}, func() (atBody, error) { return atGet(ctx, w, u, "atomic-read") })
		if err != nil {
			return nil, err
		}
		got.Final, err = atGet(ctx, w, u, "atomic-read")
		return got, err
	}
}

// atDualWrite is atomic_dual_write_case: two writers of the whole key at
// once; it answers the read after both.
func atDualWrite(size int) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		_, err := atRace(func() error {
			_, err := atPut(ctx, w, u, "atomic-dual-write", 'A', size, nil)
			return err
		}, func() (atBody, error) {
			_, err := atPut(ctx, w, u, "atomic-dual-write", 'B', size, nil)
			return atBody{}, err
		})
		if err != nil {
			return nil, err
		}
		return atGet(ctx, w, u, "atomic-dual-write")
	}
}

func TestArgminAtomicSizes(t *testing.T) {
	src := func(test string) string { return argmin("atomic.rs", test) }
	var cases []Case
	for _, mib := range []int{1, 4, 8, 10} {
		size := mib << 20
		whole := func(ch string) atBody { return atBody{Len: size, Uniform: true, Byte: ch} }
		cases = append(cases,
			argminCase(fmt.Sprintf("GetObject/%d MiB while it is overwritten", mib), src(fmt.Sprintf("test_atomic_read_%dmb", mib)),
				objBucket(atWritten("atomic-read", 'A', size)), atReadDuringWrite(size),
				Want{Fields: map[string]any{"Read.Len": size, "Read.Uniform": true, "Read.Byte": Match("^[AB]$"), "Final": whole("B")}}),
			argminCase(fmt.Sprintf("GetObject/%d MiB as written", mib), src(fmt.Sprintf("test_atomic_write_%dmb", mib)),
				objBucket(atWritten("atomic-write", 'A', size)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return atGet(ctx, w, u, "atomic-write")
				}, Want{Fields: map[string]any{"Len": size, "Uniform": true, "Byte": "A"}}),
			argminCase(fmt.Sprintf("GetObject/%d MiB overwritten", mib), src(fmt.Sprintf("test_atomic_write_%dmb", mib)),
				objBucket(atWritten("atomic-write", 'A', size), atWritten("atomic-write", 'B', size)), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return atGet(ctx, w, u, "atomic-write")
				}, Want{Fields: map[string]any{"Len": size, "Uniform": true, "Byte": "B"}}),
			argminCase(fmt.Sprintf("GetObject/%d MiB after two writers at once", mib), src(fmt.Sprintf("test_atomic_dual_write_%dmb", mib)),
				objBucket(atWritten("atomic-dual-write", 'X', size)), atDualWrite(size),
				Want{Fields: map[string]any{"Len": size, "Uniform": true, "Byte": Match("^[AB]$")}}),
		)
	}
	Run(t, cases)
}

func TestArgminAtomicConditional(t *testing.T) {
	src := func(test string) string { return argmin("atomic.rs", test) }
	const mib = 1 << 20
	ifMatchA := func(ch byte) func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return atPut(ctx, w, u, "atomic-cond", ch, mib, func(in *s3.PutObjectInput) { in.IfMatch = aws.String(objETag(string(bytes.Repeat([]byte{'A'}, mib)))) })
		}
	}
	read := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return atGet(ctx, w, u, "atomic-cond")
	}
	wholeB := Want{Fields: map[string]any{"Len": mib, "Uniform": true, "Byte": "B"}}
	// test_atomic_multipart_upload_write: "bar", and an upload to its key.
	uploading := objBucket(argminPut("foo", "bar", ""), func(ctx context.Context, w *World, u *argminUsers) error {
		_, err := primary(w, u).CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("foo")})
		return err
	})
	abort := func(ctx context.Context, w *World, u *argminUsers) error {
		ups, err := primary(w, u).ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String(argminBkt)})
		if err != nil || len(ups.Uploads) != 1 {
			return fmt.Errorf("the upload to abort: %v (%d uploads)", err, len(ups.Uploads))
		}
		_, err = primary(w, u).AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(argminBkt), Key: aws.String("foo"),
			UploadId: ups.Uploads[0].UploadId})
		return err
	}
	gone := objBucket(func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String(argminBkt)})
		return err
	})
	Run(t, []Case{
		argminCase("PutObject/If-Match the current ETag", src("test_atomic_conditional_write"), objBucket(atWritten("atomic-cond", 'A', mib)), ifMatchA('B'), Want{}),
		argminCase("GetObject/after a write If-Match the current ETag", src("test_atomic_conditional_write"),
			objBucket(atWritten("atomic-cond", 'A', mib), objStep(ifMatchA('B'))), read, wholeB),
		argminCase("PutObject/If-Match an ETag overwritten since", src("test_atomic_dual_conditional_write"),
			objBucket(atWritten("atomic-cond", 'A', mib), atWritten("atomic-cond", 'B', mib)), objStatusOnly(ifMatchA('C')), Want{Status: http.StatusPreconditionFailed}),
		argminCase("GetObject/a write If-Match a stale ETag changed nothing", src("test_atomic_dual_conditional_write"),
			objBucket(atWritten("atomic-cond", 'A', mib), atWritten("atomic-cond", 'B', mib), objIgnore(ifMatchA('C'))), read, wholeB),
		argminCase("PutObject/into a bucket deleted", src("test_atomic_write_bucket_gone"), gone,
			objStatusOnly(objPut(primary, "obj", string(bytes.Repeat([]byte{'A'}, mib)), nil)), Want{Status: http.StatusNotFound}),
		argminCase("GetObject/while a multipart upload to the key is open", src("test_atomic_multipart_upload_write"), uploading,
			objGet(primary, "foo", nil), objBodyIs("bar")),
		argminCase("GetObject/after the multipart upload to the key is aborted", src("test_atomic_multipart_upload_write"), append(uploading, abort),
			objGet(primary, "foo", nil), objBodyIs("bar")),
	})
}
