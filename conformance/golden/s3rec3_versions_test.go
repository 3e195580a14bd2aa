package golden

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

func TestS3RecordedListObjectVersionsMarkers(t *testing.T) {
	const test = "TestS3ListObjectVersions::test_list_objects_versions_markers"
	// Writes: "version 1" on test_0, test_1, test_2, "version 2" on
	// test_2, delete markers on the three, "version 2" on test_0 and
	// test_1: the recording's <version-id:1> to <version-id:9>. botocore
	// sends encoding-type=url, as the calls here do.
	list := func(set func(in *s3.ListObjectVersionsInput, ids uploadIDs)) (func(ctx context.Context, t *testing.T, w *World), func(ctx context.Context, w *World) (any, error)) {
		ids := uploadIDs{}
		setup := func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			bucket(ctx, t, w, opsBucket)
			c := w.S3(Root(owner))
			if err := versionedOps(ctx, c); err != nil {
				t.Fatalf("set-up versioning: %v", err)
			}
			keep := func(v *string, err error) {
				t.Helper()
				if err != nil {
					t.Fatalf("set-up write %d: %v", len(ids)+1, err)
				}
				ids[aws.ToString(v)] = fmt.Sprintf("<version-id:%d>", len(ids)+1)
			}
			put := func(k, body string) {
				out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k), Body: strings.NewReader(body)})
				if err != nil {
					keep(nil, err)
				}
				keep(out.VersionId, nil)
			}
			for _, k := range []string{"test_0", "test_1", "test_2"} {
				put(k, "version 1")
			}
			put("test_2", "version 2")
			for _, k := range []string{"test_0", "test_1", "test_2"} {
				out, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(k)})
				if err != nil {
					keep(nil, err)
				}
				keep(out.VersionId, nil)
			}
			put("test_0", "version 2")
			put("test_1", "version 2")
		}
		call := onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl}
			set(in, ids)
			out, err := c.ListObjectVersions(ctx, in)
			if out != nil {
				ids.name(out.NextVersionIdMarker)
				ids.name(out.VersionIdMarker)
				for i := range out.Versions {
					ids.name(out.Versions[i].VersionId)
				}
				for i := range out.DeleteMarkers {
					ids.name(out.DeleteMarkers[i].VersionId)
				}
			}
			return out, err
		})
		return setup, call
	}
	// entries lists "V key id latest" / "M key id latest" in order.
	page := func(truncated bool, keyMarker, idMarker, nextKey, nextID string, maxKeys int, entries ...string) map[string]any {
		f := map[string]any{"IsTruncated": truncated, "KeyMarker": keyMarker, "VersionIdMarker": idMarker, "MaxKeys": maxKeys,
			"EncodingType": "url", "Prefix": ""}
		if nextKey == "" {
			f["NextKeyMarker"], f["NextVersionIdMarker"] = Absent, Absent
		} else {
			f["NextKeyMarker"], f["NextVersionIdMarker"] = nextKey, nextID
		}
		nv, nm := 0, 0
		for _, e := range entries {
			p := strings.Fields(e)
			slot := fmt.Sprintf("Versions[%d]", nv)
			if p[0] == "M" {
				slot = fmt.Sprintf("DeleteMarkers[%d]", nm)
				nm++
			} else {
				nv++
			}
			f[slot+".Key"], f[slot+".VersionId"], f[slot+".IsLatest"] = p[1], "<version-id:"+p[2]+">", p[3]
		}
		f["Versions"], f["DeleteMarkers"] = Len(nv), Len(nm)
		return f
	}
	type tc struct {
		name, key string
		set       func(in *s3.ListObjectVersionsInput, ids uploadIDs)
		fields    map[string]any
	}
	var cases []Case
	for _, c := range []tc{
		{"all", "list-objects-versions-all", func(*s3.ListObjectVersionsInput, uploadIDs) {},
			page(false, "", "", "", "", 1000, "V test_0 8 true", "M test_0 5 false", "V test_0 1 false", "V test_1 9 true", "M test_1 6 false",
				"V test_1 2 false", "M test_2 7 true", "V test_2 4 false", "V test_2 3 false")},
		{"max-keys 5", "list-objects-versions-5", func(in *s3.ListObjectVersionsInput, _ uploadIDs) { in.MaxKeys = aws.Int32(5) },
			page(true, "", "", "test_1", "<version-id:6>", 5, "V test_0 8 true", "M test_0 5 false", "V test_0 1 false", "V test_1 9 true", "M test_1 6 false")},
		{"key marker only", "list-objects-next-key-only", func(in *s3.ListObjectVersionsInput, _ uploadIDs) {
			in.MaxKeys, in.KeyMarker = aws.Int32(1), aws.String("test_1")
		}, page(true, "test_1", "", "test_2", "<version-id:7>", 1, "M test_2 7 true")},
		{"key marker the last key", "list-objects-next-key-last", func(in *s3.ListObjectVersionsInput, _ uploadIDs) {
			in.MaxKeys, in.KeyMarker = aws.Int32(1), aws.String("test_2")
		}, page(false, "test_2", "", "", "", 1)},
		{"both markers", "list-objects-both-markers", func(in *s3.ListObjectVersionsInput, ids uploadIDs) {
			in.MaxKeys, in.KeyMarker, in.VersionIdMarker = aws.Int32(1), aws.String("test_1"), ids.id("<version-id:6>")
		}, page(true, "test_1", "<version-id:6>", "test_1", "<version-id:2>", 1, "V test_1 2 false")},
		{"both markers, the last key's second version", "list-objects-last-key-last-version", func(in *s3.ListObjectVersionsInput, ids uploadIDs) {
			in.MaxKeys, in.KeyMarker, in.VersionIdMarker = aws.Int32(1), aws.String("test_2"), ids.id("<version-id:4>")
		}, page(false, "test_2", "<version-id:4>", "", "", 1, "V test_2 3 false")},
		{"empty key marker", "list-objects-next-key-empty", func(in *s3.ListObjectVersionsInput, _ uploadIDs) {
			in.MaxKeys, in.KeyMarker = aws.Int32(1), aws.String("")
		}, page(true, "", "", "test_0", "<version-id:8>", 1, "V test_0 8 true")},
	} {
		setup, call := list(c.set)
		cases = append(cases, Case{Name: "ListObjectVersions/" + c.name, Source: localstack(moreList, test, c.key, "2026-02-21"),
			Setup: setup, Call: call, Want: Want{Fields: c.fields}})
	}
	Run(t, cases)
}

func TestS3RecordedSuspendedVersioning(t *testing.T) {
	const test = "TestS3ObjectCRUD::test_put_object_on_suspended_bucket"
	const k = "test-version"
	suspend := func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		return err
	}
	three := s3Steps(versionedOps, putKey(k, "test-version-0"), putKey(k, "test-version-1"), putKey(k, "test-version-2"), suspend)
	then := func(more ...s3Setup) []s3Setup { return append(append([]s3Setup{}, three...), more...) }
	put := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("test-version-suspended")})
	}
	list := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b), EncodingType: types.EncodingTypeUrl})
	}
	afterPut := map[string]any{"Versions": Len(4), "Versions[0].VersionId": "null", "Versions[0].IsLatest": true, "Versions[0].Size": 22,
		"Versions[0].ETag": `"bb7af07292c35f415ac7da933eb5c927"`, "Versions[1].IsLatest": false, "Versions[1].ETag": `"0aafaa2dd225df253328c024ceb9efc1"`,
		"Versions[3].ETag": `"b8cb478d2b9408033ceb93aa90386661"`, "DeleteMarkers": Len(0)}
	Run(t, []Case{
		s3OK("ListObjectVersions/after versioning was suspended", localstack(moreAPI, test, "list-suspended", "2026-02-21"), three, list,
			map[string]any{"Versions": Len(3), "Versions[0].IsLatest": true, "Versions[0].ETag": `"0aafaa2dd225df253328c024ceb9efc1"`,
				"Versions[0].VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
		s3OK("PutObject/on a suspended bucket", localstack(moreAPI, test, "put-object-suspended", "2026-02-21"), three, put,
			map[string]any{"ETag": `"bb7af07292c35f415ac7da933eb5c927"`, "VersionId": Absent, "header:X-Amz-Version-Id": Absent}),
		s3OK("ListObjectVersions/after a put on a suspended bucket", localstack(moreAPI, test, "list-suspended-after-put", "2026-02-21"),
			then(run(put)), list, afterPut),
		s3OK("PutObject/over the null version", localstack(moreAPI, test, "put-object-suspended-overwrite", "2026-02-21"), then(run(put)), put,
			map[string]any{"ETag": `"bb7af07292c35f415ac7da933eb5c927"`, "VersionId": Absent}),
		s3OK("ListObjectVersions/after the null version was overwritten", localstack(moreAPI, test, "list-suspended-after-overwrite", "2026-02-21"),
			then(run(put), run(put)), list, afterPut),
		s3OK("GetObject/the null version", localstack(moreAPI, test, "get-object-current", "2026-02-21"), then(run(put), run(put)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
			}, map[string]any{"VersionId": "null", "ContentLength": 22}),
	})
}

func TestS3RecordedSuspendedDeletes(t *testing.T) {
	const test = "TestS3ObjectCRUD::test_delete_object_on_suspended_bucket"
	const k = "test-delete-suspended"
	suspend := func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
			VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
		return err
	}
	two := func(more ...s3Setup) []s3Setup {
		return append(s3Steps(versionedOps, putKey(k, "test-version-0"), putKey(k, "test-version-1"), suspend), more...)
	}
	del := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(k)})
	}
	list := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
	}
	older := map[string]any{"Versions[0].ETag": `"066f1ebd4608b82ed545041ff2254d36"`, "Versions[0].IsLatest": false,
		"Versions[1].ETag": `"b8cb478d2b9408033ceb93aa90386661"`, "Versions[1].IsLatest": false}
	nullMarker := merge(older, map[string]any{"Versions": Len(2), "DeleteMarkers": Len(1), "DeleteMarkers[0].VersionId": "null", "DeleteMarkers[0].IsLatest": true})
	deleted := map[string]any{"DeleteMarker": true, "VersionId": "null"}
	putAfter := putKey(k, "test-version-suspended-after-delete")
	Run(t, []Case{
		noContent(s3OK("DeleteObject/on a suspended bucket", localstack(moreAPI, test, "delete-object-no-version", "2026-02-21"), two(), del, deleted)),
		s3OK("ListObjectVersions/after a delete on a suspended bucket", localstack(moreAPI, test, "list-suspended-delete", "2026-02-21"), two(run(del)), list, nullMarker),
		s3OK("PutObject/over a null delete marker", localstack(moreAPI, test, "put-object-suspended", "2026-02-21"), two(run(del)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("test-version-suspended-after-delete")})
			}, map[string]any{"ETag": `"195a8078a76b2922899312bf556585e1"`, "VersionId": Absent}),
		s3OK("ListObjectVersions/the null marker replaced by a null version", localstack(moreAPI, test, "list-suspended-put", "2026-02-21"), two(run(del), putAfter), list,
			map[string]any{"Versions": Len(3), "DeleteMarkers": Len(0), "Versions[0].VersionId": "null", "Versions[0].IsLatest": true, "Versions[0].Size": 35,
				"Versions[1].ETag": `"066f1ebd4608b82ed545041ff2254d36"`, "Versions[2].ETag": `"b8cb478d2b9408033ceb93aa90386661"`}),
		noContent(s3OK("DeleteObject/over the null version", localstack(moreAPI, test, "delete-object-no-version-after-put", "2026-02-21"), two(run(del), putAfter), del, deleted)),
		s3OK("ListObjectVersions/the null version replaced by a null marker", localstack(moreAPI, test, "list-suspended-after-put", "2026-02-21"),
			two(run(del), putAfter, run(del)), list, nullMarker),
	})
}

func TestS3RecordedNullVersions(t *testing.T) {
	const test = "TestS3::test_s3_put_object_versioned"
	const k, k2, k3 = "non-version-bucket-key", "versioned-bucket-key", "non-version-bucket-key-after-disable"
	versioning := func(status types.BucketVersioningStatus) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
				VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
			return err
		}
	}
	get := func(key string) s3Call {
		return func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b), Key: aws.String(key)})
		}
	}
	list := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
	}
	pre := s3Steps(putKey(k, "non-versioned-key"))
	enabled := s3Steps(putKey(k, "non-versioned-key"), versioning(types.BucketVersioningStatusEnabled), putKey(k2, "versioned-key"), putKey(k2, "versioned-key-updated"))
	suspended := append(append([]s3Setup{}, enabled...), versioning(types.BucketVersioningStatusSuspended))
	three := map[string]any{"Versions": Len(3), "Versions[0].Key": k, "Versions[0].VersionId": "null", "Versions[0].IsLatest": true,
		"Versions[1].Key": k2, "Versions[1].IsLatest": true, "Versions[1].Size": 21, "Versions[1].VersionId": Match(`^[A-Za-z0-9._]{32}$`),
		"Versions[2].Key": k2, "Versions[2].IsLatest": false, "Versions[2].Size": 13}
	src := func(key string) string { return localstack(moreS3, test, key, "2026-02-21") }
	Run(t, []Case{
		s3OK("PutObject/before versioning", src("put-pre-versioned"), nil, func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k), Body: strings.NewReader("non-versioned-key")})
		}, map[string]any{"VersionId": Absent, "ETag": `"e1474add07e050008472599be0883b17"`}),
		s3OK("GetObject/before versioning", src("get-pre-versioned"), pre, get(k), map[string]any{"VersionId": Absent, "ContentLength": 17}),
		s3OK("ListObjectVersions/before versioning", src("list-object-pre-versioned"), pre, list,
			map[string]any{"Versions": Len(1), "Versions[0].VersionId": "null", "Versions[0].IsLatest": true, "Versions[0].Size": 17}),
		s3OK("GetObject/written before versioning was enabled", src("get-post-versioned"), s3Steps(putKey(k, "non-versioned-key"), versioning(types.BucketVersioningStatusEnabled)),
			get(k), map[string]any{"VersionId": "null"}),
		s3OK("GetObject/latest of two versions", src("get-obj-versioned"), enabled, get(k2),
			map[string]any{"VersionId": Match(`^[A-Za-z0-9._]{32}$`), "ContentLength": 21}),
		s3OK("ListObjectVersions/null and real versions", src("list-object-versioned"), enabled, list, three),
		s3OK("ListObjectVersions/null and real versions, versioning suspended", src("list-bucket-suspended"), suspended, list, three),
		s3OK("GetObject/real version, versioning suspended", src("get-obj-versioned-disabled"), suspended, get(k2),
			map[string]any{"VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
		s3OK("GetObject/null version, versioning suspended", src("get-obj-non-versioned-disabled"), suspended, get(k), map[string]any{"VersionId": "null"}),
		s3OK("PutObject/versioning suspended", src("put-non-versioned-post-disable"), suspended, func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(b), Key: aws.String(k3), Body: strings.NewReader("non-versioned-key-post")})
		}, map[string]any{"VersionId": Absent, "ETag": `"6c0a0d0895ef9829b63848d506a68536"`}),
		s3OK("GetObject/written while versioning was suspended", src("get-non-versioned-post-disable"), append(append([]s3Setup{}, suspended...), putKey(k3, "non-versioned-key-post")),
			get(k3), map[string]any{"VersionId": "null", "ContentLength": 22}),
	})
}

func TestS3RecordedDeleteVersionsInBatch(t *testing.T) {
	const test = "TestS3::test_delete_keys_in_versioned_bucket"
	const k = "test-key-versioned"
	base := s3Steps(versionedOps, putKey(k, "something"), putKey(k, "something-v2"), func(ctx context.Context, c *s3.Client) error {
		_, err := deleteObjects(ctx, c, opsBucket, objID(k, nil))
		return err
	})
	// deleteVersions deletes every object version (not the marker) in one
	// DeleteObjects, newest first as ListObjectVersions lists them.
	deleteVersions := func(ctx context.Context, c *s3.Client, b string) (any, error) {
		l, err := c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
		if err != nil {
			return nil, err
		}
		var ids []types.ObjectIdentifier
		for _, v := range l.Versions {
			ids = append(ids, objID(aws.ToString(v.Key), v.VersionId))
		}
		out, err := deleteObjects(ctx, c, b, ids...)
		for i := range deletedOf(out) {
			if i < len(ids) && aws.ToString(out.Deleted[i].VersionId) != aws.ToString(ids[i].VersionId) {
				out.Deleted[i].Key = aws.String("not in request order")
			}
		}
		return out, err
	}
	then := func(more ...s3Setup) []s3Setup { return append(append([]s3Setup{}, base...), more...) }
	Run(t, []Case{
		s3OK("DeleteObjects/both versions under a delete marker", localstack(moreS3, test, "delete-object-version", "2026-02-21"), base, deleteVersions,
			map[string]any{"Deleted": Len(2), "Errors": Len(0), "Deleted[0].Key": k, "Deleted[1].Key": k, "Deleted[0].DeleteMarker": Absent,
				"Deleted[0].VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
		s3OK("ListObjectsV2/only a delete marker left", localstack(moreS3, test, "list-objects-v2-after-delete", "2026-02-21"), then(run(deleteVersions)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(b)})
			}, map[string]any{"KeyCount": 0, "Contents": Len(0), "IsTruncated": false}),
		s3OK("ListObjectVersions/only a delete marker left", localstack(moreS3, test, "list-object-version-after-delete", "2026-02-21"), then(run(deleteVersions)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(b)})
			}, map[string]any{"Versions": Len(0), "DeleteMarkers": Len(1), "DeleteMarkers[0].IsLatest": true, "DeleteMarkers[0].Key": k}),
		s3OK("DeleteObjects/the last delete marker by id", localstack(moreS3, test, "delete-object-delete-marker", "2026-02-21"), then(run(deleteVersions)),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				m, err := latestVersion(ctx, c, k, true)
				if err != nil {
					return nil, err
				}
				return deleteObjects(ctx, c, b, objID(k, m))
			}, map[string]any{"Deleted": Len(1), "Deleted[0].DeleteMarker": true, "Deleted[0].DeleteMarkerVersionId": Match(`^[A-Za-z0-9._]{32}$`),
				"Deleted[0].VersionId": Match(`^[A-Za-z0-9._]{32}$`)}),
	})
}
