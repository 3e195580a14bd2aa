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
	svgWidth   = 960
	svgColW    = 280
	svgColGap  = 50
	svgNodeH   = 46
	svgRowGap  = 16
	svgTop     = 82
	svgMaxText = 36
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
	pos := map[string][2]int{} // node → x, y of its top-left corner
	rows := [3]int{}
	for _, n := range g.Nodes {
		x := 10 + n.Column*(svgColW+svgColGap)
		y := svgTop + rows[n.Column]*(svgNodeH+svgRowGap)
		rows[n.Column]++
		pos[n.ID] = [2]int{x, y}
	}
	height := svgTop + max(rows[0], rows[1], rows[2], 1)*(svgNodeH+svgRowGap) + 10
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" font-family="sans-serif" role="img" aria-label="trust chain">`,
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
		p := pos[n.ID]
		fmt.Fprintf(&b, `<g class="node %s" data-arn="%s"><title>%s</title>`, n.Kind, esc(n.ID), esc(n.ID))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="8" fill="%s" stroke="#374151"/>`, p[0], p[1], svgColW, svgNodeH, colour[n.Account])
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="15" fill="#111">%s</text>`, p[0]+8, p[1]+19, esc(clip(n.Label)))
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12" fill="#374151">account %s</text>`, p[0]+8, p[1]+37, esc(clip(n.AccountLabel+accountSuffix(n))))
		b.WriteString(`</g>`)
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
		name := "account " + clip(names[a])
		fmt.Fprintf(b, `<g class="account-key" data-account="%s"><rect x="%d" y="55" width="16" height="16" rx="3" fill="%s" stroke="#374151"/><text x="%d" y="67" font-size="13" fill="#111">%s</text></g>`,
			esc(a), x, colour[a], x+22, esc(name))
		x += 22 + 8*len([]rune(name)) + 20
	}
}

func writeEdge(b *bytes.Buffer, e graphEdge, pos map[string][2]int) {
	f, t := pos[e.From], pos[e.To]
	x1, y1 := f[0]+svgColW, f[1]+svgNodeH/2
	x2, y2 := t[0], t[1]+svgNodeH/2
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
	fmt.Fprintf(b, `<g class="edge %s%s" data-from="%s" data-to="%s"><title>%s</title>`, e.State, cross, esc(e.From), esc(e.To), esc(strings.Join(tip, "; ")))
	if e.Direct {
		// Around the roles column, below the nodes it would cross.
		low := max(y1, y2) + svgNodeH/2 + svgRowGap/2
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

func clip(s string) string {
	if r := []rune(s); len(r) > svgMaxText {
		return string(r[:svgMaxText-1]) + "…"
	}
	return s
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
