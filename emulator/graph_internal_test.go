package emulator

import (
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/evaluator"
)

// TestEdgeState: an edge's colour says whether its actions' last tries
// were allowed, refused, or some of each.
func TestEdgeState(t *testing.T) {
	allow, deny := evaluator.Allow.String(), evaluator.ImplicitDeny.String()
	cases := []struct {
		name  string
		tried map[string]string
		want  string
	}{
		{"never tried", nil, edgeUntried},
		{"all allowed", map[string]string{"s3:GetObject": allow, "s3:PutObject": allow}, edgeAllowed},
		{"all refused", map[string]string{"s3:PutBucketAcl": deny}, edgeDenied},
		{"some of each", map[string]string{"s3:GetObject": allow, "s3:PutBucketAcl": deny}, edgeMixed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := edgeState(tc.tried); got != tc.want {
				t.Errorf("edgeState = %q, want %q", got, tc.want)
			}
		})
	}
	g := &trustGraph{Nodes: []graphNode{{ID: "u", Column: 0}, {ID: "b", Column: 2}}}
	g.addEdge(graphEdge{From: "u", To: "b"}, map[[2]string]map[string]string{{"u", "b"}: cases[3].tried})
	svg := string(renderSVG(g))
	for _, want := range []string{`class="edge mixed"`, `stroke="#b45309"`, "some allowed, some denied"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG has no %s", want)
		}
	}
}
