package evaluator

import "strings"

// Set stores values under key, lower-cased, replacing what was there.
// Evaluate looks keys up lower-cased, so filling a Context through Set
// keeps lookups allocation-free.
func (c Context) Set(key string, values ...string) {
	c[strings.ToLower(key)] = values
}

// Add appends values to key (lower-cased).
func (c Context) Add(key string, values ...string) {
	k := strings.ToLower(key)
	c[k] = append(c[k], values...)
}

// Get returns the values of key, matched case-insensitively.
func (c Context) Get(key string) ([]string, bool) {
	if v, ok := c[key]; ok {
		return v, true
	}
	for k, v := range c {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// values is a context key's values without allocating for keys derived
// from the Principal.
type values struct {
	one    string
	many   []string
	single bool
}

func (v values) len() int {
	if v.single {
		return 1
	}
	return len(v.many)
}

func (v values) at(i int) string {
	if v.single {
		return v.one
	}
	return v.many[i]
}

// lookup finds a lower-cased key in the request context. When the caller
// did not supply it, a few keys are derived from the Principal:
// aws:username, aws:userid, aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType and aws:PrincipalServiceName.
func (e *evalState) lookup(key string) (values, bool) {
	ctx := e.req.Context
	if v, ok := ctx[key]; ok {
		return values{many: v}, true
	}
	for k, v := range ctx {
		if len(k) == len(key) && k != key && strings.EqualFold(k, key) {
			return values{many: v}, true
		}
	}
	p := &e.req.Principal
	var s string
	switch key {
	case "aws:username":
		if p.Type == PrincipalUser {
			s = p.Username
		}
	case "aws:userid":
		s = p.UserID
	case "aws:principalarn":
		if p.Type == PrincipalAssumedRole && p.RoleARN != "" {
			s = p.RoleARN
		} else if p.Type != PrincipalAnonymous && p.Type != PrincipalService {
			s = p.ARN
		}
	case "aws:principalaccount":
		s = p.Account
	case "aws:principaltype":
		if p.Type != PrincipalService {
			s = string(p.Type)
		}
	case "aws:principalservicename":
		s = p.Service
	}
	if s == "" {
		return values{}, false
	}
	return values{one: s, single: true}, true
}
