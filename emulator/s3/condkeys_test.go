package s3

import (
	"net/url"
	"reflect"
	"testing"
)

// TestListConds pins the list keys: each present exactly when its
// parameter is, so an SDK list that sends no prefix has no s3:prefix (AWS
// S3 denied such a list under StringEquals {"s3:prefix": ["", "data/"]},
// minio/mc#2647), while the CLI's prefix= is "".
func TestListConds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query string
		want  map[string][]string
	}{
		{"list-type=2", map[string][]string{}},
		{"prefix=", map[string][]string{"s3:prefix": {""}}},
		{"prefix=home%2F&delimiter=%2F", map[string][]string{"s3:prefix": {"home/"}, "s3:delimiter": {"/"}}},
		{"delimiter=&max-keys=", map[string][]string{"s3:delimiter": {""}}},
		{"max-keys=5", map[string][]string{"s3:max-keys": {"5"}}},
	}
	for _, tt := range tests {
		q, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := listConds(q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("listConds(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}
