package emulator_test

import (
	"errors"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestImportGraphMatchesArchitecture checks the "Who imports whom" table of
// docs/architecture.md against the imports of the module's production code
// (non-test files, read with go/build): every package of the server is in
// the table, every package in the table exists, and imports point down the
// table: no service imports another service, the leaves import no package
// of the module but the primitives, the primitives none, and no production
// package imports test support.
func TestImportGraphMatchesArchitecture(t *testing.T) {
	const module = "github.com/fakeaws/fakeaws/"
	root := filepath.Join("..")
	layers, layerOf := architectureLayers(t, filepath.Join(root, "docs", "architecture.md"))
	graph := productionImports(t, root, module)

	for pkg := range graph {
		if _, ok := layerOf[pkg]; !ok && mappedTree(pkg) {
			t.Errorf("package %s is missing from the table in docs/architecture.md", pkg)
		}
	}
	for pkg := range layerOf {
		if _, ok := graph[pkg]; !ok {
			t.Errorf("docs/architecture.md names %s, which has no Go files outside tests", pkg)
		}
	}
	for _, pkg := range sortedKeys(graph) {
		from, ok := layerOf[pkg]
		if !ok {
			continue // tools (bench, conformance, reliability) may import anything
		}
		for _, imp := range graph[pkg] {
			to, ok := layerOf[imp]
			if !ok {
				t.Errorf("%s imports %s, which docs/architecture.md does not place", pkg, imp)
				continue
			}
			switch {
			case layers[to] == "test support" && layers[from] != "test support":
				t.Errorf("%s (%s) imports test support %s", pkg, layers[from], imp)
			case layers[from] == "test support":
			case to < from:
				t.Errorf("%s (%s) imports %s (%s): imports must point down the table", pkg, layers[from], imp, layers[to])
			case to == from && layers[from] == "services":
				t.Errorf("service %s imports service %s: services share libraries instead", pkg, imp)
			case layers[from] == "leaves" && layers[to] != "primitives":
				t.Errorf("leaf %s imports %s: leaves import no package of the module but the primitives", pkg, imp)
			case layers[from] == "primitives":
				t.Errorf("primitive %s imports %s: primitives import no package of the module", pkg, imp)
			}
		}
	}
}

// mappedTree reports whether pkg belongs to the server and so must be in
// the table (tools such as bench/, conformance/ and reliability/ need not).
func mappedTree(pkg string) bool {
	for _, prefix := range []string{"emulator", "evaluator", "cmd/", "fakeawstest"} {
		if strings.HasPrefix(pkg, prefix) {
			return true
		}
	}
	return false
}

// architectureLayers reads the table under "## Who imports whom": the
// layers top to bottom, and each package's row index.
func architectureLayers(t *testing.T, path string) (layers []string, layerOf map[string]int) {
	t.Helper()
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "## Who imports whom")
	if !ok {
		t.Fatalf("%s has no \"## Who imports whom\" section", path)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile(`(?m)^\| ([a-z ]+) \| (.*) \|$`)
	name := regexp.MustCompile("`([a-z0-9/]+)`")
	layerOf = map[string]int{}
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		if m[1] == "layer" {
			continue // the header
		}
		for _, n := range name.FindAllStringSubmatch(m[2], -1) {
			layerOf[n[1]] = len(layers)
		}
		layers = append(layers, m[1])
	}
	for _, want := range []string{"services", "leaves", "primitives", "test support"} {
		if !slices.Contains(layers, want) {
			t.Fatalf("%s: the table has no %q row (rows: %q)", path, want, layers)
		}
	}
	return layers, layerOf
}

// productionImports maps each package of the module (by path below the
// module root) to the module packages its non-test files import.
func productionImports(t *testing.T, root, module string) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if base := d.Name(); path != root && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") || base == "testdata" || base == "node_modules") {
			return filepath.SkipDir
		}
		p, err := build.Default.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		var deps []string
		for _, imp := range p.Imports {
			if dep, ok := strings.CutPrefix(imp, module); ok {
				deps = append(deps, dep)
			}
		}
		graph[filepath.ToSlash(rel)] = deps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(graph) < 10 {
		t.Fatalf("found %d packages under %s; is the module root right?", len(graph), root)
	}
	return graph
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
