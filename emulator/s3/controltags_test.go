package s3

import (
	"reflect"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestControlTagSets: TagResource adds to the bucket's tags (a key it has
// takes the new value), UntagResource removes the keys named.
func TestControlTagSets(t *testing.T) {
	t.Parallel()
	old := []store.Tag{{Key: "team", Value: "storage"}, {Key: "env", Value: "dev"}}
	merged := mergeTags(old, []store.Tag{{Key: "env", Value: "prod"}, {Key: "project", Value: "argmin"}})
	want := []store.Tag{{Key: "team", Value: "storage"}, {Key: "env", Value: "prod"}, {Key: "project", Value: "argmin"}}
	if !reflect.DeepEqual(merged, want) {
		t.Errorf("mergeTags = %v, want %v", merged, want)
	}
	if old[1].Value != "dev" {
		t.Errorf("mergeTags changed its input: %v", old)
	}
	if got := removeTags(want, []string{"env", "absent"}); !reflect.DeepEqual(got, []store.Tag{want[0], want[2]}) {
		t.Errorf("removeTags = %v", got)
	}
}

// TestValidateControlTags: the character classes argmin recorded against
// AWS (L, Z and N, and +-=._:/@; not '!' nor a combining mark), lengths,
// duplicates, the aws: prefix and the 50-tag limit.
func TestValidateControlTags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tags []store.Tag
		want string // InvalidTag/TooManyTags message prefix, "" for valid
	}{
		{"letters, spaces, numbers and punctuation", []store.Tag{{Key: "Ünï code\u2028\u2029 ½Ⅻ+-=._:/@", Value: ""}}, ""},
		{"128-character key, 256-character value", []store.Tag{{Key: strings.Repeat("k", 128), Value: strings.Repeat("v", 256)}}, ""},
		{"bang in a key", []store.Tag{{Key: "a!", Value: "v"}}, "This request contains"},
		{"combining mark in a value", []store.Tag{{Key: "k", Value: "e\u0345"}}, "This request contains"},
		{"empty key", []store.Tag{{Key: "", Value: "v"}}, "This request contains"},
		{"129-character key", []store.Tag{{Key: strings.Repeat("k", 129), Value: "v"}}, "This request contains"},
		{"257-character value", []store.Tag{{Key: "k", Value: strings.Repeat("v", 257)}}, "This request contains"},
		{"duplicate", []store.Tag{{Key: "k", Value: "1"}, {Key: "k", Value: "2"}}, "There are duplicate"},
		{"aws: prefix", []store.Tag{{Key: "aws:x", Value: "v"}}, "User-defined tag keys"},
		{"AWS: prefix, upper case", []store.Tag{{Key: "AWS:x", Value: "v"}}, "This request contains"},
		{"64 astral characters in a key (128 UTF-16 units)", []store.Tag{{Key: strings.Repeat("\U00010400", 64), Value: "v"}}, ""},
		{"65 astral characters in a key", []store.Tag{{Key: strings.Repeat("\U00010400", 65), Value: "v"}}, "This request contains"},
		{"51 tags", fiftyOneTags(), "The number of tags exceeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := validateControlTags(tt.tags)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("validateControlTags = %v, want %q", err, tt.want)
			}
		})
	}
}

func fiftyOneTags() []store.Tag {
	var tags []store.Tag
	for i := 0; i < 51; i++ {
		tags = append(tags, store.Tag{Key: "k" + itoa(int64(i)), Value: "v"})
	}
	return tags
}

// TestListTagsXML: recorded shapes, the empty set as <Tags/>, values
// escaped.
func TestListTagsXML(t *testing.T) {
	t.Parallel()
	const open = `<ListTagsForResourceResult xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">`
	tests := []struct {
		tags []store.Tag
		want string
	}{
		{nil, open + "<Tags/></ListTagsForResourceResult>"},
		{[]store.Tag{{Key: "a&b", Value: "<1>"}}, open + "<Tags><Tag><Key>a&amp;b</Key><Value>&lt;1&gt;</Value></Tag></Tags></ListTagsForResourceResult>"},
	}
	for _, tt := range tests {
		if got := string(listTagsXML(tt.tags)); got != tt.want {
			t.Errorf("listTagsXML(%v) =\n%s\nwant\n%s", tt.tags, got, tt.want)
		}
	}
}
