package golden

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Shared helpers of the argmin Object Lock files (argmin_objlock*_test.go):
// justincormack/argmin crates/s3-tests/tests/object_lock.rs,
// object_lock_acl.rs and public_access_object_lock.rs. The suite's client
// is its primary user (an IAM user of the owner's account allowed s3:*);
// its object-lock buckets are made with ObjectLockEnabledForBucket by that
// user, its key is "file1".

const olkKey = "file1"

// olkLockBucket is the suite's setup_object_lock_bucket; objPrimaryBucket
// its plain setup_bucket.
var olkLockBucket = objPrimaryBucketWith(s3.CreateBucketInput{ObjectLockEnabledForBucket: aws.Bool(true)})

// olk is one case's record of the version ids its set-up wrote, in order;
// each case builds its own (see olkCase), so no two cases share one.
type olk struct{ v []*string }

// at is the i-th version written; nil (the current version) for i < 0.
func (s *olk) at(i int) *string {
	if i < 0 || i >= len(s.v) {
		return nil
	}
	return s.v[i]
}

// record keeps the version id a write answered.
func (s *olk) record(call objCall) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		out, err := call(ctx, w, u)
		if err != nil {
			return out, err
		}
		if v, found, _ := lookup(reflect.ValueOf(out), "VersionId"); found {
			s.v = append(s.v, aws.String(v.String()))
		}
		return out, err
	}
}

// put writes key with body as the primary user, mod applied, recording
// its version.
func (s *olk) put(key, body string, mod func(*s3.PutObjectInput)) argminStep {
	return objStep(s.record(objPut(primary, key, body, mod)))
}

// olkCase builds a case with a fresh olk for its set-up and call.
func olkCase(name, source string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
	steps, call := build(&olk{})
	return argminCase(name, source, steps, call, want)
}

// olkRetention is an ObjectLockRetention of mode until.
func olkRetention(mode types.ObjectLockRetentionMode, until time.Time) *types.ObjectLockRetention {
	return &types.ObjectLockRetention{Mode: mode, RetainUntilDate: aws.Time(until)}
}

func (s *olk) putRetention(c objClient, ver int, r *types.ObjectLockRetention, bypass bool) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.PutObjectRetentionInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey), VersionId: s.at(ver), Retention: r}
		if bypass {
			in.BypassGovernanceRetention = aws.Bool(true)
		}
		return c(w, u).PutObjectRetention(ctx, in)
	}
}

func (s *olk) getRetention(c objClient, ver int) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetObjectRetention(ctx, &s3.GetObjectRetentionInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey), VersionId: s.at(ver)})
	}
}

func (s *olk) putHold(c objClient, ver int, status types.ObjectLockLegalHoldStatus) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey),
			VersionId: s.at(ver), LegalHold: &types.ObjectLockLegalHold{Status: status}})
	}
}

func (s *olk) getHold(c objClient, ver int) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetObjectLegalHold(ctx, &s3.GetObjectLegalHoldInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey), VersionId: s.at(ver)})
	}
}

// delete is DeleteObject of olkKey (version ver, or none for ver < 0).
func (s *olk) delete(c objClient, ver int, bypass bool) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.DeleteObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey), VersionId: s.at(ver)}
		if bypass {
			in.BypassGovernanceRetention = aws.Bool(true)
		}
		return c(w, u).DeleteObject(ctx, in)
	}
}

// olkLockHeaders sets PutObject's object-lock headers (no legal hold when
// hold is "").
func olkLockHeaders(until time.Time, hold types.ObjectLockLegalHoldStatus) func(*s3.PutObjectInput) {
	return func(in *s3.PutObjectInput) {
		in.ObjectLockMode, in.ObjectLockRetainUntilDate, in.ObjectLockLegalHoldStatus = types.ObjectLockModeGovernance, aws.Time(until), hold
	}
}

// olkPolicy is a one-statement bucket policy for principal on the bucket's
// objects (or the bucket, for a resource ending in the bucket name).
func olkPolicy(effect, principal, resource string, actions []string, condition string) string {
	acts, _ := json.Marshal(actions)
	st := fmt.Sprintf(`{"Effect":%q,"Principal":%s,"Action":%s,"Resource":%q`, effect, principal, acts, resource)
	if condition != "" {
		st += `,"Condition":` + condition
	}
	return `{"Version":"2012-10-17","Statement":[` + st + `}]}`
}

// olkAltAllows is a bucket policy allowing the alternate account actions
// on the bucket's objects.
func olkAltAllows(actions ...string) argminStep {
	return argminPolicy(olkPolicy("Allow", argminAltRoot, argminObjectsARN, actions, ""))
}

// olkABAC is the suite's enable_bucket_abac_with_security_tag and then an
// Allow of actions to the alternate account conditioned on
// s3:BucketTag/security = allow.
func olkABAC(tag string, actions ...string) []argminStep {
	return argminSteps(policyBucketTags("security", tag), policyABAC,
		argminPolicy(olkPolicy("Allow", argminAltRoot, argminObjectsARN, actions, `{"StringEquals":{"s3:BucketTag/security":"allow"}}`)))
}

// olkRaw sends body signed by the primary user to path with its
// Content-MD5, as the suite's signed_put_xml.
func olkRaw(method, path, body string) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, method, path, []byte(body), http.Header{"Content-Md5": {argminMD5([]byte(body))},
			"Content-Type": {"application/xml"}})
	}
}

// olkXML is a namespaced S3 XML document.
func olkXML(root, inner string) string {
	return "<" + root + ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + inner + "</" + root + ">"
}

// olkRetained wants a GetObjectRetention answer of mode until.
func olkRetained(mode string, until time.Time) Want {
	return Want{Fields: map[string]any{"Retention.Mode": mode, "Retention.RetainUntilDate": until.UTC().Format(time.RFC3339)}}
}

// olkHeld wants a GetObjectLegalHold answer of status.
func olkHeld(status string) Want { return Want{Fields: map[string]any{"LegalHold.Status": status}} }

// olkAbout wants a time about d from now (the check runs just after the
// call): within [d - 1m, d + 5s].
func olkAbout(d time.Duration) Matcher {
	return matcherFunc(func(v reflect.Value, found bool) error {
		t, ok := v.Interface().(time.Time)
		if !found || !ok {
			return fmt.Errorf("want a time about %v from now, got %s", d, showFound(v, found))
		}
		if left := time.Until(t); left < d-time.Minute || left > d+5*time.Second {
			return fmt.Errorf("want a time about %v from now, got %v from now", d, left)
		}
		return nil
	})
}

// olkDays is a bucket Object Lock configuration of a default retention of
// mode for days (or years when years is set).
func olkDays(mode types.ObjectLockRetentionMode, days, years int32) *types.ObjectLockConfiguration {
	r := &types.DefaultRetention{Mode: mode}
	if years != 0 {
		r.Years = aws.Int32(years)
	} else {
		r.Days = aws.Int32(days)
	}
	return &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{DefaultRetention: r}}
}

func olkPutConfig(c objClient, cfg *types.ObjectLockConfiguration) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(argminBkt), ObjectLockConfiguration: cfg})
	}
}

func olkGetConfig(c objClient) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return c(w, u).GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(argminBkt)})
	}
}

// olkVersioning sets argminBkt's versioning status as the primary user.
func olkVersioning(status types.BucketVersioningStatus) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
			VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
	}
}

// olkUpload writes key through a one-part multipart upload by the primary
// user, with mod applied to CreateMultipartUpload, recording its version.
func (s *olk) upload(key string, mod func(*s3.CreateMultipartUploadInput)) argminStep {
	return objStep(s.record(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		b, k := aws.String(argminBkt), aws.String(key)
		in := &s3.CreateMultipartUploadInput{Bucket: b, Key: k}
		if mod != nil {
			mod(in)
		}
		up, err := primary(w, u).CreateMultipartUpload(ctx, in)
		if err != nil {
			return up, err
		}
		part, err := primary(w, u).UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId,
			PartNumber: aws.Int32(1), Body: strings.NewReader("abc")})
		if err != nil {
			return part, err
		}
		return primary(w, u).CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
	}))
}

func TestArgminObjLockConfig(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov, comp := types.ObjectLockRetentionModeGovernance, types.ObjectLockRetentionModeCompliance
	lockPath := "/" + argminBkt + "?object-lock"
	cfgXML := func(status, mode, period string) string {
		return olkXML("ObjectLockConfiguration", "<ObjectLockEnabled>"+status+"</ObjectLockEnabled><Rule><DefaultRetention><Mode>"+mode+"</Mode>"+period+"</DefaultRetention></Rule>")
	}
	malformed := Want{Status: http.StatusBadRequest, Code: "MalformedXML"}
	badState := Want{Status: http.StatusConflict, Code: "InvalidBucketState"}
	invalidArg := Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}
	lock := argminSteps(olkLockBucket)
	plain := argminSteps(objPrimaryBucket)
	c := func(name, test string, steps []argminStep, call objCall, want Want) Case {
		return argminCase(name, src(test), steps, call, want)
	}
	both := &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{
		DefaultRetention: &types.DefaultRetention{Mode: gov, Days: aws.Int32(1), Years: aws.Int32(1)}}}
	Run(t, []Case{
		c("PutObjectLockConfiguration/days, then years of COMPLIANCE", "test_object_lock_put_obj_lock", lock,
			objSeq(olkPutConfig(primary, olkDays(gov, 1, 0)), olkPutConfig(primary, olkDays(comp, 0, 1))), Want{}),
		c("GetBucketVersioning/an object-lock bucket is versioned", "test_object_lock_put_obj_lock", lock,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(argminBkt)})
			}, Want{Fields: map[string]any{"Status": "Enabled"}}),
		c("PutObjectLockConfiguration/a bucket without versioning", "test_object_lock_put_obj_lock_invalid_bucket", plain,
			olkPutConfig(primary, olkDays(gov, 1, 0)), badState),
		c("PutObjectLockConfiguration/a bucket with versioning suspended", "test_object_lock_put_obj_lock_enable_after_create",
			append(plain, objStep(olkVersioning(types.BucketVersioningStatusSuspended))), olkPutConfig(primary, olkDays(gov, 1, 0)), badState),
		c("PutObjectLockConfiguration/enables lock on a bucket with versioning enabled", "test_object_lock_put_obj_lock_enable_after_create",
			append(plain, objStep(olkVersioning(types.BucketVersioningStatusEnabled))), olkPutConfig(primary, olkDays(gov, 1, 0)), Want{}),
		c("PutObjectLockConfiguration/both Days and Years", "test_object_lock_put_obj_lock_with_days_and_years", lock,
			olkPutConfig(primary, both), malformed),
		c("PutObjectLockConfiguration/zero Days", "test_object_lock_put_obj_lock_invalid_days", lock, olkPutConfig(primary, olkDays(gov, 0, 0)), invalidArg),
		c("PutObjectLockConfiguration/negative Years", "test_object_lock_put_obj_lock_invalid_years", lock, olkPutConfig(primary, olkDays(gov, 0, -1)), invalidArg),
		c("PutObjectLockConfiguration/an unknown Mode", "test_object_lock_put_obj_lock_invalid_mode", lock,
			olkRaw(http.MethodPut, lockPath, cfgXML("Enabled", "abc", "<Years>1</Years>")), malformed),
		c("PutObjectLockConfiguration/a lower-case Mode", "test_object_lock_put_obj_lock_invalid_mode", lock,
			olkRaw(http.MethodPut, lockPath, cfgXML("Enabled", "governance", "<Years>1</Years>")), malformed),
		c("PutObjectLockConfiguration/ObjectLockEnabled Disabled", "test_object_lock_put_obj_lock_invalid_status", lock,
			olkRaw(http.MethodPut, lockPath, cfgXML("Disabled", "GOVERNANCE", "<Years>1</Years>")), malformed),
		c("PutBucketVersioning/suspending an object-lock bucket", "test_object_lock_suspend_versioning", lock,
			olkVersioning(types.BucketVersioningStatusSuspended), badState),
		c("GetObjectLockConfiguration/answers what was put", "test_object_lock_get_obj_lock", append(lock, objStep(olkPutConfig(primary, olkDays(gov, 1, 0)))),
			olkGetConfig(primary), Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled",
				"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE", "ObjectLockConfiguration.Rule.DefaultRetention.Days": 1,
				"ObjectLockConfiguration.Rule.DefaultRetention.Years": Absent}}),
		c("GetObjectLockConfiguration/another account allowed by the bucket policy", "test_object_lock_bucket_policy_get_obj_lock",
			append(lock, objStep(olkPutConfig(primary, olkDays(gov, 1, 0))),
				argminPolicy(olkPolicy("Allow", argminAltRoot, argminBucketARN, []string{"s3:GetBucketObjectLockConfiguration"}, ""))),
			olkGetConfig(altClient), Want{Fields: map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled",
				"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE", "ObjectLockConfiguration.Rule.DefaultRetention.Days": 1}}),
		c("GetObjectLockConfiguration/a bucket without Object Lock", "test_object_lock_get_obj_lock_invalid_bucket", plain,
			olkGetConfig(primary), Want{Status: http.StatusNotFound, Code: "ObjectLockConfigurationNotFoundError"}),
	})
}
