//go:build ignore

// Command runner drives versity/versitygw's Go integration suite
// (tests/integration) against an S3 endpoint without building the gateway.
// run.sh builds it inside a versitygw checkout, whose module provides the
// imports; it is not part of fakeaws's build.
//
// The selection is TestFullFlow's for a versioning-disabled, non-Azure
// gateway: the test names are read from the groups in
// tests/integration/group-tests.go (an `if !ts.conf.X` block is kept, an
// `if ts.conf.X` block dropped), less the groups that drive versitygw's
// own admin API. Each test runs alone, so a test that panics (on an
// answer field AWS does not send) fails without stopping the run.
//
//	runner -suite DIR -endpoint URL [-access KEY -secret SECRET] [-only Name,Name] [-list] [-debug]
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/versity/versitygw/tests/integration"
)

// excludedGroups drive versitygw's admin API (create-user with roles,
// change-bucket-owner); AWS has no such API.
var excludedGroups = map[string]bool{"TestIAM": true, "TestAccessControl": true}

func main() {
	suite := flag.String("suite", ".", "versitygw checkout")
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "S3 endpoint")
	access := flag.String("access", "test", "access key id")
	secret := flag.String("secret", "test", "secret access key")
	region := flag.String("region", "us-east-1", "region")
	only := flag.String("only", "", "comma-separated test names to run instead of the full flow")
	list := flag.Bool("list", false, "print the selected test names and exit")
	debug := flag.Bool("debug", false, "log every request and response (the suite's debug mode)")
	flag.Parse()

	names, err := selection(*suite, *only)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *list {
		fmt.Println(strings.Join(names, "\n"))
		return
	}
	opts := []integration.Option{integration.WithAccess(*access), integration.WithSecret(*secret),
		integration.WithRegion(*region), integration.WithEndpoint(*endpoint)}
	if *debug {
		opts = append(opts, integration.WithDebug())
	}
	conf := integration.NewS3Conf(opts...)
	tests := integration.GetIntTests()
	panics := 0
	for _, name := range names {
		if !runOne(name, tests[name], conf) {
			panics++
		}
	}
	fmt.Println()
	fmt.Println("RAN:", len(names), "PASS:", integration.PassCount.Load(),
		"FAIL:", integration.FailCount.Load(), "PANIC:", panics)
	if integration.FailCount.Load() > 0 || panics > 0 {
		os.Exit(1)
	}
}

// runOne runs one test; false when it panicked.
func runOne(name string, test integration.IntTest, conf *integration.S3Conf) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("\nFAIL %s: panic: %v\n", name, r)
			ok = false
		}
	}()
	_ = test(conf)
	return true
}

func selection(suite, only string) ([]string, error) {
	tests := integration.GetIntTests()
	var names []string
	if only != "" {
		names = strings.Split(only, ",")
	} else {
		var err error
		if names, err = fullFlowNames(filepath.Join(suite, "tests/integration/group-tests.go")); err != nil {
			return nil, err
		}
	}
	var known []string
	for _, n := range names {
		if tests[n] == nil {
			// GetIntTests omits a few of the groups' tests.
			fmt.Fprintf(os.Stderr, "SKIP %s: not in integration.GetIntTests\n", n)
			continue
		}
		known = append(known, n)
	}
	return known, nil
}

// fullFlowNames lists the tests TestFullFlow runs, group by group.
func fullFlowNames(path string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	funcs := map[string]*ast.BlockStmt{}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			funcs[fd.Name.Name] = fd.Body
		}
	}
	full := funcs["TestFullFlow"]
	if full == nil {
		return nil, fmt.Errorf("%s: no TestFullFlow", path)
	}
	var names []string
	for _, group := range calls(full.List, "") {
		if !excludedGroups[group] && funcs[group] != nil {
			names = append(names, calls(funcs[group].List, "ts")...)
		}
	}
	return names, nil
}

// calls returns, in order, the function names called in stmts: as
// recv.Method(Name) when recv is set (ts.Run, ts.Sync), else as Name(ts).
// An if block counts when its condition is negated (`if !ts.conf.X`).
func calls(stmts []ast.Stmt, recv string) []string {
	var out []string
	for _, s := range stmts {
		switch s := s.(type) {
		case *ast.IfStmt:
			if u, ok := s.Cond.(*ast.UnaryExpr); ok && u.Op == token.NOT {
				out = append(out, calls(s.Body.List, recv)...)
			}
		case *ast.ExprStmt:
			if name := calledName(s.X, recv); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

func calledName(e ast.Expr, recv string) string {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return ""
	}
	if recv == "" {
		if id, ok := call.Fun.(*ast.Ident); ok {
			return id.Name
		}
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if x, ok := sel.X.(*ast.Ident); !ok || x.Name != recv {
		return ""
	}
	if id, ok := call.Args[0].(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
