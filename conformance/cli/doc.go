// Package cli runs the AWS CLI and shell scripts against fresh fakeaws
// servers, as users write them:
//
//   - each seed's AWS CLI commands as written, and the other CLI flows
//     (the *.sh scripts in this directory: organizations, root access, web
//     identity, ...);
//   - the shell blocks of README.md, docs/organizations.md and
//     examples/README.md, checking what their comments say each command
//     prints;
//   - docs/ci.md's shell recipe, starting the binary itself and against a
//     running server.
//
// Each test skips with a message when the AWS CLI is not installed. The
// package is separate from conformance so that each has its own go test
// time budget on a slow machine; everything here is test code.
package cli
