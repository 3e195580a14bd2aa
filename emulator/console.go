package emulator

import (
	"embed"
	"net/http"
)

//go:embed console/index.html
var consoleHTML []byte

// consoleAssets holds the console's script and style sheet, served from
// /_fakeaws/ui/ so the page needs no inline code under its CSP.
//
//go:embed console/console.js console/console.css
var consoleAssets embed.FS

func (s *Server) console(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(consoleHTML)
}

// consoleAsset serves GET /_fakeaws/ui/console.js and console.css.
func (s *Server) consoleAsset(w http.ResponseWriter, r *http.Request) {
	var name, contentType string
	switch r.URL.Path {
	case "/_fakeaws/ui/console.js":
		name, contentType = "console/console.js", "text/javascript; charset=utf-8"
	case "/_fakeaws/ui/console.css":
		name, contentType = "console/console.css", "text/css; charset=utf-8"
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found"})
		return
	}
	b, err := consoleAssets.ReadFile(name)
	if err != nil {
		s.log.Error("console asset", "name", name, "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	w.Header().Set("Content-Type", contentType)
	_, _ = w.Write(b)
}
