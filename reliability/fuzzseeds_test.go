package reliability

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Issue 11, Proof: fuzz targets keep running in CI on their seed corpus.
// `go test ./...` (what .ci/run runs) runs every Fuzz function's seeds as
// ordinary tests, unless a build constraint leaves its file out, the
// function skips, it has no seed, or the CI command filters it out. This
// checks each of those over the whole module.
func TestFuzzSeedsRunInCI(t *testing.T) {
	t.Parallel()
	root := ".."
	targets := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n, problems := fuzzProblems(path, src)
		targets += n
		for _, p := range problems {
			t.Error(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if targets < 10 {
		t.Errorf("found %d Fuzz targets under %s, want the module's (at least 10): is the walk wrong?", targets, root)
	}
	t.Logf("%d Fuzz targets, every one seeded and run by go test", targets)
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	if p := ciFilters(string(ci)); p != "" {
		t.Errorf(".ci/run: %s", p)
	}
}

// fuzzProblems parses one test file and returns how many Fuzz targets it
// declares and what would keep their seeds from running under go test.
func fuzzProblems(path string, src []byte) (targets int, problems []string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return 0, []string{err.Error()}
	}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Fuzz") || !takesTestingF(fn) {
			continue
		}
		targets++
		where := fset.Position(fn.Pos()).String() + ": " + fn.Name.Name
		if ok, err := build.Default.MatchFile(filepath.Dir(path), filepath.Base(path)); err == nil && !ok {
			problems = append(problems, where+": its file is left out of a plain `go test` by a build constraint")
		}
		if call := skipCall(fn.Body); call != "" {
			problems = append(problems, where+": calls "+call+", so its seeds may not run")
		}
		if !hasSeeds(fn, filepath.Dir(path)) {
			problems = append(problems, where+": has no seed (no f.Add, no testdata/fuzz/"+fn.Name.Name+")")
		}
	}
	return targets, problems
}

func takesTestingF(fn *ast.FuncDecl) bool {
	params := fn.Type.Params.List
	if len(params) != 1 {
		return false
	}
	star, ok := params[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "F"
}

// skipCall names the first Skip, SkipNow, Skipf or testing.Short call in
// body, "" when there is none.
func skipCall(body *ast.BlockStmt) string {
	var found string
	ast.Inspect(body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if ok && found == "" {
			switch sel.Sel.Name {
			case "Skip", "SkipNow", "Skipf", "Short":
				found = sel.Sel.Name
			}
		}
		return found == ""
	})
	return found
}

// hasSeeds reports whether fn adds a seed with f.Add or has a corpus
// directory beside its file.
func hasSeeds(fn *ast.FuncDecl, dir string) bool {
	if entries, err := os.ReadDir(filepath.Join(dir, "testdata", "fuzz", fn.Name.Name)); err == nil && len(entries) > 0 {
		return true
	}
	f := fn.Type.Params.List[0].Names
	if len(f) == 0 {
		return false
	}
	added := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return !added
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Add" {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == f[0].Name {
				added = true
			}
		}
		return !added
	})
	return added
}

// ciFilters says what in the CI script would keep tests (fuzz seeds among
// them) from running: a go test with -run, -skip or -tags, or no go test
// of ./... at all.
func ciFilters(script string) string {
	tests := regexp.MustCompile(`(?m)^[^#\n]*\bgo test\b[^\n]*`).FindAllString(script, -1)
	all := false
	for _, line := range tests {
		if regexp.MustCompile(`\s-(run|skip|tags)[ =]`).MatchString(line) {
			return "filters its tests: " + line
		}
		all = all || strings.Contains(line, "./...")
	}
	if !all {
		return "runs no `go test ./...`"
	}
	return ""
}

// The checks above can fail: each kind of hidden fuzz target is found.
func TestFuzzProblemsFound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, src, want string
	}{
		{"seeded", "package p\nimport \"testing\"\nfunc FuzzA(f *testing.F) { f.Add(1); f.Fuzz(func(t *testing.T, i int) {}) }\n", ""},
		{"skipped", "package p\nimport \"testing\"\nfunc FuzzA(f *testing.F) { f.Add(1); f.Skip(\"later\") }\n", "calls Skip"},
		{"short", "package p\nimport \"testing\"\nfunc FuzzA(f *testing.F) { if testing.Short() { return }; f.Add(1) }\n", "calls Short"},
		{"build tag", "//go:build fuzzing\n\npackage p\nimport \"testing\"\nfunc FuzzA(f *testing.F) { f.Add(1) }\n", "build constraint"},
		{"no seed", "package p\nimport \"testing\"\nfunc FuzzA(f *testing.F) { f.Fuzz(func(t *testing.T, i int) {}) }\n", "has no seed"},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), "a_test.go")
		if err := os.WriteFile(path, []byte(c.src), 0o600); err != nil {
			t.Fatal(err)
		}
		n, problems := fuzzProblems(path, []byte(c.src))
		got := strings.Join(problems, "; ")
		if n != 1 || (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: %d targets, problems %q; want 1 target and %q", c.name, n, got, c.want)
		}
	}
	if p := ciFilters("go test -race -run 'Test' ./...\n"); p == "" {
		t.Error("ciFilters missed -run")
	}
	if p := ciFilters("go test -race -timeout 15m ./...\n"); p != "" {
		t.Errorf("ciFilters(plain go test ./...) = %q, want none", p)
	}
}
