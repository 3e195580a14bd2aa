package query_test

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
)

// FuzzParseForm decodes arbitrary Query API requests (URL query plus a
// form body). Properties: an error is an AWS error with no values; on
// success every URL query value and every body value is kept, in order;
// List and Pairs return only values the form holds, List in ascending N.
func FuzzParseForm(f *testing.F) {
	for _, s := range [][2]string{
		{"Action=ListUsers&Version=2010-05-08", ""},
		{"", "Action=CreateUser&UserName=alice&Tags.member.1.Key=team&Tags.member.1.Value=blue&Version=2010-05-08"},
		{"Action=AttachRolePolicy", "PolicyArns.member.2.arn=arn:b&PolicyArns.member.1.arn=arn:a&PolicyArns.member.10.arn=arn:j"},
		{"a=%zz", "b=%"},
		{"", "x=1;y=2"},
		{"TagKeys.member.-1=a&TagKeys.member.01=b&TagKeys.member.1=c", "TagKeys.member.9999999999999999999=d"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, rawQuery, body string) {
		r := &http.Request{Method: http.MethodPost, URL: &url.URL{Path: "/", RawQuery: rawQuery},
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
			Body:   io.NopCloser(strings.NewReader(body))}
		values, err := query.ParseForm(r)
		if err != nil {
			var e *awserr.Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseForm error %v is not an AWS error", err)
			}
			if values != nil {
				t.Fatalf("ParseForm error %v with values %v", err, values)
			}
			return
		}
		form, ferr := url.ParseQuery(body)
		if ferr != nil {
			t.Fatalf("ParseForm accepted a body url.ParseQuery refuses: %v", ferr)
		}
		if _, qerr := url.ParseQuery(rawQuery); qerr != nil {
			t.Fatalf("ParseForm accepted a URL query url.ParseQuery refuses: %v", qerr)
		}
		for k, vs := range form {
			if got := values[k]; len(got) < len(vs) || !slices.Equal(got[len(got)-len(vs):], vs) {
				t.Fatalf("body values of %q = %q, want them to end with %q", k, got, vs)
			}
		}
		p := query.Params{Values: values}
		held := map[string]bool{"": true}
		for _, vs := range values {
			for _, v := range vs {
				held[v] = true
			}
		}
		for _, prefix := range []string{"TagKeys.member", "PolicyArns.member", "Tags.member"} {
			for _, field := range []string{"", "arn", "Key"} {
				for _, v := range p.List(prefix, field) {
					if !held[v] {
						t.Fatalf("List(%q, %q) returned %q, not in the form", prefix, field, v)
					}
				}
			}
			for _, kv := range p.Pairs(prefix, "Key", "Value") {
				if !held[kv[0]] || !held[kv[1]] {
					t.Fatalf("Pairs(%q) returned %q, not in the form", prefix, kv)
				}
			}
		}
	})
}
