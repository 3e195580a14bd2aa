// Command minioclient drives minio-go (github.com/minio/minio-go/v7)
// against fakeaws for conformance/clients_minio_test.go, one S3 call per
// run, the way the other tools in that table are driven through their
// command lines. It is a module of its own so that minio-go stays out of
// fakeaws's go.mod.
//
//	minioclient ENDPOINT OP ARGS...
//
// Credentials, and a session token, come from the AWS_* variables
// (credentials.NewEnvAWS). Errors print the S3 error code and exit 1.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// partSize is minio-go's smallest part: a 20 MiB file goes up in 4 parts.
const partSize = 5 << 20

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: minioclient ENDPOINT OP ARGS...")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		var resp minio.ErrorResponse
		if errors.As(err, &resp) {
			fmt.Fprintf(os.Stderr, "ERROR code=%s status=%d: %v\n", resp.Code, resp.StatusCode, err)
		} else {
			fmt.Fprintf(os.Stderr, "ERROR: %v\n", err)
		}
		os.Exit(1)
	}
}

// newClient is the setting docs/clients.md gives: host:port without a
// scheme, Secure false, path-style, the region, and (for trailing
// checksums) TrailingHeaders.
func newClient(endpoint string, trailers bool) (*minio.Client, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, err
	}
	return minio.New(u.Host, &minio.Options{
		Creds:           credentials.NewEnvAWS(),
		Secure:          u.Scheme == "https",
		Region:          "us-east-1",
		BucketLookup:    minio.BucketLookupPath,
		TrailingHeaders: trailers,
		MaxRetries:      1,
	})
}

func run(ctx context.Context, endpoint, op string, args []string) error {
	// "putplain" is minio-go without TrailingHeaders: each chunk signed
	// (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), no checksum trailer.
	c, err := newClient(endpoint, op != "putplain")
	if err != nil {
		return err
	}
	if os.Getenv("MINIOCLIENT_TRACE") != "" {
		c.TraceOn(os.Stderr) // requests and responses, for a failing case
	}
	need := map[string]int{"mb": 1, "put": 3, "putplain": 3, "putstream": 3, "putchecksum": 3, "get": 3, "ls": 1, "cp": 3, "rm": 2,
		"presign": 2, "head": 2}
	if n, ok := need[op]; !ok || len(args) < n {
		return fmt.Errorf("unknown op %q or too few arguments %q", op, args)
	}
	switch op {
	case "mb":
		return c.MakeBucket(ctx, args[0], minio.MakeBucketOptions{Region: "us-east-1"})
	case "put", "putplain", "putstream", "putchecksum":
		return put(ctx, c, op, args[0], args[1], args[2], args[3:])
	case "get":
		return c.FGetObject(ctx, args[0], args[1], args[2], minio.GetObjectOptions{})
	case "ls":
		for o := range c.ListObjects(ctx, args[0], minio.ListObjectsOptions{Recursive: true}) {
			if o.Err != nil {
				return o.Err
			}
			fmt.Println(o.Key)
		}
		return nil
	case "cp":
		_, err := c.CopyObject(ctx, minio.CopyDestOptions{Bucket: args[0], Object: args[2]},
			minio.CopySrcOptions{Bucket: args[0], Object: args[1]})
		return err
	case "rm":
		return c.RemoveObject(ctx, args[0], args[1], minio.RemoveObjectOptions{})
	case "presign":
		u, err := c.PresignedGetObject(ctx, args[0], args[1], time.Hour, nil)
		if err != nil {
			return err
		}
		fmt.Println(u.String())
		return nil
	default: // head
		return head(ctx, c, args[0], args[1])
	}
}

// put uploads path. "put" gives the size (minio-go signs each 64 KiB
// chunk over HTTP: STREAMING-AWS4-HMAC-SHA256-PAYLOAD); "putstream" hides
// it, so minio-go buffers parts of an unknown-length stream; "putchecksum"
// forces a CRC32C trailing checksum (...-PAYLOAD-TRAILER, the trailer line
// ending in a bare "\n"). Extra args are metadata as name=value.
func put(ctx context.Context, c *minio.Client, op, bucket, key, path string, meta []string) error {
	body, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	opts := minio.PutObjectOptions{PartSize: partSize, UserMetadata: map[string]string{}}
	for _, kv := range meta {
		k, v, _ := strings.Cut(kv, "=")
		opts.UserMetadata[k] = v
	}
	var r io.Reader = bytes.NewReader(body)
	size := int64(len(body))
	switch op {
	case "putstream":
		r, size = io.MultiReader(bytes.NewReader(body)), -1
	case "putchecksum":
		opts.Checksum = minio.ChecksumCRC32C
	}
	_, err = c.PutObject(ctx, bucket, key, r, size, opts)
	return err
}

// head prints the object's user metadata as JSON, names lowercased and
// without the x-amz-meta- prefix.
func head(ctx context.Context, c *minio.Client, bucket, key string) error {
	info, err := c.StatObject(ctx, bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return err
	}
	meta := map[string]string{}
	for k, v := range info.UserMetadata {
		meta[strings.TrimPrefix(strings.ToLower(k), "x-amz-meta-")] = v
	}
	return json.NewEncoder(os.Stdout).Encode(meta)
}
