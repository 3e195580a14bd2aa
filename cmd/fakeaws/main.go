// Command fakeaws runs the fakeaws emulator: IAM, STS and S3 on one address,
// with every request authorized by a real policy evaluator.
//
//	go run ./cmd/fakeaws                      # 127.0.0.1:4566, state in ./.fakeaws
//	go run ./cmd/fakeaws --addr 127.0.0.1:0   # free port, URL on the first line
//	go run ./cmd/fakeaws --ephemeral --config world.json
//
// Every flag has a FAKEAWS_* environment variable (FAKEAWS_ADDR, FAKEAWS_DATA,
// FAKEAWS_EPHEMERAL, FAKEAWS_CONFIG, FAKEAWS_STRICT_ACCOUNTS, FAKEAWS_IAM,
// FAKEAWS_LOG_LEVEL, FAKEAWS_BODY_READ_TIMEOUT, FAKEAWS_IDLE_TIMEOUT, ...); flags win over the environment.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	tuneGC(os.Environ())
	if err := run(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fakeaws:", err)
		os.Exit(1)
	}
}

// run is main without the process: tests call it with their own arguments,
// environment and context.
func run(ctx context.Context, args, env []string, stdout, stderr io.Writer) error {
	var err error
	switch {
	case len(args) > 0 && isHelp(args[0]):
		if len(args) > 1 {
			if cmd, ok := subcommands[args[1]]; ok {
				err = cmd(ctx, []string{"-h"}, env, stdout)
				break
			}
			// A misspelt subcommand is an error, not a silent success.
			usage(stdout)
			return fmt.Errorf("help: no subcommand %q (the subcommands: %s)", args[1], subcommandNames())
		}
		usage(stdout)
		return nil
	case len(args) > 0 && subcommands[args[0]] != nil:
		err = subcommands[args[0]](ctx, args[1:], env, stdout)
	default:
		for _, a := range args {
			if a == "-h" || a == "-help" || a == "--help" {
				usage(stdout)
				return nil
			}
		}
		err = serve(ctx, args, env, stdout, stderr)
	}
	if errors.Is(err, flag.ErrHelp) {
		// -h on a subcommand printed its flags: asking for help succeeds.
		return nil
	}
	return err
}

// subcommandNames lists the subcommands, sorted, for error messages.
func subcommandNames() string {
	names := make([]string, 0, len(subcommands))
	for n := range subcommands {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func isHelp(a string) bool {
	return a == "help" || a == "-h" || a == "-help" || a == "--help"
}

// subcommands are the helper commands besides serving.
var subcommands = map[string]func(ctx context.Context, args, env []string, stdout io.Writer) error{
	"env":     envCommand,
	"profile": profileCommand,
	"health":  healthCommand,
	"lint":    lintCommand,
}
