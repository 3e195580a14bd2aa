package emulator_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// An access key's last use is written at most hourly while serving; the
// uses in between are coalesced, and Server.Close writes the latest, so a
// graceful shutdown loses none (issue 12).
func TestCloseWritesCoalescedKeyUse(t *testing.T) {
	t.Parallel()
	ts, srv := emulatortest.Start(t, emulator.Options{})
	root := "111111111111"
	if code, body := signedQuery(t, ts, root, "test", "iam", "Action=CreateUser&UserName=alice&Version=2010-05-08"); code != 200 {
		t.Fatalf("CreateUser = %d %s", code, body)
	}
	code, body := signedQuery(t, ts, root, "test", "iam", "Action=CreateAccessKey&UserName=alice&Version=2010-05-08")
	if code != 200 {
		t.Fatalf("CreateAccessKey = %d %s", code, body)
	}
	id := regexp.MustCompile(`<AccessKeyId>([^<]+)<`).FindStringSubmatch(body)
	secret := regexp.MustCompile(`<SecretAccessKey>([^<]+)<`).FindStringSubmatch(body)
	if id == nil || secret == nil {
		t.Fatalf("CreateAccessKey body without a key: %s", body)
	}
	lastUsed := func() string {
		t.Helper()
		code, body := signedQuery(t, ts, root, "test", "iam", "Action=GetAccessKeyLastUsed&AccessKeyId="+id[1]+"&Version=2010-05-08")
		if code != 200 {
			t.Fatalf("GetAccessKeyLastUsed = %d %s", code, body)
		}
		m := regexp.MustCompile(`<LastUsedDate>([^<]+)<`).FindStringSubmatch(body)
		if m == nil {
			return ""
		}
		return m[1]
	}
	use := func() {
		t.Helper()
		if code, body := signedQuery(t, ts, id[1], secret[1], "sts", "Action=GetCallerIdentity&Version=2011-06-15"); code != 200 {
			t.Fatalf("GetCallerIdentity with alice's key = %d %s", code, body)
		}
	}
	use()
	first := lastUsed()
	if first == "" {
		t.Fatal("no LastUsedDate after the first use")
	}
	if _, err := srv.Clock().Advance(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	use()
	if got := lastUsed(); got != first {
		t.Fatalf("LastUsedDate after a second use within the hour = %s, want the first (%s) until flushed", got, first)
	}
	if err := srv.Close(context.Background()); err != nil {
		t.Fatalf("Close = %v", err)
	}
	if got := lastUsed(); got == first || got == "" {
		t.Errorf("LastUsedDate after Close = %q, want the second use, 10 minutes after %s", got, first)
	}
}

// Close tries both kinds of coalesced use even when the first write fails:
// writes that cannot be made (here, a context already cancelled) fail
// both, and the error names both, so neither kind is given up unreported.
func TestCloseTriesEveryFlush(t *testing.T) {
	t.Parallel()
	ts, srv := emulatortest.Start(t, emulator.Options{})
	root := "111111111111"
	steps := []string{
		"Action=CreateUser&UserName=alice&Version=2010-05-08",
		"Action=PutUserPolicy&UserName=alice&PolicyName=p&PolicyDocument=" + url.QueryEscape(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}`) + "&Version=2010-05-08",
	}
	for _, s := range steps {
		if code, body := signedQuery(t, ts, root, "test", "iam", s); code != 200 {
			t.Fatalf("%s = %d %s", s, code, body)
		}
	}
	_, body := signedQuery(t, ts, root, "test", "iam", "Action=CreateAccessKey&UserName=alice&Version=2010-05-08")
	id := regexp.MustCompile(`<AccessKeyId>([^<]+)<`).FindStringSubmatch(body)
	secret := regexp.MustCompile(`<SecretAccessKey>([^<]+)<`).FindStringSubmatch(body)
	if id == nil || secret == nil {
		t.Fatalf("CreateAccessKey body without a key: %s", body)
	}
	// The first use is written at once; the second, ten minutes later,
	// waits in memory for Close.
	for i := 0; i < 2; i++ {
		if code, body := signedQuery(t, ts, id[1], secret[1], "iam", "Action=GetUser&Version=2010-05-08"); code != 200 {
			t.Fatalf("GetUser as alice = %d %s", code, body)
		}
		if _, err := srv.Clock().Advance(10 * time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	err := srv.Close(cancelled)
	if err == nil || !strings.Contains(err.Error(), "access key last use") || !strings.Contains(err.Error(), "last accessed data") {
		t.Fatalf("Close that cannot write = %v, want both writes' errors", err)
	}
}
