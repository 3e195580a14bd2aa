// Package expect wraps fakeaws's listener so that a request with an
// Expect header other than "100-continue" reaches the handler as if the
// header were absent, instead of being answered 417 Expectation Failed by
// net/http before any handler runs (net/http's conn.serve has no hook for
// it). AWS's answer to such a header is not recorded anywhere we could
// find; docs/deviations.md states the rule.
//
// The wrapper follows HTTP/1.1 framing (request heads, Content-Length and
// chunked bodies) so that it edits request heads only, never body bytes.
// Anything it does not understand (HTTP/2 prior knowledge, an Upgrade, a
// head over the size net/http accepts, a malformed length) switches the
// connection to plain pass-through, where net/http answers as it always
// did.
package expect
