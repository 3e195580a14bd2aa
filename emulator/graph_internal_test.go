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

// TestWrapText: a name too long for one line of a box breaks between its
// words over at most three lines, each fitting the box; a longer one is
// shortened in the middle, keeping its start and end.
func TestWrapText(t *testing.T) {
	role64 := "S3ReadWriteRoleEmrys-for-the-spring-class-of-2026-data-lake-ingest"[:64]
	cases := []struct {
		name, label string
		lines       int
		whole       bool // the lines joined are the label
	}{
		{"short", "merlin@emrys", 1, true},
		{"64-character role", role64 + "@odin", 3, true},
		{"63-character bucket", strings.Repeat("odin-bucket-", 6)[:63], 3, true},
		{"a word wider than a line", strings.Repeat("W", 20), 2, true},
		{"longer than three lines", strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63), 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrapText(tc.label, 15, svgTextRoom, svgLabelLines)
			if len(lines) != tc.lines {
				t.Errorf("wrapText(%q) = %q, want %d lines", tc.label, lines, tc.lines)
			}
			for _, l := range lines {
				if w := textWidth(l, 15); w > svgTextRoom {
					t.Errorf("wrapText(%q): line %q is %.0f px wide, want at most %d", tc.label, l, w, svgTextRoom)
				}
			}
			joined := strings.Join(lines, "")
			if got := joined == tc.label; got != tc.whole {
				t.Errorf("wrapText(%q) = %q: whole = %v, want %v", tc.label, lines, got, tc.whole)
			}
			if !tc.whole && (!strings.HasPrefix(joined, "aaaa") || !strings.HasSuffix(joined, "bbbb") || !strings.Contains(joined, "…")) {
				t.Errorf("wrapText(%q) = %q, want the start, an ellipsis and the end", tc.label, lines)
			}
		})
	}
	// A name breaks after a separator or before its account, not inside a word.
	if got := wrapText(role64+"@odin", 15, svgTextRoom, svgLabelLines); !strings.HasSuffix(got[0], "-") {
		t.Errorf("wrapText(%q) first line %q does not end at a word", role64, got[0])
	}
}
