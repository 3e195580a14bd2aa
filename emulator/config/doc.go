// Package config declares a known world for fakeaws — accounts, named access
// keys, IAM users, groups, managed policies, roles, OIDC providers, S3 buckets
// and objects — and applies it to a running server at start (--config FILE).
//
// # The file
//
// A config file is JSON. Every list is optional; policy documents are JSON
// objects (or strings holding the JSON text):
//
//	{
//	  "accounts": [{
//	    "id": "111111111111",
//	    "alias": "emrys",
//	    "accessKeys": [
//	      {"id": "AKIAEMRYSADMIN000001", "secret": "emrys-admin-secret", "profile": "emrys"},
//	      {"id": "AKIAEMRYSALICE000001", "secret": "alice-secret", "user": "alice"}
//	    ],
//	    "users": [{"name": "alice", "path": "/", "groups": ["devs"],
//	               "policies": {"inline": {"assume-odin": {...}}, "attached": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]},
//	               "boundary": "arn:aws:iam::aws:policy/PowerUserAccess", "tags": {"team": "a"}}],
//	    "groups": [{"name": "devs", "policies": {"attached": ["arn:aws:iam::111111111111:policy/AssumeOdinRole"]}}],
//	    "policies": [{"name": "AssumeOdinRole", "path": "/", "description": "...", "document": {...}}],
//	    "roles": [{"name": "reader", "trust": {...}, "maxSessionDuration": 28800,
//	               "policies": {...}, "boundary": "arn:...", "tags": {...},
//	               "profile": "reader", "sourceProfile": "emrys-alice"}],
//	    "buckets": [{"name": "emrys-data", "region": "us-east-1", "versioning": "Enabled",
//	                 "policy": {...}, "objects": [{"key": "hello.txt", "body": "hi", "contentType": "text/plain"}]}],
//	    "oidcProviders": [{"url": "https://token.example.com", "clientIds": ["sts.amazonaws.com"], "thumbprints": ["..."]}]
//	  }]
//	}
//
// An access key without "user" is a root key of its account. Its id is
// "AKIA" followed by 12 to 124 upper-case letters and digits; "secret" is
// required (40 characters like AWS's are recommended, any non-blank text is
// accepted). "profile" and "sourceProfile" are hints for `fakeaws profile`
// only; the server ignores them. Under --strict-accounts the 12-digit root
// keys stop working, so declare a root key for every account whose root
// should be usable.
//
// # Applying
//
// [Apply] creates everything through the server's own handlers, as the
// account's root user, so every validation AWS performs applies (names,
// paths, policy grammar, principals that must exist, bucket names,
// MaxSessionDuration). Only what has no API is written to the store
// directly: the accounts themselves and access keys with fixed ids and
// secrets.
//
// The order is: for every account, its alias, users, groups, managed
// policies, then the users' and groups' policies, boundaries and group
// membership, OIDC providers and access keys; then the roles of every
// account (a trust policy may name users of any account, and roles whose
// trust names a role declared later are retried once that role exists);
// then the buckets of every account, their policies and objects; last the
// "organization" section (see [Organization]): the organization, its
// enabled policy types, OUs, the accounts brought in by invitation and
// handshake and placed, then its SCPs and RCPs and their attachments.
//
// Apply is idempotent and additive: entities that already exist are updated
// to match the file (trust policies, managed policy default versions, inline
// policies, attachments, boundaries, tags, bucket policies, objects), and
// nothing the file does not mention is removed.
//
// # Errors
//
// [Parse] and [Apply] report problems as [*Error] values (several joined with
// errors.Join from Parse) naming the JSON path of the offending field, so
//
//	accounts[1].roles[0].trust: Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:user/nobody" (MalformedPolicyDocument)
//
// points at the mistake. The server does not start when the config fails.
package config
