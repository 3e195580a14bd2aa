package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"
	"sync"
)

// accountIDPattern is compiled on first use, not at every start.
var accountIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{12}$`) })

// envCommand prints shell exports that point the AWS CLI and SDKs at
// fakeaws as the root of an account:
//
//	eval "$(fakeaws env --account 111111111111)"
func envCommand(_ context.Context, args, env []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeaws env", flag.ContinueOnError)
	fs.SetOutput(stdout)
	account := fs.String("account", "000000000000", "12-digit account id (its root user: key id = account id, secret \"test\")")
	endpoint := fs.String("endpoint", defaultEndpoint(env), "fakeaws URL (the server FAKEAWS_ADDR names, when set)")
	region := fs.String("region", "us-east-1", "AWS region")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("env: unexpected arguments: %v", fs.Args())
	}
	if !accountIDPattern().MatchString(*account) {
		return fmt.Errorf("env: --account %q: want 12 digits", *account)
	}
	_, err := fmt.Fprintf(stdout, "export AWS_ACCESS_KEY_ID=%s\nexport AWS_SECRET_ACCESS_KEY=test\n"+
		"export AWS_ENDPOINT_URL=%s\nexport AWS_REGION=%s\nexport AWS_DEFAULT_REGION=%s\n"+
		"unset AWS_SESSION_TOKEN AWS_PROFILE\n",
		*account, shellQuote(*endpoint), shellQuote(*region), shellQuote(*region))
	return err
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' ||
			c == '.' || c == '/' || c == ':' || c == '@' || c == '=' || c == ',' || c == '+') {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	out := "'"
	for _, c := range s {
		if c == '\'' {
			out += `'\''`
		} else {
			out += string(c)
		}
	}
	return out + "'"
}
