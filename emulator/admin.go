package emulator

import (
	"bytes"
	"html"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"

	"github.com/gorilla/mux"
)

const adminPrefix = "/_fakeaws/"

// isAdminRequest reports whether r is for the admin endpoints: its path is
// under /_fakeaws/ and it is not signed for AWS. Admin endpoints are never
// behind SigV4, so a signed request there is an AWS request whose path
// only looks like theirs: an S3 request to a virtual-hosted bucket for a
// key under "_fakeaws/" (pub.localhost:4566/_fakeaws/reset?uploads, a
// multipart upload, would otherwise reset the store). The service answers
// it as AWS would.
func isAdminRequest(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, adminPrefix) && !awsSigned(r)
}

// awsSigned reports whether r carries AWS authentication: an Authorization
// header of SigV4 or SigV2, or a presigned query of either.
func awsSigned(r *http.Request) bool {
	if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "AWS4-") || strings.HasPrefix(a, "AWS ") {
		return true
	}
	if r.URL.RawQuery == "" {
		return false
	}
	q := r.URL.Query()
	return q.Has("X-Amz-Signature") || q.Has("X-Amz-Credential") || (q.Has("Signature") && q.Has("AWSAccessKeyId"))
}

// adminRoutes is the /_fakeaws/* route table.
func (s *Server) adminRoutes() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc("/_fakeaws/health", s.health).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/_fakeaws/reset", s.reset).Methods(http.MethodPost)
	r.HandleFunc("/_fakeaws/decisions", s.decisions).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/", s.home).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/ui", s.console).Methods(http.MethodGet)
	r.PathPrefix("/_fakeaws/ui/").Handler(http.StripPrefix("/_fakeaws/ui/", http.FileServerFS(consoleAssets))).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/graph", s.graph).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/graph.svg", s.graph).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/lesson", s.lesson).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/lesson.md", s.lessonMarkdown).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/lesson/note", s.lessonNote).Methods(http.MethodPost)
	r.HandleFunc("/_fakeaws/world", s.world).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/explain", s.explain).Methods(http.MethodGet, http.MethodPost)
	r.HandleFunc("/_fakeaws/explain/operations", s.explainOperations).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/clock", s.showClock).Methods(http.MethodGet)
	r.HandleFunc("/_fakeaws/clock", s.advanceClock).Methods(http.MethodPost)
	r.PathPrefix("/_fakeaws/oidc/").Handler(s.issuer.Handler(baseURL))
	r.PathPrefix(store.OutboundIssuerPath).Handler(s.sts.OutboundHandler(baseURL))
	return r
}

// baseURL is the URL clients used to reach this server.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": Version})
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	if err := s.Reset(r.Context()); err != nil {
		s.log.Error("reset", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"status": "error", "error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "reset"})
}

func (s *Server) decisions(w http.ResponseWriter, _ *http.Request) {
	// text/plain keeps a browser showing the JSON lines instead of
	// downloading them (application/x-ndjson is offered as a download).
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_ = s.authz.Log().WriteJSONLines(w)
}

func (s *Server) console(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(consoleHTML)
}

// home serves the index page. Its "Point a client at it" block names the
// address the page was fetched from (the admin guard has already accepted
// the Host), so a server on another port than 4566 shows a command that
// works.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	endpoint := html.EscapeString(scheme + r.Host)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(bytes.Replace(homeHTML, []byte("{{ENDPOINT}}"), []byte(endpoint), 1))
}
