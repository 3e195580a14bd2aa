package sts

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authn"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/evaluator"
)

// AuthorizationDetails is what an encoded authorization message carries:
// the decision and the request context it was made in. It marshals to the
// JSON document DecodeAuthorizationMessage returns
// (https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html).
type AuthorizationDetails struct {
	Allowed           bool             `json:"allowed"`
	ExplicitDeny      bool             `json:"explicitDeny"`
	MatchedStatements itemList[Match]  `json:"matchedStatements"`
	Failures          itemList[string] `json:"failures"`
	Context           MessageContext   `json:"context"`
}

// Match is one statement that decided.
type Match struct {
	StatementID string `json:"statementId"`
	Effect      string `json:"effect"` // "ALLOW" or "DENY"
	Policy      string `json:"policy,omitempty"`
}

// MessageContext is the request an authorization message describes.
type MessageContext struct {
	Principal  MessagePrincipal           `json:"principal"`
	Action     string                     `json:"action"`
	Resource   string                     `json:"resource"`
	Conditions itemList[MessageCondition] `json:"conditions"`
}

// MessagePrincipal names the caller.
type MessagePrincipal struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	ARN  string `json:"arn"`
}

// MessageCondition is one request context key and its values.
type MessageCondition struct {
	Key    string                 `json:"key"`
	Values itemList[messageValue] `json:"values"`
}

type messageValue struct {
	Value string `json:"value"`
}

// itemList is AWS's {"items": [...]} wrapper.
type itemList[T any] struct {
	Items []T `json:"items"`
}

// DetailsFromDecision builds the message details of an evaluator decision.
func DetailsFromDecision(d evaluator.Decision, req *evaluator.Request) AuthorizationDetails {
	out := AuthorizationDetails{
		Allowed:      d.Effect == evaluator.Allow,
		ExplicitDeny: d.Effect == evaluator.ExplicitDeny,
		Context: MessageContext{
			Principal: MessagePrincipal{ID: req.Principal.UserID, Name: req.Principal.Username, ARN: req.Principal.ARN},
			Action:    req.Action,
			Resource:  req.Resource,
		},
	}
	out.MatchedStatements.Items = []Match{}
	out.Failures.Items = []string{}
	for _, s := range d.Statements {
		out.MatchedStatements.Items = append(out.MatchedStatements.Items,
			Match{StatementID: s.Sid, Effect: strings.ToUpper(s.Effect), Policy: s.Policy})
	}
	keys := make([]string, 0, len(req.Context))
	for k := range req.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out.Context.Conditions.Items = []MessageCondition{}
	for _, k := range keys {
		c := MessageCondition{Key: k}
		c.Values.Items = []messageValue{}
		for _, v := range req.Context[k] {
			c.Values.Items = append(c.Values.Items, messageValue{Value: v})
		}
		out.Context.Conditions.Items = append(out.Context.Conditions.Items, c)
	}
	return out
}

// messageVersion prefixes encoded messages so other strings are rejected.
const messageVersion = "fakeaws1."

// EncodeAuthorizationMessage returns the opaque encoded form of d, as
// services put in an AccessDenied message ("Encoded authorization failure
// message: ..."). DecodeAuthorizationMessage reverses it.
func EncodeAuthorizationMessage(d AuthorizationDetails) string {
	raw, _ := json.Marshal(d) // plain data: cannot fail
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	_, _ = w.Write(raw)
	_ = w.Close()
	return messageVersion + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// maxDecodedMessage bounds the inflated size of a message.
const maxDecodedMessage = 1 << 20

// decodeAuthorizationMessage reverses EncodeAuthorizationMessage and
// returns the JSON document ("" and false when msg is not one).
func decodeMessage(msg string) (string, bool) {
	body, ok := strings.CutPrefix(strings.TrimSpace(msg), messageVersion)
	if !ok {
		return "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return "", false
	}
	r := flate.NewReader(bytes.NewReader(raw))
	defer r.Close()
	plain, err := io.ReadAll(io.LimitReader(r, maxDecodedMessage+1))
	if err != nil || len(plain) > maxDecodedMessage {
		return "", false
	}
	var d AuthorizationDetails
	if json.Unmarshal(plain, &d) != nil {
		return "", false
	}
	return string(plain), true
}

type decodeAuthorizationMessageResult struct {
	XMLName        xml.Name `xml:"DecodeAuthorizationMessageResult"`
	DecodedMessage string   `xml:"DecodedMessage"`
}

// decodeAuthorizationMessage serves DecodeAuthorizationMessage; the caller
// needs sts:DecodeAuthorizationMessage.
func (h *Handler) decodeAuthorizationMessage(ctx context.Context, p query.Params) (any, error) {
	msg, ok := optional(p, "EncodedMessage")
	var v validation
	if !ok {
		v.fail("encodedMessage", nil, "Member must not be null")
	} else {
		v.length("encodedMessage", msg, 1, 10240)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if c := &authn.FromContext(ctx).Caller; c.Anonymous() {
		return nil, errMissingAuthToken()
	}
	if err := h.authz.Authorize(ctx, authz.Check{Action: "sts:DecodeAuthorizationMessage", Resource: "*"}); err != nil {
		return nil, err
	}
	decoded, ok := decodeMessage(msg)
	if !ok {
		return nil, awserr.New("InvalidAuthorizationMessageException", http.StatusBadRequest,
			"The error message could not be decoded.")
	}
	return &decodeAuthorizationMessageResult{DecodedMessage: decoded}, nil
}
