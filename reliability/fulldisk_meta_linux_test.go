package reliability

import (
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// exhaustMeta PUTs empty objects (metadata only) until one is refused:
// then meta.db needs a page the full disk cannot give. It returns the
// acknowledged keys.
func exhaustMeta(t *testing.T, s *server, prefix string) []string {
	t.Helper()
	var acked []string
	for i := range 5000 {
		key := fmt.Sprintf("/full/%s-%d", prefix, i)
		code, body := s.do(t, http.MethodPut, key, "")
		switch {
		case code == http.StatusOK:
			acked = append(acked, key)
		case code == http.StatusInternalServerError && strings.Contains(body, "<Code>InternalError</Code>"):
			return acked
		default:
			t.Fatalf("PUT %s on a full disk = %d %s", key, code, body)
		}
	}
	t.Fatal("5000 empty PUTs on a full disk were all acknowledged")
	return nil
}

// metaWrite is a write that needs only metadata, tried on a full disk:
// do(n) makes its n-th attempt (each on a target of its own) and returns
// its status (2xx acknowledged, 500 refused); present(n) reports whether
// attempt n's effect is in the store.
type metaWrite struct {
	name    string
	do      func(t *testing.T, s *server, n int) (int, string)
	present func(t *testing.T, s *server, n int) bool
}

// attempts is how many times each metadata write is tried on the full
// disk, each right after meta.db was found unable to grow.
const attempts = 8

func metaWrites(uploads []string) []metaWrite {
	complete := func(n int) string {
		return fmt.Sprintf("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>%s</ETag></Part></CompleteMultipartUpload>", md5ETag(partBody(n)))
	}
	return []metaWrite{
		{"CompleteMultipartUpload",
			func(t *testing.T, s *server, n int) (int, string) {
				return s.do(t, http.MethodPost, fmt.Sprintf("/full/mpu-%d?uploadId=%s", n, uploads[n]), complete(n))
			},
			func(t *testing.T, s *server, n int) bool {
				code, body := s.do(t, http.MethodGet, fmt.Sprintf("/full/mpu-%d", n), "")
				listed, _ := s.do(t, http.MethodGet, fmt.Sprintf("/full/mpu-%d?uploadId=%s", n, uploads[n]), "")
				if (code == http.StatusOK) == (listed == http.StatusOK) {
					t.Errorf("upload %d: object GET %d, ListParts %d: completed and listed, or neither", n, code, listed)
				}
				if code == http.StatusOK && body != partBody(n) {
					t.Errorf("completed mpu-%d = %q, want %q", n, body, partBody(n))
				}
				return code == http.StatusOK
			}},
		{"CreateBucket",
			func(t *testing.T, s *server, n int) (int, string) {
				return s.do(t, http.MethodPut, fmt.Sprintf("/full-bucket-%d", n), "")
			},
			func(t *testing.T, s *server, n int) bool {
				code, _ := s.do(t, http.MethodHead, fmt.Sprintf("/full-bucket-%d", n), "")
				return code == http.StatusOK
			}},
		{"CreateUser",
			func(t *testing.T, s *server, n int) (int, string) {
				_, err := iam.NewFromConfig(s.rootConfig()).CreateUser(context.Background(), &iam.CreateUserInput{UserName: aws.String(fmt.Sprint("full-user-", n))})
				return statusOrOK(err), fmt.Sprint(err)
			},
			func(t *testing.T, s *server, n int) bool {
				_, err := iam.NewFromConfig(s.rootConfig()).GetUser(context.Background(), &iam.GetUserInput{UserName: aws.String(fmt.Sprint("full-user-", n))})
				var nse *iamtypes.NoSuchEntityException
				if err != nil && !errors.As(err, &nse) {
					t.Errorf("GetUser: %v", err)
				}
				return err == nil
			}},
	}
}

func partBody(n int) string { return fmt.Sprintf("part of upload %d", n) }

func md5ETag(s string) string {
	sum := md5.Sum([]byte(s))
	return fmt.Sprintf(`"%x"`, sum)
}

func statusOrOK(err error) int {
	if err == nil {
		return http.StatusOK
	}
	return statusOf(err)
}

// Writes that need only metadata (CompleteMultipartUpload, CreateBucket,
// CreateUser) on a disk so full that meta.db cannot grow, each tried right
// after an empty PUT was refused: each is acknowledged and present, or
// refused with 500 InternalError and then wholly absent (an upload refused
// completion is still listed and its object absent); the stored objects
// still read; once the space is freed every refused write succeeds, and
// after a restart every write is there. New ground beside
// TestFullDiskToTheLastByte (PUT, GET, DELETE) and
// TestFullDiskMultipartAndCopy (bodies).
func TestFullDiskMetadataWrites(t *testing.T) {
	t.Parallel()
	data := holdTmpfs(t, "4m")
	s := start(t, data)
	if code, body := s.do(t, http.MethodPut, "/full", ""); code != http.StatusOK {
		t.Fatalf("CreateBucket = %d %s", code, body)
	}
	uploads := make([]string, attempts)
	for n := range uploads {
		code, body := s.do(t, http.MethodPost, fmt.Sprintf("/full/mpu-%d?uploads", n), "")
		if code != http.StatusOK {
			t.Fatalf("CreateMultipartUpload = %d %s", code, body)
		}
		uploads[n] = body[strings.Index(body, "<UploadId>")+10 : strings.Index(body, "</UploadId>")]
		if code, body := s.do(t, http.MethodPut, fmt.Sprintf("/full/mpu-%d?partNumber=1&uploadId=%s", n, uploads[n]), partBody(n)); code != http.StatusOK {
			t.Fatalf("UploadPart = %d %s", code, body)
		}
	}
	sizes := map[int]int{}
	stored := fillWithObjects(t, s, sizes)
	fillToLastByte(t, data)
	drainPages(t, s)
	type attempt struct {
		w metaWrite
		n int
	}
	var refused, all []attempt
	for _, w := range metaWrites(uploads) {
		for n := range attempts {
			exhaustMeta(t, s, fmt.Sprint(w.name, n))
			code, body := w.do(t, s, n)
			present := w.present(t, s, n)
			all = append(all, attempt{w, n})
			switch {
			case code/100 == 2 && present:
			case code == http.StatusInternalServerError && !present:
				refused = append(refused, attempt{w, n})
			default:
				t.Errorf("%s #%d on a full disk = %d %.200s, its effect present: %v; want acknowledged and present, or 500 and absent", w.name, n, code, body, present)
			}
		}
	}
	t.Logf("refused on the full disk: %d of %d", len(refused), len(all))
	checkObjects(t, s, "after the metadata writes on a full disk", sizes, nil)
	// Free space (the filler and the first four objects, 1 MiB): with
	// no page left in meta.db, the DELETEs commit only thanks to the
	// store's space reserve (store.DB.BatchFreeing). Then every refused
	// write succeeds.
	fillers, _ := filepath.Glob(filepath.Join(data, "filler-*"))
	for _, f := range fillers {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	deleted := map[int]bool{}
	for _, i := range stored[:4] {
		if code, body := s.do(t, http.MethodDelete, fmt.Sprintf("/full/obj-%d", i), ""); code != http.StatusNoContent {
			t.Fatalf("DELETE obj-%d = %d %s\n%s", i, code, body, s.stderr.String())
		}
		deleted[i] = true
	}
	for _, a := range refused {
		if code, body := a.w.do(t, s, a.n); code/100 != 2 || !a.w.present(t, s, a.n) {
			t.Errorf("%s #%d once space is freed = %d %.200s", a.w.name, a.n, code, body)
		}
	}
	s.stop(t)
	s = startCommand(t, exec.Command(binary, "--addr", "127.0.0.1:0", "--data", data))
	for _, a := range all {
		if !a.w.present(t, s, a.n) {
			t.Errorf("%s #%d acknowledged but gone after a restart", a.w.name, a.n)
		}
	}
	checkObjects(t, s, "after a restart", sizes, deleted)
}

// drainPages makes metadata-only writes (empty PUTs and bucket creations)
// until twenty in a row are refused: by then meta.db has no free page
// left that any small commit could use.
func drainPages(t *testing.T, s *server) {
	t.Helper()
	refusedInARow := 0
	for i := 0; refusedInARow < 20; i++ {
		if i == 5000 {
			t.Fatal("5000 metadata writes on a full disk never refused 20 in a row")
		}
		path := fmt.Sprintf("/full/drain-%d", i)
		if i%2 == 1 {
			path = fmt.Sprintf("/drain-bucket-%d", i)
		}
		code, body := s.do(t, http.MethodPut, path, "")
		switch code {
		case http.StatusOK:
			refusedInARow = 0
		case http.StatusInternalServerError:
			refusedInARow++
		default:
			t.Fatalf("PUT %s on a full disk = %d %s", path, code, body)
		}
	}
}
