// Package reliability holds tests that build and run the real fakeaws
// binary on loopback and check its data-safety and security promises from
// outside (docs/data-safety.md maps issue 11's items to them): start-up
// refusals and clear failures, keys that differ after a NUL, resets and
// reads racing writers, a SIGKILL loop that checks every acknowledged write
// after each restart, the admin guard, sessions of re-created principals,
// stored policies that no longer parse, header, body and idle timeouts,
// SAML signature wrapping and comment injection, the JWKS cache under a
// -race build, non-UTF-8 keys, the attack probes of probes_test.go (another
// account's policies, SigV2 links carrying IAM actions, completions of a
// completed upload, session policies that cannot be used, sessions IAM
// refuses, Query bodies left unsigned, pages served as objects, SigV2 links'
// sub-resources, buckets created and deleted in races),
// and that every fuzz target's seeds run in CI. Every test is bounded in
// count and time and names the step that hung; -short shrinks the loops.
package reliability
