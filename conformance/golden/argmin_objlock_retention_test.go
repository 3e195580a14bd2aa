package golden

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// justincormack/argmin crates/s3-tests/tests/object_lock.rs: retention and
// legal hold of versions, written by PutObjectRetention/LegalHold or with
// the write's object-lock headers, and what they refuse. Asserted against
// AWS S3 (2026).

func TestArgminObjLockRetention(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov := types.ObjectLockRetentionModeGovernance
	day := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Second)
	later := day.Add(24 * time.Hour)
	denied := argminDenied
	invalidReq := Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	plain := argminSteps(objPrimaryBucket, objStep(objPut(primary, olkKey, "abc", nil)))
	Run(t, []Case{
		c("GetObjectRetention/answers the retention put", "test_object_lock_put_obj_retention", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), objSeq(s.putRetention(primary, -1, olkRetention(gov, day), false), s.getRetention(primary, -1))
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectRetention/a later date", "test_object_lock_get_obj_retention", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), objSeq(s.putRetention(primary, -1, olkRetention(gov, later), false), s.getRetention(primary, -1))
		}, olkRetained("GOVERNANCE", later)),
		c("PutObjectRetention/a bucket without Object Lock", "test_object_lock_put_obj_retention_invalid_bucket", func(s *olk) ([]argminStep, objCall) {
			return plain, s.putRetention(primary, -1, olkRetention(gov, day), false)
		}, invalidReq),
		c("GetObjectRetention/a bucket without Object Lock", "test_object_lock_get_obj_retention_invalid_bucket", func(s *olk) ([]argminStep, objCall) {
			return plain, s.getRetention(primary, -1)
		}, invalidReq),
		c("PutObjectRetention/a lower-case Mode", "test_object_lock_put_obj_retention_invalid_mode", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), olkRaw(http.MethodPut, objKeyPath(olkKey)+"?retention", olkXML("ObjectLockRetention",
				"<Mode>governance</Mode><RetainUntilDate>"+day.Format(time.RFC3339)+"</RetainUntilDate>"))
		}, Want{Status: http.StatusBadRequest, Code: "MalformedXML"}),
		c("PutObjectRetention/an unknown Mode", "test_object_lock_put_obj_retention_invalid_mode", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), olkRaw(http.MethodPut, objKeyPath(olkKey)+"?retention", olkXML("ObjectLockRetention",
				"<Mode>abc</Mode><RetainUntilDate>"+day.Format(time.RFC3339)+"</RetainUntilDate>"))
		}, Want{Status: http.StatusBadRequest, Code: "MalformedXML"}),
		c("HeadObject/the retain-until date is an ISO 8601 date-time", "test_object_lock_get_obj_retention_iso8601", func(s *olk) ([]argminStep, objCall) {
			return append(olkLocked(s, "abc"), objStep(s.putRetention(primary, -1, olkRetention(gov, day), false))),
				func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return w.Signed(ctx, u.primary, http.MethodHead, objKeyPath(olkKey)+"?versionId="+aws.ToString(s.at(0)), nil, nil)
				}
		}, Want{Fields: map[string]any{"header:x-amz-object-lock-retain-until-date": Match(`^` + day.Format("2006-01-02T15:04:05") + `(\.0+)?Z$`)}}),
		c("GetObjectRetention/of a version named", "test_object_lock_put_obj_retention_versionid", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc", "abc"), objSeq(s.putRetention(primary, 1, olkRetention(gov, day), false), s.getRetention(primary, 1))
		}, olkRetained("GOVERNANCE", day)),
		c("GetObjectRetention/an explicit retention overrides the default", "test_object_lock_put_obj_retention_override_default_retention",
			func(s *olk) ([]argminStep, objCall) {
				return append(argminSteps(olkLockBucket, objStep(olkPutConfig(primary, olkDays(gov, 1, 0)))), s.put(olkKey, "abc", nil)),
					objSeq(s.putRetention(primary, -1, olkRetention(gov, later), false), s.getRetention(primary, -1))
			}, olkRetained("GOVERNANCE", later)),
		c("GetObjectRetention/the default retention applies to PutObject", "test_object_lock_default_retention_applies_on_put_object",
			func(s *olk) ([]argminStep, objCall) {
				return append(argminSteps(olkLockBucket, objStep(olkPutConfig(primary, olkDays(gov, 1, 0)))), s.put(olkKey, "abc", nil)), s.getRetention(primary, 0)
			}, Want{Fields: map[string]any{"Retention.Mode": "GOVERNANCE", "Retention.RetainUntilDate": olkAbout(24 * time.Hour)}}),
		c("GetObjectRetention/the default retention applies to CompleteMultipartUpload", "test_object_lock_default_retention_applies_on_complete_multipart_upload",
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, objStep(olkPutConfig(primary, olkDays(gov, 1, 0))), s.upload(olkKey, nil)), s.getRetention(primary, 0)
			}, Want{Fields: map[string]any{"Retention.Mode": "GOVERNANCE", "Retention.RetainUntilDate": olkAbout(24 * time.Hour)}}),
		c("PutObjectRetention/a later date", "test_object_lock_put_obj_retention_increase_period", func(s *olk) ([]argminStep, objCall) {
			return append(olkLocked(s, "abc"), objStep(s.putRetention(primary, -1, olkRetention(gov, day), false))),
				objSeq(s.putRetention(primary, -1, olkRetention(gov, later), false), s.getRetention(primary, -1))
		}, olkRetained("GOVERNANCE", later)),
		c("PutObjectRetention/an earlier date without bypass", "test_object_lock_put_obj_retention_shorten_period", func(s *olk) ([]argminStep, objCall) {
			return append(olkLocked(s, "abc"), objStep(s.putRetention(primary, -1, olkRetention(gov, later), false))),
				s.putRetention(primary, -1, olkRetention(gov, day), false)
		}, denied),
		c("PutObjectRetention/an earlier date with bypass", "test_object_lock_put_obj_retention_shorten_period_bypass", func(s *olk) ([]argminStep, objCall) {
			return append(olkLocked(s, "abc"), objStep(s.putRetention(primary, -1, olkRetention(gov, later), false))),
				objSeq(s.putRetention(primary, -1, olkRetention(gov, day), true), s.getRetention(primary, -1))
		}, olkRetained("GOVERNANCE", day)),
	})
}

// TestArgminObjLockRetentionModes: changing a version's retention mode.
func TestArgminObjLockRetentionModes(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	gov, comp := types.ObjectLockRetentionModeGovernance, types.ObjectLockRetentionModeCompliance
	soon := time.Now().Add(time.Hour).UTC().Truncate(time.Second) // the suite's short compliance window
	denied := argminDenied
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	locked := func(s *olk) []argminStep { return argminSteps(olkLockBucket, s.put(olkKey, "abc", nil)) }
	Run(t, []Case{
		c("PutObjectRetention/GOVERNANCE to COMPLIANCE with bypass", "test_object_lock_changing_mode_from_governance_with_bypass", func(s *olk) ([]argminStep, objCall) {
			return append(locked(s), objStep(s.putRetention(primary, 0, olkRetention(gov, soon), false))),
				objSeq(s.putRetention(primary, 0, olkRetention(comp, soon), true), s.getRetention(primary, 0))
		}, olkRetained("COMPLIANCE", soon)),
		c("PutObjectRetention/GOVERNANCE to COMPLIANCE without bypass", "test_object_lock_changing_mode_from_governance_without_bypass", func(s *olk) ([]argminStep, objCall) {
			return append(locked(s), objStep(s.putRetention(primary, 0, olkRetention(gov, soon), false))),
				s.putRetention(primary, 0, olkRetention(comp, soon), false)
		}, denied),
		c("GetObjectRetention/the refused mode change left GOVERNANCE", "test_object_lock_changing_mode_from_governance_without_bypass", func(s *olk) ([]argminStep, objCall) {
			return append(locked(s), objStep(s.putRetention(primary, 0, olkRetention(gov, soon), false)),
				objIgnore(s.putRetention(primary, 0, olkRetention(comp, soon), false))), s.getRetention(primary, 0)
		}, olkRetained("GOVERNANCE", soon)),
		c("PutObjectRetention/COMPLIANCE to GOVERNANCE", "test_object_lock_changing_mode_from_compliance", func(s *olk) ([]argminStep, objCall) {
			return append(locked(s), objStep(s.putRetention(primary, 0, olkRetention(comp, soon), false))),
				s.putRetention(primary, 0, olkRetention(gov, soon), false)
		}, denied),
	})
}

func TestArgminObjLockLegalHold(t *testing.T) {
	src := func(test string) string { return argmin("object_lock.rs", test) }
	on, off := types.ObjectLockLegalHoldStatusOn, types.ObjectLockLegalHoldStatusOff
	invalidReq := Want{Status: http.StatusBadRequest, Code: "InvalidRequest"}
	c := func(name, test string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src(test), build, want)
	}
	plain := argminSteps(objPrimaryBucket, objStep(objPut(primary, olkKey, "abc", nil)))
	Run(t, []Case{
		c("PutObjectLegalHold/ON then OFF", "test_object_lock_put_legal_hold", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), objSeq(s.putHold(primary, -1, on), s.putHold(primary, -1, off))
		}, Want{}),
		c("PutObjectLegalHold/a bucket without Object Lock", "test_object_lock_put_legal_hold_invalid_bucket", func(s *olk) ([]argminStep, objCall) {
			return plain, s.putHold(primary, -1, on)
		}, invalidReq),
		c("GetObjectLegalHold/a bucket without Object Lock", "test_object_lock_get_legal_hold_invalid_bucket", func(s *olk) ([]argminStep, objCall) {
			return plain, s.getHold(primary, -1)
		}, invalidReq),
		c("PutObjectLegalHold/an unknown Status", "test_object_lock_put_legal_hold_invalid_status", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), olkRaw(http.MethodPut, objKeyPath(olkKey)+"?legal-hold", olkXML("LegalHold", "<Status>abc</Status>"))
		}, Want{Status: http.StatusBadRequest, Code: "MalformedXML"}),
		c("GetObjectLegalHold/ON", "test_object_lock_get_legal_hold", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), objSeq(s.putHold(primary, -1, on), s.getHold(primary, -1))
		}, olkHeld("ON")),
		c("GetObjectLegalHold/OFF after ON", "test_object_lock_get_legal_hold", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), objSeq(s.putHold(primary, -1, on), s.putHold(primary, -1, off), s.getHold(primary, -1))
		}, olkHeld("OFF")),
		c("GetObjectLegalHold/of the older version named", "test_object_lock_put_legal_hold_versionid", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc", "def"), objSeq(s.putHold(primary, 0, on), s.putHold(primary, 1, off), s.getHold(primary, 0))
		}, olkHeld("ON")),
		c("GetObjectLegalHold/of the newer version named", "test_object_lock_put_legal_hold_versionid", func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc", "def"), objSeq(s.putHold(primary, 0, on), s.putHold(primary, 1, off), s.getHold(primary, 1))
		}, olkHeld("OFF")),
	})
}

// olkLocked is the lock bucket with versions of olkKey, one per body.
func olkLocked(s *olk, bodies ...string) []argminStep {
	steps := argminSteps(olkLockBucket)
	for _, b := range bodies {
		steps = append(steps, s.put(olkKey, b, nil))
	}
	return steps
}
