package sts

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// jacksonValueError is STS's MalformedPolicyDocument text for a session
// policy that is not JSON because a value was expected where a character
// that cannot start one stands: the message of the JSON parser AWS uses,
// with the position it counts (1-based line; the column after the
// character). Recorded for the policy "invalid policy" (quoted from AWS in
// ansible-collections/amazon.aws#2778, 2025-12-09): "Unexpected character
// ('i' (code 105)): expected a valid value (number, String, array, object,
// 'true', 'false' or 'null')\n at [Source: java.io.StringReader@52b5743d;
// line: 1, column: 2]". The reader's hash differs from request to request
// there, so it is random here. Other JSON errors answer "" (their text is
// not recorded).
func jacksonValueError(policy string) string {
	var v any
	var se *json.SyntaxError
	err := json.Unmarshal([]byte(policy), &v)
	if !errors.As(err, &se) || !strings.HasSuffix(se.Error(), "looking for beginning of value") || se.Offset < 1 {
		return ""
	}
	at := int(se.Offset) - 1 // the offending character
	r, _ := utf8.DecodeRuneInString(policy[at:])
	line := 1 + strings.Count(policy[:at], "\n")
	column := at - (strings.LastIndexByte(policy[:at], '\n') + 1) + 2
	return fmt.Sprintf("Unexpected character ('%c' (code %d)): expected a valid value (number, String, array, object, 'true', 'false' or 'null')\n"+
		" at [Source: java.io.StringReader@%x; line: %d, column: %d]", r, r, rand.Uint32()>>1, line, column)
}
