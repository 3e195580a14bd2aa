package store_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// createChildEnv makes the test binary a process that creates a store in
// the directory named by the variable, writes one record, and waits to be
// killed (TestCreateKilled).
const createChildEnv = "FAKEAWS_STORE_CREATE_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(createChildEnv); dir != "" {
		os.Exit(createChild(dir))
	}
	if dir := os.Getenv(queuedRemovalChildEnv); dir != "" {
		os.Exit(queuedRemovalChild(dir))
	}
	if arg := os.Getenv(readOnlyChildEnv); arg != "" {
		os.Exit(readOnlyChild(arg))
	}
	if dir := os.Getenv(migrateChildEnv); dir != "" {
		os.Exit(migrateChild(dir))
	}
	os.Exit(m.Run())
}

// createChild says "open" before Open and "acked" once its record is
// committed, then waits to be killed.
func createChild(dir string) int {
	fmt.Println("open")
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	err = db.Batch(context.Background(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3UploadKind("b"), "first", map[string]int{"n": 1})
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("acked")
	select {}
}

// TestCreateKilled kills a process at random instants while it creates a
// store and writes its first record: every time, the directory must hold
// either no database or a complete one that opens cleanly, and an
// acknowledged first record must be there.
func TestCreateKilled(t *testing.T) {
	t.Parallel()
	runs := 40
	if testing.Short() {
		runs = 8
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CREATE_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (CREATE_KILL_SEED=%d to repeat)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	outcomes := map[string]int{}
	for i := range runs {
		dir := filepath.Join(t.TempDir(), "data")
		delay := time.Duration(rng.IntN(8000)) * time.Microsecond
		acked := killDuringCreate(t, dir, delay)
		outcomes[checkAfterKill(t, dir, acked, delay)]++
		if t.Failed() {
			t.Fatalf("run %d (kill %v after Open began) failed", i, delay)
		}
	}
	t.Logf("outcomes: %v", outcomes)
}

// killDuringCreate starts a child creating a store in dir, kills it delay
// after it starts Open, and reports whether it had acknowledged its
// record.
func killDuringCreate(t *testing.T, dir string, delay time.Duration) (acked bool) {
	t.Helper()
	cmd, r := startChild(t, createChildEnv, dir)
	if line, err := r.ReadString('\n'); err != nil || line != "open\n" {
		_ = cmd.Process.Kill()
		t.Fatalf("child did not reach Open: %q, %v", line, err)
	}
	time.Sleep(delay)
	_ = cmd.Process.Kill()
	rest, _ := io.ReadAll(r)
	_ = cmd.Wait()
	return strings.Contains(string(rest), "acked")
}

// startChild starts this test binary as a child that runs the function
// TestMain picks by env (set to dir) instead of the tests, and returns it
// with a reader of its standard output.
func startChild(t *testing.T, env, dir string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewReader(out)
}

// checkAfterKill checks dir after a killed creation and names the
// outcome.
func checkAfterKill(t *testing.T, dir string, acked bool, delay time.Duration) string {
	t.Helper()
	_, statErr := os.Stat(filepath.Join(dir, "meta.db"))
	outcome := "no database"
	if statErr == nil {
		outcome = "database"
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Errorf("kill %v after Open began (%s): reopen = %v", delay, outcome, err)
		return outcome
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("kill %v after Open began: Check = %v", delay, err)
	}
	var got map[string]int
	err = db.View(context.Background(), func(tx *store.Tx) error {
		return tx.Get(store.Global, store.S3UploadKind("b"), "first", &got)
	})
	switch {
	case acked && err != nil:
		t.Errorf("kill %v after the first record was acknowledged: record = %v", delay, err)
	case acked:
		outcome = "acknowledged record"
	case err != nil && !errors.Is(err, store.ErrNotFound):
		t.Errorf("kill %v: read record = %v", delay, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "meta.db.new-*")); len(left) > 0 {
		t.Errorf("kill %v: unfinished databases left after reopening: %v", delay, left)
	}
	return outcome
}

// TestCreateRace: processes (here goroutines, each with its own file lock)
// creating a store in one new directory at once: one opens it, the others
// are told another fakeaws is using it, and the store is whole.
func TestCreateRace(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	const n = 4
	dbs := make([]*store.DB, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = store.Open(dir, store.Options{Timeout: 300 * time.Millisecond})
		}()
	}
	wg.Wait()
	opened := 0
	for i, err := range errs {
		switch {
		case err == nil:
			opened++
			if err := dbs[i].Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		case !strings.Contains(err.Error(), "another fakeaws is using"):
			t.Errorf("Open %d = %v, want success or another fakeaws is using", i, err)
		}
	}
	if opened != 1 {
		t.Errorf("%d of %d concurrent Opens succeeded, want 1", opened, n)
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen = %v", err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("Check = %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "meta.db.new-*")); len(left) > 0 {
		t.Errorf("unfinished databases left: %v", left)
	}
}

// TestCreateLeftovers: a temporary database left by a creation cut short
// (here, garbage) is neither taken for the store nor left behind.
func TestCreateLeftovers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	left := filepath.Join(dir, "meta.db.new-123")
	if err := os.WriteFile(left, []byte("half a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	defer db.Close()
	if db.NeedsSweep() {
		t.Error("NeedsSweep on a new store = true")
	}
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("leftover after Open: stat = %v, want not exist", err)
	}
}

// TestOpenEmptyFileInPlace: an empty meta.db with no bodies beside it (a
// creation cut short by an older fakeaws, or a file system without hard
// links, where bbolt creates meta.db in place) becomes a new store.
func TestOpenEmptyFileInPlace(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "meta.db"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	if err := db.Update(context.Background(), func(tx *store.Tx) error {
		return tx.Put(store.Global, store.S3UploadKind("b"), "k", map[string]int{})
	}); err != nil {
		t.Errorf("write = %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(dir, store.Options{})
	if err != nil {
		t.Fatalf("reopen = %v", err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Errorf("Check = %v", err)
	}
}
