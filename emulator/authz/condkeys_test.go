package authz_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/evaluator"
)

// TestRequestedRegion pins aws:RequestedRegion, which AWS "always
// included in the request context" ("AWS global condition context keys"):
// the Region a request is signed for, us-east-1 for IAM and Organizations
// whatever the client signed for ("IAM calls are always made to the
// us-east-1 Region"), and for a request signed for no Region (anonymous,
// SigV2) the Region of the endpoint that serves it, which the service names
// in Check.Region.
func TestRequestedRegion(t *testing.T) {
	t.Parallel()
	_, az := world(t)
	tests := []struct {
		name            string
		service, region string
		checkRegion     string
		anonymous       bool
		want            string // "" = absent
	}{
		{name: "S3 signed", service: "s3", region: "eu-west-1", want: "eu-west-1"},
		{name: "S3 signed, bucket Region given", service: "s3", region: "eu-west-1", checkRegion: "eu-west-2", want: "eu-west-1"},
		{name: "S3 anonymous", anonymous: true, checkRegion: "eu-west-2", want: "eu-west-2"},
		{name: "STS regional", service: "sts", region: "eu-central-1", want: "eu-central-1"},
		{name: "IAM signed for another Region", service: "iam", region: "eu-west-1", want: "us-east-1"},
		{name: "Organizations", service: "organizations", region: "ap-south-1", want: "us-east-1"},
		{name: "unsigned, no Region known", anonymous: true, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			caller := userCaller("direct")
			if tt.anonymous {
				caller = authn.Caller{Type: evaluator.PrincipalAnonymous}
			}
			info := &authn.Info{Caller: caller, Service: tt.service, Region: tt.region, RequestID: "r",
				Time: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)}
			_, req, err := az.Decide(authn.WithInfo(context.Background(), info),
				authz.Check{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Region: tt.checkRegion})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(req.Context["aws:requestedregion"], ","); got != tt.want {
				t.Errorf("service %q signed for %q, Check.Region %q: aws:RequestedRegion = %q, want %q",
					tt.service, tt.region, tt.checkRegion, got, tt.want)
			}
		})
	}
}
