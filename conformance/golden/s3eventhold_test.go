package golden

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 Object Lock event holds (variable retention, 2026), driven by
// aws-sdk-go-v2 s3 v1.114.9 with the argmin Object Lock helpers
// (argmin_objlock_test.go). No recording of AWS's answers exists; the
// cases hold fakeaws to what AWS documents, and the choices the
// documentation leaves open (docs/deviations.md) to fakeaws's answer.

// evhDoc cites the AWS documentation of event holds a case follows.
func evhDoc(what string) string {
	return "AWS documentation of S3 Object Lock event holds (" + what + "; aws-sdk-go-v2 s3 v1.114.9 types.ObjectLockRetention, " +
		"EventHoldDuration, DefaultRetention.DefaultEventHold, PutObject/HeadObject/GetObject ObjectLockEventHold*)"
}

// evhChoice cites a fakeaws choice the documentation leaves open.
func evhChoice(what string) string {
	return "fakeaws's choice where AWS's documentation of event holds is silent (" + what + "), docs/deviations.md"
}

// evhPutHeld is PutObject of olkKey under an event hold of mode for days.
func evhPutHeld(mode types.ObjectLockMode, days int32) func(*s3.PutObjectInput) {
	return func(in *s3.PutObjectInput) {
		in.ObjectLockMode, in.ObjectLockEventHold, in.ObjectLockEventHoldDurationDays = mode, types.ObjectLockEventHoldOn, aws.Int32(days)
	}
}

// evhHold is an ObjectLockRetention placing (ON) or releasing (OFF) an
// event hold; d is its duration, nil for none.
func evhHold(mode types.ObjectLockRetentionMode, status types.ObjectLockEventHold, d *types.EventHoldDuration) *types.ObjectLockRetention {
	return &types.ObjectLockRetention{Mode: mode, EventHold: status, EventHoldDuration: d}
}

func evhHead(ver int, s *olk) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return primary(w, u).HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey), VersionId: s.at(ver)})
	}
}

// evhAdvance moves the case's fakeaws clock forward by d.
func evhAdvance(d time.Duration) objCall {
	return func(_ context.Context, w *World, _ *argminUsers) (any, error) {
		_, err := w.Server.Clock().Advance(d)
		return nil, err
	}
}

var evhProtected = Want{Status: http.StatusForbidden, Code: "AccessDenied", Message: "Access Denied because object protected by object lock."}

// TestS3EventHoldPlaced: a hold placed at upload, by PutObjectRetention or
// by the bucket default, and what Get/HeadObject and GetObjectRetention
// show of it.
func TestS3EventHoldPlaced(t *testing.T) {
	gov, comp := types.ObjectLockRetentionModeGovernance, types.ObjectLockRetentionModeCompliance
	on := types.ObjectLockEventHoldOn
	days := func(n int32) *types.EventHoldDuration { return &types.EventHoldDuration{Days: aws.Int32(n)} }
	c := func(name, src string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src, build, want)
	}
	withDefault := &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{
		DefaultRetention: &types.DefaultRetention{Mode: gov, DefaultEventHold: days(30)}}}
	Run(t, []Case{
		c("HeadObject/a hold placed by PutObject", evhDoc("API_PutObject x-amz-object-lock-event-hold; API_HeadObject"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", evhPutHeld(types.ObjectLockModeCompliance, 30))), evhHead(0, s)
		}, Want{Fields: map[string]any{"ObjectLockEventHold": "ON", "ObjectLockEventHoldDurationDays": "30", "ObjectLockMode": "COMPLIANCE",
			"ObjectLockEventHoldDurationYears": Absent, "ObjectLockRetainUntilDate": Absent}}),
		c("GetObject/a hold placed by PutObject", evhDoc("API_GetObject x-amz-object-lock-event-hold"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put(olkKey, "abc", evhPutHeld(types.ObjectLockModeGovernance, 7))),
				func(ctx context.Context, w *World, u *argminUsers) (any, error) {
					return primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey)})
				}
		}, Want{Fields: map[string]any{"ObjectLockEventHold": "ON", "ObjectLockEventHoldDurationDays": "7", "ObjectLockMode": "GOVERNANCE"}}),
		c("GetObjectRetention/a hold placed by PutObjectRetention", evhDoc("API_PutObjectRetention, API_ObjectLockRetention"), func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), objSeq(s.putRetention(primary, -1, evhHold(gov, on, &types.EventHoldDuration{Years: aws.Int32(1)}), false),
				s.getRetention(primary, -1))
		}, Want{Fields: map[string]any{"Retention.EventHold": "ON", "Retention.EventHoldDuration.Years": "1", "Retention.EventHoldDuration.Days": Absent,
			"Retention.Mode": "GOVERNANCE", "Retention.RetainUntilDate": Absent}}),
		c("GetObjectLockConfiguration/a default event hold", evhDoc("API_DefaultRetention DefaultEventHold; CloudFormation AWS::S3::Bucket DefaultEventHold"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, objStep(olkPutConfig(primary, withDefault))), olkGetConfig(primary)
			}, Want{Fields: map[string]any{"ObjectLockConfiguration.Rule.DefaultRetention.Mode": "GOVERNANCE",
				"ObjectLockConfiguration.Rule.DefaultRetention.DefaultEventHold.Days": "30", "ObjectLockConfiguration.Rule.DefaultRetention.Days": Absent}}),
		c("GetObjectRetention/the default event hold applies to PutObject", evhDoc("CloudFormation AWS::S3::Bucket DefaultEventHold: new object versions are placed under an event hold"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, objStep(olkPutConfig(primary, withDefault)), s.put(olkKey, "abc", nil)), s.getRetention(primary, 0)
			}, Want{Fields: map[string]any{"Retention.EventHold": "ON", "Retention.EventHoldDuration.Days": "30", "Retention.Mode": "GOVERNANCE"}}),
		c("GetObjectRetention/the default event hold applies to CompleteMultipartUpload", evhDoc("DefaultEventHold applies to new object versions"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, objStep(olkPutConfig(primary, withDefault)), s.upload(olkKey, nil)), s.getRetention(primary, 0)
			}, Want{Fields: map[string]any{"Retention.EventHold": "ON", "Retention.EventHoldDuration.Days": "30"}}),
		c("GetObjectRetention/a hold asked for by CreateMultipartUpload", evhDoc("API_CreateMultipartUpload x-amz-object-lock-event-hold"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, s.upload(olkKey, func(in *s3.CreateMultipartUploadInput) {
					in.ObjectLockMode, in.ObjectLockEventHold, in.ObjectLockEventHoldDurationYears = types.ObjectLockModeCompliance, types.ObjectLockEventHoldOn, aws.Int32(2)
				})), s.getRetention(primary, 0)
			}, Want{Fields: map[string]any{"Retention.EventHold": "ON", "Retention.EventHoldDuration.Years": "2", "Retention.Mode": "COMPLIANCE"}}),
		c("GetObjectRetention/a hold asked for by CopyObject", evhDoc("API_CopyObject x-amz-object-lock-event-hold"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, s.put("src", "abc", nil), objStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(olkKey),
					CopySource: aws.String(argminBkt + "/src"), ObjectLockMode: types.ObjectLockModeGovernance,
					ObjectLockEventHold: types.ObjectLockEventHoldOn, ObjectLockEventHoldDurationDays: aws.Int32(3)})
			})), s.getRetention(primary, -1)
		}, Want{Fields: map[string]any{"Retention.EventHold": "ON", "Retention.EventHoldDuration.Days": "3", "Retention.Mode": "GOVERNANCE"}}),
		c("HeadObject/no hold shown without s3:GetObjectRetention", evhDoc("API_HeadObject: only returned if the requester has the s3:GetObjectRetention permission"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, s.put(olkKey, "abc", evhPutHeld(types.ObjectLockModeCompliance, 30)),
						argminPolicy(olkPolicy("Deny", `{"AWS":"*"}`, argminObjectsARN, []string{"s3:GetObjectRetention"}, ""))),
					evhHead(0, s)
			}, Want{Fields: map[string]any{"ObjectLockEventHold": Absent, "ObjectLockEventHoldDurationDays": Absent, "ObjectLockMode": Absent}}),
		c("PutObject/a hold needs s3:PutObjectRetention", evhDoc("API_PutObjectRetention: s3:PutObjectRetention"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket, argminPolicy(olkPolicy("Deny", `{"AWS":"*"}`, argminObjectsARN, []string{"s3:PutObjectRetention"}, ""))),
				objPut(primary, olkKey, "abc", evhPutHeld(types.ObjectLockModeCompliance, 30))
		}, argminDenied),
		c("PutObject/a hold without a mode or a default", evhChoice("a hold without a mode on a bucket without a default retention is refused"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket), objPut(primary, olkKey, "abc", func(in *s3.PutObjectInput) {
					in.ObjectLockEventHold, in.ObjectLockEventHoldDurationDays = on, aws.Int32(1)
				})
			}, Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}),
		c("PutObjectRetention/a hold on COMPLIANCE retention", evhDoc("an event hold only adds protection"), func(s *olk) ([]argminStep, objCall) {
			return append(olkLocked(s, "abc"), objStep(s.putRetention(primary, -1, olkRetention(comp, time.Now().Add(time.Hour)), false))),
				objSeq(s.putRetention(primary, -1, evhHold(comp, on, days(1)), false), s.getRetention(primary, -1))
		}, Want{Fields: map[string]any{"Retention.EventHold": "ON", "Retention.Mode": "COMPLIANCE", "Retention.RetainUntilDate": olkAbout(time.Hour)}}),
	})
}

// TestS3EventHoldProtects: a held version is not deleted, with or
// without the governance bypass; its release retains it for the hold's
// duration from the release.
func TestS3EventHoldProtects(t *testing.T) {
	gov, comp := types.ObjectLockRetentionModeGovernance, types.ObjectLockRetentionModeCompliance
	off := types.ObjectLockEventHoldOff
	c := func(name, src string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src, build, want)
	}
	heldGov := func(s *olk) []argminStep {
		return argminSteps(olkLockBucket, s.put(olkKey, "abc", evhPutHeld(types.ObjectLockModeGovernance, 1)))
	}
	heldComp := func(s *olk) []argminStep {
		return argminSteps(olkLockBucket, s.put(olkKey, "abc", evhPutHeld(types.ObjectLockModeCompliance, 1)))
	}
	release := func(s *olk, mode types.ObjectLockRetentionMode) objCall {
		return s.putRetention(primary, 0, evhHold(mode, off, nil), false)
	}
	Run(t, []Case{
		c("DeleteObject/a held version", evhDoc("a version under an event hold remains protected while the hold is active"), func(s *olk) ([]argminStep, objCall) {
			return heldComp(s), s.delete(primary, 0, false)
		}, evhProtected),
		c("DeleteObject/a held GOVERNANCE version with the bypass", evhChoice("the governance bypass does not lift an event hold, as it does not lift a legal hold"),
			func(s *olk) ([]argminStep, objCall) {
				return heldGov(s), s.delete(primary, 0, true)
			}, evhProtected),
		c("DeleteObject/a version held for 50 years", evhDoc("an event hold keeps an object WORM-protected until you release it"), func(s *olk) ([]argminStep, objCall) {
			return append(heldComp(s), objStep(evhAdvance(50*365*24*time.Hour))), s.delete(primary, 0, false)
		}, evhProtected),
		c("DeleteObject/without a version id, a delete marker", evhDoc("Object Lock protects versions; a delete marker is still written"), func(s *olk) ([]argminStep, objCall) {
			return heldComp(s), s.delete(primary, -1, false)
		}, Want{Status: http.StatusNoContent, Fields: map[string]any{"DeleteMarker": "true"}}),
		c("GetObjectRetention/released: retained for the duration from the release", evhDoc("batch-ops-retention-date: the release time plus the configured duration"),
			func(s *olk) ([]argminStep, objCall) {
				return heldComp(s), objSeq(release(s, comp), s.getRetention(primary, 0))
			}, Want{Fields: map[string]any{"Retention.EventHold": "OFF", "Retention.Mode": "COMPLIANCE", "Retention.RetainUntilDate": olkAbout(24 * time.Hour),
				"Retention.EventHoldDuration": Absent}}),
		c("HeadObject/released", evhDoc("API_HeadObject: the duration is only returned when the event hold is enabled"), func(s *olk) ([]argminStep, objCall) {
			return append(heldComp(s), objStep(release(s, comp))), evhHead(0, s)
		}, Want{Fields: map[string]any{"ObjectLockEventHold": "OFF", "ObjectLockEventHoldDurationDays": Absent, "ObjectLockRetainUntilDate": olkAbout(24 * time.Hour)}}),
		c("DeleteObject/released, within the duration", evhDoc("the released version is retained for the duration"), func(s *olk) ([]argminStep, objCall) {
			return append(heldComp(s), objStep(release(s, comp))), s.delete(primary, 0, false)
		}, evhProtected),
		c("DeleteObject/released, after the duration", evhDoc("the retention ends at the release time plus the duration"), func(s *olk) ([]argminStep, objCall) {
			return append(heldComp(s), objStep(release(s, comp)), objStep(evhAdvance(24*time.Hour+time.Minute))), s.delete(primary, 0, false)
		}, Want{Status: http.StatusNoContent}),
		c("DeleteObject/released GOVERNANCE with the bypass", evhDoc("the retention a release starts is GOVERNANCE retention"), func(s *olk) ([]argminStep, objCall) {
			return append(heldGov(s), objStep(release(s, gov))), s.delete(primary, 0, true)
		}, Want{Status: http.StatusNoContent}),
		c("PutObjectRetention/the release needs no bypass", evhDoc("releasing never shortens protection"), func(s *olk) ([]argminStep, objCall) {
			return heldGov(s), release(s, gov)
		}, Want{}),
		c("PutObjectRetention/a shorter hold on COMPLIANCE", evhChoice("a shorter duration lowers protection, refused as a shorter retention is"),
			func(s *olk) ([]argminStep, objCall) {
				return argminSteps(olkLockBucket, s.put(olkKey, "abc", evhPutHeld(types.ObjectLockModeCompliance, 30))),
					s.putRetention(primary, 0, evhHold(comp, types.ObjectLockEventHoldOn, &types.EventHoldDuration{Days: aws.Int32(1)}), true)
			}, evhProtected),
		c("PutObjectRetention/removing a held version's retention", evhChoice("only EventHold OFF ends a hold"), func(s *olk) ([]argminStep, objCall) {
			return heldGov(s), s.putRetention(primary, 0, &types.ObjectLockRetention{}, true)
		}, evhProtected),
	})
}

// TestS3EventHoldRefused: what the event hold parameters refuse.
func TestS3EventHoldRefused(t *testing.T) {
	gov := types.ObjectLockRetentionModeGovernance
	on := types.ObjectLockEventHoldOn
	c := func(name, src string, build func(s *olk) ([]argminStep, objCall), want Want) Case {
		return olkCase(name, src, build, want)
	}
	plain := argminSteps(objPrimaryBucket)
	invalidArg := Want{Status: http.StatusBadRequest, Code: "InvalidArgument"}
	malformed := Want{Status: http.StatusBadRequest, Code: "MalformedXML"}
	cfg := func(d *types.EventHoldDuration) *types.ObjectLockConfiguration {
		return &types.ObjectLockConfiguration{ObjectLockEnabled: types.ObjectLockEnabledEnabled, Rule: &types.ObjectLockRule{
			DefaultRetention: &types.DefaultRetention{Mode: gov, DefaultEventHold: d}}}
	}
	Run(t, []Case{
		c("PutObject/a hold on a bucket without Object Lock", evhDoc("Object Lock parameters need an Object Lock bucket; fakeaws's answer to the retention headers"),
			func(s *olk) ([]argminStep, objCall) {
				return plain, objPut(primary, olkKey, "abc", evhPutHeld(types.ObjectLockModeGovernance, 1))
			}, Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Bucket is missing ObjectLockConfiguration"}),
		c("PutObjectRetention/a hold on a bucket without Object Lock", evhDoc("as PutObjectRetention without Object Lock"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(objPrimaryBucket, objStep(objPut(primary, olkKey, "abc", nil))),
				s.putRetention(primary, -1, evhHold(gov, on, &types.EventHoldDuration{Days: aws.Int32(1)}), false)
		}, Want{Status: http.StatusBadRequest, Code: "InvalidRequest", Message: "Bucket is missing Object Lock Configuration"}),
		c("PutObject/days and years", evhDoc("API_PutObject: you cannot specify a duration in both days and years"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket), objPut(primary, olkKey, "abc", func(in *s3.PutObjectInput) {
				evhPutHeld(types.ObjectLockModeGovernance, 1)(in)
				in.ObjectLockEventHoldDurationYears = aws.Int32(1)
			})
		}, invalidArg),
		c("PutObject/36501 days", evhDoc("API_EventHoldDuration: Days 1 to 36,500"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket), objPut(primary, olkKey, "abc", evhPutHeld(types.ObjectLockModeGovernance, 36501))
		}, invalidArg),
		c("PutObjectRetention/days and years", evhDoc("API_EventHoldDuration: days or years"), func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), s.putRetention(primary, -1, evhHold(gov, on, &types.EventHoldDuration{Days: aws.Int32(1), Years: aws.Int32(1)}), false)
		}, malformed),
		c("PutObjectRetention/101 years", evhDoc("API_EventHoldDuration: Years 1 to 100"), func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), s.putRetention(primary, -1, evhHold(gov, on, &types.EventHoldDuration{Years: aws.Int32(101)}), false)
		}, Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: "Event hold duration is too large."}),
		c("PutObjectRetention/an unknown EventHold", evhDoc("API_ObjectLockRetention EventHold: ON | OFF"), func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), olkRaw(http.MethodPut, objKeyPath(olkKey)+"?retention", olkXML("Retention",
				"<Mode>GOVERNANCE</Mode><EventHold>on</EventHold><EventHoldDuration><Days>1</Days></EventHoldDuration>"))
		}, malformed),
		c("PutObjectRetention/ON without a duration", evhChoice("a hold needs its duration"), func(s *olk) ([]argminStep, objCall) {
			return olkLocked(s, "abc"), s.putRetention(primary, -1, evhHold(gov, on, nil), false)
		}, malformed),
		c("PutObjectLockConfiguration/a default hold of days and years", evhDoc("CloudFormation DefaultEventHold: Days or Years, not both"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket), olkPutConfig(primary, cfg(&types.EventHoldDuration{Days: aws.Int32(1), Years: aws.Int32(1)}))
		}, malformed),
		c("PutObjectLockConfiguration/a default hold of 0 days", evhDoc("CloudFormation DefaultEventHold: Days 1 to 36500"), func(s *olk) ([]argminStep, objCall) {
			return argminSteps(olkLockBucket), olkPutConfig(primary, cfg(&types.EventHoldDuration{Days: aws.Int32(0)}))
		}, Want{Status: http.StatusBadRequest, Code: "InvalidArgument", Message: "Default event hold duration must be a positive integer value."}),
	})
}
