package main

import (
	"context"
	"fmt"
	"io"
	"sort"
)

// subcommandSummaries say in one line what each subcommand does.
var subcommandSummaries = map[string]string{
	"env":     "print export lines for an account's root credentials and the endpoint",
	"profile": "write AWS CLI/SDK profiles for a --config world (refuses to replace profiles without --force)",
	"health":  "ask a running fakeaws whether it is up (exit 0 when healthy)",
	"lint":    "check policy files, or every policy an account stores, as Access Analyzer's ValidatePolicy does (exit 1 on findings)",
}

// usage prints every subcommand and flag: `fakeaws help`, `fakeaws --help`.
func usage(w io.Writer) {
	fmt.Fprint(w, `fakeaws — IAM, STS and S3 on one local endpoint, every request authorized by a real policy evaluator.

Usage:
  fakeaws [flags]              serve (default 127.0.0.1:4566); the first output line is the URL,
                               the second the web console (/_fakeaws/ui)
  fakeaws SUBCOMMAND [flags]
  fakeaws help [SUBCOMMAND]

Flags of serve (each has a FAKEAWS_* environment variable, e.g. FAKEAWS_ADDR):
`)
	var s settings
	fs, _ := serveFlagSet(nil, &s, w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nSubcommands:\n")
	names := make([]string, 0, len(subcommands))
	for n := range subcommands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "\n  fakeaws %s — %s\n", n, subcommandSummaries[n])
		_ = subcommands[n](context.Background(), []string{"-h"}, nil, w)
	}
	fmt.Fprint(w, `
Admin endpoints (loopback only): /_fakeaws/ (index), /_fakeaws/ui (console), /_fakeaws/health,
/_fakeaws/decisions, /_fakeaws/explain, /_fakeaws/world, POST /_fakeaws/reset.
`)
}
