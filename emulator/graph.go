package emulator

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// The trust chain: which users may assume which roles, and which buckets
// those roles' sessions may reach, across accounts. Every edge is decided
// by the same code the real request runs (STS's trust check and refusals,
// S3's bucket policy, ACL and ownership rules), not by reading ARNs out of
// policies; the decision log then colours it by what was actually tried.

// Edge states.
const (
	edgeAllowed = "allowed" // tried, and the last try was allowed
	edgeDenied  = "denied"  // tried, and the last try was refused
	edgeMixed   = "mixed"   // tried: some actions' last tries allowed, others' refused
	edgeUntried = "untried" // the policies allow it; nobody has tried yet
)

// graphActions are the S3 actions a role session is tried for on each
// bucket, with the resource they act on.
var graphActions = []struct{ action, suffix string }{
	{"s3:ListBucket", ""}, {"s3:GetObject", "/*"}, {"s3:PutObject", "/*"},
}

type graphNode struct {
	ID      string `json:"id"` // the ARN
	Kind    string `json:"kind"`
	Label   string `json:"label"`
	Account string `json:"account"`
	// AccountLabel is the account's alias, or its id.
	AccountLabel string `json:"accountLabel"`
	Column       int    `json:"column"` // 0 principals, 1 roles, 2 buckets
}

type graphEdge struct {
	From string `json:"from"`
	To   string `json:"to"`
	// May lists the actions the policies allow now.
	May []string `json:"may"`
	// Tried lists the actions tried live, with their last outcome.
	Tried map[string]string `json:"tried,omitempty"`
	State string            `json:"state"`
	Cross bool              `json:"crossAccount"`
	// Direct marks a user's own request on a bucket, with no role between.
	Direct bool `json:"direct,omitempty"`
}

type trustGraph struct {
	Nodes []graphNode `json:"nodes"`
	Edges []graphEdge `json:"edges"`
}

// maxGraphQuestions bounds the work of one diagram.
const maxGraphQuestions = 4000

// buildGraph decides every user→role and role→bucket edge of the world and
// colours them from the decision log.
func (s *Server) buildGraph(ctx context.Context) (*trustGraph, error) {
	var view worldView
	if err := s.db.View(ctx, func(tx *store.Tx) error {
		var err error
		view, err = readWorld(tx, s.authz.Managed())
		return err
	}); err != nil {
		return nil, err
	}
	users, roles, buckets := graphNodes(view)
	g := &trustGraph{Nodes: []graphNode{}, Edges: []graphEdge{}}
	g.Nodes = append(append(append(g.Nodes, users...), roles...), buckets...)
	if len(users)*len(roles)+len(roles)*len(buckets)*len(graphActions) > maxGraphQuestions {
		return g, nil
	}
	live := liveEdges(s.authz.Log().Records(), g.Nodes)
	if err := s.addAssumeEdges(ctx, g, users, roles, live); err != nil {
		return nil, err
	}
	if err := s.addBucketEdges(ctx, g, users, buckets, live, true); err != nil {
		return nil, err
	}
	if err := s.addBucketEdges(ctx, g, roles, buckets, live, false); err != nil {
		return nil, err
	}
	return g, nil
}

// graphNodes are the users, roles and buckets of view, each in its column.
func graphNodes(view worldView) (users, roles, buckets []graphNode) {
	for _, a := range view.Accounts {
		label := a.ID
		if a.Alias != "" {
			label = a.Alias
		}
		for _, u := range a.Users {
			users = append(users, graphNode{ID: u.ARN, Kind: "user", Label: u.Label, Account: a.ID, AccountLabel: label, Column: 0})
		}
		for _, r := range a.Roles {
			roles = append(roles, graphNode{ID: r.ARN, Kind: "role", Label: r.Label, Account: a.ID, AccountLabel: label, Column: 1})
		}
		for _, b := range a.Buckets {
			buckets = append(buckets, graphNode{ID: arns.Bucket(b.Name), Kind: "bucket", Label: b.Name, Account: a.ID, AccountLabel: label, Column: 2})
		}
	}
	return users, roles, buckets
}

// addAssumeEdges adds an edge from each user to each role the user may
// assume or tried to.
func (s *Server) addAssumeEdges(ctx context.Context, g *trustGraph, users, roles []graphNode, live map[[2]string]map[string]string) error {
	for _, u := range users {
		caller, err := s.graphCaller(ctx, u.ID)
		if err != nil {
			return err
		}
		for _, r := range roles {
			e := graphEdge{From: u.ID, To: r.ID, Cross: u.Account != r.Account}
			if ok, err := s.wouldAllow(ctx, caller, "sts:AssumeRole", r.ID); err != nil {
				return err
			} else if ok {
				e.May = []string{"sts:AssumeRole"}
			}
			g.addEdge(e, live)
		}
	}
	return nil
}

// addBucketEdges adds an edge from each of from (role sessions, or users
// with their own keys: direct) to each bucket where the policies allow it
// some of graphActions or it tried some. A user's own requests on a bucket
// appear only once tried: a class often starts there, and is denied.
func (s *Server) addBucketEdges(ctx context.Context, g *trustGraph, from, buckets []graphNode, live map[[2]string]map[string]string, direct bool) error {
	for _, f := range from {
		var caller *authn.Caller
		for _, b := range buckets {
			if direct && len(live[[2]string{f.ID, b.ID}]) == 0 {
				continue
			}
			if caller == nil {
				var err error
				if caller, err = s.graphCaller(ctx, f.ID); err != nil {
					return err
				}
			}
			e := graphEdge{From: f.ID, To: b.ID, Cross: f.Account != b.Account, Direct: direct}
			for _, a := range graphActions {
				ok, err := s.wouldAllow(ctx, caller, a.action, b.ID+a.suffix)
				if err != nil {
					return err
				}
				if ok {
					e.May = append(e.May, a.action)
				}
			}
			g.addEdge(e, live)
		}
	}
	return nil
}

// graphCaller is the caller a user, or a session of a role, would be.
func (s *Server) graphCaller(ctx context.Context, arn string) (*authn.Caller, error) {
	var caller *authn.Caller
	err := s.db.View(ctx, func(tx *store.Tx) error {
		var err error
		caller, err = explainCaller(tx, arn)
		return err
	})
	return caller, err
}

// addEdge keeps e when the policies allow something on it or it was tried.
func (g *trustGraph) addEdge(e graphEdge, live map[[2]string]map[string]string) {
	e.Tried = live[[2]string{e.From, e.To}]
	if len(e.May) == 0 && len(e.Tried) == 0 {
		return
	}
	e.State = edgeState(e.Tried)
	if e.May == nil {
		e.May = []string{}
	}
	g.Edges = append(g.Edges, e)
}

// wayIn names, for a user refused an S3 action on a bucket or its
// objects, a role the user may assume whose sessions may do it there: the
// way seed 000 teaches, as the console's "Another way in" says it. It is
// "" when the trust chain has none.
func (g *trustGraph) wayIn(principal, action, resource string) string {
	bucket, _, _ := strings.Cut(strings.TrimPrefix(resource, "arn:aws:s3:::"), "/")
	if !strings.HasPrefix(resource, "arn:aws:s3:::") || bucket == "" || !strings.Contains(principal, ":user/") {
		return ""
	}
	bucketARN := "arn:aws:s3:::" + bucket
	for _, e := range g.Edges {
		if e.From != principal || !slices.Contains(e.May, "sts:AssumeRole") {
			continue
		}
		for _, r := range g.Edges {
			if r.From == e.To && r.To == bucketARN && slices.Contains(r.May, action) {
				return fmt.Sprintf("Another way in: %s may assume %s, and its sessions may %s on %s. Send the request "+
					"with the role's credentials (aws sts assume-role, or a profile with role_arn and source_profile).",
					g.label(principal), g.label(e.To), action, bucket)
			}
		}
	}
	return ""
}

// label is a node's label (user@account), or id when g has no such node.
func (g *trustGraph) label(id string) string {
	for _, n := range g.Nodes {
		if n.ID == id {
			return n.Label
		}
	}
	return id
}

// edgeState is an edge's state from the last outcome of each action tried
// on it: a class must see that one action was refused even when another
// went through.
func edgeState(tried map[string]string) string {
	allowed, refused := false, false
	for _, outcome := range tried {
		if outcome == evaluator.Allow.String() {
			allowed = true
		} else {
			refused = true
		}
	}
	switch {
	case allowed && refused:
		return edgeMixed
	case allowed:
		return edgeAllowed
	case refused:
		return edgeDenied
	}
	return edgeUntried
}

// wouldAllow asks the owning service whether caller may do action on
// resource, without logging.
func (s *Server) wouldAllow(ctx context.Context, caller *authn.Caller, action, resource string) (bool, error) {
	col := &authz.Collector{}
	ctx = authz.WithCollector(authn.WithInfo(ctx, &authn.Info{Caller: *caller, Time: s.opts.Now(), SourceIP: "127.0.0.1"}), col)
	refusal, _, err := s.askService(ctx, caller, action, &explainQuery{resource: resource, context: map[string][]string{}})
	return err == nil && refusal == nil, err
}

// liveEdges maps the logged decisions onto node pairs: an AssumeRole by a
// user, or an S3 request by a role's session; the last outcome per action
// wins.
func liveEdges(records []authz.Record, nodes []graphNode) map[[2]string]map[string]string {
	known := map[string]bool{}
	roleBySession := map[string]string{} // "account/rolename" (lower) → role ARN
	for _, n := range nodes {
		known[n.ID] = true
		if n.Kind == "role" {
			name := n.ID[strings.LastIndexByte(n.ID, '/')+1:]
			roleBySession[n.Account+"/"+strings.ToLower(name)] = n.ID
		}
	}
	out := map[[2]string]map[string]string{}
	for _, r := range records {
		from, to := r.Principal, r.Resource
		if rest, ok := strings.CutPrefix(from, arns.SessionPrefix); ok {
			account, res, _ := strings.Cut(rest, ":")
			role, _, _ := strings.Cut(strings.TrimPrefix(res, "assumed-role/"), "/")
			from = roleBySession[account+"/"+strings.ToLower(role)]
		}
		if b, ok := strings.CutPrefix(to, arns.BucketPrefix); ok {
			name, _, _ := strings.Cut(b, "/")
			to = arns.Bucket(name)
		}
		if !known[from] || !known[to] || r.Action == "" {
			continue
		}
		k := [2]string{from, to}
		if out[k] == nil {
			out[k] = map[string]string{}
		}
		out[k][r.Action] = r.Decision
	}
	return out
}

// graph serves GET /_fakeaws/graph (JSON) and /_fakeaws/graph.svg.
func (s *Server) graph(w http.ResponseWriter, r *http.Request) {
	g, err := s.buildGraph(r.Context())
	if err != nil {
		s.log.Error("graph", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	if strings.HasSuffix(r.URL.Path, ".svg") {
		w.Header().Set("Content-Type", "image/svg+xml")
		_, _ = w.Write(renderSVG(g))
		return
	}
	writeJSON(w, http.StatusOK, g)
}

// String names an edge for tests and logs.
func (e graphEdge) String() string { return fmt.Sprintf("%s -> %s (%s)", e.From, e.To, e.State) }
