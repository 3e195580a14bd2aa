package sts

import (
	"errors"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// cliMyFile is myfile.json of the AWS CLI's get-federation-token example.
const cliMyFile = `{
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
        {"Effect": "Allow", "Action": "elasticloadbalancing:Describe*", "Resource": "*"},
        {"Effect": "Allow", "Action": ["cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:Describe*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "autoscaling:Describe*", "Resource": "*"}
    ]
}`

// TestPackedPolicySizeRecorded checks the sizes AWS reported for known
// requests (sources in packed.go).
func TestPackedPolicySizeRecorded(t *testing.T) {
	t.Parallel()
	eks := [][2]string{
		{"eks-cluster-arn", "arn:aws:eks:us-west-2:111122223333:cluster/my-cluster"},
		{"eks-cluster-name", "my-cluster"},
		{"kubernetes-namespace", "default"},
		{"kubernetes-service-account", "my-service-account"},
		{"kubernetes-pod-name", "my-app-7d9f8b6c5d-x2x9z"},
		{"kubernetes-pod-uid", "8b6d2a1c-3f4e-4b5a-9c8d-7e6f5a4b3c2d"},
	}
	tests := []struct {
		name string
		sp   sessionPolicies
		tags [][2]string
		want int
	}{
		{"CLI get-federation-token example", sessionPolicies{policy: cliMyFile,
			arns: []string{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}}, nil, 36},
		{"one-statement S3 policy", sessionPolicies{policy: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`}, nil, 5},
		{"EKS Pod Identity tags", sessionPolicies{}, eks, 74},
		{"one short tag", sessionPolicies{}, [][2]string{{"a", "b"}}, 1},
	}
	for _, tt := range tests {
		got, err := packedPolicySize(tt.sp, tt.tags)
		if err != nil || got == nil || *got != tt.want {
			t.Errorf("%s: packedPolicySize = %v, %v; want %d", tt.name, got, err, tt.want)
		}
	}
	if got, err := packedPolicySize(sessionPolicies{}, nil); got != nil || err != nil {
		t.Errorf("nothing passed: packedPolicySize = %v, %v; want nil, nil", got, err)
	}
}

// TestPackedPolicyTooLargeMessages: the policies and the tags each have
// their own limit and message.
func TestPackedPolicyTooLargeMessages(t *testing.T) {
	t.Parallel()
	var arns []string
	for range 10 {
		arns = append(arns, "arn:aws:iam::111122223333:policy/"+strings.Repeat("p", 60))
	}
	_, err := packedPolicySize(sessionPolicies{arns: arns}, nil)
	var ae *awserr.Error
	if !errors.As(err, &ae) || ae.Code != "PackedPolicyTooLarge" ||
		!strings.HasPrefix(ae.Message, "Packed policy consumes ") ||
		!strings.HasSuffix(ae.Message, "% of allotted space, please use smaller policy for request.") {
		t.Errorf("ten long policy ARNs: err = %v, want PackedPolicyTooLarge about the policy", err)
	}
	_, err = packedPolicySize(sessionPolicies{}, [][2]string{{"k", strings.Repeat("v", 256)}, {"k2", strings.Repeat("v", 256)}})
	if !errors.As(err, &ae) || ae.Message != "Packed size of session tags consumes 145% of allotted space." {
		t.Errorf("two 256-character tags: err = %v, want PackedPolicyTooLarge about the session tags at 145%%", err)
	}
}
