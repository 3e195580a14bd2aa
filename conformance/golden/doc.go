// Package golden replays request/response pairs recorded from AWS against
// an in-process fakeaws through aws-sdk-go-v2: status, error code, message
// and the output fields that matter, each case naming where AWS's answer
// was recorded. See README.md for how to add a case.
//
// Everything here is test code; the package has no API.
package golden
