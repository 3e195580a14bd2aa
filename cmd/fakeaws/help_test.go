package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func TestHelpListsEverySubcommandAndFlag(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"--addr", "127.0.0.1:0", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, nil, &out, io.Discard); err != nil {
			t.Errorf("run(%v) = %v, want nil (help exits 0)", args, err)
			continue
		}
		want := []string{"-addr", "-data", "-ephemeral", "-config", "-strict-accounts", "-iam", "-log-level", "-admin-anywhere", "-admin-host", "-force"}
		for name := range subcommands {
			want = append(want, "fakeaws "+name)
			if subcommandSummaries[name] == "" {
				t.Errorf("subcommand %q has no one-line summary in help", name)
			}
		}
		for _, w := range want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("run(%v) output lacks %q", args, w)
			}
		}
	}
	// A misspelt subcommand fails (exit 1) and names the real ones.
	if err := run(context.Background(), []string{"help", "lnit"}, nil, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), `"lnit"`) || !strings.Contains(err.Error(), "env, health, lint, profile") {
		t.Errorf("run(help lnit) = %v, want an error naming lnit and the subcommands", err)
	}
	for _, args := range [][]string{{"help", "profile"}, {"profile", "-h"}, {"env", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "-") {
			t.Errorf("run(%v) = %v with %q, want nil and the flags", args, err, out.String())
		}
	}
}
