package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// crashChildEnv makes the test binary act as the fakeaws server, so the
// crash test can kill a real server process with SIGKILL.
const crashChildEnv = "FAKEAWS_CRASH_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(crashChildEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := run(ctx, os.Args[len(os.Args)-4:], nil, os.Stdout, io.Discard); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		stop()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// startChild runs a server process over dir and returns its URL.
func startChild(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "--addr", "127.0.0.1:0", "--data", dir)
	cmd.Env = append(os.Environ(), crashChildEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		t.Fatalf("child did not start: %v", err)
	}
	url, _ := strings.CutPrefix(strings.TrimSpace(line), "fakeaws listening on ")
	return cmd, url
}

// body is the content object key must have: its size is in the key and its
// bytes are derived from the key, so any partial or mixed body shows.
func body(key string) []byte {
	size, _ := strconv.Atoi(key[strings.LastIndexByte(key, '-')+1:])
	b := make([]byte, size)
	for i := range b {
		b[i] = key[i%len(key)] ^ byte(i)
	}
	return b
}

func signedDo(t *testing.T, method, url string, payload []byte) (*http.Response, error) {
	req, err := http.NewRequest(method, url, bytes.NewReader(payload))
	if err != nil {
		return nil, err
	}
	req.Header.Set("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
	creds := aws.Credentials{AccessKeyID: "111111111111", SecretAccessKey: "test"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	return http.DefaultClient.Do(req)
}

// TestKillDuringUploadsLosesNothing kills the server with SIGKILL while
// uploads are in flight, several times, and checks after each restart that
// every listed object has exactly its full body, and at the end that the
// store passes bbolt's consistency check. A crash must never corrupt the
// store or leave a half-written object visible.
func TestKillDuringUploadsLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	dir := t.TempDir()
	for round := range 3 {
		cmd, url := startChild(t, dir)
		if round == 0 {
			resp, err := signedDo(t, http.MethodPut, url+"/crash-bucket", nil)
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("create bucket: %v %v", resp, err)
			}
			resp.Body.Close()
		}
		var wg sync.WaitGroup
		for w := range 6 {
			wg.Add(1)
			go func(w int, sizes []int) {
				defer wg.Done()
				for i, size := range sizes {
					key := fmt.Sprintf("obj-%d-%d-%d-%d", round, w, i, size)
					resp, err := signedDo(t, http.MethodPut, url+"/crash-bucket/"+key, body(key))
					if err != nil {
						return // the server was killed
					}
					resp.Body.Close()
				}
			}(w, sizes(rng, 10))
		}
		time.Sleep(time.Duration(30+rng.IntN(150)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		wg.Wait()
		_ = cmd.Wait()

		cmd, url = startChild(t, dir)
		checked := verifyObjects(t, url)
		t.Logf("round %d: %d complete objects after the kill", round, checked)
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("graceful stop after round %d: %v", round, err)
		}
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen store: %v", err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("store consistency after kills: %v", err)
	}
}

// verifyObjects lists the bucket and checks every object's body.
func verifyObjects(t *testing.T, url string) int {
	t.Helper()
	resp, err := signedDo(t, http.MethodGet, url+"/crash-bucket?list-type=2&max-keys=1000", nil)
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Contents []struct {
			Key  string
			Size int
		}
	}
	err = xml.NewDecoder(resp.Body).Decode(&list)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("list after restart: %v", err)
	}
	for _, o := range list.Contents {
		want := body(o.Key)
		if o.Size != len(want) {
			t.Errorf("%s listed with size %d, want %d", o.Key, o.Size, len(want))
			continue
		}
		resp, err := signedDo(t, http.MethodGet, url+"/crash-bucket/"+o.Key, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !bytes.Equal(got, want) {
			t.Errorf("GET %s = %d, %d bytes; want 200 and its full %d-byte body", o.Key, resp.StatusCode, len(got), len(want))
		}
	}
	return len(list.Contents)
}

func sizes(rng *rand.Rand, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = rng.IntN(2 << 20)
	}
	return out
}
