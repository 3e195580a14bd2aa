// Command loadgen sends signed requests to an S3/STS endpoint from many
// goroutines and reports requests per second, so fakeaws can be measured
// against a peer (moto_server) on the same machine.
//
//	go run ./bench/loadgen -endpoint http://127.0.0.1:4566 -op getobject -c 32 -d 10s
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const emptySHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "server URL")
	op := flag.String("op", "getobject", "getobject or callerid")
	conc := flag.Int("c", 32, "concurrent clients")
	dur := flag.Duration("d", 10*time.Second, "duration")
	key := flag.String("key", "111111111111", "access key id")
	secret := flag.String("secret", "test", "secret access key")
	flag.Parse()
	if err := run(*endpoint, *op, *key, *secret, *conc, *dur); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(endpoint, op, key, secret string, conc int, dur time.Duration) error {
	creds := aws.Credentials{AccessKeyID: key, SecretAccessKey: secret}
	signer := v4.NewSigner()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc}}
	do := func(method, url, service string, body string) (int, error) {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("x-amz-content-sha256", emptySHA)
		if body != "" {
			req.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
		}
		hash := req.Header.Get("x-amz-content-sha256")
		if err := signer.SignHTTP(context.Background(), creds, req, hash, service, "us-east-1", time.Now()); err != nil {
			return 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	var url, service, method = endpoint + "/loadgen-bucket/key", "s3", http.MethodGet
	switch op {
	case "getobject":
		if _, err := do(http.MethodPut, endpoint+"/loadgen-bucket", "s3", ""); err != nil {
			return err
		}
		if code, err := do(http.MethodPut, endpoint+"/loadgen-bucket/key", "s3", "hello world"); err != nil || code != 200 {
			return fmt.Errorf("put object: %d %v", code, err)
		}
	case "callerid":
		url, service = endpoint+"/?Action=GetCallerIdentity&Version=2011-06-15", "sts"
	default:
		return fmt.Errorf("unknown op %q", op)
	}
	var ok, failed atomic.Int64
	deadline := time.Now().Add(dur)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				code, err := do(method, url, service, "")
				if err != nil || code != 200 {
					failed.Add(1)
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("op=%s concurrency=%d duration=%s ok=%d failed=%d rate=%.0f req/s\n",
		op, conc, dur, ok.Load(), failed.Load(), float64(ok.Load())/dur.Seconds())
	return nil
}
