package evaluator

import "testing"

func TestPatternRelations(t *testing.T) {
	for _, c := range []struct {
		kind           string // "action" or "resource"
		a, b           string
		overlap, cover bool // cover: a covers b
	}{
		{"action", "s3:GetObject", "s3:getobject", true, true},
		{"action", "s3:Get*", "s3:GetObject", true, true},
		{"action", "s3:GetObject", "s3:Get*", true, false},
		{"action", "s3:*", "s3:Get*", true, true},
		{"action", "*", "iam:PassRole", true, true},
		{"action", "s3:Get*", "s3:*Acl", true, false},
		{"action", "s3:Get*", "s3:Put*", false, false},
		{"action", "s3:Get?bject", "s3:GetObject", true, true},
		{"action", "s3:Get?bject", "s3:Get*", true, false},
		{"action", "iam:*", "s3:*", false, false},
		{"action", "s3:*Object", "s3:Get*", true, false},
		{"action", "s3:*", "s3:**", true, true},
		{"resource", "*", "arn:aws:s3:::b/k", true, true},
		{"resource", "arn:aws:s3:::b/*", "arn:aws:s3:::b/logs/*", true, true},
		{"resource", "arn:aws:s3:::b/logs/*", "arn:aws:s3:::b/*", true, false},
		{"resource", "arn:aws:s3:::b/*", "arn:aws:s3:::c/*", false, false},
		{"resource", "arn:aws:s3:::b", "arn:aws:s3:::b/*", false, false},
		{"resource", "arn:aws:s3:::B", "arn:aws:s3:::b", false, false},
		{"resource", "arn:aws:iam::*:role/x", "arn:aws:iam::111111111111:role/x", true, true},
		// A split ARN's "*" stays inside its component.
		{"resource", "arn:aws:iam::*:role/x", "arn:aws:iam::1:2:role/x", false, false},
		{"resource", "arn:*", "arn:aws:s3:::b", true, true},
		{"resource", "arn:aws:s3:::b", "*", true, false},
		// A variable may be anything for overlap, only itself for cover.
		{"resource", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/alice/x", true, false},
		{"resource", "arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${aws:username}/x", true, true},
		{"resource", "arn:aws:s3:::b/${aws:userid}/*", "arn:aws:s3:::b/${aws:username}/x", true, false},
		{"resource", "arn:aws:s3:::b/*", "arn:aws:s3:::b/${aws:username}", true, true},
	} {
		var overlap, cover, back bool
		if c.kind == "action" {
			overlap, back, cover = ActionsOverlap(c.a, c.b), ActionsOverlap(c.b, c.a), ActionCovers(c.a, c.b)
		} else {
			overlap, back, cover = ResourcesOverlap(c.a, c.b), ResourcesOverlap(c.b, c.a), ResourceCovers(c.a, c.b)
		}
		if overlap != c.overlap || back != c.overlap {
			t.Errorf("%s overlap(%q, %q) = %v/%v, want %v", c.kind, c.a, c.b, overlap, back, c.overlap)
		}
		if cover != c.cover {
			t.Errorf("%s cover(%q, %q) = %v, want %v", c.kind, c.a, c.b, cover, c.cover)
		}
	}
}

// TestCoverAgreesWithMatch: when a pattern covers another, every string
// the inner one matches is matched by the outer one (the matcher's own
// verdict, on a sample).
func TestCoverAgreesWithMatch(t *testing.T) {
	pats := []string{"arn:aws:s3:::b/*", "arn:aws:s3:::b/a*", "arn:aws:s3:::b/?x", "arn:aws:s3:::*/x",
		"arn:aws:s3:::b*", "*", "arn:aws:s3:::b/ax", "arn:aws:*:::b/*"}
	vals := []string{"arn:aws:s3:::b/ax", "arn:aws:s3:::b/x", "arn:aws:s3:::bb", "arn:aws:s3:::c/x",
		"arn:aws:sqs:::b/bx", "arn:aws:s3:::b/a", "arn:aws:s3:::b"}
	for _, o := range pats {
		for _, i := range pats {
			for _, v := range vals {
				if ResourceCovers(o, i) && MatchARN(i, v) && !MatchARN(o, v) {
					t.Errorf("%q covers %q but %q matches only the inner", o, i, v)
				}
				if MatchARN(o, v) && MatchARN(i, v) && !ResourcesOverlap(o, i) {
					t.Errorf("%q and %q both match %q but do not overlap", o, i, v)
				}
			}
		}
	}
}
