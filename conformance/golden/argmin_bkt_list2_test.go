package golden

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Cases of argmin's bucket_list.rs the first audit left uncited:
// test_bucket_list_return_data_versioning, ListObjectVersions of three
// keys written once each into a versioned bucket, each entry what
// HeadObject tells of the key.

// bktVersionsVsHead is a ListObjectVersions answer with what differs
// from HeadObject of each listed key (Differs, "" when nothing does).
type bktVersionsVsHead struct {
	List    *s3.ListObjectVersionsOutput
	Differs string
}

// bktListVersionsVsHead lists argminBkt's versions as the primary user
// and compares each entry's ETag, Size and VersionId with HeadObject of
// its key.
func bktListVersionsVsHead(ctx context.Context, w *World, u *argminUsers) (any, error) {
	c := primary(w, u)
	list, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt)})
	if err != nil {
		return list, err
	}
	var differs []string
	for _, v := range list.Versions {
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: v.Key})
		if err != nil {
			return head, err
		}
		if aws.ToString(head.ETag) != aws.ToString(v.ETag) || aws.ToInt64(head.ContentLength) != aws.ToInt64(v.Size) ||
			aws.ToString(head.VersionId) != aws.ToString(v.VersionId) {
			differs = append(differs, fmt.Sprintf("%s: listed %s %d %s, head %s %d %s", aws.ToString(v.Key), aws.ToString(v.ETag),
				aws.ToInt64(v.Size), aws.ToString(v.VersionId), aws.ToString(head.ETag), aws.ToInt64(head.ContentLength), aws.ToString(head.VersionId)))
		}
	}
	return bktVersionsVsHead{List: list, Differs: strings.Join(differs, "; ")}, nil
}

func TestArgminBucketListVersionsReturnData(t *testing.T) {
	src := argmin("bucket_list.rs", "test_bucket_list_return_data_versioning")
	keys := []string{"bar", "baz", "foo"}
	steps := argminSteps(argminBucket(false, ""), objVersioning)
	for _, k := range keys {
		steps = append(steps, objStep(objPut(primary, k, "data", nil)))
	}
	fields := map[string]any{"List.Versions": Len(3), "List.DeleteMarkers": Len(0), "Differs": ""}
	for i, k := range keys {
		v := fmt.Sprintf("List.Versions[%d].", i)
		fields[v+"Key"], fields[v+"ETag"], fields[v+"Size"] = k, objETag("data"), 4
		fields[v+"VersionId"], fields[v+"LastModified"], fields[v+"IsLatest"] = Present, Present, true
		fields[v+"Owner.ID"], fields[v+"Owner.DisplayName"] = Match(`^[0-9a-f]{64}$`), Absent
	}
	Run(t, []Case{
		argminCase("ListObjectVersions/three keys' versions as HeadObject tells them", src, steps, bktListVersionsVsHead, Want{Fields: fields}),
	})
}
