package golden

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's object_crud.rs test functions the first replays
// (argmin_objcrud_test.go, argmin_objacl_test.go) did not cite.

// crud2NoLength sends a signed PUT of path with header and no body, and no
// Content-Length either (Go's client always sends one for a PUT, so it is
// written on the connection by hand), as the suite's primary user.
func crud2NoLength(path string, header http.Header) objCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		r, err := http.NewRequestWithContext(ctx, http.MethodPut, w.Endpoint+path, nil)
		if err != nil {
			return nil, err
		}
		for k, vs := range header {
			r.Header[k] = vs
		}
		const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		r.Header.Set("X-Amz-Content-Sha256", empty)
		if err := v4.NewSigner().SignHTTP(ctx, u.primary, r, empty, "s3", "us-east-1", time.Now()); err != nil {
			return nil, err
		}
		host := strings.TrimPrefix(w.Endpoint, "http://")
		conn, err := (&net.Dialer{Timeout: 10 * time.Second}).DialContext(ctx, "tcp", host)
		if err != nil {
			return nil, err
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
		var b strings.Builder
		fmt.Fprintf(&b, "PUT %s HTTP/1.1\r\nHost: %s\r\n", r.URL.RequestURI(), host)
		for k, vs := range r.Header {
			for _, v := range vs {
				fmt.Fprintf(&b, "%s: %s\r\n", k, v)
			}
		}
		b.WriteString("Connection: close\r\n\r\n")
		if _, err := conn.Write([]byte(b.String())); err != nil {
			return nil, err
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), r)
		if err != nil {
			return nil, err
		}
		return withBodyHeader(resp)
	}
}

func TestArgminObjCRUD2(t *testing.T) {
	src := func(test string) string { return argmin("object_crud.rs", test) }
	put := func(key, body string) argminStep { return objStep(objPut(primary, key, body, nil)) }
	updated := objBucket(put("obj", "v1"), put("obj", "v2"))
	deleted := append(updated[:len(updated):len(updated)], objStep(objDelete(primary, "obj", nil)))
	// test_object_header_acl_grants_streaming_put: the grant headers on a
	// body one byte over argmin's internal segment (its own server's
	// streaming path; its size is argmin's, so a 5 MiB + 1 body here).
	four := map[string]string{"X-Amz-Grant-Read": "alt", "X-Amz-Grant-Read-Acp": "alt", "X-Amz-Grant-Write-Acp": "alt", "X-Amz-Grant-Full-Control": "alt"}
	big := strings.Repeat("Z", 5<<20+1)
	streamed := argminSteps(argminBucket(false, types.ObjectOwnershipObjectWriter),
		objStep(objGrantHeaders(objSignedPut(objKeyPath("streaming-testobj"), big), four)))
	// setup_acl_enabled_bucket: Block Public Access off, ObjectWriter.
	aclEnabled := objACLBucket(types.ObjectOwnershipObjectWriter, put("foo", "bar"),
		objStep(crud2NoLength(objKeyPath("foo")+"?acl", http.Header{"X-Amz-Acl": {"public-read"}})))
	Run(t, []Case{
		argminCase("GetObject/no such bucket", src("test_object_read_nonexistent_bucket"), nil, objGet(primary, "key", nil), bktWantRefused),
		argminCase("HeadObject/no such key", src("test_object_head_nonexistent"), objBucket(), objHead(primary, "no-such-key", nil), bktWantRefused),
		argminCase("GetObject/the update", src("test_object_write_read_update_read_delete"), updated, objGet(primary, "obj", nil), objBodyIs("v2")),
		argminCase("GetObject/after the delete", src("test_object_write_read_update_read_delete"), deleted, objGet(primary, "obj", nil), bktWantRefused),
		argminCase("PutObjectAcl/public-read without Content-Length", src("test_put_object_acl_without_content_length_header"),
			objACLBucket(types.ObjectOwnershipObjectWriter, put("foo", "bar")),
			crud2NoLength(objKeyPath("foo")+"?acl", http.Header{"X-Amz-Acl": {"public-read"}}), Want{}),
		argminCase("GetObjectAcl/public-read set without Content-Length", src("test_put_object_acl_without_content_length_header"), aclEnabled,
			objACLOf(primary, "foo"), objGrants("READ AllUsers", "FULL_CONTROL owner")),
		argminCase("GetObjectAcl/grant headers on a large body", src("test_object_header_acl_grants_streaming_put"), streamed,
			objACLOf(primary, "streaming-testobj"), objGrants("READ alt", "READ_ACP alt", "WRITE_ACP alt", "FULL_CONTROL alt")),
		argminCase("GetObject/another account granted by headers on a large body", src("test_object_header_acl_grants_streaming_put"), streamed,
			objGet(altClient, "streaming-testobj", nil), Want{Fields: map[string]any{"Body": big}}),
	})
}
