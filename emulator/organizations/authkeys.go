package organizations

import "github.com/fakeaws/fakeaws/emulator/store"

// This file holds the condition keys Organizations operations carry into
// their authorization (Service Authorization Reference, "Actions, resources,
// and condition keys for AWS Organizations"): organizations:PolicyType on
// the policy operations, organizations:ServicePrincipal on the trusted
// access and delegated administrator operations, aws:RequestTag/<key> and
// aws:TagKeys where tags are given. Without them a policy that denies
// "organizations:PolicyType": "SERVICE_CONTROL_POLICY" would never match.

// policyTypeKeys returns the keys of an operation on policies of type typ.
func policyTypeKeys(typ string) func(*store.Organization) map[string][]string {
	return func(*store.Organization) map[string][]string {
		return map[string][]string{"organizations:PolicyType": {typ}}
	}
}

// policyTypeOf returns the keys of an operation on policy id (none when
// id names no policy: a root, OU or account being tagged, or an unknown
// policy, which the operation then refuses).
func policyTypeOf(id string) func(*store.Organization) map[string][]string {
	return func(o *store.Organization) map[string][]string {
		if p := findPolicy(o, id); p != nil {
			return map[string][]string{"organizations:PolicyType": {p.Type}}
		}
		return nil
	}
}

// servicePrincipalKeys returns the keys of an operation naming sp.
func servicePrincipalKeys(sp string) func(*store.Organization) map[string][]string {
	return func(*store.Organization) map[string][]string {
		return map[string][]string{"organizations:ServicePrincipal": {sp}}
	}
}

// requestTagKeys adds aws:RequestTag/<key> for each tag and aws:TagKeys to
// the keys base returns (base may be nil).
func requestTagKeys(base func(*store.Organization) map[string][]string, tags []tagIO) func(*store.Organization) map[string][]string {
	if len(tags) == 0 {
		return base
	}
	return func(o *store.Organization) map[string][]string {
		keys := map[string][]string{}
		if base != nil {
			for k, v := range base(o) {
				keys[k] = v
			}
		}
		names := make([]string, 0, len(tags))
		for _, t := range tags {
			keys["aws:RequestTag/"+t.Key] = []string{t.Value}
			names = append(names, t.Key)
		}
		keys["aws:TagKeys"] = names
		return keys
	}
}

// tagKeysKeys returns aws:TagKeys for an operation removing keys.
func tagKeysKeys(keys []string) func(*store.Organization) map[string][]string {
	return func(*store.Organization) map[string][]string {
		return map[string][]string{"aws:TagKeys": keys}
	}
}

// withKeys merges the keys of a and b (b wins).
func withKeys(a, b func(*store.Organization) map[string][]string) func(*store.Organization) map[string][]string {
	return func(o *store.Organization) map[string][]string {
		keys := map[string][]string{}
		for _, f := range []func(*store.Organization) map[string][]string{a, b} {
			for k, v := range f(o) {
				keys[k] = v
			}
		}
		return keys
	}
}
