// Command awsgov1client drives the AWS SDK for Go v1
// (github.com/aws/aws-sdk-go, end of support July 2025 but still in many
// programs) against fakeaws for TestS3Clients, one S3 call per run, the way
// the other tools in that table are driven through their command lines. It
// is a module of its own so that the v1 SDK stays out of fakeaws's go.mod.
//
//	awsgov1client ENDPOINT OP ARGS...
//
// Credentials, and a session token, come from the AWS_* variables (the v1
// SDK's default chain). Errors print the S3 error code and exit 1.
package main

//lint:file-ignore SA1019 the deprecated v1 SDK is what this program exercises

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/awserr"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/s3/s3manager"
	"github.com/aws/aws-sdk-go/service/sts"
)

// partSize is s3manager's smallest part: a 20 MiB file goes up in 4 parts.
const partSize = 5 << 20

// need is how many arguments each op takes at least.
var need = map[string]int{"mb": 1, "put": 3, "get": 3, "ls": 1, "cp": 3, "rm": 2, "presign": 2, "head": 2,
	"whoami": 0, "assume": 1}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: awsgov1client ENDPOINT OP ARGS...")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Args[1], os.Args[2], os.Args[3:]); err != nil {
		var aerr awserr.RequestFailure
		if errors.As(err, &aerr) {
			fmt.Fprintf(os.Stderr, "ERROR code=%s status=%d: %v\n", aerr.Code(), aerr.StatusCode(), err)
		} else {
			fmt.Fprintf(os.Stderr, "ERROR: %v\n", err)
		}
		os.Exit(1)
	}
}

// newSession is the setting docs/clients.md gives: the endpoint, the
// region, and path-style addressing.
func newSession(endpoint string) (*session.Session, error) {
	return session.NewSession(&aws.Config{
		Endpoint:         aws.String(endpoint),
		Region:           aws.String("us-east-1"),
		S3ForcePathStyle: aws.Bool(true),
		MaxRetries:       aws.Int(1),
	})
}

func run(ctx context.Context, endpoint, op string, args []string) error {
	if n, ok := need[op]; !ok || len(args) < n {
		return fmt.Errorf("unknown op %q or too few arguments %q", op, args)
	}
	sess, err := newSession(endpoint)
	if err != nil {
		return err
	}
	switch op {
	case "whoami", "assume":
		return stsCall(ctx, sts.New(sess), op, args)
	case "put":
		return put(ctx, sess, args[0], args[1], args[2], args[3:])
	case "get":
		return get(ctx, sess, args[0], args[1], args[2])
	}
	return s3Call(ctx, s3.New(sess), op, args)
}

// s3Call makes the single-request S3 ops.
func s3Call(ctx context.Context, c *s3.S3, op string, args []string) error {
	var err error
	switch op {
	case "mb":
		_, err = c.CreateBucketWithContext(ctx, &s3.CreateBucketInput{Bucket: aws.String(args[0])})
	case "ls":
		err = c.ListObjectsV2PagesWithContext(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(args[0])},
			func(page *s3.ListObjectsV2Output, _ bool) bool {
				for _, o := range page.Contents {
					fmt.Println(aws.StringValue(o.Key))
				}
				return true
			})
	case "cp":
		_, err = c.CopyObjectWithContext(ctx, &s3.CopyObjectInput{Bucket: aws.String(args[0]), Key: aws.String(args[2]),
			CopySource: aws.String(args[0] + "/" + args[1])})
	case "rm":
		_, err = c.DeleteObjectWithContext(ctx, &s3.DeleteObjectInput{Bucket: aws.String(args[0]), Key: aws.String(args[1])})
	case "presign":
		req, _ := c.GetObjectRequest(&s3.GetObjectInput{Bucket: aws.String(args[0]), Key: aws.String(args[1])})
		var u string
		if u, err = req.Presign(time.Hour); err == nil {
			fmt.Println(u)
		}
	default: // head
		err = head(ctx, c, args[0], args[1])
	}
	return err
}

// put uploads path with s3manager (multipart above partSize); extra args
// are metadata as name=value.
func put(ctx context.Context, sess *session.Session, bucket, key, path string, meta []string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	in := &s3manager.UploadInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: f, Metadata: map[string]*string{}}
	for _, kv := range meta {
		k, v, _ := strings.Cut(kv, "=")
		in.Metadata[k] = aws.String(v)
	}
	up := s3manager.NewUploader(sess, func(u *s3manager.Uploader) { u.PartSize = partSize })
	_, err = up.UploadWithContext(ctx, in)
	return err
}

// get downloads with s3manager, which starts with a ranged GetObject of
// the first part.
func get(ctx context.Context, sess *session.Session, bucket, key, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	down := s3manager.NewDownloader(sess, func(d *s3manager.Downloader) { d.PartSize = partSize })
	_, err = down.DownloadWithContext(ctx, f, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// head prints the object's user metadata as JSON, names lowercased.
func head(ctx context.Context, c *s3.S3, bucket, key string) error {
	out, err := c.HeadObjectWithContext(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return err
	}
	meta := map[string]string{}
	for k, v := range out.Metadata {
		meta[strings.ToLower(k)] = aws.StringValue(v)
	}
	return json.NewEncoder(os.Stdout).Encode(meta)
}

// stsCall prints GetCallerIdentity's ARN ("whoami"), or assumes role
// ARGS[0] and prints the session's ARN ("assume").
func stsCall(ctx context.Context, c *sts.STS, op string, args []string) error {
	if op == "whoami" {
		out, err := c.GetCallerIdentityWithContext(ctx, &sts.GetCallerIdentityInput{})
		if err == nil {
			fmt.Println(aws.StringValue(out.Arn))
		}
		return err
	}
	out, err := c.AssumeRoleWithContext(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(args[0]), RoleSessionName: aws.String("v1")})
	if err == nil {
		fmt.Println(aws.StringValue(out.AssumedRoleUser.Arn))
	}
	return err
}
