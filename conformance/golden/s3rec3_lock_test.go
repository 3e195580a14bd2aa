package golden

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// inFiveYears is a retain-until date years ahead, as the recordings use
// (January 1st, five years on), to the second.
func inFiveYears() *time.Time {
	return aws.Time(time.Date(time.Now().Year()+5, 1, 1, 0, 0, 0, 0, time.UTC))
}

// retainKey puts a GOVERNANCE retention until until on key in opsBucket.
func retainKey(key string, until *time.Time) s3Setup {
	return func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(key),
			Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: until}})
		return err
	}
}

// lockedWith is lockedOps(key) followed by steps.
func lockedWith(key string, steps ...s3Setup) func(ctx context.Context, t *testing.T, w *World) {
	return func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		lockedOps(key)(ctx, t, w)
		for i, s := range steps {
			if err := s(ctx, w.S3(Root(owner))); err != nil {
				t.Fatalf("set-up step %d: %v", i+1, err)
			}
		}
	}
}

func TestS3RecordedRetentionAndLegalHold(t *testing.T) {
	const exc = "TestS3ObjectLockRetention::test_s3_object_retention_exc"
	const ret = "TestS3ObjectLockRetention::test_s3_object_retention"
	const hold = "TestS3ObjectLockLegalHold::test_put_object_legal_hold_exc"
	const k, lk = "test-key", "test-retention-locked-object"
	locked := Want{Status: 403, Code: "AccessDenied", Message: msgLockedObject}
	putRetention := func(key string, bypass bool, r *types.ObjectLockRetention, version bool) func(ctx context.Context, w *World) (any, error) {
		return onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			in := &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(key), Retention: r}
			if bypass {
				in.BypassGovernanceRetention = aws.Bool(true)
			}
			if version {
				v, err := headVersion(ctx, c, b, key)
				if err != nil {
					return nil, err
				}
				in.VersionId = v
			}
			return c.PutObjectRetention(ctx, in)
		})
	}
	deleteVersion := func(bypass bool) func(ctx context.Context, w *World) (any, error) {
		return onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			v, err := headVersion(ctx, c, b, lk)
			if err != nil {
				return nil, err
			}
			in := &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(lk), VersionId: v}
			if bypass {
				in.BypassGovernanceRetention = aws.Bool(true)
			}
			out, err := c.DeleteObject(ctx, in)
			if err == nil && aws.ToString(out.VersionId) != aws.ToString(v) {
				out.VersionId = aws.String("not the deleted version's id")
			}
			return out, err
		})
	}
	putLocked := func(ctx context.Context, c *s3.Client) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(lk), Body: strings.NewReader("test"),
			ObjectLockMode: types.ObjectLockModeGovernance, ObjectLockRetainUntilDate: inFiveYears()})
		return err
	}
	soon := func() *time.Time { return aws.Time(time.Now().Add(5 * time.Second).UTC().Truncate(time.Second)) }
	Run(t, []Case{
		{Name: "PutObjectRetention/no such bucket", Source: localstack(moreS3, exc, "put-object-retention-no-bucket", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String("non-existing-bucket-golden"),
					Key: aws.String("fake-key"), Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: inFiveYears()}})
			},
			Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
		{Name: "PutObjectRetention/earlier date without bypass", Source: localstack(moreS3, exc, "update-retention-no-bypass", "2026-02-21"),
			Setup: lockedWith(k, retainKey(k, inFiveYears())),
			Call: putRetention(k, false, &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance,
				RetainUntilDate: aws.Time(inFiveYears().AddDate(0, 0, -365))}, true),
			Want: locked},
		{Name: "DeleteObject/version under retention without bypass", Source: localstack(moreS3, ret, "delete-obj-locked", "2026-02-21"),
			Setup: lockedWith(lk, func(ctx context.Context, c *s3.Client) error {
				_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(lk), Body: strings.NewReader("test")})
				if err != nil {
					return err
				}
				return retainKey(lk, aws.Time(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))(ctx, c)
			}),
			Call: deleteVersion(false), Want: locked},
		{Name: "DeleteObject/version under retention with bypass", Source: localstack(moreS3, ret, "delete-obj-locked-bypass", "2026-02-21"),
			Setup: lockedWith(lk, putKey(lk, "test"), retainKey(lk, aws.Time(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))),
			Call:  deleteVersion(true), Want: Want{Status: 204, Fields: map[string]any{"VersionId": Match(`^[A-Za-z0-9._]{32}$`), "DeleteMarker": Absent}}},
		{Name: "PutObjectRetention/shorter on a locked object without bypass", Source: localstack(moreS3, ret, "update-retention-locked-object", "2026-02-21"),
			Setup: lockedWith(lk, putLocked),
			Call:  putRetention(lk, false, &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: soon()}, false),
			Want:  locked},
		{Name: "PutObjectRetention/empty retention with bypass", Source: localstack(moreS3, ret, "put-object-empty-retention", "2026-02-21"),
			Setup: lockedWith(lk, putLocked),
			Call:  putRetention(lk, true, &types.ObjectLockRetention{}, false)},
		{Name: "PutObjectRetention/after the retention was emptied", Source: localstack(moreS3, ret, "update-retention-object", "2026-02-21"),
			Setup: lockedWith(lk, putLocked, func(ctx context.Context, c *s3.Client) error {
				_, err := c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(opsBucket), Key: aws.String(lk),
					Retention: &types.ObjectLockRetention{}, BypassGovernanceRetention: aws.Bool(true)})
				return err
			}),
			Call: putRetention(lk, false, &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: soon()}, false)},
		{Name: "PutObjectLegalHold/no such bucket", Source: localstack(moreS3, hold, "put-object-legal-hold-no-bucket", "2026-02-21"),
			Call: func(ctx context.Context, w *World) (any, error) {
				return w.S3(Root(owner)).PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String("non-existing-bucket-golden"),
					Key: aws.String("fake-key"), LegalHold: &types.ObjectLockLegalHold{Status: types.ObjectLockLegalHoldStatusOn}})
			},
			Want: Want{Status: 404, Code: "NoSuchBucket", Message: msgNoBucket}},
	})
}

// lockedHead is HEAD of key in opsBucket (at the version *v when v is not
// nil), with ObjectLockRetainUntilDate replaced by how far it is from
// Last-Modified (as a time on January 2nd of year 1 for one day) when it
// is one day to within two minutes, the margin LocalStack's test allows.
func lockedHead(key string, v **string) s3Call {
	return func(ctx context.Context, c *s3.Client, b string) (any, error) {
		in := &s3.HeadObjectInput{Bucket: aws.String(b), Key: aws.String(key)}
		if v != nil {
			in.VersionId = *v
		}
		out, err := c.HeadObject(ctx, in)
		if err != nil || out.ObjectLockRetainUntilDate == nil || out.LastModified == nil {
			return out, err
		}
		if d := out.ObjectLockRetainUntilDate.Sub(*out.LastModified) - 24*time.Hour; d > -2*time.Minute && d < 2*time.Minute {
			out.ObjectLockRetainUntilDate = aws.Time(time.Time{}.Add(24 * time.Hour))
		}
		return out, nil
	}
}

func TestS3RecordedLockHeads(t *testing.T) {
	const hold = "TestS3ObjectLockLegalHold::test_s3_legal_hold_lock_versioned"
	const def = "TestS3ObjectLockRetention::test_bucket_config_default_retention"
	const ext = "TestS3ObjectLockRetention::test_object_lock_extend_duration"
	const lk, dk = "locked-object", "default-object"
	putV := func(p **string, key, body string, with func(*s3.PutObjectInput)) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			in := &s3.PutObjectInput{Bucket: aws.String(opsBucket), Key: aws.String(key), Body: strings.NewReader(body)}
			if with != nil {
				with(in)
			}
			out, err := c.PutObject(ctx, in)
			if err == nil && p != nil {
				*p = out.VersionId
			}
			return err
		}
	}
	legalHold := func(p **string, status types.ObjectLockLegalHoldStatus) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			_, err := c.PutObjectLegalHold(ctx, &s3.PutObjectLegalHoldInput{Bucket: aws.String(opsBucket), Key: aws.String(lk), VersionId: *p,
				LegalHold: &types.ObjectLockLegalHold{Status: status}})
			return err
		}
	}
	lockFor := func(d time.Duration) func(*s3.PutObjectInput) {
		return func(in *s3.PutObjectInput) {
			in.ObjectLockMode, in.ObjectLockRetainUntilDate = types.ObjectLockModeGovernance, aws.Time(time.Now().Add(d))
		}
	}
	defaultDay := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b), ObjectLockConfiguration: &types.ObjectLockConfiguration{
			ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{DefaultRetention: &types.DefaultRetention{
				Mode: types.ObjectLockRetentionModeGovernance, Days: aws.Int32(1)}}}})
	})
	const oneDay = "0001-01-02T00:00:00Z"
	// Cases run in parallel: each has its own version ids v1 and v2.
	case_ := func(name, test, key string, build func(v1, v2 **string) ([]s3Setup, s3Call), fields map[string]any) Case {
		var v1, v2 *string
		steps, call := build(&v1, &v2)
		return Case{Name: name, Source: localstack(moreS3, test, key, "2026-02-21"), Setup: lockedWith("unused", steps...), Call: onOps(call), Want: Want{Fields: fields}}
	}
	Run(t, []Case{
		case_("HeadObject/version under legal hold", hold, "head-object-ver1", func(v1, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(putV(v1, lk, "test", nil), legalHold(v1, types.ObjectLockLegalHoldStatusOn)), lockedHead(lk, v1)
		}, map[string]any{"ObjectLockLegalHoldStatus": "ON", "ObjectLockMode": Absent, "ContentLength": 4}),
		case_("HeadObject/second version under legal hold", hold, "head-object-ver2", func(v1, v2 **string) ([]s3Setup, s3Call) {
			return s3Steps(putV(v1, lk, "test", nil), legalHold(v1, types.ObjectLockLegalHoldStatusOn), putV(v2, lk, "test", nil),
				legalHold(v2, types.ObjectLockLegalHoldStatusOn)), lockedHead(lk, v2)
		}, map[string]any{"ObjectLockLegalHoldStatus": "ON", "VersionId": Present}),
		case_("HeadObject/version whose legal hold was lifted", hold, "head-object-ver1-no-lock", func(v1, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(putV(v1, lk, "test", nil), legalHold(v1, types.ObjectLockLegalHoldStatusOn), legalHold(v1, types.ObjectLockLegalHoldStatusOff)),
				lockedHead(lk, v1)
		}, map[string]any{"ObjectLockLegalHoldStatus": "OFF"}),
		noContent(case_("DeleteObject/version whose legal hold was lifted", hold, "delete-object-ver1", func(v1, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(putV(v1, lk, "test", nil), legalHold(v1, types.ObjectLockLegalHoldStatusOn), legalHold(v1, types.ObjectLockLegalHoldStatusOff)),
				func(ctx context.Context, c *s3.Client, b string) (any, error) {
					return c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String(lk), VersionId: *v1})
				}
		}, map[string]any{"VersionId": Present, "DeleteMarker": Absent})),
		case_("HeadObject/default retention of one day", def, "head-object-default", func(_, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(defaultDay, putKey(dk, "test-default-lock")), lockedHead(dk, nil)
		}, map[string]any{"ObjectLockMode": "GOVERNANCE", "ObjectLockRetainUntilDate": oneDay, "ContentLength": 17}),
		case_("HeadObject/retention headers over the default", def, "head-object-with-lock", func(_, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(defaultDay, putKey(dk, "test-default-lock"), putV(nil, dk, "test-put-object-lock", lockFor(10*time.Minute))), lockedHead(dk, nil)
		}, map[string]any{"ObjectLockMode": "GOVERNANCE", "ContentLength": 20, "ObjectLockRetainUntilDate": Present}),
		case_("HeadObject/retention headers", ext, "head-object-with-lock", func(_, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(putV(nil, dk, "test-put-object-lock", lockFor(10*time.Minute))), lockedHead(dk, nil)
		}, map[string]any{"ObjectLockMode": "GOVERNANCE", "ContentLength": 20, "ObjectLockRetainUntilDate": Present}),
		case_("PutObjectRetention/longer without bypass", ext, "put-object-retention-extend", func(v1, _ **string) ([]s3Setup, s3Call) {
			return s3Steps(putV(v1, dk, "test-put-object-lock", lockFor(10*time.Minute))), func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutObjectRetention(ctx, &s3.PutObjectRetentionInput{Bucket: aws.String(b), Key: aws.String(dk), VersionId: *v1,
					Retention: &types.ObjectLockRetention{Mode: types.ObjectLockRetentionModeGovernance, RetainUntilDate: aws.Time(time.Now().Add(20 * time.Minute))}})
			}
		}, nil),
	})
}

func TestS3RecordedLockOnExistingBucket(t *testing.T) {
	const ex = "TestS3ObjectLock::test_put_object_lock_configuration_on_existing_bucket"
	versioning := func(status types.BucketVersioningStatus) s3Setup {
		return func(ctx context.Context, c *s3.Client) error {
			_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(opsBucket),
				VersioningConfiguration: &types.VersioningConfiguration{Status: status}})
			return err
		}
	}
	enable := run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
		return c.PutObjectLockConfiguration(ctx, &s3.PutObjectLockConfigurationInput{Bucket: aws.String(b),
			ObjectLockConfiguration: &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled}})
	})
	Run(t, []Case{
		s3OK("PutBucketVersioning/Suspended on a bucket without lock", localstack(moreAPI, ex, "suspended-versioning", "2026-02-21"), nil,
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b),
					VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusSuspended}})
			}, nil),
		s3OK("GetObjectLockConfiguration/enabled on an existing bucket", localstack(moreAPI, ex, "get-object-lock-existing-bucket-enabled", "2026-02-21"),
			s3Steps(versioning(types.BucketVersioningStatusSuspended), versioning(types.BucketVersioningStatusEnabled), enable),
			func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(b)})
			}, map[string]any{"ObjectLockConfiguration.ObjectLockEnabled": "Enabled", "ObjectLockConfiguration.Rule": Absent}),
		{Name: "PutBucketVersioning/Enabled again on a locked bucket", Source: localstack(moreAPI, "TestS3ObjectLock::test_disable_versioning_on_locked_bucket",
			"enable-versioning-again-on-locked-bucket", "2026-02-21"), Setup: lockedOps("unused"),
			Call: onOps(func(ctx context.Context, c *s3.Client, b string) (any, error) {
				return c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(b),
					VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}})
			})},
	})
}
