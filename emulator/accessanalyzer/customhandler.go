package accessanalyzer

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/authz"
	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// The request bodies of the custom checks (API reference, request syntax).
type checkAccessNotGrantedInput struct {
	PolicyDocument *string       `json:"policyDocument"`
	Access         []accessInput `json:"access"`
	PolicyType     *string       `json:"policyType"`
}

type checkNoNewAccessInput struct {
	NewPolicyDocument      *string `json:"newPolicyDocument"`
	ExistingPolicyDocument *string `json:"existingPolicyDocument"`
	PolicyType             *string `json:"policyType"`
}

type checkNoPublicAccessInput struct {
	PolicyDocument *string `json:"policyDocument"`
	ResourceType   *string `json:"resourceType"`
}

// accessCheckPolicyTypes is the API's AccessCheckPolicyType enum.
var accessCheckPolicyTypes = []string{string(IdentityPolicy), string(ResourcePolicy)}

// Limits of the Access type (API reference, Access): up to 100 actions
// and 100 resources, each resource at most 2048 characters; access itself
// holds at most one Access.
const (
	maxAccessItems     = 1
	maxAccessEntries   = 100
	maxAccessResourceN = 2048
)

// readJSON decodes the request body into v, as ValidatePolicy does.
func readJSON(r *http.Request, v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		return validationError("request body too large")
	}
	if len(body) > 0 && json.Unmarshal(body, v) != nil {
		return awserr.New("SerializationException", http.StatusBadRequest, "Could not parse the request body as JSON")
	}
	return nil
}

// constraints collects field validation failures and words them as
// ValidatePolicy's ValidationException does ("1 validation error
// detected: Value null at 'policyDocument' failed to satisfy constraint:
// Member must not be null"; several are joined with "; ").
type constraints []string

func (c *constraints) required(field string, set bool) {
	if !set {
		*c = append(*c, "Value null at '"+field+"' failed to satisfy constraint: Member must not be null")
	}
}

func (c *constraints) enum(field string, v *string, allowed []string) {
	if v == nil {
		c.required(field, false)
		return
	}
	for _, a := range allowed {
		if *v == a {
			return
		}
	}
	*c = append(*c, "Value '"+*v+"' at '"+field+"' failed to satisfy constraint: Member must satisfy enum value set: ["+
		strings.Join(allowed, ", ")+"]")
}

func (c *constraints) maxLen(field, value string, n, limit int) {
	if n > limit {
		*c = append(*c, fmt.Sprintf("Value %s at '%s' failed to satisfy constraint: Member must have length less than or equal to %d",
			value, field, limit))
	}
}

func (c constraints) err() error {
	switch len(c) {
	case 0:
		return nil
	case 1:
		return validationError("1 validation error detected: " + c[0])
	}
	return validationError(strconv.Itoa(len(c)) + " validation errors detected: " + strings.Join(c, "; "))
}

// javaList renders a list of strings as the framework's messages do
// ("[s3:GetObject, s3:PutObject]").
func javaList(v []string) string { return "'[" + strings.Join(v, ", ") + "]'" }

func (in *checkAccessNotGrantedInput) validate() error {
	var c constraints
	c.required("policyDocument", in.PolicyDocument != nil)
	c.required("access", in.Access != nil)
	c.maxLen("access", "'["+strconv.Itoa(len(in.Access))+" items]'", len(in.Access), maxAccessItems)
	for i, a := range in.Access {
		at := "access." + strconv.Itoa(i+1) + ".member."
		c.maxLen(at+"actions", javaList(a.Actions), len(a.Actions), maxAccessEntries)
		c.maxLen(at+"resources", javaList(a.Resources), len(a.Resources), maxAccessEntries)
		for j, res := range a.Resources {
			c.maxLen(at+"resources."+strconv.Itoa(j+1)+".member", "'"+res+"'", len(res), maxAccessResourceN)
		}
	}
	c.enum("policyType", in.PolicyType, accessCheckPolicyTypes)
	if err := c.err(); err != nil {
		return err
	}
	if len(in.Access) == 0 || len(in.Access[0].Actions) == 0 && len(in.Access[0].Resources) == 0 {
		return invalidParameter("The access object must contain at least one action or resource.")
	}
	return nil
}

func (in *checkNoNewAccessInput) validate() error {
	var c constraints
	c.required("newPolicyDocument", in.NewPolicyDocument != nil)
	c.required("existingPolicyDocument", in.ExistingPolicyDocument != nil)
	c.enum("policyType", in.PolicyType, accessCheckPolicyTypes)
	return c.err()
}

func (in *checkNoPublicAccessInput) validate() error {
	var c constraints
	c.required("policyDocument", in.PolicyDocument != nil)
	c.enum("resourceType", in.ResourceType, checkResourceTypes)
	return c.err()
}

// authorizeCheck authorizes the caller for access-analyzer:<op> on "*",
// as ValidatePolicy is authorized.
func (h *Handler) authorizeCheck(r *http.Request, op string) error {
	return h.authz.Authorize(r.Context(), authz.Check{Action: "access-analyzer:" + op, Resource: "*"})
}

func (h *Handler) checkAccessNotGranted(r *http.Request) (any, error) {
	var in checkAccessNotGrantedInput
	if err := readJSON(r, &in); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := h.authorizeCheck(r, "CheckAccessNotGranted"); err != nil {
		return nil, err
	}
	stmts, err := parseCheckPolicy("policyDocument", *in.PolicyDocument)
	if err != nil {
		return nil, err
	}
	rel := newRelator()
	out := accessNotGranted(rel, stmts, in.Access[0], *in.PolicyType == string(ResourcePolicy))
	return finish(rel, out)
}

func (h *Handler) checkNoNewAccess(r *http.Request) (any, error) {
	var in checkNoNewAccessInput
	if err := readJSON(r, &in); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := h.authorizeCheck(r, "CheckNoNewAccess"); err != nil {
		return nil, err
	}
	newStmts, err := parseCheckPolicy("newPolicyDocument", *in.NewPolicyDocument)
	if err != nil {
		return nil, err
	}
	old, err := parseCheckPolicy("existingPolicyDocument", *in.ExistingPolicyDocument)
	if err != nil {
		return nil, err
	}
	rel := newRelator()
	return finish(rel, noNewAccess(rel, newStmts, old, *in.PolicyType == string(ResourcePolicy)))
}

func (h *Handler) checkNoPublicAccess(r *http.Request) (any, error) {
	var in checkNoPublicAccessInput
	if err := readJSON(r, &in); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	if err := h.authorizeCheck(r, "CheckNoPublicAccess"); err != nil {
		return nil, err
	}
	stmts, err := parseCheckPolicy("policyDocument", *in.PolicyDocument)
	if err != nil {
		return nil, err
	}
	return noPublicAccess(*in.PolicyDocument, stmts, *in.ResourceType), nil
}

// finish answers the verdict, or UnprocessableEntityException when the
// comparisons ran out of budget before reaching one.
func finish(rel *relator, out *checkOutput) (any, error) {
	if rel.spent {
		return nil, tooComplex()
	}
	return out, nil
}
