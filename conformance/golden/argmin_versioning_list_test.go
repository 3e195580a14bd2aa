package golden

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's versioning.rs on listing versions, version ids in
// answers and the wire shapes of versioned answers.

// vrNamedRaw is a raw answer whose body has every version id the case
// recorded replaced by its name (Named), and the name of the answer's
// x-amz-version-id (Version).
type vrNamedRaw struct {
	objRawResult
	Named   string
	Version string
}

// named sends a raw request as objRaw does (to the path path builds) and
// names the version ids in its answer.
func (v *vrState) named(method string, path func() string, body []byte, header http.Header) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := objReadRaw(func(ctx context.Context, w *World, u *argminUsers) (*http.Response, error) {
			return w.Signed(ctx, u.primary, method, path(), body, header)
		})(ctx, w, u)
		raw, ok := out.(objRawResult)
		if err != nil || !ok {
			return out, err
		}
		r := vrNamedRaw{objRawResult: raw, Named: raw.Body}
		v.mu.Lock()
		for id, name := range v.names {
			if id != "null" {
				r.Named = strings.ReplaceAll(r.Named, id, name)
			}
		}
		v.mu.Unlock()
		if h := raw.Header.Get("x-amz-version-id"); h != "" {
			r.Version = v.name(&h)
		}
		return r, nil
	}
}

func vrPath(p string) func() string { return func() string { return p } }

// recordUpload completes a one-part upload of body to key as objSinglePartUpload
// does, recording the version it made.
func (v *vrState) recordUpload(key, body string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := objSinglePartUpload(primary, key, body, nil)(ctx, w, u)
		if c, ok := out.(*s3.CompleteMultipartUploadOutput); ok && err == nil {
			v.record(key, "v", c.VersionId)
		}
		return out, err
	}
}

func TestArgminVersioningListing(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	// test_versioning_list_object_versions_pagination_and_markers: two
	// versions and a marker under "alpha&versions", one version elsewhere,
	// listed one entry a page.
	pages := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		var got struct {
			Pages, Markers int
			Versions       []string
		}
		in := &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), Prefix: aws.String("alpha"), MaxKeys: aws.Int32(1)}
		for got.Pages < 10 {
			out, err := primary(w, u).ListObjectVersions(ctx, in)
			if err != nil {
				return out, err
			}
			got.Pages++
			got.Markers += len(out.DeleteMarkers)
			for _, e := range out.Versions {
				got.Versions = append(got.Versions, aws.ToString(e.Key))
			}
			if !aws.ToBool(out.IsTruncated) {
				break
			}
			in.KeyMarker, in.VersionIdMarker = out.NextKeyMarker, out.NextVersionIdMarker
		}
		return got, nil
	}
	Run(t, []Case{
		vrCase("ListObjectVersions/by key, newest first", src("test_versioning_obj_list_marker"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts("testobj", 3)), objStep(v.puts("testobj-1", 3))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys("testobj:v2:latest", "testobj:v1", "testobj:v0", "testobj-1:v2:latest", "testobj-1:v1", "testobj-1:v0")}}),
		vrCase("ListObjectVersions/one entry a page, with the markers", src("test_versioning_list_object_versions_pagination_and_markers"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts("alpha&versions", 2)), objStep(v.put("beta<versions", "other")), objStep(v.del("alpha&versions"))), pages
		}, Want{Fields: map[string]any{"Pages": 3, "Markers": 1, "Versions": vrKeys("alpha&versions", "alpha&versions")}}),
		vrCase("ListObjectVersions/version-id-marker without key-marker", src("test_versioning_list_object_versions_rejects_version_id_marker_without_key_marker"),
			func(v *vrState) ([]argminStep, objCall) {
				return vrBucket(objStep(v.puts("alpha", 2)), objStep(v.put("beta", "v1"))), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), MaxKeys: aws.Int32(10),
						VersionIdMarker: aws.String(v.id("alpha", "v0"))})
				}
			}, Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		vrCase("ListObjectVersions/max-keys 5000 is echoed", src("test_versioning_list_object_versions_oversized_max_keys_echoed_by_aws"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("oversized-max-keys.txt", "v1"))), v.list(func(in *s3.ListObjectVersionsInput) { in.MaxKeys = aws.Int32(5000) })
		}, Want{Fields: map[string]any{"Out.MaxKeys": 5000, "Out.IsTruncated": false, "Versions": Len(1), "Markers": Len(0),
			"Out.NextKeyMarker": Absent, "Out.NextVersionIdMarker": Absent}}),
		argminCase("ListObjectVersions/max-keys 5000 in the XML", src("test_versioning_list_object_versions_raw_xml_echoes_oversized_max_keys_on_aws"),
			vrBucket(argminPut("oversized-max-keys-raw.txt", "v1", "")), objRaw(http.MethodGet, "/"+argminBkt+"?versions=&max-keys=5000", nil, nil),
			Want{Fields: map[string]any{"Body": bktAll("<MaxKeys>5000</MaxKeys>", "<IsTruncated>false</IsTruncated>")}}),
		vrCase("ListObjectVersions/at most 1000 entries for max-keys 5000", src("test_versioning_list_object_versions_oversized_max_keys_returns_at_most_1000_entries"),
			func(v *vrState) ([]argminStep, objCall) {
				puts := make([]objCall, 1001)
				for i := range puts {
					puts[i] = objPut(primary, "oversized-max-keys-many-versions.txt", "", nil)
				}
				return vrBucket(objStep(objSeq(puts...))), v.list(func(in *s3.ListObjectVersionsInput) { in.MaxKeys = aws.Int32(5000) })
			}, Want{Fields: map[string]any{"Versions": Len(1000), "Markers": Len(0), "Out.IsTruncated": true, "Out.NextKeyMarker": Present, "Out.NextVersionIdMarker": Present}}),
		vrCase("HeadObject/a delete marker's version", src("test_versioning_head_delete_marker_version_returns_method_not_allowed"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("delete-marker-head", "payload")), objStep(v.del("delete-marker-head"))),
				v.named(http.MethodHead, v.versionPath("delete-marker-head", "dm0"), nil, nil)
		}, Want{Status: http.StatusMethodNotAllowed, Fields: map[string]any{"Body": "", "header:x-amz-delete-marker": "true", "header:Allow": "DELETE"}}),
		vrCase("ListObjectVersions/the owner of a version", src("test_list_object_versions_includes_owner"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("owned", "data"))), v.list(nil)
		}, Want{Fields: map[string]any{"Out.Versions[0].Owner.ID": Match(`^[0-9a-f]{64}$`)}}),
		vrCase("ListObjectVersions/the owner of a delete marker", src("test_list_object_versions_delete_marker_includes_owner"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("owned", "data")), objStep(v.del("owned"))), v.list(nil)
		}, Want{Fields: map[string]any{"Out.DeleteMarkers[0].Owner.ID": Match(`^[0-9a-f]{64}$`)}}),
	})
}

func TestArgminVersioningListEncoding(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	list := func(query string) objCall { return objRaw(http.MethodGet, "/"+argminBkt+"?versions="+query, nil, nil) }
	// The suite writes these keys with raw PUTs of their encoded paths;
	// the SDK writes the same keys.
	control := vrBucket(argminPut("bad\x01key", "v1", ""), argminPut("bad\x1fkey", "v1", ""), argminPut("bad\x7fkey", "v1", ""), argminPut("bad\u0080key", "v1", ""))
	special := vrBucket(argminPut(`xml<>&"key`, "v1", ""))
	Run(t, []Case{
		argminCase("ListObjectVersions/encoding-type url, through the SDK", src("test_versioning_list_object_versions_encoding_type_url"),
			vrBucket(argminPut("dir/hello world&plus+", "v1", "")), func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt), EncodingType: types.EncodingTypeUrl})
			}, Want{Fields: map[string]any{"EncodingType": "url"}}),
		argminCase("ListObjectVersions/encoding-type url", src("test_versioning_list_object_versions_encoding_type_url"),
			vrBucket(argminPut("dir/hello world&plus+", "v1", "")), list("&encoding-type=url"),
			Want{Fields: map[string]any{"Body": bktAll("<EncodingType>url</EncodingType>", "<Key>dir/hello+world%26plus%2B</Key>")}}),
		argminCase("ListObjectVersions/control characters of keys, without encoding-type", src("test_versioning_list_object_versions_without_encoding_type_keeps_control_characters_literal"),
			control, list(""), Want{Fields: map[string]any{"Body": bktAll("<Key>bad&#x1;key</Key>", "<Key>bad&#x1f;key</Key>", "<Key>bad\x7fkey</Key>", "<Key>bad\u0080key</Key>")}}),
		argminCase("ListObjectVersions/no EncodingType without encoding-type", src("test_versioning_list_object_versions_without_encoding_type_keeps_control_characters_literal"),
			control, list(""), Want{Fields: map[string]any{"Body": bktLacks("<EncodingType>")}}),
		argminCase("ListObjectVersions/control characters of keys, encoding-type url", src("test_versioning_list_object_versions_encoding_type_url_encodes_control_characters"),
			control, list("&encoding-type=url"), Want{Fields: map[string]any{"Body": bktAll("<EncodingType>url</EncodingType>",
				"<Key>bad%01key</Key>", "<Key>bad%1Fkey</Key>", "<Key>bad%7Fkey</Key>", "<Key>bad%C2%80key</Key>")}}),
		argminCase("ListObjectVersions/XML special characters of a key", src("test_versioning_list_object_versions_without_encoding_type_escapes_xml_special_characters"),
			special, list(""), Want{Fields: map[string]any{"Body": bktAll("<Key>xml&lt;&gt;&amp;&quot;key</Key>")}}),
		argminCase("ListObjectVersions/XML special characters of a key, encoding-type url", src("test_versioning_list_object_versions_encoding_type_url_encodes_xml_special_characters"),
			special, list("&encoding-type=url"), Want{Fields: map[string]any{"Body": bktAll("<EncodingType>url</EncodingType>", "<Key>xml%3C%3E%26%22key</Key>")}}),
	})
}

func TestArgminVersioningIDs(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	status := func(steps ...argminStep) []argminStep { return objBucket(steps...) }
	getStatus := func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(argminBkt)})
	}
	suspended, enabled := vrStatus(types.BucketVersioningStatusSuspended), vrStatus(types.BucketVersioningStatusEnabled)
	mib5 := strings.Repeat("Z", 5<<20)
	overwritten := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.put("mp-overwrite", "original")), objStep(v.recordUpload("mp-overwrite", mib5)))
	}
	Run(t, []Case{
		vrCase("PutObject/a versioned bucket answers the version listed", src("test_versioning_bucket_atomic_upload_return_version_id"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("bar", ""))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys("bar:v0:latest")}}),
		argminCase("PutObject/no version id in an unversioned bucket", src("test_versioning_bucket_atomic_upload_return_version_id"), objBucket(),
			objPut(primary, "baz", "", nil), Want{Fields: map[string]any{"VersionId": Absent}}),
		argminCase("PutObject/no version id in a suspended bucket", src("test_versioning_bucket_atomic_upload_return_version_id"), objBucket(suspended),
			objPut(primary, "baz", "", nil), Want{Fields: map[string]any{"VersionId": Absent}}),
		argminCase("GetBucketVersioning/a new bucket has no status", src("test_versioning_bucket_create_suspend"), status(), getStatus, Want{Fields: map[string]any{"Status": Absent}}),
		argminCase("GetBucketVersioning/Suspended on a new bucket", src("test_versioning_bucket_create_suspend"), status(suspended), getStatus, Want{Fields: map[string]any{"Status": "Suspended"}}),
		argminCase("GetBucketVersioning/Enabled after Suspended", src("test_versioning_bucket_create_suspend"), status(suspended, enabled), getStatus, Want{Fields: map[string]any{"Status": "Enabled"}}),
		argminCase("GetBucketVersioning/Enabled twice", src("test_versioning_bucket_create_suspend"), status(suspended, enabled, enabled), getStatus, Want{Fields: map[string]any{"Status": "Enabled"}}),
		argminCase("GetBucketVersioning/Suspended again", src("test_versioning_bucket_create_suspend"), status(suspended, enabled, enabled, suspended), getStatus,
			Want{Fields: map[string]any{"Status": "Suspended"}}),
		vrCase("ListObjectVersions/a multipart upload makes a new version", src("test_versioning_obj_create_overwrite_multipart"), func(v *vrState) ([]argminStep, objCall) {
			return overwritten(v), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys("mp-overwrite:v1:latest", "mp-overwrite:v0")}}),
		vrCase("GetObject/the multipart upload is current", src("test_versioning_obj_create_overwrite_multipart"), func(v *vrState) ([]argminStep, objCall) {
			return overwritten(v), v.get(primary, "mp-overwrite", "")
		}, Want{Fields: map[string]any{"Out.ContentLength": 5 << 20}}),
		vrCase("GetObject/the version the multipart upload replaced", src("test_versioning_obj_create_overwrite_multipart"), func(v *vrState) ([]argminStep, objCall) {
			return overwritten(v), v.get(primary, "mp-overwrite", "v0")
		}, objBodyIs("original")),
		argminCase("CompleteMultipartUpload/a versioned bucket answers a version id", src("test_versioning_bucket_multipart_upload_return_version_id"), vrBucket(),
			objSinglePartUpload(primary, "mp-vid", strings.Repeat("V", 5<<20), nil), Want{Fields: map[string]any{"VersionId": Present}}),
	})
}

// vrChurn is test_versioned_concurrent_object_create_concurrent_remove's
// round, five times: five concurrent writes of one key, then every
// version listed deleted concurrently; it answers the last listing.
func vrChurn(ctx context.Context, w *World, u *argminUsers) (any, error) {
	b, k := aws.String(argminBkt), aws.String("myobj")
	var out *s3.ListObjectVersionsOutput
	for round := 0; round < 5; round++ {
		errs := make(chan error, 5)
		var wg sync.WaitGroup
		for i := 0; i < 5; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: b, Key: k, Body: strings.NewReader("data")})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				return nil, err
			}
		}
		list, err := primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b})
		if err != nil {
			return list, err
		}
		var dels sync.WaitGroup
		for _, e := range list.Versions {
			dels.Add(1)
			go func(id *string) {
				defer dels.Done()
				_, _ = primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: k, VersionId: id})
			}(e.VersionId)
		}
		dels.Wait()
		if out, err = primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b}); err != nil {
			return out, err
		}
	}
	return out, nil
}

// vrClear deletes every version and delete marker of argminBkt until a
// listing shows none (the suite's clear_versioned_bucket_concurrent).
func vrClear(ctx context.Context, w *World, u *argminUsers) error {
	b := aws.String(argminBkt)
	for i := 0; i < 100; i++ {
		list, err := primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: b})
		if err != nil {
			return err
		}
		if len(list.Versions)+len(list.DeleteMarkers) == 0 {
			return nil
		}
		var wg sync.WaitGroup
		del := func(key, id *string) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: b, Key: key, VersionId: id})
			}()
		}
		for _, e := range list.Versions {
			del(e.Key, e.VersionId)
		}
		for _, e := range list.DeleteMarkers {
			del(e.Key, e.VersionId)
		}
		wg.Wait()
	}
	return errors.New("versions kept coming")
}

// vrWritersAndClearers is test_versioned_concurrent_object_create_and_
// remove: three writers of three concurrent versions each and three
// clearers, all at once, then a last clear; it answers the listing after.
func vrWritersAndClearers(ctx context.Context, w *World, u *argminUsers) (any, error) {
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("myobj"), Body: strings.NewReader("data")})
				errs <- err
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- vrClear(ctx, w, u)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := vrClear(ctx, w, u); err != nil {
		return nil, err
	}
	return primary(w, u).ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt)})
}

func TestArgminVersioningConcurrent(t *testing.T) {
	Run(t, []Case{
		argminCase("ListObjectVersions/concurrent writes, then concurrent removals", argmin("versioning.rs", "test_versioned_concurrent_object_create_concurrent_remove"),
			vrBucket(), vrChurn, Want{Fields: map[string]any{"Versions": Len(0), "DeleteMarkers": Len(0)}}),
		argminCase("ListObjectVersions/writers and removers at once, then a last removal", argmin("versioning.rs", "test_versioned_concurrent_object_create_and_remove"),
			vrBucket(), vrWritersAndClearers, Want{Fields: map[string]any{"Versions": Len(0), "DeleteMarkers": Len(0)}}),
	})
}

func TestArgminVersioningShapes(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	const xmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	const ns = ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`
	ack := "<VersioningConfiguration" + ns + "><Status>Enabled</Status></VersioningConfiguration>"
	object := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.put("shape-versioned.txt", "versioned-body")))
	}
	objectHeaders := append([]string{"ETag", "Last-Modified", "Accept-Ranges", "x-amz-version-id", "Content-Type", "x-amz-server-side-encryption", "Content-Length"}, vrIDHeaders...)
	objectWant := func(body string) Want {
		return Want{Fields: map[string]any{"Header": vrHeaders(objectHeaders...), "Body": body, "Version": "v0", "header:ETag": objETag("versioned-body"),
			"header:Accept-Ranges": "bytes", "header:Content-Type": "application/octet-stream", "header:x-amz-server-side-encryption": "AES256",
			"header:Content-Length": "14", "header:Last-Modified": vrTemplate("{http_date}", nil)}}
	}
	deleteHeaders := append([]string{"x-amz-version-id", "x-amz-delete-marker"}, vrIDHeaders...)
	deleted := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.put("shape-delete.txt", "delete-shape")))
	}
	// test_list_object_versions_response_shape: two versions of a, one of
	// b, a delete marker on a; two entries a page.
	listed := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.put("versions-a.txt", "v1")), objStep(v.put("versions-a.txt", "v2")), objStep(v.put("versions-b.txt", "vb")),
			objStep(v.del("versions-a.txt")))
	}
	listBody := xmlDecl + "<ListVersionsResult" + ns + "><Name>{bucket}</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker>" +
		"<NextKeyMarker>versions-a.txt</NextKeyMarker><NextVersionIdMarker>v1</NextVersionIdMarker><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>" +
		"<DeleteMarker><Key>versions-a.txt</Key><VersionId>dm0</VersionId><IsLatest>true</IsLatest><LastModified>{iso8601}</LastModified><Owner><ID>{owner_id}</ID></Owner>" +
		"</DeleteMarker><Version><Key>versions-a.txt</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><LastModified>{iso8601}</LastModified><ETag>{etag}</ETag>" +
		"<ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>2</Size><Owner><ID>{owner_id}</ID></Owner>" +
		"<StorageClass>STANDARD</StorageClass></Version></ListVersionsResult>"
	// test_bucket_versioning_raw_get_returns_canonical_xml: indented, no
	// namespace.
	loose := []byte("\n            <VersioningConfiguration>\n                <Status>Enabled</Status>\n            </VersioningConfiguration>\n        ")
	putLoose := objRaw(http.MethodPut, "/"+argminBkt+"?versioning", loose, http.Header{"Content-Md5": {argminMD5(loose)}})
	canonical := xmlDecl + "<VersioningConfiguration" + ns + "><Status>Enabled</Status></VersioningConfiguration>"
	Run(t, []Case{
		argminCase("PutBucketVersioning/an indented body without namespace", src("test_bucket_versioning_raw_get_returns_canonical_xml"), objBucket(), putLoose,
			Want{Fields: map[string]any{"Body": ""}}),
		argminCase("GetBucketVersioning/canonical XML after an indented body", src("test_bucket_versioning_raw_get_returns_canonical_xml"), objBucket(objStep(putLoose)),
			objRaw(http.MethodGet, "/"+argminBkt+"?versioning", nil, nil), Want{Fields: map[string]any{"Body": canonical}}),
		argminCase("GetBucketVersioning/the answer's shape", src("test_get_bucket_versioning_response_shape"), vrBucket(),
			objRaw(http.MethodGet, "/"+argminBkt+"?versioning=", nil, nil),
			Want{Fields: map[string]any{"Header": vrHeaders(vrIDHeaders...), "Body": canonical}}),
		argminCase("PutBucketVersioning/the answer's shape", src("test_put_bucket_versioning_ack_shape"), objBucket(),
			objRaw(http.MethodPut, "/"+argminBkt+"?versioning=", []byte(ack), http.Header{"Content-Md5": {argminMD5([]byte(ack))}}),
			Want{Fields: map[string]any{"Header": vrHeaders(vrIDHeaders...), "Body": ""}}),
		vrCase("GetObject/the current version's shape", src("test_versioned_object_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return object(v), v.named(http.MethodGet, vrPath(objKeyPath("shape-versioned.txt")), nil, nil)
		}, objectWant("versioned-body")),
		vrCase("HeadObject/the current version's shape", src("test_versioned_object_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return object(v), v.named(http.MethodHead, vrPath(objKeyPath("shape-versioned.txt")), nil, nil)
		}, objectWant("")),
		vrCase("GetObject/an explicit version's shape", src("test_versioned_object_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return object(v), v.named(http.MethodGet, v.versionPath("shape-versioned.txt", "v0"), nil, nil)
		}, objectWant("versioned-body")),
		vrCase("HeadObject/an explicit version's shape", src("test_versioned_object_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return object(v), v.named(http.MethodHead, v.versionPath("shape-versioned.txt", "v0"), nil, nil)
		}, objectWant("")),
		vrCase("DeleteObject/the current version's shape", src("test_delete_object_versioned_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return deleted(v), v.named(http.MethodDelete, vrPath(objKeyPath("shape-delete.txt")), nil, nil)
		}, Want{Status: http.StatusNoContent, Fields: map[string]any{"Header": vrHeaders(deleteHeaders...), "Body": "", "Version": Prefix("?"),
			"header:x-amz-delete-marker": "true"}}),
		vrCase("DeleteObject/a delete marker's version's shape", src("test_delete_object_versioned_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return append(deleted(v), objStep(v.del("shape-delete.txt"))), v.named(http.MethodDelete, v.versionPath("shape-delete.txt", "dm0"), nil, nil)
		}, Want{Status: http.StatusNoContent, Fields: map[string]any{"Header": vrHeaders(deleteHeaders...), "Body": "", "Version": "dm0",
			"header:x-amz-delete-marker": "true"}}),
		vrCase("ListObjectVersions/the answer's shape", src("test_list_object_versions_response_shape"), func(v *vrState) ([]argminStep, objCall) {
			return listed(v), v.named(http.MethodGet, vrPath("/"+argminBkt+"?versions=&max-keys=2"), nil, nil)
		}, Want{Fields: map[string]any{"Header": vrHeaders(append([]string{"Content-Type"}, vrIDHeaders...)...), "header:Content-Type": "application/xml",
			"Named": vrTemplate(listBody, map[string]string{"bucket": argminBkt})}}),
	})
}
