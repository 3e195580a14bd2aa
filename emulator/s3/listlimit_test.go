package s3

import (
	"errors"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// TestCountParamRead pins how a listing's count parameters are read (the
// recorded answers are in listlimit.go's comment).
func TestCountParamRead(t *testing.T) {
	const notInt = " not an integer or within integer range"
	tests := []struct {
		param    countParam
		value    string
		want     int
		wantMsg  string // empty: accepted
		wantName string
	}{
		{maxUploadsParam, "5", 5, "", ""},
		{maxUploadsParam, "00000000005", 5, "", ""},
		{maxUploadsParam, "0", 0, "", ""},
		{maxUploadsParam, "2147483647", 2147483647, "", ""},
		{maxUploadsParam, "2147483648", 0, "Provided max-uploads" + notInt, "max-uploads"},
		{maxUploadsParam, "2157483647", 0, "Provided max-uploads" + notInt, "max-uploads"},
		{maxUploadsParam, "+5", 0, "Provided max-uploads" + notInt, "max-uploads"},
		{maxUploadsParam, " 5", 0, "Provided max-uploads" + notInt, "max-uploads"},
		{maxUploadsParam, "five", 0, "Provided max-uploads" + notInt, "max-uploads"},
		{maxUploadsParam, "-", 0, "Provided max-uploads" + notInt, "max-uploads"},
		{maxUploadsParam, "-0", 0, "Argument max-uploads must be an integer between 0 and 2147483647", "max-uploads"},
		{maxUploadsParam, "-2147483649", 0, "Argument max-uploads must be an integer between 0 and 2147483647", "max-uploads"},
		{maxKeysParam, "-1", 0, "Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys"},
		{maxKeysParam, "blah", 0, "Provided max-keys" + notInt, "max-keys"},
		{versionsMaxKeysParam, "-123", 0, "max-keys cannot be negative", "maxKeys"},
		{maxPartsParam, "-3", 0, "Argument max-parts must be an integer between 0 and 2147483647", "max-parts"},
		{partNumberMarkerParam, "-2", 0, "Argument part-number-marker must be an integer between 0 and 2147483647", "part-number-marker"},
		{partNumberMarkerParam, "invalid", 0, "Provided part-number-marker" + notInt, "part-number-marker"},
	}
	for _, tc := range tests {
		t.Run(tc.param.name+"="+tc.value, func(t *testing.T) {
			got, err := tc.param.read(tc.value)
			if tc.wantMsg == "" {
				if err != nil || got != tc.want {
					t.Fatalf("read = %d, %v; want %d", got, err, tc.want)
				}
				return
			}
			var e *awserr.Error
			if !errors.As(err, &e) {
				t.Fatalf("read = %d, %v; want InvalidArgument %q", got, err, tc.wantMsg)
			}
			if e.Code != "InvalidArgument" || e.Status != 400 || e.Message != tc.wantMsg {
				t.Errorf("got %s %d %q, want InvalidArgument 400 %q", e.Code, e.Status, e.Message, tc.wantMsg)
			}
			if e.Field("ArgumentName") != tc.wantName || e.Field("ArgumentValue") != tc.value {
				t.Errorf("got ArgumentName %q ArgumentValue %q, want %q %q", e.Field("ArgumentName"), e.Field("ArgumentValue"), tc.wantName, tc.value)
			}
		})
	}
}

func TestCountParamPageSize(t *testing.T) {
	for v, want := range map[string]int{"": 1000, "0": 0, "999": 999, "1000": 1000, "2147483647": 1000} {
		if got, err := maxKeysParam.pageSize(v); err != nil || got != want {
			t.Errorf("pageSize(%q) = %d, %v; want %d", v, got, err, want)
		}
	}
}
