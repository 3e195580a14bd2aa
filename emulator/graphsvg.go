package emulator

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"
)

// Layout of the trust-chain diagram: three columns (users, roles,
// buckets), one row per node, edges as curves between them. Only
// presentation attributes are used (no style elements), so the SVG can be
// inlined under a strict Content-Security-Policy.
const (
	svgWidth  = 960
	svgColW   = 280
	svgColGap = 50
	svgNodeH  = 46
	svgRowGap = 16
	svgTop    = 82
	// A name takes up to svgLabelLines lines of svgLineH pixels (IAM and
	// S3 names run to 63 or 64 characters); a longer one is shortened in
	// the middle.
	svgLabelLines = 3
	svgLineH      = 18
	// svgTextRoom is the width a box gives its text, 8 pixels in from
	// either side.
	svgTextRoom = svgColW - 16
)

var (
	accountColours = []string{"#dbeafe", "#fde68a", "#d1fae5", "#fbcfe8", "#e9d5ff", "#fed7aa"}
	edgeColours    = map[string]string{edgeAllowed: "#15803d", edgeDenied: "#b91c1c", edgeMixed: "#b45309", edgeUntried: "#6b7280"}
)

// renderSVG draws g.
func renderSVG(g *trustGraph) []byte {
	colour := map[string]string{}
	var accounts []string
	for _, n := range g.Nodes {
		if _, ok := colour[n.Account]; !ok {
			colour[n.Account] = accountColours[len(accounts)%len(accountColours)]
			accounts = append(accounts, n.Account)
		}
	}
	labels := map[string][]string{} // node → the lines of its name
	pos := map[string]box{}
	bottom := [3]int{svgTop, svgTop, svgTop} // where each column's next node goes
	for _, n := range g.Nodes {
		labels[n.ID] = wrapText(n.Label, 15, svgTextRoom, svgLabelLines)
		p := box{x: 10 + n.Column*(svgColW+svgColGap), y: bottom[n.Column], h: svgNodeH + (len(labels[n.ID])-1)*svgLineH}
		bottom[n.Column] += p.h + svgRowGap
		pos[n.ID] = p
	}
	height := max(bottom[0], bottom[1], bottom[2], svgTop+svgNodeH+svgRowGap) + 10
	var b bytes.Buffer
	// A group, not an img: a screen reader reaches each box's name. The
	// edges are left to the list under the diagram, which says them in words.
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" font-family="sans-serif" role="group" aria-label="trust chain">`,
		svgWidth, height, svgWidth, height)
	b.WriteString(`<title>Trust chain: users, the roles they may assume, the buckets the sessions may reach</title>`)
	for i, h := range []string{"users", "roles they may assume", "buckets the sessions may reach"} {
		fmt.Fprintf(&b, `<text x="%d" y="20" font-size="15" font-weight="bold" fill="#111">%s</text>`, 10+i*(svgColW+svgColGap), esc(h))
	}
	legend := []string{edgeAllowed, edgeDenied, edgeMixed, edgeUntried}
	words := map[string]string{edgeAllowed: "tried: allowed", edgeDenied: "tried: denied", edgeMixed: "some allowed, some denied",
		edgeUntried: "allowed by policy, not yet tried"}
	x := 10
	for _, st := range legend {
		dash := ""
		if st == edgeUntried {
			dash = ` stroke-dasharray="6 4"`
		}
		fmt.Fprintf(&b, `<line x1="%d" y1="38" x2="%d" y2="38" stroke="%s" stroke-width="3"%s/><text x="%d" y="43" font-size="13" fill="#111">%s</text>`,
			x, x+28, edgeColours[st], dash, x+34, esc(words[st]))
		x += 34 + 9*len(words[st]) + 20
	}
	writeAccountKey(&b, g, accounts, colour)
	edges := append([]graphEdge(nil), g.Edges...)
	sort.SliceStable(edges, func(i, j int) bool { return edges[i].State == edgeUntried && edges[j].State != edgeUntried })
	for _, e := range edges {
		writeEdge(&b, e, pos)
	}
	for _, n := range g.Nodes {
		writeNode(&b, n, pos[n.ID], labels[n.ID], colour[n.Account])
	}
	if len(g.Nodes) == 0 {
		b.WriteString(`<text x="10" y="80" font-size="15" fill="#374151">No users, roles or buckets yet.</text>`)
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// writeAccountKey says which colour is which account, so a class tells
// Emrys's principals from Odin's at a glance.
func writeAccountKey(b *bytes.Buffer, g *trustGraph, accounts []string, colour map[string]string) {
	if len(accounts) == 0 {
		return
	}
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.Account] = n.AccountLabel + accountSuffix(n)
	}
	fmt.Fprintf(b, `<text x="10" y="67" font-size="13" fill="#111">accounts:</text>`)
	x := 80
	for _, a := range accounts {
		name := shortenText("account "+names[a], 13, svgTextRoom)
		fmt.Fprintf(b, `<g class="account-key" data-account="%s"><rect x="%d" y="55" width="16" height="16" rx="3" fill="%s" stroke="#374151"/><text x="%d" y="67" font-size="13" fill="#111">%s</text></g>`,
			esc(a), x, colour[a], x+22, esc(name))
		x += 22 + 8*len([]rune(name)) + 20
	}
}

// box is where a node is drawn: its top-left corner and its height.
type box struct{ x, y, h int }

// writeNode draws n in p, its name in the lines label, its account below.
// Its title (the tooltip) and its screen-reader label hold the name in
// full, however the box shortens it.
func writeNode(b *bytes.Buffer, n graphNode, p box, label []string, fill string) {
	account := n.AccountLabel + accountSuffix(n)
	fmt.Fprintf(b, `<g class="node %s" data-arn="%s" role="img" aria-label="%s"><title>%s</title>`,
		n.Kind, esc(n.ID), esc(n.Kind+" "+n.Label+", account "+account), esc(n.Label+"\n"+n.ID))
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="%s" stroke="#374151"/>`, p.x, p.y, svgColW, p.h, fill)
	for i, line := range label {
		fmt.Fprintf(b, `<text x="%d" y="%d" font-size="15" fill="#111">%s</text>`, p.x+8, p.y+19+i*svgLineH, esc(line))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" fill="#374151">%s</text>`, p.x+8, p.y+p.h-9,
		esc(shortenText("account "+account, 12, svgTextRoom)))
	b.WriteString(`</g>`)
}

func writeEdge(b *bytes.Buffer, e graphEdge, pos map[string]box) {
	f, t := pos[e.From], pos[e.To]
	x1, y1 := f.x+svgColW, f.y+f.h/2
	x2, y2 := t.x, t.y+t.h/2
	if e.Direct {
		// Below the middle at both ends, so its arrowhead does not sit on
		// the role's edge into the same bucket.
		y1, y2 = y1+svgNodeH/4, y2+svgNodeH/4
	}
	dash := ""
	if e.State == edgeUntried {
		dash = ` stroke-dasharray="6 4"`
	}
	var tip []string
	if len(e.May) > 0 {
		tip = append(tip, "policies allow: "+strings.Join(e.May, ", "))
	} else {
		tip = append(tip, "policies allow nothing here")
	}
	var tried []string
	for a, d := range e.Tried {
		tried = append(tried, a+" → "+d)
	}
	sort.Strings(tried)
	if len(tried) > 0 {
		tip = append(tip, "tried: "+strings.Join(tried, ", "))
	}
	cross := ""
	if e.Cross {
		cross = " cross-account"
	}
	mid := (x1 + x2) / 2
	fmt.Fprintf(b, `<g class="edge %s%s" data-from="%s" data-to="%s" aria-hidden="true"><title>%s</title>`, e.State, cross, esc(e.From), esc(e.To), esc(strings.Join(tip, "; ")))
	if e.Direct {
		// Around the roles column, below the nodes it would cross.
		low := max(f.y+f.h, t.y+t.h) + svgNodeH/4 + svgRowGap/2
		fmt.Fprintf(b, `<path d="M%d %d C%d %d, %d %d, %d %d L%d %d C%d %d, %d %d, %d %d" fill="none" stroke="%s" stroke-width="3"%s/>`,
			x1, y1, x1+svgColGap/2, y1, x1+svgColGap/2, low, x1+svgColGap, low, x2-svgColGap, low,
			x2-svgColGap/2, low, x2-svgColGap/2, y2, x2-6, y2, edgeColours[e.State], dash)
	} else {
		fmt.Fprintf(b, `<path d="M%d %d C%d %d, %d %d, %d %d" fill="none" stroke="%s" stroke-width="3"%s/>`,
			x1, y1, mid, y1, mid, y2, x2-6, y2, edgeColours[e.State], dash)
	}
	fmt.Fprintf(b, `<polygon points="%d,%d %d,%d %d,%d" fill="%s"/>`, x2, y2, x2-9, y2-5, x2-9, y2+5, edgeColours[e.State])
	b.WriteString(`</g>`)
}

func accountSuffix(n graphNode) string {
	if n.AccountLabel != n.Account {
		return " (" + n.Account + ")"
	}
	return ""
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
