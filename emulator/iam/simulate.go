package iam

import (
	"context"

	"github.com/fakeaws/fakeaws/emulator/query"
)

func (h *Handler) simulateCustomPolicy(ctx context.Context, p query.Params) (any, error) {
	return nil, nil
}

func (h *Handler) simulatePrincipalPolicy(ctx context.Context, p query.Params) (any, error) {
	return nil, nil
}
