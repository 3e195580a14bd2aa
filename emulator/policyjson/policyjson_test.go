package policyjson

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestStatements(t *testing.T) {
	type st struct{ Sid string }
	cases := []struct {
		name, doc string
		want      []string
	}{
		{"list", `{"Statement":[{"Sid":"a"},{"Sid":"b"}]}`, []string{"a", "b"}},
		{"one object", `{"Statement":{"Sid":"a"}}`, []string{"a"}},
		{"empty list", `{"Statement":[]}`, []string{}},
		{"no statement", `{"Version":"2012-10-17"}`, nil},
		{"a string", `{"Statement":"a"}`, nil},
		{"not JSON", `{"Statement":`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Statements[st](c.doc)
			if (got == nil) != (c.want == nil) {
				t.Fatalf("Statements(%s) = %v, want %v", c.doc, got, c.want)
			}
			var sids []string
			for _, s := range got {
				sids = append(sids, s.Sid)
			}
			if !slices.Equal(sids, c.want) {
				t.Fatalf("Statements(%s) sids = %v, want %v", c.doc, sids, c.want)
			}
		})
	}
}

func TestStrings(t *testing.T) {
	cases := []struct {
		raw  string
		want []string
	}{
		{`"s3:GetObject"`, []string{"s3:GetObject"}},
		{`["a","b"]`, []string{"a", "b"}},
		{``, nil},
		{`42`, nil},
		{`["a",1,"*"]`, []string{"a", "", "*"}},
		{`{"a":"b"}`, nil},
	}
	for _, c := range cases {
		if got := Strings(json.RawMessage(c.raw)); !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("Strings(%s) = %#v, want %#v", c.raw, got, c.want)
		}
	}
}
