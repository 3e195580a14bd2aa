package sts

import (
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator/saml"
)

// A SAML session ends at the earliest of DurationSeconds, the assertion's
// SessionNotOnOrAfter and its SessionDuration attribute (IAM User Guide,
// "Configure SAML assertions for the authentication response"): none of
// them may lengthen what another one allows.
func TestSAMLSessionEnd(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { x := now.Add(d); return &x }
	tests := []struct {
		name            string
		notOnOrAfter    *time.Time
		sessionDuration int
		duration        int
		want            time.Time
	}{
		{"DurationSeconds alone", nil, 0, 3600, now.Add(time.Hour)},
		{"SessionNotOnOrAfter earlier", at(30 * time.Minute), 0, 3600, now.Add(30 * time.Minute)},
		{"SessionNotOnOrAfter later", at(2 * time.Hour), 0, 3600, now.Add(time.Hour)},
		{"SessionDuration shorter", nil, 900, 3600, now.Add(15 * time.Minute)},
		{"SessionDuration longer", nil, 7200, 3600, now.Add(time.Hour)},
		{"SessionDuration does not outlive SessionNotOnOrAfter", at(10 * time.Minute), 1800, 3600, now.Add(10 * time.Minute)},
		{"SessionNotOnOrAfter does not outlive SessionDuration", at(50 * time.Minute), 1200, 3600, now.Add(20 * time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &saml.Assertion{SessionNotOnOrAfter: tt.notOnOrAfter}
			end := now.Add(time.Duration(tt.duration) * time.Second)
			if got := samlSessionEnd(end, a, tt.sessionDuration, tt.duration, now); !got.Equal(tt.want) {
				t.Errorf("samlSessionEnd = %v, want %v", got, tt.want)
			}
		})
	}
}
