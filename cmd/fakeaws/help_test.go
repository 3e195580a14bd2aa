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
	for _, args := range [][]string{{"help", "profile"}, {"profile", "-h"}, {"env", "--help"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "-") {
			t.Errorf("run(%v) = %v with %q, want nil and the flags", args, err, out.String())
		}
	}
}
