// Package reliability holds tests that build and run the real fakeaws
// binary on loopback and check its data-safety promises from outside
// (docs/data-safety.md): start-up refusals and clear failures. Every test is
// bounded in count and time and names the step that hung.
package reliability
