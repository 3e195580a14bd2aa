package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// TestExplainOperation pins operation= of /_fakeaws/explain: a what-if
// question naming the S3 operation is answered as that operation's
// request is, sent side by side (an unsigned CreateMultipartUpload is
// refused whatever the bucket ACL grants, "Anonymous users cannot initiate
// multipart uploads.  Please authenticate.", aws/aws-sdk-cpp#1575; a
// CopyObject also asks s3:GetObject of its source, CopyObject API
// reference), and a question the operation would not ask is refused with
// 400, never answered as if it named none.
func TestExplainOperation(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	const owner, other = "111111111111", "222222222222"
	for _, s := range []struct {
		method, path, key string
		header            map[string]string
		want              int
	}{
		{"PUT", "/opb", owner, map[string]string{"x-amz-object-ownership": "ObjectWriter"}, 200},
		{"DELETE", "/opb?publicAccessBlock", owner, nil, 204},
		{"PUT", "/opb?acl", owner, map[string]string{"x-amz-acl": "public-read-write"}, 200},
		{"PUT", "/opb/src", owner, nil, 200},
		{"PUT", "/opb/pub", owner, map[string]string{"x-amz-acl": "public-read"}, 200},
	} {
		body := ""
		if strings.HasPrefix(s.path, "/opb/") {
			body = "source"
		}
		if got, _, body := s3Send(t, ts, s.method, s.path, s.key, s.header, body); got != s.want {
			t.Fatalf("%s %s = %d %s, want %d", s.method, s.path, got, body, s.want)
		}
	}
	answered := []struct {
		name, principal, key, operation, method, path string
		header                                        map[string]string
		context                                       url.Values
		status                                        int
		steps                                         []string // the actions asked, in order
	}{
		{"anonymous CreateMultipartUpload", "anonymous", "", "CreateMultipartUpload", "POST", "/opb/big?uploads", nil, nil, 403, []string{}},
		{"anonymous PutObject", "anonymous", "", "PutObject", "PUT", "/opb/small", nil, nil, 200, []string{"s3:PutObject"}},
		{"signed CreateMultipartUpload", other, other, "CreateMultipartUpload", "POST", "/opb/big?uploads", nil, nil, 200, []string{"s3:PutObject"}},
		{"signed CopyObject of a source it may read", other, other, "CopyObject", "PUT", "/opb/copy", map[string]string{"x-amz-copy-source": "/opb/pub"},
			url.Values{"context.s3:x-amz-copy-source": {"opb/pub"}}, 200, []string{"s3:PutObject", "s3:GetObject"}},
		{"signed CopyObject of a private source", other, other, "CopyObject", "PUT", "/opb/copy", map[string]string{"x-amz-copy-source": "/opb/src"},
			url.Values{"context.s3:x-amz-copy-source": {"opb/src"}}, 403, []string{"s3:PutObject", "s3:GetObject"}},
	}
	for _, tc := range answered {
		v := url.Values{"principal": {tc.principal}, "action": {"s3:PutObject"}, "operation": {tc.operation},
			"resource": {"arn:aws:s3:::opb" + strings.TrimSuffix(tc.path[len("/opb"):], "?uploads")}}
		for k, vs := range tc.context {
			v[k] = vs
		}
		x := explainGet(t, ts, v)
		status, _, body := s3Send(t, ts, tc.method, tc.path, tc.key, tc.header, "")
		if status != tc.status {
			t.Fatalf("%s: %s %s = %d %s, want %d", tc.name, tc.method, tc.path, status, body, tc.status)
		}
		checkExplained(t, tc.name, x, status, "")
		r := x.Results[0]
		if status >= 300 && !strings.Contains(body, "<Message>"+r.Message+"</Message>") {
			t.Errorf("%s: explained message %q, the request answered %s", tc.name, r.Message, body)
		}
		var asked []string
		for _, s := range r.Steps {
			asked = append(asked, s.Action)
		}
		if len(asked) != len(tc.steps) || (len(asked) > 0 && !reflect.DeepEqual(asked, tc.steps)) {
			t.Errorf("%s: asked %v, want %v", tc.name, asked, tc.steps)
		}
	}

	refused := []struct {
		name string
		v    url.Values
		want string // in the error message
	}{
		{"unknown operation", url.Values{"operation": {"PutObjects"}}, `unknown S3 operation "PutObjects"`},
		{"an operation on an upload in progress", url.Values{"operation": {"UploadPart"}},
			"UploadPart acts on an upload in progress, named by its uploadId, which a what-if question cannot name: send it, and explain its logged row"},
		{"operation asking another action", url.Values{"operation": {"CopyObject"}, "action": {"s3:GetObject"}, "context.s3:x-amz-copy-source": {"opb/src"}},
			"CopyObject asks s3:PutObject of the object, not s3:GetObject"},
		{"several actions", url.Values{"action": {"s3:PutObject,s3:GetObject"}}, "ask one action at a time"},
		{"a bucket, not an object", url.Values{"resource": {"arn:aws:s3:::opb"}}, "CreateMultipartUpload acts on an object"},
		{"not S3", url.Values{"resource": {"arn:aws:iam::111111111111:role/r"}}, "CreateMultipartUpload acts on an object"},
		{"CopyObject without its source", url.Values{"operation": {"CopyObject"}}, "CopyObject reads its source"},
		{"a version action without the version", url.Values{"operation": {"GetObject"}, "action": {"s3:GetObjectVersion"}}, "s3:GetObjectVersion needs the version"},
		{"a logged request", url.Values{"requestId": {"x"}}, "operation is for what-if questions"},
	}
	for _, tc := range refused {
		v := url.Values{"principal": {other}, "action": {"s3:PutObject"}, "operation": {"CreateMultipartUpload"}, "resource": {"arn:aws:s3:::opb/k"}}
		for k, vs := range tc.v {
			v[k] = vs
		}
		resp, err := http.PostForm(ts.URL+"/_fakeaws/explain", v)
		if err != nil {
			t.Fatal(err)
		}
		var e map[string]string
		_ = json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(e["error"], tc.want) {
			t.Errorf("%s: explain(%v) = %d %q, want 400 saying %q", tc.name, v, resp.StatusCode, e["error"], tc.want)
		}
	}
}

// TestExplainOperations pins GET /_fakeaws/explain/operations, the
// operations the console's what-if form offers for an action.
func TestExplainOperations(t *testing.T) {
	t.Parallel()
	_, ts := newServer(t)
	resp, err := http.Get(ts.URL + "/_fakeaws/explain/operations")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got map[string][]string
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
		t.Fatalf("operations = %d %v", resp.StatusCode, err)
	}
	for action, want := range map[string][]string{
		"s3:PutObject":           {"CopyObject", "CreateMultipartUpload", "PostObject", "PutObject"},
		"s3:GetObject":           {"GetObject", "HeadObject"},
		"s3:GetObjectVersion":    {"GetObject", "HeadObject"},
		"s3:DeleteObject":        {"DeleteObject", "DeleteObjects"},
		"s3:DeleteObjectVersion": {"DeleteObject", "DeleteObjects"},
	} {
		if !reflect.DeepEqual(got[action], want) {
			t.Errorf("operations[%s] = %v, want %v", action, got[action], want)
		}
	}
	if len(got) != 5 {
		t.Errorf("operations = %v, want 5 actions", got)
	}
}
