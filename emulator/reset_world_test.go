package emulator_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestResetReturnsToTheConfigWorld pins CONTRACT's reset: back to the
// --config world (its keys keep working), not an empty store.
func TestResetReturnsToTheConfigWorld(t *testing.T) {
	t.Parallel()
	c, err := config.Load(filepath.Join("..", "examples", "emrys-odin-bare.json"))
	if err != nil {
		t.Fatal(err)
	}
	world := func(ctx context.Context, s *emulator.Server) error { return config.Apply(ctx, s, c, config.Options{}) }
	ts, srv := emulatortest.Start(t, emulator.Options{StartingWorld: world})
	if err := world(context.Background(), srv); err != nil {
		t.Fatal(err)
	}
	query(t, ts, "111111111111", "iam", "Action=CreateUser&UserName=added-in-class&Version=2010-05-08")

	code, body := postForm(t, ts.URL+"/_fakeaws/reset", nil)
	if code != 200 {
		t.Fatalf("reset = %d %s", code, body)
	}
	if code, body := signedQuery(t, ts, merlinKey, merlinSecret, "sts", "Action=GetCallerIdentity&Version=2011-06-15"); code != 200 ||
		!strings.Contains(body, "user/merlin") {
		t.Errorf("merlin's configured key after reset: GetCallerIdentity = %d %s, want 200 as merlin", code, body)
	}
	if _, body := query(t, ts, "111111111111", "iam", "Action=GetUser&UserName=added-in-class&Version=2010-05-08"); !strings.Contains(body, "NoSuchEntity") {
		t.Errorf("a user made after start survived reset: %s", body)
	}
	resp, err := http.Get(ts.URL + "/_fakeaws/world")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, l := range decisionLines(t, ts) {
		if l.Action == "iam:CreateUser" {
			t.Errorf("the decision log kept a decision from before the reset: %+v", l)
		}
	}
}
