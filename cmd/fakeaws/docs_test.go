package main

// The checks below keep the user-facing documentation (README.md, docs/*.md,
// examples/*/README.md) true to the code, where that is cheap to check:
// links and anchors between the pages, repository paths and test names they
// cite, every flag of every fakeaws command line they show, README's flag
// table against the flag set, and README's admin endpoints against a
// running server. docs/benchmarks.md is written by bench/compare.sh and left
// out.

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// repoRoot is the module root, seen from this package's directory.
const repoRoot = "../.."

// userDocs are the pages users follow, relative to the repository root.
func userDocs(t *testing.T) []string {
	t.Helper()
	var docs []string
	for _, pattern := range []string{"README.md", "docs/*.md", "examples/README.md", "examples/*/README.md"} {
		matches, err := filepath.Glob(filepath.Join(repoRoot, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			rel, _ := filepath.Rel(repoRoot, m)
			if rel != filepath.Join("docs", "benchmarks.md") {
				docs = append(docs, filepath.ToSlash(rel))
			}
		}
	}
	if len(docs) < 8 {
		t.Fatalf("found only %v: is the repository root right?", docs)
	}
	return docs
}

func readDoc(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// markdown splits a page into its prose (code blocks blanked out) and its
// code: fenced blocks and indented blocks, each as one string, and the
// inline code spans of the prose.
type markdown struct {
	prose  string
	blocks []string
	inline []string
}

var inlineCode = regexp.MustCompile("`([^`\n]+)`")

func parseMarkdown(doc string) markdown {
	var md markdown
	var prose, block strings.Builder
	inFence, inIndented := false, false
	flush := func() {
		if block.Len() > 0 {
			md.blocks = append(md.blocks, block.String())
			block.Reset()
		}
	}
	prevBlank := true
	for _, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			if inFence {
				flush()
			}
			inFence = !inFence
			prose.WriteString("\n")
		case inFence:
			block.WriteString(line + "\n")
			prose.WriteString("\n")
		case strings.HasPrefix(line, "    ") && (prevBlank || inIndented) && !strings.HasPrefix(trimmed, "-"):
			inIndented = true
			block.WriteString(strings.TrimPrefix(line, "    ") + "\n")
			prose.WriteString("\n")
		default:
			if inIndented {
				flush()
				inIndented = false
			}
			prose.WriteString(line + "\n")
		}
		prevBlank = trimmed == ""
	}
	flush()
	md.prose = prose.String()
	for _, m := range inlineCode.FindAllStringSubmatch(md.prose, -1) {
		md.inline = append(md.inline, m[1])
	}
	return md
}

// headingAnchors are the anchors GitHub gives a page's headings.
func headingAnchors(doc string) map[string]bool {
	anchors := map[string]bool{}
	for _, line := range strings.Split(parseMarkdown(doc).prose, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		title := strings.ToLower(strings.TrimSpace(strings.TrimLeft(line, "#")))
		var slug strings.Builder
		for _, r := range title {
			switch {
			case r == ' ':
				slug.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
				slug.WriteRune(r)
			}
		}
		anchors[slug.String()] = true
	}
	return anchors
}

var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestDocLinksResolve: every relative link of the user docs names a file
// or directory of the repository, and a #anchor names a heading there.
func TestDocLinksResolve(t *testing.T) {
	t.Parallel()
	for _, rel := range userDocs(t) {
		prose := parseMarkdown(readDoc(t, rel)).prose
		for _, m := range mdLink.FindAllStringSubmatch(prose, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := rel
			if file != "" {
				path = filepath.ToSlash(filepath.Join(filepath.Dir(rel), file))
			}
			info, err := os.Stat(filepath.Join(repoRoot, path))
			if err != nil {
				t.Errorf("%s links to %s: %s does not exist", rel, target, path)
				continue
			}
			if anchor != "" && !info.IsDir() && !headingAnchors(readDoc(t, path))[anchor] {
				t.Errorf("%s links to %s: %s has no heading with anchor #%s", rel, target, path, anchor)
			}
		}
	}
}

// repoPath is a path in inline code that starts at a top-level directory
// of the repository (file names relative to a package are not checked).
var repoPath = regexp.MustCompile(`^(?:\.ci|bench|cmd|conformance|docs|emulator|evaluator|examples|fakeawstest|reliability)/[A-Za-z0-9_./*-]*$`)

// TestDocRepoPathsExist: every repository path the user docs cite in
// inline code exists (a glob matches something). node_modules directories,
// which npm makes, are not in the repository.
func TestDocRepoPathsExist(t *testing.T) {
	t.Parallel()
	for _, rel := range userDocs(t) {
		for _, code := range parseMarkdown(readDoc(t, rel)).inline {
			code = strings.TrimRight(code, ".,:")
			if !repoPath.MatchString(code) || strings.Contains(code, "node_modules") {
				continue
			}
			matches, err := filepath.Glob(filepath.Join(repoRoot, code))
			if err != nil || len(matches) == 0 {
				t.Errorf("%s cites `%s`, which does not exist", rel, code)
			}
		}
	}
}

var testName = regexp.MustCompile(`\b(?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*`)

// TestDocTestNamesExist: every Go test, fuzz target or benchmark the user
// docs name in their prose exists. docs/deviations.md also cites
// LocalStack's test classes and is left out; code blocks show users' own
// tests.
func TestDocTestNamesExist(t *testing.T) {
	t.Parallel()
	defined := map[string]bool{}
	funcDecl := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark)[A-Za-z0-9_]*)\(`)
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range funcDecl.FindAllSubmatch(b, -1) {
			defined[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range userDocs(t) {
		if rel == "docs/deviations.md" {
			continue
		}
		prose := parseMarkdown(readDoc(t, rel)).prose
		// A `go test -run PATTERN` names tests by a pattern: it must
		// match at least one.
		for _, m := range runPattern.FindAllStringSubmatch(prose, -1) {
			pattern := strings.ReplaceAll(strings.Trim(m[1], `'"`), `\|`, "|")
			re, err := regexp.Compile(pattern)
			if err != nil {
				t.Errorf("%s runs go test -run %s, which is not a pattern: %v", rel, m[1], err)
				continue
			}
			if !slices.ContainsFunc(slices.Collect(maps.Keys(defined)), re.MatchString) {
				t.Errorf("%s runs go test -run %s, which matches no test", rel, m[1])
			}
		}
		prose = runPattern.ReplaceAllString(prose, "")
		for _, name := range testName.FindAllString(prose, -1) {
			if !defined[name] {
				t.Errorf("%s names %s, which no _test.go defines", rel, name)
			}
		}
	}
}

var runPattern = regexp.MustCompile("-run ('[^']*'|\"[^\"]*\"|[^\\s`]+)")

// knownFlags maps "" (serve) and each subcommand to the flags it accepts,
// read from the flag sets themselves.
func knownFlags(t *testing.T) map[string]map[string]bool {
	t.Helper()
	known := map[string]map[string]bool{"": {"h": true, "help": true}}
	var s settings
	fset, err := serveFlagSet(nil, &s, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	fset.VisitAll(func(f *flag.Flag) { known[""][f.Name] = true })
	flagLine := regexp.MustCompile(`(?m)^  -([a-z0-9-]+)`)
	for name, cmd := range subcommands {
		var out bytes.Buffer
		_ = cmd(context.Background(), []string{"-h"}, nil, &out)
		known[name] = map[string]bool{"h": true, "help": true}
		for _, m := range flagLine.FindAllStringSubmatch(out.String(), -1) {
			known[name][m[1]] = true
		}
		if len(known[name]) == 2 {
			t.Fatalf("fakeaws %s -h listed no flags:\n%s", name, out.String())
		}
	}
	return known
}

var shellComment = regexp.MustCompile(`(?:^|\s)#.*$`)

// commandLines are the shell lines of a code block, with backslash
// continuations joined and comments dropped.
func commandLines(block string) []string {
	lines := strings.Split(strings.ReplaceAll(block, "\\\n", " "), "\n")
	for i, l := range lines {
		lines[i] = shellComment.ReplaceAllString(l, "")
	}
	return lines
}

var shellEnd = regexp.MustCompile(`\s(?:#|\||&&?|;|>|2>|<)|\)|$`)

// fakeawsInvocations finds each fakeaws command in line (the binary by any
// path, or go run ./cmd/fakeaws) and returns its words up to the end of
// that command: its subcommand, flags and arguments.
func fakeawsInvocations(line string) [][]string {
	var out [][]string
	words := strings.Fields(line)
	for i, w := range words {
		w = strings.Trim(w, `"'[`)
		if w != "fakeaws" && !strings.HasSuffix(w, "/fakeaws") {
			continue
		}
		rest := strings.Join(words[i+1:], " ")
		if loc := shellEnd.FindStringIndex(" " + rest); loc != nil && loc[0] > 0 {
			rest = rest[:loc[0]-1]
		} else if loc != nil {
			rest = ""
		}
		out = append(out, strings.Fields(rest))
	}
	return out
}

// TestDocFakeawsCommandLinesUseRealFlags: every fakeaws command line the
// user docs show (in code blocks and inline code) names a real subcommand
// and only flags that command accepts.
func TestDocFakeawsCommandLinesUseRealFlags(t *testing.T) {
	t.Parallel()
	known := knownFlags(t)
	checked := 0
	for _, rel := range userDocs(t) {
		md := parseMarkdown(readDoc(t, rel))
		var lines []string
		for _, b := range md.blocks {
			lines = append(lines, commandLines(b)...)
		}
		lines = append(lines, md.inline...)
		for _, line := range lines {
			for _, words := range fakeawsInvocations(line) {
				checked++
				cmd := ""
				if len(words) > 0 && !strings.HasPrefix(strings.Trim(words[0], "["), "-") {
					switch first := words[0]; {
					case known[first] != nil:
						cmd = first
					case first == "help", first == "listening": // `fakeaws help`; the start-up line
						continue
					case regexp.MustCompile(`^[a-z]+$`).MatchString(first):
						t.Errorf("%s: `%s` runs fakeaws %s, which is not a subcommand", rel, strings.TrimSpace(line), first)
						continue
					}
				}
				for _, w := range words {
					w = strings.Trim(w, "[]\"'")
					if !strings.HasPrefix(w, "-") || w == "-" {
						continue
					}
					name, _, _ := strings.Cut(strings.TrimLeft(w, "-"), "=")
					if !known[cmd][name] {
						t.Errorf("%s: `%s` passes --%s, which fakeaws %s does not have", rel, strings.TrimSpace(line), name, cmdName(cmd))
					}
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("found only %d fakeaws command lines in the docs: is the parser broken?", checked)
	}
}

func cmdName(cmd string) string {
	if cmd == "" {
		return "(serve)"
	}
	return cmd
}

// TestReadmeFlagTableMatchesFlagSet: README's "## Flags" table lists every
// serve flag, no other, each with the flag set's default, and every
// FAKEAWS_* variable the docs name (but FAKEAWS_BIN, the examples' own)
// is a flag's.
func TestReadmeFlagTableMatchesFlagSet(t *testing.T) {
	t.Parallel()
	readme := readDoc(t, "README.md")
	_, section, ok := strings.Cut(readme, "\n## Flags")
	if !ok {
		t.Fatal("README.md has no ## Flags section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `--([a-z0-9-]+)` \\|([^|]*)\\|")
	documented := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		documented[m[1]] = strings.Trim(strings.TrimSpace(m[2]), "`")
	}
	var s settings
	fset, err := serveFlagSet(nil, &s, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	fset.VisitAll(func(f *flag.Flag) {
		def, ok := documented[f.Name]
		if !ok {
			t.Errorf("README's flag table lacks --%s", f.Name)
			return
		}
		delete(documented, f.Name)
		if !sameDefault(def, f.DefValue) {
			t.Errorf("README's flag table gives --%s the default %q; the flag's is %q", f.Name, def, f.DefValue)
		}
	})
	for name := range documented {
		t.Errorf("README's flag table lists --%s, which fakeaws does not have", name)
	}

	envVar := regexp.MustCompile(`FAKEAWS_[A-Z_]+`)
	for _, rel := range userDocs(t) {
		for _, v := range envVar.FindAllString(readDoc(t, rel), -1) {
			name := strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(v, "FAKEAWS_")), "_", "-")
			if v != "FAKEAWS_BIN" && fset.Lookup(name) == nil {
				t.Errorf("%s names %s, but fakeaws has no --%s", rel, v, name)
			}
		}
	}
}

// sameDefault compares a README default with a flag's DefValue: "off" is
// false, "" is no default, "./x" is "x", durations by value.
func sameDefault(doc, def string) bool {
	switch {
	case doc == def:
		return true
	case doc == "off":
		return def == "false"
	case doc == "":
		return def == "" || def == "[]"
	case strings.TrimPrefix(doc, "./") == def:
		return true
	}
	d1, err1 := time.ParseDuration(doc)
	d2, err2 := time.ParseDuration(def)
	return err1 == nil && err2 == nil && d1 == d2
}

// TestEveryFlagHasItsVariable: README and the contract promise a FAKEAWS_*
// variable for each serve flag: FAKEAWS_LOG_LEVEL for --log-level, and so
// on. Each variable, set, changes its flag's default.
func TestEveryFlagHasItsVariable(t *testing.T) {
	t.Parallel()
	var s settings
	fset, err := serveFlagSet(nil, &s, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	fset.VisitAll(func(f *flag.Flag) {
		value := "debug"
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			value = "true"
		} else if _, err := time.ParseDuration(f.DefValue); err == nil {
			value = "7s"
		}
		env := "FAKEAWS_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		var s settings
		withEnv, err := serveFlagSet([]string{env + "=" + value}, &s, io.Discard)
		if err != nil {
			t.Errorf("%s=%s: %v", env, value, err)
			return
		}
		if got := withEnv.Lookup(f.Name).Value.String(); got == f.DefValue {
			t.Errorf("%s=%s left --%s at %q: the variable is not read", env, value, f.Name, got)
		}
	})
}

// TestReadmeFirstScreen: the first command block of README.md is the two
// commands that work on a fresh checkout with Go.
func TestReadmeFirstScreen(t *testing.T) {
	t.Parallel()
	md := parseMarkdown(readDoc(t, "README.md"))
	if len(md.blocks) == 0 {
		t.Fatal("README.md has no code block")
	}
	var cmds []string
	for _, line := range strings.Split(md.blocks[0], "\n") {
		cmd, _, _ := strings.Cut(line, "#")
		if cmd = strings.TrimSpace(cmd); cmd != "" {
			cmds = append(cmds, cmd)
		}
	}
	if want := []string{"go run ./cmd/fakeaws", "go test ./..."}; !slices.Equal(cmds, want) {
		t.Errorf("README.md's first block runs %q, want %q", cmds, want)
	}
}

// TestReadmeAdminEndpointsAnswer: the start-up lines are the URL and the
// console's, as README says, and every admin endpoint README lists
// (`GET /_fakeaws/...`, `POST ...`) is served by a real server: no
// "404 page not found" nor 405 for the method README gives.
func TestReadmeAdminEndpointsAnswer(t *testing.T) {
	t.Parallel()
	readme := readDoc(t, "README.md")
	endpoint := regexp.MustCompile("`((?:GET\\|POST|GET|POST) )?(/_fakeaws/[a-z./]*)")
	type call struct{ method, path string }
	var calls []call
	for _, m := range endpoint.FindAllStringSubmatch(readme, -1) {
		for _, method := range strings.Split(strings.TrimSpace(m[1]), "|") {
			if method == "" {
				method = http.MethodGet
			}
			if !slices.Contains(calls, call{method, m[2]}) {
				calls = append(calls, call{method, m[2]})
			}
		}
	}
	if len(calls) < 10 {
		t.Fatalf("found only %v in README.md", calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--ephemeral"}, nil, pw, io.Discard)
		pw.Close()
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop within 30 s")
		}
	}()
	out := bufio.NewReader(pr)
	line, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the start-up line: %v", err)
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "fakeaws listening on ")
	if !ok {
		t.Fatalf("start-up line = %q", line)
	}
	// README: "the second [line] the console's URL".
	second, err := out.ReadString('\n')
	if err != nil || !strings.Contains(second, base+"/_fakeaws/ui") {
		t.Errorf("second start-up line = %q (%v), want the console's URL %s/_fakeaws/ui", second, err, base)
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	client := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range calls {
		path := c.path
		if strings.HasSuffix(path, "/oidc/") {
			path += ".well-known/openid-configuration"
		}
		req, _ := http.NewRequest(c.method, base+path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("%s %s: %v", c.method, path, err)
			continue
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		// A route that does not exist is the router's plain 404 or 405; a
		// handler's own 404 (an unknown request id) is an answer.
		if resp.StatusCode == http.StatusMethodNotAllowed ||
			resp.StatusCode == http.StatusNotFound && strings.HasPrefix(string(body), "404 page not found") {
			t.Errorf("README lists %s %s; the server answers %d %s", c.method, c.path, resp.StatusCode, body)
		}
	}
}

// declaredNames maps each package name of the module to its top-level
// identifiers ("Open") and its types' methods and fields ("DB.Batch"),
// read from the non-test files.
func declaredNames(t *testing.T) map[string]map[string]bool {
	t.Helper()
	names := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != repoRoot && (n == "node_modules" || n == "testdata" || strings.HasPrefix(n, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		pkg := names[f.Name.Name]
		if pkg == nil {
			pkg = map[string]bool{}
			names[f.Name.Name] = pkg
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil {
					pkg[decl.Name.Name] = true
					continue
				}
				recv := decl.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if idx, ok := recv.(*ast.IndexExpr); ok {
					recv = idx.X
				}
				if id, ok := recv.(*ast.Ident); ok {
					pkg[id.Name+"."+decl.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						pkg[spec.Name.Name] = true
						if st, ok := spec.Type.(*ast.StructType); ok {
							for _, field := range st.Fields.List {
								for _, n := range field.Names {
									pkg[spec.Name.Name+"."+n.Name] = true
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range spec.Names {
							pkg[n.Name] = true
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// sdkPackageNames are module package names that the AWS SDK for Go also
// uses (config.LoadDefaultConfig, sts.NewFromConfig): the docs' mentions of
// them are not checked.
var sdkPackageNames = map[string]bool{"config": true, "s3": true, "sts": true, "iam": true, "main": true}

var qualifiedName = regexp.MustCompile(`\b([a-z][a-z0-9]*)\.([A-Z][A-Za-z0-9_]*)(?:\.([A-Z][A-Za-z0-9_]*))?`)

// TestDocGoNamesExist: every pkg.Name and pkg.Type.Method the user docs
// cite, for a package of this module, is declared there, so a rename
// that leaves the docs behind fails. Go code blocks (users' own code,
// with the SDK's packages) are left out.
func TestDocGoNamesExist(t *testing.T) {
	t.Parallel()
	names := declaredNames(t)
	checked := 0
	for _, rel := range userDocs(t) {
		doc := readDoc(t, rel)
		doc = regexp.MustCompile("(?s)```go\n.*?```").ReplaceAllString(doc, "")
		for _, m := range qualifiedName.FindAllStringSubmatch(doc, -1) {
			pkg, ok := names[m[1]]
			if !ok || sdkPackageNames[m[1]] {
				continue
			}
			checked++
			if !pkg[m[2]] {
				t.Errorf("%s cites %s, but package %s declares no %s", rel, m[0], m[1], m[2])
			} else if m[3] != "" && !pkg[m[2]+"."+m[3]] {
				t.Errorf("%s cites %s, but %s.%s has no method or field %s", rel, m[0], m[1], m[2], m[3])
			}
		}
	}
	if checked < 10 {
		t.Errorf("checked only %d qualified names: is the scan broken?", checked)
	}
}

var (
	fileThenFunc = regexp.MustCompile("`([A-Za-z0-9_/.-]+\\.go)` \\(`([A-Za-z_][A-Za-z0-9_]*)`")
	funcsInFile  = regexp.MustCompile("\\(((?:`[A-Za-z_][A-Za-z0-9_]*`(?: / )?)+) in `([A-Za-z0-9_/.-]+\\.go)`")
	backticked   = regexp.MustCompile("`([A-Za-z_][A-Za-z0-9_]*)`")
)

// TestDocFunctionsInFiles: where the docs name a function with the file
// it lives in ("`emulator/s3/objects.go` (`getObject`)", "(`parseOperator`
// in `evaluator/condition.go`)"), the file declares it.
func TestDocFunctionsInFiles(t *testing.T) {
	t.Parallel()
	checked := 0
	check := func(rel, file, name string) {
		if !repoPath.MatchString(file) {
			return // relative to a package named nearby
		}
		checked++
		src, err := os.ReadFile(filepath.Join(repoRoot, file))
		if err != nil {
			t.Errorf("%s cites %s in %s, which cannot be read: %v", rel, name, file, err)
			return
		}
		decl := regexp.MustCompile(`(?m)^func (?:\([^)]*\) )?` + name + `[\[(]`)
		if !decl.Match(src) {
			t.Errorf("%s cites %s in %s, which declares no func %s", rel, name, file, name)
		}
	}
	for _, rel := range userDocs(t) {
		doc := readDoc(t, rel)
		for _, m := range fileThenFunc.FindAllStringSubmatch(doc, -1) {
			check(rel, m[1], m[2])
		}
		for _, m := range funcsInFile.FindAllStringSubmatch(doc, -1) {
			for _, n := range backticked.FindAllStringSubmatch(m[1], -1) {
				check(rel, m[2], n[1])
			}
		}
	}
	if checked < 3 {
		t.Errorf("checked only %d functions cited with their files: is the scan broken?", checked)
	}
}

// TestEveryPackageHasADocComment: docs/architecture.md promises every
// package a package comment saying what it owns (go doc shows it).
func TestEveryPackageHasADocComment(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if n := d.Name(); path != repoRoot && (n == "node_modules" || n == "testdata" || strings.HasPrefix(n, ".")) {
			return filepath.SkipDir
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.go"))
		hasGo, hasDoc := false, false
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			hasGo = true
			parsed, err := parser.ParseFile(fset, f, nil, parser.PackageClauseOnly|parser.ParseComments)
			if err != nil {
				return err
			}
			hasDoc = hasDoc || parsed.Doc != nil
		}
		if hasGo && !hasDoc {
			rel, _ := filepath.Rel(repoRoot, path)
			t.Errorf("package %s has no package comment", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestContractAgreesWithReadme: the outside contract (shared/CONTRACT.md,
// beside the repository in the project's layout and in CI) and README
// must agree: every flag the contract names is a serve flag and in
// README's flag table, and every admin endpoint it names is in README.
// Skipped where the contract is not beside the checkout (a worktree).
func TestContractAgreesWithReadme(t *testing.T) {
	t.Parallel()
	contract, err := os.ReadFile(filepath.Join(repoRoot, "..", "shared", "CONTRACT.md"))
	if err != nil {
		t.Skipf("no ../shared/CONTRACT.md beside the repository: %v", err)
	}
	readme := readDoc(t, "README.md")
	var s settings
	fset, err := serveFlagSet(nil, &s, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	flagRef := regexp.MustCompile("`--([a-z][a-z0-9-]*)")
	awsCLIFlags := map[string]bool{"endpoint-url": true, "profile": true}
	for _, m := range flagRef.FindAllStringSubmatch(string(contract), -1) {
		switch {
		case awsCLIFlags[m[1]]:
		case fset.Lookup(m[1]) == nil:
			t.Errorf("CONTRACT.md names --%s, which fakeaws does not have", m[1])
		case !strings.Contains(readme, "| `--"+m[1]+"` |"):
			t.Errorf("CONTRACT.md names --%s, which README's flag table lacks", m[1])
		}
	}
	endpoint := regexp.MustCompile(`/_fakeaws/[a-z]+`)
	for _, e := range endpoint.FindAllString(string(contract), -1) {
		if !strings.Contains(readme, e) {
			t.Errorf("CONTRACT.md names %s, which README does not", e)
		}
	}
}
