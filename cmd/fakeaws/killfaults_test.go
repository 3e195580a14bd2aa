package main

import (
	"bytes"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/google/uuid"

	s3emu "github.com/fakeaws/fakeaws/emulator/s3"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// killEnv is one round of a kill probe: a running child server and
// clients for it, as the root of 111111111111.
type killEnv struct {
	t     *testing.T
	url   string
	round int
	rng   *rand.Rand
}

func (k *killEnv) config(key, secret string) aws.Config {
	return aws.Config{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(k.url),
		Credentials:  credentials.NewStaticCredentialsProvider(key, secret, ""),
		HTTPClient:   &http.Client{Timeout: 60 * time.Second},
		// A retried request would hide whether the first one was answered.
		Retryer: func() aws.Retryer { return aws.NopRetryer{} },
	}
}

func (k *killEnv) s3() *s3.Client {
	return s3.NewFromConfig(k.config("111111111111", "test"), func(o *s3.Options) { o.UsePathStyle = true })
}

func (k *killEnv) iam() *iam.Client { return iam.NewFromConfig(k.config("111111111111", "test")) }

// killProbe is one awkward moment: prepare readies the round's state and
// returns the operation the kill lands in (act, nil error = acknowledged),
// how long the operation takes at most (the kill comes at a random moment
// within it), and the check run against the restarted server.
type killProbe struct {
	name    string
	rounds  int
	prepare func(k *killEnv) (act func(ctx context.Context) error, window time.Duration, check func(k *killEnv, acked bool))
}

// Kills at awkward moments: a SIGKILL lands somewhere inside a large
// CompleteMultipartUpload, a DeleteObjects of many keys, a burst of IAM
// writes, or a reset of the whole store; after the restart every acknowledged write is there whole,
// nothing unacknowledged is half there (an upload both completed and
// still listed, an object whose body is not its own, a user without the
// policy its acknowledged PutUserPolicy wrote), the store passes bbolt's
// check, and every body left unreferenced by the kill is one the store
// knows it must sweep (no bytes leaked for good).
func TestKillAtAwkwardMoments(t *testing.T) {
	t.Parallel()
	probes := []killProbe{
		{"CompleteMultipartUpload of 5 parts", 2, prepareCompleteKill},
		{"DeleteObjects of 300 keys", 2, prepareDeleteObjectsKill},
		{"IAM write burst", 2, prepareIAMBurstKill},
		{"POST /_fakeaws/reset", 2, prepareResetKill},
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	for i, p := range probes {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, uint64(i)))
			dir := t.TempDir()
			for round := range p.rounds {
				cmd, url := startChild(t, dir)
				k := &killEnv{t: t, url: url, round: round, rng: rng}
				act, window, check := p.prepare(k)
				done := make(chan error, 1)
				go func() { done <- act(context.Background()) }()
				time.Sleep(time.Duration(rng.Int64N(int64(window))))
				_ = cmd.Process.Signal(syscall.SIGKILL)
				_ = cmd.Wait()
				acked := <-done == nil
				cmd, k.url = startChild(t, dir)
				check(k, acked)
				stopChild(t, cmd)
				t.Logf("round %d: acknowledged before the kill: %v", round, acked)
				if t.Failed() {
					return
				}
			}
			checkStoreAfterKills(t, dir)
		})
	}
}

// stopChild stops a child server with SIGTERM: it must exit cleanly.
func stopChild(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("graceful stop: %v", err)
	}
}

// checkStoreAfterKills opens the stopped store: bbolt's check passes, and
// if a sweep of unreferenced bodies finds anything, the store said it
// needed one (a body a kill left behind is swept at a later start, never
// kept for good).
func checkStoreAfterKills(t *testing.T, dir string) {
	t.Helper()
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen store: %v", err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("store consistency after kills: %v", err)
	}
	needed := db.NeedsSweep()
	before, err := db.BodyIDs()
	if err != nil {
		t.Fatal(err)
	}
	if err := s3emu.New(s3emu.Options{DB: db}).Sweep(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, err := db.BodyIDs()
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) && !needed {
		t.Errorf("%d bodies were unreferenced but the store did not know it needed a sweep", len(before)-len(after))
	}
}

func ensureBucket(k *killEnv, name string) {
	k.t.Helper()
	_, err := k.s3().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)})
	var owned *types.BucketAlreadyOwnedByYou
	if err != nil && !errors.As(err, &owned) {
		k.t.Fatalf("CreateBucket %s: %v", name, err)
	}
}

// partBytes is part n of round's upload: its bytes name both.
func partBytes(round, n, size int) []byte {
	b := bytes.Repeat([]byte(fmt.Sprintf("round %d part %02d|", round, n)), size/16+1)
	return b[:size]
}

// prepareCompleteKill uploads 5 parts (4 of 5 MiB and a last of 1 MiB)
// and a 6th that the completion leaves out, and returns the completion:
// streaming 21 MiB for the object's checksum, then one commit.
func prepareCompleteKill(k *killEnv) (func(context.Context) error, time.Duration, func(*killEnv, bool)) {
	t, ctx, c := k.t, context.Background(), k.s3()
	ensureBucket(k, "mpu")
	key := fmt.Sprintf("obj-%d", k.round)
	up, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	size := func(n int) int {
		if n < 5 {
			return 5 << 20
		}
		return 1 << 20
	}
	var parts []types.CompletedPart
	whole := md5.New()
	for n := 1; n <= 6; n++ {
		p, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String(key), UploadId: up.UploadId,
			PartNumber: aws.Int32(int32(n)), Body: bytes.NewReader(partBytes(k.round, n, size(n)))})
		if err != nil {
			t.Fatalf("UploadPart %d: %v", n, err)
		}
		if n <= 5 {
			parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(int32(n)), ETag: p.ETag})
			whole.Write(partBytes(k.round, n, size(n)))
		}
	}
	wantMD5 := whole.Sum(nil)
	var ackedETag string
	complete := func(ctx context.Context, c *s3.Client) error {
		out, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String(key),
			UploadId: up.UploadId, MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}})
		if err == nil {
			ackedETag = aws.ToString(out.ETag)
		}
		return err
	}
	act := func(ctx context.Context) error { return complete(ctx, c) }
	check := func(k *killEnv, acked bool) {
		t, c := k.t, k.s3()
		listed := uploadListed(t, c, "mpu", key, aws.ToString(up.UploadId))
		obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String(key)})
		exists := err == nil
		if exists {
			h := md5.New()
			n, err := io.Copy(h, obj.Body)
			obj.Body.Close()
			if err != nil || !bytes.Equal(h.Sum(nil), wantMD5) || n != 4*(5<<20)+(1<<20) {
				t.Errorf("completed object: %d bytes (%v), not the 5 parts whole", n, err)
			}
			if acked && aws.ToString(obj.ETag) != ackedETag {
				t.Errorf("ETag = %s, the acknowledged completion said %s", aws.ToString(obj.ETag), ackedETag)
			}
		}
		switch {
		case exists && listed:
			t.Errorf("upload %s both completed and still listed", key)
		case !exists && !listed:
			t.Errorf("upload %s neither completed nor listed: lost", key)
		case acked && !exists:
			t.Errorf("acknowledged completion of %s lost", key)
		case listed:
			// Not completed: it still completes, whole.
			if err := complete(ctx, c); err != nil {
				t.Errorf("completing %s after the restart: %v", key, err)
			}
		}
	}
	return act, 250 * time.Millisecond, check
}

// uploadListed reports whether ListMultipartUploads lists upload id of key.
func uploadListed(t *testing.T, c *s3.Client, bucket, key, id string) bool {
	t.Helper()
	out, err := c.ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: aws.String(bucket), Prefix: aws.String(key)})
	if err != nil {
		t.Fatalf("ListMultipartUploads: %v", err)
	}
	for _, u := range out.Uploads {
		if aws.ToString(u.Key) == key && aws.ToString(u.UploadId) == id {
			return true
		}
	}
	return false
}

// prepareDeleteObjectsKill writes 300 objects (one in ten a body file)
// and returns one DeleteObjects of them all.
func prepareDeleteObjectsKill(k *killEnv) (func(context.Context) error, time.Duration, func(*killEnv, bool)) {
	t, ctx, c := k.t, context.Background(), k.s3()
	ensureBucket(k, "del")
	keys := make([]string, 300)
	content := func(i int) []byte {
		size := 100
		if i%10 == 0 {
			size = store.InlineMax + 100
		}
		return partBytes(k.round, i, size)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(keys))
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(keys); i += 8 {
				keys[i] = fmt.Sprintf("r%d/k%04d", k.round, i)
				if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("del"), Key: aws.String(keys[i]), Body: bytes.NewReader(content(i))}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	ids := make([]types.ObjectIdentifier, len(keys))
	for i, key := range keys {
		ids[i] = types.ObjectIdentifier{Key: aws.String(key)}
	}
	act := func(ctx context.Context) error {
		out, err := c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("del"), Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)}})
		if err == nil && len(out.Errors) > 0 {
			return fmt.Errorf("DeleteObjects: %d errors", len(out.Errors))
		}
		return err
	}
	check := func(k *killEnv, acked bool) {
		t, c := k.t, k.s3()
		listed := map[string]bool{}
		p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("del"), Prefix: aws.String(fmt.Sprintf("r%d/", k.round))})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range page.Contents {
				listed[aws.ToString(o.Key)] = true
			}
		}
		if acked && len(listed) > 0 {
			t.Errorf("%d keys listed after an acknowledged DeleteObjects of them", len(listed))
		}
		for i, key := range keys {
			obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("del"), Key: aws.String(key)})
			if err != nil {
				if listed[key] {
					t.Errorf("%s listed but GET: %v", key, err)
				}
				continue
			}
			got, err := io.ReadAll(obj.Body)
			obj.Body.Close()
			if !listed[key] {
				t.Errorf("%s not listed but GET answers", key)
			}
			if err != nil || !bytes.Equal(got, content(i)) {
				t.Errorf("%s = %d bytes (%v), not its own body", key, len(got), err)
			}
		}
		t.Logf("round %d: %d of %d keys left after the kill", k.round, len(listed), len(keys))
	}
	return act, 150 * time.Millisecond, check
}

// iamLedger records the IAM writes acknowledged before a kill.
type iamLedger struct {
	mu       sync.Mutex
	users    map[string]string // name → UserId answered
	policies map[string]string // user → inline policy document put
	keys     map[string][2]string
	attached map[string]bool
}

// prepareIAMBurstKill returns a burst of IAM writes from six writers:
// CreateUser, PutUserPolicy, CreateAccessKey and AttachUserPolicy, one
// user after another, until the kill.
func prepareIAMBurstKill(k *killEnv) (func(context.Context) error, time.Duration, func(*killEnv, bool)) {
	c := k.iam()
	l := &iamLedger{users: map[string]string{}, policies: map[string]string{}, keys: map[string][2]string{}, attached: map[string]bool{}}
	managed := "arn:aws:iam::aws:policy/ReadOnlyAccess"
	writer := func(ctx context.Context, w int) error {
		for i := 0; ; i++ {
			name := fmt.Sprintf("u-%d-%d-%d", k.round, w, i)
			u, err := c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(name)})
			if err != nil {
				return err
			}
			l.mu.Lock()
			l.users[name] = aws.ToString(u.User.UserId)
			l.mu.Unlock()
			doc := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}`, name)
			if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)}); err != nil {
				return err
			}
			l.mu.Lock()
			l.policies[name] = doc
			l.mu.Unlock()
			key, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
			if err != nil {
				return err
			}
			l.mu.Lock()
			l.keys[name] = [2]string{aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey)}
			l.mu.Unlock()
			if _, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(name), PolicyArn: aws.String(managed)}); err != nil {
				return err
			}
			l.mu.Lock()
			l.attached[name] = true
			l.mu.Unlock()
		}
	}
	act := func(ctx context.Context) error {
		errs := make(chan error, 6)
		for w := range 6 {
			go func() { errs <- writer(ctx, w) }()
		}
		var first error
		for range 6 {
			first = cmpOr(first, <-errs)
		}
		return first
	}
	check := func(k *killEnv, _ bool) {
		t, ctx, c := k.t, context.Background(), k.iam()
		l.mu.Lock()
		defer l.mu.Unlock()
		for name, id := range l.users {
			u, err := c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
			if err != nil || aws.ToString(u.User.UserId) != id {
				t.Errorf("acknowledged user %s: %v (want UserId %s)", name, err, id)
				continue
			}
			if doc, ok := l.policies[name]; ok {
				p, err := c.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String("p")})
				got := ""
				if err == nil {
					got, _ = url.QueryUnescape(aws.ToString(p.PolicyDocument))
				}
				if got != doc {
					t.Errorf("acknowledged policy of %s = %q (%v), want %q", name, got, err, doc)
				}
			}
			if l.attached[name] {
				out, err := c.ListAttachedUserPolicies(ctx, &iam.ListAttachedUserPoliciesInput{UserName: aws.String(name)})
				if err != nil || !slices.ContainsFunc(out.AttachedPolicies, func(p iamtypes.AttachedPolicy) bool { return aws.ToString(p.PolicyArn) == managed }) {
					t.Errorf("acknowledged attachment to %s missing: %v", name, err)
				}
			}
		}
		checkAckedKeys(k, l)
		t.Logf("round %d: %d users, %d keys acknowledged before the kill", k.round, len(l.users), len(l.keys))
	}
	return act, 400 * time.Millisecond, check
}

// checkAckedKeys signs in with a few acknowledged access keys: each is
// the user it was created for.
func checkAckedKeys(k *killEnv, l *iamLedger) {
	n := 0
	for name, key := range l.keys {
		if n++; n > 6 {
			return
		}
		c := sts.NewFromConfig(k.config(key[0], key[1]))
		out, err := c.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		if want := "arn:aws:iam::111111111111:user/" + name; err != nil || aws.ToString(out.Arn) != want {
			k.t.Errorf("acknowledged key of %s: %v, want %s", name, err, want)
		}
	}
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// orphanFiles writes n body files no record names, last modified an hour
// ago: what writes cut short by a kill leave in bodies/.
func orphanFiles(t *testing.T, dir string, n int) []string {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	names := make([]string, n)
	for i := range n {
		names[i] = uuid.NewString()
		p := filepath.Join(dir, "bodies", names[i])
		if err := os.WriteFile(p, []byte("orphan"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// The start-up sweep of unreferenced bodies killed at random moments, three
// times over, with more leftovers added each time: no referenced body is
// ever removed (every object reads whole), and a start after the last kill
// removes every leftover. The sweep runs only after an unclean stop, and a
// kill during it leaves the store unclean, so the next start sweeps again.
func TestKillDuringStartupSweep(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	dir := t.TempDir()
	cmd, url := startChild(t, dir)
	k := &killEnv{t: t, url: url}
	ensureBucket(k, "sweep")
	content := func(i int) []byte {
		size := 200
		if i%3 == 0 {
			size = store.InlineMax + 200
		}
		return partBytes(0, i, size)
	}
	const objects = 30
	for i := range objects {
		if _, err := k.s3().PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("sweep"),
			Key: aws.String(fmt.Sprint("o", i)), Body: bytes.NewReader(content(i))}); err != nil {
			t.Fatal(err)
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	var orphans []string
	left := func() (n int) {
		for _, o := range orphans {
			if _, err := os.Stat(filepath.Join(dir, "bodies", o)); err == nil {
				n++
			}
		}
		return n
	}
	for round := range 3 {
		orphans = append(orphans, orphanFiles(t, dir, 1500)...)
		cmd, _ = startChild(t, dir)
		time.Sleep(time.Duration(rng.IntN(100)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		t.Logf("kill %d: %d of %d leftovers not swept yet", round, left(), len(orphans))
	}
	cmd, k.url = startChild(t, dir)
	defer stopChild(t, cmd)
	deadline := time.Now().Add(20 * time.Second)
	for n := len(orphans); n > 0; {
		n = left()
		if n > 0 && time.Now().After(deadline) {
			t.Fatalf("%d of %d leftover bodies still there 20 s after the start", n, len(orphans))
		}
		time.Sleep(20 * time.Millisecond)
	}
	for i := range objects {
		obj, err := k.s3().GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("sweep"), Key: aws.String(fmt.Sprint("o", i))})
		if err != nil {
			t.Errorf("GET o%d after the sweeps: %v", i, err)
			continue
		}
		got, err := io.ReadAll(obj.Body)
		obj.Body.Close()
		if err != nil || !bytes.Equal(got, content(i)) {
			t.Errorf("o%d = %d bytes (%v), not its body", i, len(got), err)
		}
	}
}

// prepareResetKill writes 150 objects (one in five a body file) and a
// user, and returns POST /_fakeaws/reset: records go in one transaction,
// then the bodies directory. After the kill the store is either wholly as
// it was or wholly empty.
func prepareResetKill(k *killEnv) (func(context.Context) error, time.Duration, func(*killEnv, bool)) {
	t, ctx, c := k.t, context.Background(), k.s3()
	ensureBucket(k, "reset")
	content := func(i int) []byte {
		size := 300
		if i%5 == 0 {
			size = store.InlineMax + 300
		}
		return partBytes(k.round, i, size)
	}
	const objects = 150
	for i := range objects {
		if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("reset"), Key: aws.String(fmt.Sprint("o", i)), Body: bytes.NewReader(content(i))}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := k.iam().CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(fmt.Sprint("before-reset-", k.round))}); err != nil {
		t.Fatal(err)
	}
	url := k.url
	act := func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/_fakeaws/reset", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode/100 != 2 {
			return fmt.Errorf("reset = %d", resp.StatusCode)
		}
		return nil
	}
	check := func(k *killEnv, acked bool) {
		t, c := k.t, k.s3()
		_, userErr := k.iam().GetUser(ctx, &iam.GetUserInput{UserName: aws.String(fmt.Sprint("before-reset-", k.round))})
		found := 0
		for i := range objects {
			obj, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("reset"), Key: aws.String(fmt.Sprint("o", i))})
			if err != nil {
				continue
			}
			got, err := io.ReadAll(obj.Body)
			obj.Body.Close()
			if err != nil || !bytes.Equal(got, content(i)) {
				t.Errorf("o%d = %d bytes (%v), not its body", i, len(got), err)
			}
			found++
		}
		switch {
		case acked && (found > 0 || userErr == nil):
			t.Errorf("after an acknowledged reset: %d objects and the user (%v) remain", found, userErr)
		case found != 0 && found != objects:
			t.Errorf("%d of %d objects after a reset cut short: the reset was neither done nor undone", found, objects)
		case (found == objects) != (userErr == nil):
			t.Errorf("objects: %d of %d, user: %v: the records were reset in part", found, objects, userErr)
		}
		t.Logf("round %d: %d objects left", k.round, found)
	}
	return act, 60 * time.Millisecond, check
}
