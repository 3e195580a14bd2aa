package regions

import "testing"

func TestRegions(t *testing.T) {
	tests := []struct {
		region  string
		s3, any bool
	}{
		{"us-east-1", true, true},
		{"eu-central-2", true, true},
		{"cn-north-1", true, true},
		{"us-gov-west-1", true, true},
		{"us-iso-east-1", false, true},
		{"eusc-de-east-1", false, true},
		{"us-east-9", false, false},
		{"US-EAST-1", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := S3(tt.region); got != tt.s3 {
			t.Errorf("S3(%q) = %v, want %v", tt.region, got, tt.s3)
		}
		if got := Any(tt.region); got != tt.any {
			t.Errorf("Any(%q) = %v, want %v", tt.region, got, tt.any)
		}
	}
}
