package main

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"sync"
)

// adminHosts is the --admin-host flag: host names under which /_fakeaws/*
// answers besides the loopback ones, given comma-separated, repeatedly, or
// both.
type adminHosts []string

// hostNamePattern is a DNS name (letters, digits, hyphens, underscores as
// Docker service names may have, dots) with no port, scheme or wildcard.
// It is compiled on first use, not at every start.
var hostNamePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?$`)
})

func (h *adminHosts) String() string { return strings.Join(*h, ",") }

// Set adds the comma-separated names in v, refusing anything that is not a
// bare host name or IP address, so a typo cannot widen the check.
func (h *adminHosts) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		name = strings.TrimSpace(name)
		bare := strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
		if net.ParseIP(bare) == nil && !hostNamePattern().MatchString(name) {
			return fmt.Errorf("--admin-host %q: want host names without a port, comma-separated (e.g. fakeaws,fakeaws.internal)", name)
		}
		*h = append(*h, name)
	}
	return nil
}
