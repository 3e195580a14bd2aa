package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/evaluator"
)

// Lesson mode: the decision log read as a class's numbered steps, a
// trainer's note on any step, and the whole session exported as Markdown.
// Notes live in memory and go with POST /_fakeaws/reset.

// lessonNotes holds the trainer's notes by request id.
type lessonNotes struct {
	mu    sync.Mutex
	notes map[string]string
}

func (n *lessonNotes) set(id, note string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.notes == nil {
		n.notes = map[string]string{}
	}
	if note == "" {
		delete(n.notes, id)
		return
	}
	n.notes[id] = note
}

func (n *lessonNotes) get(id string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.notes[id]
}

func (n *lessonNotes) reset() {
	n.mu.Lock()
	n.notes = nil
	n.mu.Unlock()
}

// lessonStep is one request of the session, numbered from 1.
type lessonStep struct {
	N         int    `json:"n"`
	RequestID string `json:"requestId"`
	Note      string `json:"note,omitempty"`
	// Origin is the step whose AssumeRole made this step's caller, a role
	// session (0: not a role session, or made before the log's start).
	Origin    int            `json:"origin,omitempty"`
	Decisions []authz.Record `json:"decisions"`
}

// lessonSteps groups the log, oldest first, into one step per request.
func (s *Server) lessonSteps() []lessonStep {
	steps := []lessonStep{}
	index := map[string]int{}
	for _, r := range s.authz.Log().Records() {
		if i, ok := index[r.RequestID]; ok && r.RequestID != "" {
			steps[i].Decisions = append(steps[i].Decisions, r)
			continue
		}
		index[r.RequestID] = len(steps)
		steps = append(steps, lessonStep{N: len(steps) + 1, RequestID: r.RequestID, Note: s.notes.get(r.RequestID),
			Decisions: []authz.Record{r}})
	}
	for i := range steps {
		steps[i].Origin = sessionOrigin(steps[:i], steps[i].Decisions[0].Caller)
	}
	return steps
}

// sessionOrigin is the number of the last of earlier whose allowed
// AssumeRole made caller's role session (same role, same session name), 0
// when caller is not an AssumeRole session or no such step is logged. A
// class sees the whole cross-account chain: who assumed the role, and
// which trust and identity statements let them.
func sessionOrigin(earlier []lessonStep, caller *authn.Caller) int {
	if caller == nil || caller.Session == nil || caller.Session.Kind != "AssumeRole" {
		return 0
	}
	sess := caller.Session
	for i := len(earlier) - 1; i >= 0; i-- {
		for _, d := range earlier[i].Decisions {
			if d.Action == "sts:AssumeRole" && d.Resource == sess.RoleARN && d.Decision == evaluator.Allow.String() &&
				d.Status > 0 && d.Status < 400 && slices.Equal(d.Context["sts:RoleSessionName"], []string{sess.SessionName}) {
				return earlier[i].N
			}
		}
	}
	return 0
}

// lesson serves GET /_fakeaws/lesson: the numbered steps as JSON.
func (s *Server) lesson(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"steps": s.lessonSteps()})
}

// lessonNote serves POST /_fakeaws/lesson/note (requestId, note): the
// trainer's note on a step ("" removes it).
func (s *Server) lessonNote(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	id := r.Form.Get("requestId")
	if _, ok := s.authz.Log().Find(id); !ok || id == "" {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "no logged request " + id})
		return
	}
	note := strings.TrimSpace(r.Form.Get("note"))
	if len(note) > 4000 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "a note is at most 4000 characters"})
		return
	}
	s.notes.set(id, note)
	writeJSON(w, http.StatusOK, map[string]string{"requestId": id, "note": note})
}

// lessonMarkdown serves GET /_fakeaws/lesson.md: the session as Markdown,
// one numbered step per request with its outcome, its explanation and the
// trainer's note.
func (s *Server) lessonMarkdown(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	fmt.Fprintf(&b, "# fakeaws lesson — %s\n\n", s.opts.Now().UTC().Format(time.RFC1123))
	steps := s.lessonSteps()
	if len(steps) == 0 {
		b.WriteString("No requests yet.\n")
	}
	// The trust chain as it stands, for the console's "Another way in"
	// (a lesson without it still exports).
	g, err := s.buildGraph(r.Context())
	if err != nil {
		g = &trustGraph{}
	}
	for _, st := range steps {
		writeMarkdownStep(&b, st, g)
	}
	w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="fakeaws-lesson.md"`)
	_, _ = w.Write([]byte(b.String()))
}

func writeMarkdownStep(b *strings.Builder, st lessonStep, g *trustGraph) {
	first := st.Decisions[0]
	final := first
	for _, d := range st.Decisions {
		if d.Decision != "Allow" {
			final = d
			break
		}
	}
	outcome := "allowed"
	if final.Status >= 400 {
		outcome = fmt.Sprintf("refused: %d %s", final.Status, final.ErrorCode)
	} else if final.Status == 0 {
		// Logged when decided; the response is still being sent.
		outcome = "in progress (" + final.Decision + ")"
	} else if final.Decision != "Allow" {
		outcome = final.Decision + " (allowed anyway: --iam=soft)"
	}
	op := first.Operation
	if op == "" {
		op = first.Action
	}
	if op == "" {
		op = "request" // refused before its operation was read
	}
	fmt.Fprintf(b, "## Step %d — %s by %s: %s\n\n", st.N, mdText(op), mdCode(first.Principal), mdText(outcome))
	if st.Origin > 0 {
		fmt.Fprintf(b, "The caller is the role session made in step %d (AssumeRole).\n\n", st.Origin)
	}
	for _, d := range st.Decisions {
		if d.Action == "" && d.Resource == "" {
			continue
		}
		// A refusal before any policy was asked lacks the action
		// (NoSuchBucket) or the resource (an unknown service).
		b.WriteString("-")
		if d.Action != "" {
			fmt.Fprintf(b, " %s", mdCode(d.Action))
		}
		if d.Resource != "" {
			fmt.Fprintf(b, " on %s", mdCode(d.Resource))
		}
		fmt.Fprintf(b, ": **%s**", d.Decision)
		if gloss := decisionGloss[d.Decision]; gloss != "" {
			fmt.Fprintf(b, " — %s", gloss)
		}
		if d.Kind != "" && d.Decision != "Allow" {
			fmt.Fprintf(b, " (%s)", d.Kind)
		}
		for _, ref := range d.Statements {
			fmt.Fprintf(b, "; %s of %s", mdText(evaluator.Label(ref)), mdText(ref.Policy))
		}
		b.WriteString("\n")
	}
	if final.Message != "" {
		fmt.Fprintf(b, "\n> %s\n", mdText(final.Message))
	}
	if final.Hint != "" {
		fmt.Fprintf(b, "\n%s\n", mdText(final.Hint))
	}
	if final.Status >= 400 {
		if way := g.wayIn(final.Principal, final.Action, final.Resource); way != "" {
			fmt.Fprintf(b, "\n%s\n", mdText(way))
		}
	}
	if st.Note != "" {
		fmt.Fprintf(b, "\n**Trainer's note:** %s\n", mdText(st.Note))
	}
	b.WriteString("\n")
}

// decisionGloss says what a refusing decision means, for a class (the
// console's legend says the same).
var decisionGloss = map[string]string{
	evaluator.ImplicitDeny.String(): "no statement allows it",
	evaluator.ExplicitDeny.String(): "a Deny statement matches",
	authz.Refused:                   "stopped before any policy was read",
}

// mdLine keeps text on one line: CommonMark ends a line at \n, \r or
// both, and a request's action or an object key may hold either, which
// would otherwise start a block of their own (raw HTML, a heading).
var mdLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// mdMarkup escapes what could open markup in a line of text: raw HTML
// (< >), code spans (a backtick pairing with a code span's fence would
// turn that span's content into Markdown), links ([ ]) and the backslash
// that would undo an escape. Each renders as itself.
var mdMarkup = strings.NewReplacer("<", "&lt;", ">", "&gt;", "\\", "\\\\", "`", "\\`", "[", "\\[", "]", "\\]")

// mdText keeps text on one line and out of Markdown markup it could open.
func mdText(s string) string {
	return mdMarkup.Replace(mdLine.Replace(s))
}

// mdCode is s as one inline code span, whatever it holds: on one line,
// fenced with one backtick more than its longest run of backticks (so a
// backtick in an action or a key cannot close the span and let what
// follows be read as Markdown or raw HTML), padded with a space when it
// starts or ends with a backtick or a space (CommonMark strips one each
// side).
func mdCode(s string) string {
	s = mdLine.Replace(s)
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		s = " " + s + " "
	}
	return fence + s + fence
}
