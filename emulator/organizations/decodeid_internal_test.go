package organizations

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// TestDecodeID: an input of one id member decodes as a struct with that
// field would (any case of its name; a non-string is refused) and the id
// is checked against its pattern.
func TestDecodeID(t *testing.T) {
	cases := []struct {
		name, input, want, code string
	}{
		{"as named", `{"AccountId":"123456789012"}`, "123456789012", ""},
		{"another case", `{"accountid":"123456789012"}`, "123456789012", ""},
		{"other members ignored", `{"AccountId":"123456789012","Extra":1}`, "123456789012", ""},
		{"not a string", `{"AccountId":123456789012}`, "", "SerializationException"},
		{"missing", `{}`, "", "InvalidInputException"},
		{"no body", ``, "", "InvalidInputException"},
		{"wrong pattern", `{"AccountId":"12345"}`, "12345", "InvalidInputException"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &call{input: json.RawMessage(tc.input)}
			got, err := c.decodeID("AccountId", patAccount)
			var code string
			var ae *awserr.Error
			if errors.As(err, &ae) {
				code = string(ae.Code)
			} else if err != nil {
				code = err.Error()
			}
			if code != tc.code || (tc.code != "SerializationException" && got != tc.want) {
				t.Errorf("decodeID(%s) = %q, %v; want %q, code %q", tc.input, got, err, tc.want, tc.code)
			}
		})
	}
}
