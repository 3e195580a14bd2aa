// Package policyjson decodes the two shapes of a policy document that the
// grammar lets be one thing or a list of them, for code that reads a
// document loosely (without the evaluator's parser): the Statement, an
// object or a list of objects, and an element such as Action, Resource or
// a principal's value, a string or a list of strings.
package policyjson

import "encoding/json"

// Statements decodes the Statement of doc into a list of T, whether it is
// one object or a list of them. A document that is not JSON, or whose
// Statement is neither, gives nil.
func Statements[T any](doc string) []T {
	var top struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(doc), &top) != nil {
		return nil
	}
	var list []T
	if json.Unmarshal(top.Statement, &list) == nil {
		return list
	}
	var one T
	if json.Unmarshal(top.Statement, &one) == nil {
		return []T{one}
	}
	return nil
}

// Strings decodes a string or a list of strings. A list that holds other
// values too gives its strings in place, the others as "" (so a check
// that looks for "*" still finds it); anything else, or nothing, gives nil.
func Strings(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(raw, &many)
	return many
}
