package emulator

import (
	"embed"
	"io/fs"
)

// The console is served from these files: HTML, one script and one style
// sheet, no inline code and nothing fetched from elsewhere, so it works
// offline and under a strict Content-Security-Policy.
//
//go:embed console
var consoleFiles embed.FS

var (
	consoleAssets = mustSub(consoleFiles, "console")
	consoleHTML   = mustRead(consoleAssets, "index.html")
	homeHTML      = mustRead(consoleAssets, "home.html")
)

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

func mustRead(f fs.FS, name string) []byte {
	b, err := fs.ReadFile(f, name)
	if err != nil {
		panic(err)
	}
	return b
}
