package emulator

import (
	"strings"
	"unicode"
)

// Text in the trust-chain diagram's boxes. An SVG text never wraps by
// itself, and the server cannot measure it, so the width of a line is
// estimated with DejaVu Sans's advance widths: the widest of the usual
// sans-serif faces (Linux's default; Arial, Liberation Sans and Helvetica
// are narrower), so a line that fits here fits on a trainer's projector
// too.

// dejaVuWidths are DejaVu Sans's advance widths of ASCII ' ' to '~', in
// thousandths of an em, as Chromium measures them.
var dejaVuWidths = [95]uint16{
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, // ' ' to '/'
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, // '0' to '9'
	337, 337, 838, 838, 838, 531, 1000, // ':' to '@'
	684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, // 'A' to 'M'
	748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, // 'N' to 'Z'
	390, 337, 390, 838, 500, 500, // '[' to '`'
	613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, // 'a' to 'm'
	634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, // 'n' to 'z'
	636, 337, 636, 838, // '{' to '~'
}

// textWidth is the width in pixels s takes at font size px. A character
// beyond ASCII counts as a full em, as wide as an ideograph.
func textWidth(s string, px int) float64 {
	em := 0
	for _, r := range s {
		if r >= ' ' && r <= '~' {
			em += int(dejaVuWidths[r-' '])
		} else {
			em += 1000
		}
	}
	return float64(em*px) / 1000
}

// wrapText breaks s into lines no wider than room pixels at font size px,
// at most maxLines of them. A line ends between words (see lastBreak)
// when a place for it falls in the line's second half. When s needs more lines, it is shortened in
// the middle, "…" standing for what is left out: the start and the end of
// a name are what tell it from its neighbours.
func wrapText(s string, px int, room float64, maxLines int) []string {
	lines := breakLines([]rune(s), px, room)
	r := []rune(s)
	for keep := len(r) - 1; len(lines) > maxLines && keep > 0; keep-- {
		head := (keep + 1) / 2
		short := string(r[:head]) + "…" + string(r[len(r)-(keep-head):])
		lines = breakLines([]rune(short), px, room)
	}
	return lines
}

// shortenText is s on one line of room pixels at font size px, shortened
// in the middle if it must be.
func shortenText(s string, px int, room float64) string {
	return wrapText(s, px, room, 1)[0]
}

// breakLines breaks r greedily into lines no wider than room (a single
// character wider than room is a line of its own).
func breakLines(r []rune, px int, room float64) []string {
	var lines []string
	for len(r) > 0 {
		end := 1
		for end < len(r) && textWidth(string(r[:end+1]), px) <= room {
			end++
		}
		if end < len(r) {
			if b := lastBreak(r, end); b > end/2 {
				end = b
			}
		}
		lines = append(lines, string(r[:end]))
		r = r[end:]
	}
	return lines
}

// lastBreak is the last place at or before end (end < len(r)) where a
// line may break between words, or 0: after a separator, before an "@",
// or between the words of a CamelCase name (S3ReadWrite|Role).
func lastBreak(r []rune, end int) int {
	for i := end; i > 0; i-- {
		if strings.ContainsRune("-_./,+=:", r[i-1]) || r[i] == '@' || unicode.IsLower(r[i-1]) && unicode.IsUpper(r[i]) {
			return i
		}
	}
	return 0
}
