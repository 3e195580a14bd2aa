package organizations

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// This file holds trusted access for AWS services
// (Enable/DisableAWSServiceAccess, ListAWSServiceAccessForOrganization)
// and ListCreateAccountStatus.

// servicePrincipalPattern is the ServicePrincipal shape: 1..128 of
// [\w+=,.@-].
var servicePrincipalPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[\w+=,.@-]{1,128}$`) })

// checkServicePrincipal checks a ServicePrincipal against its shape and
// refuses one that names no service (UNRECOGNIZED_SERVICE_PRINCIPAL, "You
// specified a service principal that isn't recognized"); fakeaws has no
// list of the services that integrate with Organizations and accepts any
// NAME.amazonaws.com.
func checkServicePrincipal(sp string) error {
	if !servicePrincipalPattern().MatchString(sp) {
		return errPattern()
	}
	if !strings.HasSuffix(sp, ".amazonaws.com") || sp == ".amazonaws.com" {
		return errInvalidInput("UNRECOGNIZED_SERVICE_PRINCIPAL", "You specified a service principal that isn't recognized.")
	}
	return nil
}

type servicePrincipalIn struct {
	ServicePrincipal string `json:"ServicePrincipal"`
}

// servicePrincipal is the request's ServicePrincipal, checked, with its
// organizations:ServicePrincipal condition key set on c.
func servicePrincipal(c *call) (string, error) {
	var in servicePrincipalIn
	if err := c.decode(&in); err != nil {
		return "", err
	}
	if err := checkServicePrincipal(in.ServicePrincipal); err != nil {
		return "", err
	}
	c.keys = servicePrincipalKeys(in.ServicePrincipal)
	return in.ServicePrincipal, nil
}

func (h *Handler) enableAWSServiceAccess(ctx context.Context, c *call) (any, error) {
	sp, err := servicePrincipal(c)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "EnableAWSServiceAccess", nil, func(tx *store.Tx, o *store.Organization) error {
		if o.FeatureSet != "ALL" {
			return errConstraint("ORGANIZATION_NOT_IN_ALL_FEATURES_MODE", "You attempted to perform an operation that requires the organization to be configured to support all features.")
		}
		if _, ok := o.ServiceAccess[sp]; ok {
			return nil
		}
		if o.ServiceAccess == nil {
			o.ServiceAccess = map[string]time.Time{}
		}
		o.ServiceAccess[sp] = h.now().UTC()
		return nil
	})
}

func (h *Handler) disableAWSServiceAccess(ctx context.Context, c *call) (any, error) {
	sp, err := servicePrincipal(c)
	if err != nil {
		return nil, err
	}
	return nil, h.manage(ctx, c, "DisableAWSServiceAccess", nil, func(tx *store.Tx, o *store.Organization) error {
		delete(o.ServiceAccess, sp)
		deregisterService(o, sp)
		return nil
	})
}

type enabledServicePrincipalOut struct {
	ServicePrincipal string `json:"ServicePrincipal"`
	DateEnabled      epoch  `json:"DateEnabled"`
}

func (h *Handler) listAWSServiceAccessForOrganization(ctx context.Context, c *call) (any, error) {
	out := []enabledServicePrincipalOut{}
	err := h.read(ctx, c, "ListAWSServiceAccessForOrganization", nil, func(o *store.Organization) error {
		for sp, at := range o.ServiceAccess {
			out = append(out, enabledServicePrincipalOut{ServicePrincipal: sp, DateEnabled: epoch(at)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b enabledServicePrincipalOut) int {
		return strings.Compare(a.ServicePrincipal, b.ServicePrincipal)
	})
	return map[string]any{"EnabledServicePrincipals": out}, nil
}

func (h *Handler) listCreateAccountStatus(ctx context.Context, c *call) (any, error) {
	var in struct {
		States []string `json:"States"`
	}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	for _, s := range in.States {
		if s != "IN_PROGRESS" && s != "SUCCEEDED" && s != "FAILED" {
			return nil, errInvalidInput("INVALID_ENUM", "You specified an invalid value.")
		}
	}
	out := []createAccountStatusOut{}
	err := h.read(ctx, c, "ListCreateAccountStatus", nil, func(o *store.Organization) error {
		for _, s := range o.CreateStatuses {
			if len(in.States) == 0 || slices.Contains(in.States, s.State) {
				out = append(out, createStatusShape(s))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b createAccountStatusOut) int { return strings.Compare(a.ID, b.ID) })
	return map[string]any{"CreateAccountStatuses": out}, nil
}
