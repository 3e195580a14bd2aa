package iam

import (
	"strings"
	"testing"
)

func TestOIDCProviders(t *testing.T) {
	t.Parallel()
	tp := strings.Repeat("a", 40)
	arn := "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"
	mk := s("CreateOpenIDConnectProvider", "Url", "https://token.actions.githubusercontent.com",
		"ClientIDList.member.1", "sts.amazonaws.com", "ThumbprintList.member.1", tp)
	runCases(t, []actionCase{
		{name: "create", action: mk.action, kv: mk.kv, fields: map[string]string{"OpenIDConnectProviderArn": arn}},
		{name: "create duplicate", setup: []step{mk}, action: mk.action, kv: mk.kv, status: 409, code: "EntityAlreadyExists"},
		{name: "create http", action: "CreateOpenIDConnectProvider", kv: []string{"Url", "http://x.example.com"}, status: 400, code: "ValidationError"},
		{name: "create bad thumbprint", action: "CreateOpenIDConnectProvider", kv: []string{"Url", "https://x.example.com", "ThumbprintList.member.1", "abc"},
			status: 400, code: "ValidationError"},
		{name: "get", setup: []step{mk}, action: "GetOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn},
			fields: map[string]string{"Url": "token.actions.githubusercontent.com", "member": "sts.amazonaws.com"}},
		{name: "get missing", action: "GetOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn}, status: 404, code: "NoSuchEntity"},
		{name: "list", setup: []step{mk}, action: "ListOpenIDConnectProviders", fields: map[string]string{"Arn": arn}},
		{name: "add client", setup: []step{mk}, action: "AddClientIDToOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn, "ClientID", "x"}},
		{name: "thumbprint", setup: []step{mk}, action: "UpdateOpenIDConnectProviderThumbprint",
			kv: []string{"OpenIDConnectProviderArn", arn, "ThumbprintList.member.1", strings.Repeat("b", 40)}},
		{name: "delete", setup: []step{mk}, action: "DeleteOpenIDConnectProvider", kv: []string{"OpenIDConnectProviderArn", arn}},
	})
}

var (
	oidcARN = "arn:aws:iam::111111111111:oidc-provider/token.example.com"
	mkOIDC  = s("CreateOpenIDConnectProvider", "Url", "https://token.example.com", "ThumbprintList.member.1", strings.Repeat("a", 40))
)
