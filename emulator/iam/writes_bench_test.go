package iam

import (
	"fmt"
	"net/http"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/managed"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// newBenchEnv is newEnv as a server runs it: no rehearsal of commit
// rounds, no store check, no log.
func newBenchEnv(b *testing.B) *testEnv {
	db, err := store.Open(b.TempDir(), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	set, err := managed.Load()
	if err != nil {
		b.Fatal(err)
	}
	e := &testEnv{t: b, db: db, now: fixedNow}
	e.h = New(Options{DB: db, Authz: authz.New(db, authz.Options{Managed: set}), Managed: set,
		Now: func() time.Time { return e.now }})
	return e
}

// BenchmarkIAMWritesParallel: IAM writes from 64 writers at once, as
// parallel Terraform applies or a test suite's setup send them;
// concurrent writes share commit rounds (store.DB.Batch). Each writer
// works on entities of its own: CreateUser then DeleteUser of a user
// (two writes per op), PutUserPolicy on its user, TagRole on its role.
func BenchmarkIAMWritesParallel(b *testing.B) {
	const policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	ops := []struct {
		name string
		do   func(e *testEnv, writer int64, i int) response
	}{
		{"CreateDeleteUser", func(e *testEnv, writer int64, i int) response {
			name := fmt.Sprintf("cd-%d", writer)
			if r := e.call("CreateUser", "UserName", name); r.status != http.StatusOK {
				return r
			}
			return e.call("DeleteUser", "UserName", name)
		}},
		{"PutUserPolicy", func(e *testEnv, writer int64, i int) response {
			return e.call("PutUserPolicy", "UserName", fmt.Sprintf("u-%d", writer),
				"PolicyName", fmt.Sprintf("p%d", i%4), "PolicyDocument", policy)
		}},
		{"TagRole", func(e *testEnv, writer int64, i int) response {
			return e.call("TagRole", "RoleName", fmt.Sprintf("r-%d", writer),
				"Tags.member.1.Key", fmt.Sprintf("k%d", i%8), "Tags.member.1.Value", "v")
		}},
	}
	const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			e := newBenchEnv(b)
			// Writers number from 1: 32 per core, 64 on 2 cores.
			for w := 1; w <= 32*runtime.GOMAXPROCS(0); w++ {
				e.must("CreateUser", "UserName", fmt.Sprintf("u-%d", w))
				e.must("CreateRole", "RoleName", fmt.Sprintf("r-%d", w), "AssumeRolePolicyDocument", trust)
			}
			var writer atomic.Int64
			var failed atomic.Value
			b.ReportAllocs()
			b.SetParallelism(32) // 64 writers on 2 cores
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				id := writer.Add(1)
				for i := 0; pb.Next(); i++ {
					if r := op.do(e, id, i); r.status != http.StatusOK {
						failed.CompareAndSwap(nil, fmt.Sprintf("%s: %d %s", op.name, r.status, r.body))
					}
				}
			})
			if f := failed.Load(); f != nil {
				b.Fatal(f)
			}
		})
	}
}
