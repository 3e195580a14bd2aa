package reliability

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/emulator/store"
)

const (
	killPlain     = "kill-plain"     // PUT, multipart and DeleteObjects
	killVersioned = "kill-versioned" // versioned overwrites of versionedKey
	versionedKey  = "v"
	assumer       = "assumer" // the IAM user whose key calls AssumeRole
)

// kill ends the server with SIGKILL and waits for it to be gone.
func (s *server) kill(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Kill()
	done := make(chan struct{})
	go func() {
		_ = s.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(stepTimeout):
		t.Fatal("step 'wait for the SIGKILLed fakeaws' hung")
	}
}

// The proof the issue asks for: several rounds of concurrent PutObject,
// multipart uploads, DeleteObjects, versioned overwrites, CreateRole and
// AssumeRole against the real binary, SIGKILL at a random moment, restart
// on the same data, and every acknowledged write checked by content:
// objects by bytes and ETag, deleted keys gone, every acknowledged version
// listed and readable, roles with the same RoleId, and the sessions
// acquired before the kill still working. Objects whose writes were cut off
// may be there or not, but only whole. Bounded: a few rounds of at most a
// few seconds each.
func TestKillLoopKeepsAcknowledgedWrites(t *testing.T) {
	t.Parallel()
	rounds := 4
	if testing.Short() {
		rounds = 2
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 11))
	dir := t.TempDir()
	s := start(t, dir)
	assumerKey, assumerSecret := setUpKillWorld(t, s)
	l := newLedger()
	for round := range rounds {
		before := l.ackCount()
		var killed atomic.Bool
		var wg sync.WaitGroup
		// Each start listens on a new port.
		assumerCfg := s.config(assumerKey, assumerSecret, "")
		for _, w := range killWorkers(s, assumerCfg, l, round) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := w(); err != nil && !killed.Load() {
					t.Errorf("round %d, before the kill: %v (status %d)", round, err, statusOf(err))
				}
			}()
		}
		// Kill once a few writes of this round are acknowledged, at a
		// random moment after that.
		waitUntil(t, fmt.Sprintf("round %d: first acknowledged writes", round),
			func() bool { return l.ackCount() >= before+6 || t.Failed() })
		time.Sleep(time.Duration(rng.IntN(800)) * time.Millisecond)
		killed.Store(true)
		s.kill(t)
		wg.Wait()
		if t.Failed() {
			return
		}
		s = start(t, dir)
		verifyLedger(t, s, l, round)
		t.Logf("round %d: %d writes acknowledged before the kill, all checked after the restart", round, l.ackCount()-before)
	}
	s.stop(t)
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("open %s after the kills: %v", filepath.Join(dir, "meta.db"), err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("store consistency after the kills: %v", err)
	}
}

// setUpKillWorld creates the buckets and the IAM user allowed to assume
// the account's roles, returning that user's access key.
func setUpKillWorld(t *testing.T, s *server) (id, secret string) {
	t.Helper()
	s.mustCreateBucket(t, killPlain, false)
	s.mustCreateBucket(t, killVersioned, true)
	ctx, cancel := stepCtx()
	defer cancel()
	cl := iam.NewFromConfig(s.rootConfig())
	if _, err := cl.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(assumer)}); err != nil {
		t.Fatal(hung("CreateUser", err))
	}
	allow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::` + account + `:role/*"}]}`
	if _, err := cl.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(assumer),
		PolicyName: aws.String("assume"), PolicyDocument: aws.String(allow)}); err != nil {
		t.Fatal(hung("PutUserPolicy", err))
	}
	key, err := cl.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(assumer)})
	if err != nil {
		t.Fatal(hung("CreateAccessKey", err))
	}
	return aws.ToString(key.AccessKey.AccessKeyId), aws.ToString(key.AccessKey.SecretAccessKey)
}

// killWorkers are the concurrent clients of one round. Each runs a bounded
// number of operations, records what was acknowledged, and stops at its
// first error (the kill, or a failure the test reports).
func killWorkers(s *server, assumerCfg aws.Config, l *ledger, round int) []func() error {
	cl := s.s3()
	put := func(w int) func() error {
		return func() error {
			for i := range 60 {
				key := fmt.Sprintf("p-%d-%d-%d", round, w, i)
				ctx, cancel := stepCtx()
				out, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(killPlain), Key: aws.String(key),
					Body: strings.NewReader(plainBody(key))})
				cancel()
				if err != nil {
					return hung("PutObject "+key, err)
				}
				l.ackObject(key, aws.ToString(out.ETag))
			}
			return nil
		}
	}
	multipart := func() error {
		for i := range 2 {
			key := fmt.Sprintf("m-%d-%d", round, i)
			body := plainBody(key)
			ctx, cancel := stepCtx()
			etag, err := multipartUpload(ctx, cl, killPlain, key, [][]byte{[]byte(body[:5<<20]), []byte(body[5<<20:])})
			cancel()
			if err != nil {
				return err
			}
			l.ackObject(key, etag)
		}
		return nil
	}
	deleteObjects := func() error {
		for range 30 {
			keys := l.takeForDelete(3)
			if len(keys) == 0 {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			if err := deleteAcked(cl, keys); err != nil {
				return err
			}
			l.ackDelete(keys)
		}
		return nil
	}
	versioned := func() error {
		for range 40 {
			seq := l.seq()
			ctx, cancel := stepCtx()
			out, err := cl.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(killVersioned), Key: aws.String(versionedKey),
				Body: strings.NewReader(versionBody(seq))})
			cancel()
			if err != nil {
				return hung(fmt.Sprintf("versioned PutObject #%d", seq), err)
			}
			l.ackVersion(seq, aws.ToString(out.VersionId))
		}
		return nil
	}
	roles := func() error {
		for i := range 10 {
			if err := createAndAssume(s, assumerCfg, l, fmt.Sprintf("kr-%d-%d", round, i)); err != nil {
				return err
			}
		}
		return nil
	}
	return []func() error{put(0), put(1), multipart, deleteObjects, versioned, roles}
}

// deleteAcked deletes keys with DeleteObjects; anything but every key
// deleted is an error.
func deleteAcked(cl *s3.Client, keys []string) error {
	var ids []s3types.ObjectIdentifier
	for _, k := range keys {
		ids = append(ids, s3types.ObjectIdentifier{Key: aws.String(k)})
	}
	ctx, cancel := stepCtx()
	defer cancel()
	out, err := cl.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String(killPlain),
		Delete: &s3types.Delete{Objects: ids}})
	if err != nil {
		return hung(fmt.Sprintf("DeleteObjects %v", keys), err)
	}
	if len(out.Errors) > 0 || len(out.Deleted) != len(keys) {
		return fmt.Errorf("DeleteObjects %v: %d deleted, errors %+v", keys, len(out.Deleted), out.Errors)
	}
	return nil
}

// createAndAssume creates role name trusting the account and assumes it as
// the assumer, recording both.
func createAndAssume(s *server, assumerCfg aws.Config, l *ledger, name string) error {
	ctx, cancel := stepCtx()
	defer cancel()
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + account + `:root"},"Action":"sts:AssumeRole"}]}`
	role, err := iam.NewFromConfig(s.rootConfig()).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name),
		AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		return hung("CreateRole "+name, err)
	}
	l.ackRole(name, aws.ToString(role.Role.RoleId))
	out, err := sts.NewFromConfig(assumerCfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: role.Role.Arn,
		RoleSessionName: aws.String("s-" + name)})
	if err != nil {
		return hung("AssumeRole "+name, err)
	}
	l.ackSession(session{role: name, name: "s-" + name, creds: *out.Credentials})
	return nil
}

// verifyLedger checks every acknowledged write on the restarted server.
func verifyLedger(t *testing.T, s *server, l *ledger, round int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*stepTimeout)
	defer cancel()
	prefix := fmt.Sprintf("round %d, after the restart: ", round)
	verifyObjects(ctx, t, s, l, prefix)
	verifyVersions(ctx, t, s, l, prefix)
	verifyRoles(ctx, t, s, l, prefix)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("%sstep 'verify the acknowledged writes' hung", prefix)
	}
}

// verifyObjects checks killPlain: every listed object is whole, every
// acknowledged one is listed with its ETag, every acknowledged delete
// holds. Objects whose DeleteObjects was cut off are settled to what the
// server shows, so later rounds check them strictly.
func verifyObjects(ctx context.Context, t *testing.T, s *server, l *ledger, prefix string) {
	cl := s.s3()
	listed := map[string]bool{}
	pages := s3.NewListObjectsV2Paginator(cl, &s3.ListObjectsV2Input{Bucket: aws.String(killPlain)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("%s%v", prefix, hung("ListObjectsV2 "+killPlain, err))
		}
		for _, o := range page.Contents {
			listed[aws.ToString(o.Key)] = true
		}
	}
	for key := range listed {
		body, etag, _, err := getObject(ctx, cl, killPlain, key, "")
		if err != nil || body != plainBody(key) {
			t.Errorf("%sGET %s (listed) = %d bytes, %v; want its %d bytes", prefix, key, len(body), err, len(plainBody(key)))
		}
		o, acked := l.objects[key]
		switch {
		case acked && o.state == deleted:
			t.Errorf("%s%s is listed, but its DeleteObjects was acknowledged", prefix, key)
		case acked && o.state == present && etag != o.etag:
			t.Errorf("%sGET %s: ETag %s, acknowledged %s", prefix, key, etag, o.etag)
		}
	}
	for key, o := range l.objects {
		switch {
		case o.state == present && !listed[key]:
			t.Errorf("%s%s was acknowledged (ETag %s) but is not listed", prefix, key, o.etag)
		case o.state == deleting && listed[key]:
			l.objects[key] = object{state: present, etag: o.etag}
		case o.state == deleting:
			l.objects[key] = object{state: deleted}
		}
	}
}

// verifyVersions checks every acknowledged version of versionedKey is
// listed and reads back, and that the current version is the last
// acknowledged one or a later one.
func verifyVersions(ctx context.Context, t *testing.T, s *server, l *ledger, prefix string) {
	cl := s.s3()
	listed := map[string]bool{}
	pages := s3.NewListObjectVersionsPaginator(cl, &s3.ListObjectVersionsInput{Bucket: aws.String(killVersioned)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatalf("%s%v", prefix, hung("ListObjectVersions "+killVersioned, err))
		}
		for _, v := range page.Versions {
			listed[aws.ToString(v.VersionId)] = true
		}
	}
	last := 0
	for _, v := range l.versions {
		last = max(last, v.seq)
		if !listed[v.id] {
			t.Errorf("%sversion %s (#%d) was acknowledged but is not listed", prefix, v.id, v.seq)
			continue
		}
		if body, _, _, err := getObject(ctx, cl, killVersioned, versionedKey, v.id); err != nil || body != versionBody(v.seq) {
			t.Errorf("%sGET version %s (#%d) = %.40q, %v; want version #%d", prefix, v.id, v.seq, body, err, v.seq)
		}
	}
	if last == 0 {
		return
	}
	body, _, _, err := getObject(ctx, cl, killVersioned, versionedKey, "")
	var seq int
	if err == nil {
		_, err = fmt.Sscanf(body, versionedKey+"#%d\n", &seq)
	}
	if err != nil || seq < last || body != versionBody(seq) {
		t.Errorf("%scurrent version of %s = %.40q, %v; want #%d or a later one, whole", prefix, versionedKey, body, err, last)
	}
}

// verifyRoles checks every acknowledged role keeps its RoleId and every
// session acquired before a kill still acts as its role.
func verifyRoles(ctx context.Context, t *testing.T, s *server, l *ledger, prefix string) {
	cl := iam.NewFromConfig(s.rootConfig())
	for name, id := range l.roles {
		out, err := cl.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
		if err != nil || aws.ToString(out.Role.RoleId) != id {
			t.Errorf("%sGetRole %s: %v; want RoleId %s", prefix, name, err, id)
		}
	}
	for _, ses := range l.sessions {
		if ses.expired() {
			continue
		}
		c := ses.creds
		cfg := s.config(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
		out, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		want := "arn:aws:sts::" + account + ":assumed-role/" + ses.role + "/" + ses.name
		if err != nil || aws.ToString(out.Arn) != want {
			t.Errorf("%ssession %s of %s: GetCallerIdentity %v; want %s", prefix, ses.name, ses.role, err, want)
		}
	}
}
