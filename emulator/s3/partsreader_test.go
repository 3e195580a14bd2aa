package s3

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// partsReader returns exactly bytes [off, off+n) of the parts' bodies
// for every range of objects made of parts of varied sizes (empty ones
// included), inline and file bodies mixed, read through buffers of varied
// sizes.
func TestPartsReaderRanges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := [][]int{{0}, {5}, {3, 0, 4}, {store.InlineMax + 3, 7}, {1, store.InlineMax + 1, 0, 2}, {10, 20, 30}}
	for _, sizes := range shapes {
		t.Run(fmt.Sprint(sizes), func(t *testing.T) {
			var whole strings.Builder
			var parts []store.S3Part
			for i, size := range sizes {
				b := strings.Repeat(string(rune('a'+i)), size)
				whole.WriteString(b)
				id, n, err := e.db.WriteBody(strings.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				parts = append(parts, store.S3Part{Number: i + 1, Body: id, Size: n})
			}
			// Commit the inline ones by naming them in an upload record.
			if err := e.db.Update(context.Background(), func(tx *store.Tx) error {
				return tx.Put(store.Global, store.S3UploadKind("pr"), fmt.Sprint(sizes), &store.S3Upload{Parts: parts})
			}); err != nil {
				t.Fatal(err)
			}
			all := whole.String()
			total := int64(len(all))
			var ranges [][2]int64
			for off := int64(0); off <= total; off += max(1, total/9) {
				for _, n := range []int64{0, 1, total - off, (total - off) / 2} {
					ranges = append(ranges, [2]int64{off, n})
				}
			}
			for _, r := range ranges {
				off, n := r[0], r[1]
				if n < 0 || off+n > total {
					continue
				}
				pr, err := newPartsReader(e.db, parts, off, n)
				if err != nil {
					t.Fatalf("range %d+%d: %v", off, n, err)
				}
				got, err := readIn(pr, 1+rng.IntN(7000))
				pr.Close()
				if err != nil || got != all[off:off+n] {
					t.Errorf("range %d+%d = %d bytes (%v), want %d", off, n, len(got), err, n)
				}
			}
		})
	}
}

// readIn reads r to its end through a buffer of size bytes.
func readIn(r io.Reader, size int) (string, error) {
	var sb strings.Builder
	buf := make([]byte, size)
	for {
		n, err := r.Read(buf)
		sb.Write(buf[:n])
		if err == io.EOF {
			return sb.String(), nil
		}
		if err != nil {
			return sb.String(), err
		}
	}
}
