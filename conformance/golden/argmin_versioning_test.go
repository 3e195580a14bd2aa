package golden

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's versioning.rs (and the versioned parts of
// versioning_acl.rs and object_delete.rs): a versioned argminBkt, keys
// written in several versions, read, listed and deleted by version id.
//
// Version ids are AWS's opaque tokens, so a case names them: vrState
// records each id the set-up and the call were answered with as "vN" (the
// Nth version written of that key) or "dmN" (its Nth delete marker), and a
// listing or DeleteObjects answer is summarized with those names
// ("testobj:v4:latest"), which Want can then spell out.

// vrState is one case's record of the version ids it was answered with;
// every case builds its own (vrCase), so no two cases share one.
type vrState struct {
	mu     sync.Mutex
	names  map[string]string // version id -> name
	ids    map[string]string // key + "\x00" + name -> version id
	counts map[string]int    // key + "\x00" + "v" or "dm" -> ids named
}

func newVrState() *vrState {
	return &vrState{names: map[string]string{"null": "null"}, ids: map[string]string{}, counts: map[string]int{}}
}

// record names id, a new version (kind "v") or delete marker ("dm") of key.
func (v *vrState) record(key, kind string, id *string) {
	if id == nil || *id == "" || *id == "null" {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	n := fmt.Sprintf("%s%d", kind, v.counts[key+"\x00"+kind])
	v.counts[key+"\x00"+kind]++
	v.names[*id], v.ids[key+"\x00"+n] = n, *id
}

// id is the version id named name for key ("null" is itself).
func (v *vrState) id(key, name string) string {
	if name == "null" {
		return name
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.ids[key+"\x00"+name]; ok {
		return id
	}
	return "unrecorded-" + name
}

// name is the name of version id id ("?ID" for one never recorded).
func (v *vrState) name(id *string) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	if n, ok := v.names[aws.ToString(id)]; ok {
		return n
	}
	return "?" + aws.ToString(id)
}

// vrCase is an argmin case whose set-up and call build share one vrState.
func vrCase(name, source string, build func(v *vrState) ([]argminStep, objCall), want Want) Case {
	steps, call := build(newVrState())
	return argminCase(name, source, steps, call, want)
}

// vrStatus sets argminBkt's versioning status as the owner's root.
func vrStatus(status types.BucketVersioningStatus) argminStep {
	return func(ctx context.Context, w *World, _ *argminUsers) error {
		_, err := root(w).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
			VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
		return err
	}
}

// vrBucket is the suite's setup_versioned_bucket: a new bucket, versioning
// Enabled, then extra.
func vrBucket(extra ...argminStep) []argminStep {
	return objBucket(append([]argminStep{vrStatus(types.BucketVersioningStatusEnabled)}, extra...)...)
}

// put writes body to key in bucket as the primary user, recording its
// version id.
func (v *vrState) putIn(bucket, key, body string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)})
		if err == nil {
			v.record(key, "v", out.VersionId)
		}
		return out, err
	}
}

func (v *vrState) put(key, body string) objCall { return v.putIn(argminBkt, key, body) }

// puts writes n versions of key, "content-0" to "content-(n-1)" (the
// suite's create_multiple_versions).
func (v *vrState) puts(key string, n int) objCall {
	calls := make([]objCall, n)
	for i := range calls {
		calls[i] = v.put(key, fmt.Sprintf("content-%d", i))
	}
	return objSeq(calls...)
}

// del deletes key without a version id, recording a delete marker.
func (v *vrState) del(key string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)})
		if err == nil && aws.ToBool(out.DeleteMarker) {
			v.record(key, "dm", out.VersionId)
		}
		return out, err
	}
}

// delVersion deletes the version of key named name.
func (v *vrState) delVersion(key, name string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key),
			VersionId: aws.String(v.id(key, name))})
	}
}

// delVersions deletes the named versions of key one by one.
func (v *vrState) delVersions(key string, names ...string) objCall {
	calls := make([]objCall, len(names))
	for i, n := range names {
		calls[i] = v.delVersion(key, n)
	}
	return objSeq(calls...)
}

// get reads the version of key named name ("" the current one) as c.
func (v *vrState) get(c objClient, key, name string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return objGet(c, key, func(in *s3.GetObjectInput) {
			if name != "" {
				in.VersionId = aws.String(v.id(key, name))
			}
		})(ctx, w, u)
	}
}

// vrListing is a ListObjectVersions answer summarized by vrState's names:
// each entry "KEY:NAME", with ":latest" when IsLatest.
type vrListing struct {
	Out      *s3.ListObjectVersionsOutput
	Versions []string
	Markers  []string
}

// list lists argminBkt's versions with mod applied.
func (v *vrState) list(mod func(*s3.ListObjectVersionsInput)) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.ListObjectVersionsInput{Bucket: aws.String(argminBkt)}
		if mod != nil {
			mod(in)
		}
		out, err := primary(w, u).ListObjectVersions(ctx, in)
		if err != nil {
			return out, err
		}
		l := vrListing{Out: out, Versions: []string{}, Markers: []string{}}
		entry := func(key, id *string, latest *bool) string {
			s := aws.ToString(key) + ":" + v.name(id)
			if aws.ToBool(latest) {
				s += ":latest"
			}
			return s
		}
		for _, e := range out.Versions {
			l.Versions = append(l.Versions, entry(e.Key, e.VersionId, e.IsLatest))
		}
		for _, e := range out.DeleteMarkers {
			l.Markers = append(l.Markers, entry(e.Key, e.VersionId, e.IsLatest))
		}
		return l, nil
	}
}

// vrDeleteResult is a DeleteObjects answer summarized by vrState's names,
// sorted (AWS lists the entries in no fixed order): a deleted entry is
// KEY, "?v=NAME" for a version deleted by id, "+marker" when it is or made
// a delete marker, "=NAME" for the marker's version; an error KEY[?v=NAME]
// CODE.
type vrDeleteResult struct {
	Out     *s3.DeleteObjectsOutput
	Deleted []string
	Errors  []string
}

// vrObject names an entry of a DeleteObjects request: version name ("" for
// none) and ETag ("" for none).
type vrObject struct{ key, version, etag string }

// deleteObjects sends DeleteObjects for objs (Quiet when quiet) and records
// the delete markers it made.
func (v *vrState) deleteObjects(quiet bool, objs ...vrObject) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		ids := make([]types.ObjectIdentifier, len(objs))
		for i, o := range objs {
			ids[i] = types.ObjectIdentifier{Key: aws.String(o.key)}
			if o.version != "" {
				ids[i].VersionId = aws.String(v.id(o.key, o.version))
			}
			if o.etag != "" {
				ids[i].ETag = aws.String(o.etag)
			}
		}
		out, err := primary(w, u).DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(argminBkt),
			Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(quiet)}})
		if err != nil {
			return out, err
		}
		r := vrDeleteResult{Out: out, Deleted: []string{}, Errors: []string{}}
		for _, d := range out.Deleted {
			if aws.ToBool(d.DeleteMarker) && d.VersionId == nil {
				v.record(aws.ToString(d.Key), "dm", d.DeleteMarkerVersionId)
			}
			s := aws.ToString(d.Key)
			if d.VersionId != nil {
				s += "?v=" + v.name(d.VersionId)
			}
			if aws.ToBool(d.DeleteMarker) {
				s += "+marker"
			}
			if d.DeleteMarkerVersionId != nil {
				s += "=" + v.name(d.DeleteMarkerVersionId)
			}
			r.Deleted = append(r.Deleted, s)
		}
		for _, e := range out.Errors {
			s := aws.ToString(e.Key)
			if e.VersionId != nil {
				s += "?v=" + v.name(e.VersionId)
			}
			r.Errors = append(r.Errors, s+" "+aws.ToString(e.Code))
		}
		sort.Strings(r.Deleted)
		sort.Strings(r.Errors)
		return r, nil
	}
}

// vrKeys is a list of names as a summary prints it.
func vrKeys(items ...string) string { return "[" + strings.Join(items, " ") + "]" }

// versionPath is the path of the version of key named name.
func (v *vrState) versionPath(key, name string) func() string {
	return func() string { return objKeyPath(key) + "?versionId=" + url.QueryEscape(v.id(key, name)) }
}

// vrHeaders wants the header set of a raw answer (objRawResult.Header) to
// be exactly names, apart from Date, Server and Connection, and from
// Content-Length and Transfer-Encoding unless names has them: argmin's
// shape.rs compares the whole header set so. Content-Security-Policy, which
// fakeaws adds to GET answers on purpose (docs/deviations.md), is left out
// too.
func vrHeaders(names ...string) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		h, ok := v.Interface().(http.Header)
		if !found || !ok {
			return fmt.Errorf("want headers, got %s", showFound(v, found))
		}
		want := map[string]bool{}
		for _, n := range names {
			want[http.CanonicalHeaderKey(n)] = true
		}
		var got []string
		for k := range h {
			switch k {
			case "Date", "Server", "Connection", "Content-Security-Policy":
				continue
			case "Content-Length", "Transfer-Encoding":
				if !want[k] {
					continue
				}
			}
			got = append(got, k)
		}
		sort.Strings(got)
		var w []string
		for k := range want {
			w = append(w, k)
		}
		sort.Strings(w)
		if !reflect.DeepEqual(got, w) {
			return fmt.Errorf("header set = %v, want %v", got, w)
		}
		return nil
	})
}

// vrIDHeaders are the wire id headers every S3 answer carries.
var vrIDHeaders = []string{"x-amz-request-id", "x-amz-id-2"}

// vrTemplate wants a text matching argmin's shape template tmpl: {name}
// is subs[name] when given, else one of shape.rs's placeholders
// (iso8601, http_date, etag, owner_id, version_id, any).
func vrTemplate(tmpl string, subs map[string]string) Matcher {
	placeholder := regexp.MustCompile(`\{[a-z0-9_]+\}`)
	builtin := map[string]string{"iso8601": `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z`, "http_date": `[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT`,
		"etag": `("[^"]+"|&quot;[^&]+&quot;)`, "owner_id": `[^<>]+`, "version_id": `[^<>]+`, "any": `.+`}
	var re strings.Builder
	last := 0
	for _, m := range placeholder.FindAllStringIndex(tmpl, -1) {
		re.WriteString(regexp.QuoteMeta(tmpl[last:m[0]]))
		name := tmpl[m[0]+1 : m[1]-1]
		if s, ok := subs[name]; ok {
			re.WriteString(regexp.QuoteMeta(s))
		} else if b, ok := builtin[name]; ok {
			re.WriteString(b)
		} else {
			panic("vrTemplate: no value for {" + name + "}")
		}
		last = m[1]
	}
	re.WriteString(regexp.QuoteMeta(tmpl[last:]))
	return Match(`(?s)\A` + re.String() + `\z`)
}

func TestArgminVersioningObjects(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	const key = "testobj"
	five := func(v *vrState, extra ...argminStep) []argminStep {
		return vrBucket(append([]argminStep{objStep(v.puts(key, 5))}, extra...)...)
	}
	Run(t, []Case{
		vrCase("GetObject/the oldest of five versions", src("test_versioning_obj_create_read_remove"), func(v *vrState) ([]argminStep, objCall) {
			return five(v), v.get(primary, key, "v0")
		}, objBodyIs("content-0")),
		vrCase("GetObject/the middle of five versions", src("test_versioning_obj_create_read_remove"), func(v *vrState) ([]argminStep, objCall) {
			return five(v), v.get(primary, key, "v2")
		}, objBodyIs("content-2")),
		vrCase("ListObjectVersions/after every version is deleted by id", src("test_versioning_obj_create_read_remove"), func(v *vrState) ([]argminStep, objCall) {
			return five(v, objStep(v.delVersions(key, "v0", "v1", "v2", "v3", "v4"))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(0), "Markers": Len(0)}}),
		vrCase("GetObject/the previous version once the newest is deleted", src("test_versioning_obj_create_read_remove_head"), func(v *vrState) ([]argminStep, objCall) {
			return five(v, objStep(v.delVersion(key, "v4"))), v.get(primary, key, "")
		}, objBodyIs("content-3")),
		vrCase("ListObjectVersions/the versions left and a delete marker", src("test_versioning_obj_create_read_remove_head"), func(v *vrState) ([]argminStep, objCall) {
			return five(v, objStep(v.delVersion(key, "v4")), objStep(v.del(key))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys("testobj:v3", "testobj:v2", "testobj:v1", "testobj:v0"), "Markers": vrKeys("testobj:dm0:latest")}}),
		vrCase("ListObjectVersions/ten versions deleted in turn", src("test_versioning_obj_create_versions_remove_all"), func(v *vrState) ([]argminStep, objCall) {
			names := make([]string, 10)
			for i := range names {
				names[i] = fmt.Sprintf("v%d", i)
			}
			return vrBucket(objStep(v.puts(key, 10)), objStep(v.delVersions(key, names...))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(0), "Markers": Len(0)}}),
		vrCase("ListObjectVersions/special-name keys' versions deleted by id", src("test_versioning_obj_create_versions_remove_special_names"), func(v *vrState) ([]argminStep, objCall) {
			var steps []argminStep
			for _, k := range []string{"_testobj", "_", ":", "foo bar"} {
				steps = append(steps, objStep(v.puts(k, 3)), objStep(v.delVersions(k, "v0", "v1", "v2")))
			}
			return vrBucket(steps...), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(0), "Markers": Len(0)}}),
		vrCase("ListObjectVersions/three delete markers stacked on one version", src("test_versioning_stack_delete_merkers"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts("test1/a", 1)), objStep(objSeq(v.del("test1/a"), v.del("test1/a"), v.del("test1/a")))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys("test1/a:v0"), "Markers": vrKeys("test1/a:dm2:latest", "test1/a:dm1", "test1/a:dm0")}}),
		vrCase("DeleteObject/a delete marker in a versioned bucket", src("test_delete_marker_versioned"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("bilbo.txt", "body"))), objDelete(primary, "bilbo.txt", nil)
		}, Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": true, "VersionId": Present}}),
		argminCase("DeleteObject/no delete marker in an unversioned bucket", src("test_delete_marker_nonversioned"), objBucket(argminPut("frodo.txt", "body", "")),
			objDelete(primary, "frodo.txt", nil), Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": Absent, "VersionId": Absent}}),
	})
}

func TestArgminVersioningNull(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	const key = "testobjfoo"
	// A key written before versioning was enabled: its null version.
	nullFirst := func(v *vrState, body string, extra ...argminStep) []argminStep {
		return objBucket(append([]argminStep{objStep(v.put(key, body)), vrStatus(types.BucketVersioningStatusEnabled)}, extra...)...)
	}
	gone := Want{Status: http.StatusNotFound}
	Run(t, []Case{
		vrCase("GetObject/the null version deleted by id", src("test_versioning_obj_plain_null_version_removal"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "fooz", objStep(v.delVersion(key, "null"))), objStatusOnly(v.get(primary, key, ""))
		}, gone),
		vrCase("ListObjectVersions/after the null version is deleted", src("test_versioning_obj_plain_null_version_removal"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "fooz", objStep(v.delVersion(key, "null"))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(0), "Markers": Len(0)}}),
		vrCase("PutObject/over a null version, once versioning is on", src("test_versioning_obj_plain_null_version_overwrite"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "fooz"), objSeq(v.put(key, "zzz"), v.get(primary, key, ""))
		}, Want{Fields: map[string]any{"Body": "zzz", "Out.VersionId": Present}}),
		vrCase("GetObject/the null version is current again when the newer is deleted", src("test_versioning_obj_plain_null_version_overwrite"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "fooz", objStep(v.put(key, "zzz")), objStep(v.delVersion(key, "v0"))), v.get(primary, key, "")
		}, objBodyIs("fooz")),
		vrCase("GetObject/nothing once both versions are deleted", src("test_versioning_obj_plain_null_version_overwrite"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "fooz", objStep(v.put(key, "zzz")), objStep(v.delVersions(key, "v0", "null"))), objStatusOnly(v.get(primary, key, ""))
		}, gone),
		vrCase("ListObjectVersions/the suspended write's null version is the latest", src("test_versioning_list_object_versions_suspended_null_is_latest"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.put("testobj", "older")), vrStatus(types.BucketVersioningStatusSuspended), objStep(v.put("testobj", "current"))),
				v.list(func(in *s3.ListObjectVersionsInput) { in.Prefix = aws.String("testobj") })
		}, Want{Fields: map[string]any{"Versions": vrKeys("testobj:null:latest", "testobj:v0"), "Markers": Len(0)}}),
		vrCase("GetObject/a suspended write replaces the null version", src("test_versioning_obj_plain_null_version_overwrite_suspended"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "foooz", vrStatus(types.BucketVersioningStatusSuspended), objStep(v.put(key, "zzz"))), v.get(primary, key, "")
		}, objBodyIs("zzz")),
		vrCase("ListObjectVersions/one null version after a suspended write", src("test_versioning_obj_plain_null_version_overwrite_suspended"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "foooz", vrStatus(types.BucketVersioningStatusSuspended), objStep(v.put(key, "zzz"))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": vrKeys(key + ":null:latest")}}),
		vrCase("GetObject/nothing once the suspended null version is deleted", src("test_versioning_obj_plain_null_version_overwrite_suspended"), func(v *vrState) ([]argminStep, objCall) {
			return nullFirst(v, "foooz", vrStatus(types.BucketVersioningStatusSuspended), objStep(v.put(key, "zzz")), objStep(v.delVersion(key, "null"))),
				objStatusOnly(v.get(primary, key, ""))
		}, gone),
		vrCase("DeleteObject/the null version written while suspended, after versioning is on again", src("test_versioning_obj_suspend_versions"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.puts("testobj", 5)), vrStatus(types.BucketVersioningStatusSuspended), objStep(v.put("testobj", "suspended content")),
				vrStatus(types.BucketVersioningStatusEnabled), objStep(v.puts("testobj", 3))), objSeq(v.delVersions("testobj", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"), v.delVersion("testobj", "null"))
		}, Want{Status: http.StatusNoContent}),
	})
}

// copyFrom copies the version of key named name ("" the current one) of
// argminBkt to bucket/dst as the primary user.
func (v *vrState) copyFrom(key, name, bucket, dst string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		src := argminBkt + "/" + key
		if name != "" {
			src += "?versionId=" + url.QueryEscape(v.id(key, name))
		}
		return primary(w, u).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(bucket), Key: aws.String(dst), CopySource: aws.String(src)})
	}
}

// getIn reads bucket/key as the primary user.
func getIn(bucket, key string) objCall {
	return objGet(primary, key, func(in *s3.GetObjectInput) { in.Bucket = aws.String(bucket) })
}

func TestArgminVersioningCopies(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	three := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.puts("testobj", 3)), objSecondBucket(false))
	}
	// test_versioning_obj_suspended_copy: one version, then a null version
	// written while suspended, copied within the bucket and to another.
	suspended := func(v *vrState) []argminStep {
		return vrBucket(objStep(v.puts("testobj1", 1)), vrStatus(types.BucketVersioningStatusSuspended), objStep(v.put("testobj1", "null content")),
			objSecondBucket(false), objStep(v.copyFrom("testobj1", "", argminBkt, "testobj2")), objStep(v.copyFrom("testobj1", "", objBkt2, "testobj1")),
			objStep(objDelete(primary, "testobj1", nil)))
	}
	var cases []Case
	for i := 0; i < 3; i++ {
		name, body := fmt.Sprintf("v%d", i), fmt.Sprintf("content-%d", i)
		cases = append(cases,
			vrCase("CopyObject/version "+name+" within the bucket", src("test_versioning_copy_obj_version"), func(v *vrState) ([]argminStep, objCall) {
				return three(v), objSeq(v.copyFrom("testobj", name, argminBkt, "key_"+name), getIn(argminBkt, "key_"+name))
			}, objBodyIs(body)),
			vrCase("CopyObject/version "+name+" to another bucket", src("test_versioning_copy_obj_version"), func(v *vrState) ([]argminStep, objCall) {
				return three(v), objSeq(v.copyFrom("testobj", name, objBkt2, "key_"+name), getIn(objBkt2, "key_"+name))
			}, objBodyIs(body)))
	}
	cases = append(cases,
		vrCase("CopyObject/the current version to another bucket", src("test_versioning_copy_obj_version"), func(v *vrState) ([]argminStep, objCall) {
			return three(v), objSeq(v.copyFrom("testobj", "", objBkt2, "new_key"), getIn(objBkt2, "new_key"))
		}, objBodyIs("content-2")),
		vrCase("GetObject/a copy of a suspended null version within the bucket", src("test_versioning_obj_suspended_copy"), func(v *vrState) ([]argminStep, objCall) {
			return suspended(v), getIn(argminBkt, "testobj2")
		}, objBodyIs("null content")),
		vrCase("GetObject/a copy of a suspended null version in another bucket", src("test_versioning_obj_suspended_copy"), func(v *vrState) ([]argminStep, objCall) {
			return suspended(v), getIn(objBkt2, "testobj1")
		}, objBodyIs("null content")),
	)
	Run(t, cases)
}

func TestArgminVersioningDeleteObjects(t *testing.T) {
	src := func(test string) string { return argmin("versioning.rs", test) }
	const key = "key"
	both := []vrObject{{key, "v0", ""}, {key, "v1", ""}}
	withMarker := append(both[:2:2], vrObject{key, "dm0", ""})
	twoVersions := func(v *vrState, extra ...argminStep) []argminStep {
		return vrBucket(append([]argminStep{objStep(v.puts(key, 2))}, extra...)...)
	}
	clean := Want{Fields: map[string]any{"Versions": Len(0), "Markers": Len(0)}}
	keys := []string{"key_0", "key_1", "key_2", "key_3", "key_4"}
	// test_versioning_concurrent_multi_object_delete: three rounds of
	// versions of five keys.
	fifteen := func(v *vrState) []argminStep {
		var puts []objCall
		for round := 0; round < 3; round++ {
			for _, k := range keys {
				puts = append(puts, v.put(k, "data"))
			}
		}
		return vrBucket(objStep(objSeq(puts...)))
	}
	var all []vrObject
	var allDeleted []string
	for _, k := range keys {
		for i := 0; i < 3; i++ {
			all = append(all, vrObject{k, fmt.Sprintf("v%d", i), ""})
			allDeleted = append(allDeleted, fmt.Sprintf("%s?v=v%d", k, i))
		}
	}
	Run(t, []Case{
		vrCase("DeleteObjects/two versions by id", src("test_versioning_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return twoVersions(v), v.deleteObjects(false, both...)
		}, Want{Fields: map[string]any{"Deleted": vrKeys("key?v=v0", "key?v=v1"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/after two versions are deleted by DeleteObjects", src("test_versioning_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return twoVersions(v, objStep(v.deleteObjects(false, both...))), v.list(nil)
		}, clean),
		vrCase("DeleteObjects/the same versions again", src("test_versioning_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return twoVersions(v, objStep(v.deleteObjects(false, both...))), v.deleteObjects(false, both...)
		}, Want{Fields: map[string]any{"Errors": Len(0)}}),
		vrCase("DeleteObjects/two versions and a delete marker by id", src("test_versioning_multi_object_delete_with_marker"), func(v *vrState) ([]argminStep, objCall) {
			return twoVersions(v, objStep(v.del(key))), v.deleteObjects(false, withMarker...)
		}, Want{Fields: map[string]any{"Deleted": vrKeys("key?v=dm0+marker=dm0", "key?v=v0", "key?v=v1"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/after versions and marker are deleted by DeleteObjects", src("test_versioning_multi_object_delete_with_marker"), func(v *vrState) ([]argminStep, objCall) {
			return twoVersions(v, objStep(v.del(key)), objStep(v.deleteObjects(false, withMarker...))), v.list(nil)
		}, clean),
		vrCase("DeleteObjects/versions and a delete marker again", src("test_versioning_multi_object_delete_with_marker"), func(v *vrState) ([]argminStep, objCall) {
			return twoVersions(v, objStep(v.del(key)), objStep(v.deleteObjects(false, withMarker...))), v.deleteObjects(false, withMarker...)
		}, Want{Fields: map[string]any{"Errors": Len(0)}}),
		vrCase("DeleteObjects/a key never written makes a delete marker", src("test_versioning_multi_object_delete_with_marker_create"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(), v.deleteObjects(false, vrObject{key, "", ""})
		}, Want{Fields: map[string]any{"Deleted": vrKeys("key+marker=dm0"), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/the delete marker DeleteObjects made", src("test_versioning_multi_object_delete_with_marker_create"), func(v *vrState) ([]argminStep, objCall) {
			return vrBucket(objStep(v.deleteObjects(false, vrObject{key, "", ""}))), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(0), "Markers": vrKeys("key:dm0:latest")}}),
		vrCase("ListObjectVersions/fifteen versions of five keys", src("test_versioning_concurrent_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return fifteen(v), v.list(nil)
		}, Want{Fields: map[string]any{"Versions": Len(15), "Markers": Len(0)}}),
		vrCase("DeleteObjects/fifteen versions of five keys", src("test_versioning_concurrent_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return fifteen(v), v.deleteObjects(false, all...)
		}, Want{Fields: map[string]any{"Deleted": vrKeys(allDeleted...), "Errors": Len(0)}}),
		vrCase("ListObjectVersions/after fifteen versions are deleted", src("test_versioning_concurrent_multi_object_delete"), func(v *vrState) ([]argminStep, objCall) {
			return fifteen(v), objSeq(v.deleteObjects(false, all...), v.list(nil))
		}, clean),
	})
}
