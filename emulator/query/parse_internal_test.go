package query

import (
	"io"
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

// TestReadForm: readForm reads what io.ReadAll(io.LimitReader(body,
// MaxFormBytes+1)) reads, whatever length the request announced.
func TestReadForm(t *testing.T) {
	t.Parallel()
	form := "Action=AssumeRole&Version=2011-06-15&RoleSessionName=s"
	big := strings.Repeat("a", MaxFormBytes+10)
	tests := []struct {
		name   string
		body   string
		length int64
	}{
		{"announced", form, int64(len(form))},
		{"unknown length", form, -1},
		{"empty", "", 0},
		{"shorter than announced", form, int64(len(form)) + 5},
		{"longer than announced", form, 6},
		{"announced zero, body sent", form, 0},
		{"too large, announced", big, int64(len(big))},
		{"too large, announced small", big, 10},
		{"too large, unknown length", big, -1},
	}
	for _, tt := range tests {
		want, _ := io.ReadAll(io.LimitReader(strings.NewReader(tt.body), MaxFormBytes+1))
		got, err := readForm(strings.NewReader(tt.body), tt.length)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: readForm read %d bytes (%v), want %d", tt.name, len(got), err, len(want))
		}
	}
}

// TestMembers: the distinct indexes of a list of structures, in order,
// a member found by any of its fields, non-numbers and 0 left out.
func TestMembers(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		query string
		want  []int
	}{
		{"", nil},
		{"L.member.2.A=x&L.member.1.B=y&L.member.2.B=z", []int{1, 2}},
		{"L.member.3.List=&L.member.10.A=1", []int{3, 10}},
		{"L.member.0.A=x&L.member.x.A=y&Other.member.1.A=z&L.member.1=w", []int{1}},
	} {
		v, err := url.ParseQuery(c.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := (Params{v}).Members("L.member"); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Members(%q) = %v, want %v", c.query, got, c.want)
		}
	}
}
