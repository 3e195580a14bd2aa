package query

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// TestParseQueryMatchesURL holds parseQuery to url.ParseQuery: the same
// values, or an error exactly when it errs, with the same text.
func TestParseQueryMatchesURL(t *testing.T) {
	t.Parallel()
	cases := []string{
		"", "&", "a", "a=", "=b", "a=1&a=2&b=3", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=s",
		"a=1;b=2", "a=%zz", "%zz=1", "a=1&&b=2&", "a+b=c+d", "k=%E2%82%AC", "a=1&a=2&a=3&b",
		strings.Repeat("x=1&", 40), strings.Repeat("k=v&", 10001),
	}
	for _, q := range cases {
		got, gotErr := parseQuery(q)
		want, wantErr := url.ParseQuery(q)
		if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Errorf("parseQuery(%.40q) error %v, want %v", q, gotErr, wantErr)
			continue
		}
		if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("parseQuery(%.40q) = %v, want %v", q, got, want)
		}
	}
}
