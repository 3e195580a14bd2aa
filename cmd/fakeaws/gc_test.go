package main

import "testing"

func TestEnvSet(t *testing.T) {
	t.Parallel()
	env := []string{"PATH=/bin", "GOGC=200", "GOMEMLIMIT=", "XGOGC=1", "FAKEAWS_GOGC=3"}
	tests := []struct {
		name string
		want bool
	}{
		{"GOGC", true},
		{"GOMEMLIMIT", false}, // empty: the runtime reads it as unset
		{"GODEBUG", false},
		{"GOG", false},
		{"XGOGC", true},
	}
	for _, tt := range tests {
		if got := envSet(env, tt.name); got != tt.want {
			t.Errorf("envSet(%v, %q) = %v, want %v", env, tt.name, got, tt.want)
		}
	}
}
