package main

import (
	"runtime/debug"
	"strings"
)

// The garbage collector's settings for the server process, unless the
// environment sets its own (GOGC, GOMEMLIMIT).
//
// fakeaws keeps a small live heap (6-7 MB while serving 64 connections:
// their read buffers, the key, role and policy caches) and allocates
// quickly while serving (about 7 KB per GetSessionToken, 12 KB per
// AssumeRole). With Go's default GOGC=100 it collected every ~7 MB
// allocated: 25-28 cycles a second at 13,000 requests a second, each with
// two stop-the-world pauses and write barriers on while it marks, which
// the tail of the latency showed. GOGC=400 collects about a third as
// often. Measured on the 2-core benchmark machine with bench/loadgen
// (getsessiontoken, 64 connections, back-to-back runs of one binary):
// server CPU per request 50, 46, 54 µs → 41, 41, 47 µs; p99 18.0, 12.8,
// 16.5 ms → 10.9, 11.0, 12.1 ms; peak RSS under that load 24 → 44 MB.
// Idle RSS after start, a 1 GiB PUT's peak and RSS after starting on
// 100,000 objects stay where they were (see the commit that set this).
//
// The soft memory limit bounds what the higher GOGC costs a large heap:
// with a live heap up to 64 MB the collector still runs no more often than
// Go's default would, and above it the heap stops growing five-fold. It is
// soft: a live heap past it is not refused, only collected more often.
const (
	gcPercent   = 400
	memoryLimit = 128 << 20
)

// tuneGC applies gcPercent and memoryLimit unless env sets GOGC or
// GOMEMLIMIT, which the runtime has already read and applied. main calls
// it: the settings belong to the process, not to run, which tests call.
func tuneGC(env []string) {
	if !envSet(env, "GOGC") {
		debug.SetGCPercent(gcPercent)
	}
	if !envSet(env, "GOMEMLIMIT") {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// envSet reports whether env (KEY=VALUE entries) gives name a value; the
// runtime reads an empty one as unset too.
func envSet(env []string, name string) bool {
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name && v != "" {
			return true
		}
	}
	return false
}
