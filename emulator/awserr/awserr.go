// Package awserr defines the AWS error value every fakeaws service returns:
// an error code, its HTTP status, AWS's message and the fault type.
//
// It owns the values only. Each protocol renders its own envelope: the Query
// APIs (IAM, STS) in emulator/query, S3 in emulator/s3. Any error that is not
// an *Error becomes InternalError (500) at the boundary.
//
// Codes are listed by AWS at
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html,
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html and
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.
package awserr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code is an AWS error code, such as "NoSuchEntity".
type Code string

// Error is one AWS error response.
type Error struct {
	Code    Code
	Status  int
	Message string
	// Receiver marks a server-side fault (Type "Receiver" in Query
	// envelopes); the default is Sender.
	Receiver bool
	// Fields are extra elements S3 puts in its Error body (Resource,
	// BucketName, Key, StringToSign, ...), in order.
	Fields [][2]string
	// Header holds extra response headers (e.g. x-amz-bucket-region).
	Header http.Header
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// New returns an error with the given code, status and message.
func New(code Code, status int, message string) *Error {
	return &Error{Code: code, Status: status, Message: message}
}

// Newf is New with a formatted message.
func Newf(code Code, status int, format string, args ...any) *Error {
	return &Error{Code: code, Status: status, Message: fmt.Sprintf(format, args...)}
}

// With returns a copy of e with one more body field.
func (e *Error) With(name, value string) *Error {
	c := *e
	c.Fields = append(append([][2]string(nil), e.Fields...), [2]string{name, value})
	return &c
}

// Field returns the value of the named body field, or "".
func (e *Error) Field(name string) string {
	for _, f := range e.Fields {
		if f[0] == name {
			return f[1]
		}
	}
	return ""
}

// As finds the *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// Internal is the error every unexpected failure becomes at the boundary.
func Internal() *Error {
	return &Error{Code: "InternalError", Status: http.StatusInternalServerError,
		Message: "We encountered an internal error. Please try again.", Receiver: true}
}

// Common codes shared by every service.

// AccessDenied returns AWS's AccessDenied error with message.
func AccessDenied(message string) *Error {
	return New("AccessDenied", http.StatusForbidden, message)
}

// InvalidParameterValue is the Query APIs' generic bad-parameter error.
func InvalidParameterValue(message string) *Error {
	return New("InvalidParameterValue", http.StatusBadRequest, message)
}

// ValidationError is the Query APIs' constraint-violation error.
func ValidationError(message string) *Error {
	return New("ValidationError", http.StatusBadRequest, message)
}

// MissingParameter reports a required Query parameter that was not given.
func MissingParameter(name string) *Error {
	return Newf("MissingParameter", http.StatusBadRequest,
		"The request must contain the parameter %s", name)
}

// MalformedInput reports a Query parameter AWS's front end cannot read as
// its type (an integer that is not one); message may be empty, as AWS
// leaves it out for most values.
func MalformedInput(message string) *Error {
	return New("MalformedInput", http.StatusBadRequest, message)
}

// InvalidAction reports an unknown Query API action, in AWS's words:
// "Could not find operation Foo for version 2010-05-08".
func InvalidAction(action, version string) *Error {
	return Newf("InvalidAction", http.StatusBadRequest,
		"Could not find operation %s for version %s", action, version)
}

// InvalidClientTokenID is IAM/STS's unknown-access-key error.
func InvalidClientTokenID() *Error {
	return New("InvalidClientTokenId", http.StatusForbidden,
		"The security token included in the request is invalid.")
}

// ExpiredToken is returned for an expired session token.
func ExpiredToken() *Error {
	return New("ExpiredToken", http.StatusBadRequest,
		"The security token included in the request is expired")
}

// Note tells w which error a body-less response (an S3 HEAD) carries, when
// w wants to know (the server's decision log does); otherwise it does
// nothing.
func Note(w http.ResponseWriter, e *Error) {
	if n, ok := w.(interface{ NoteError(*Error) }); ok {
		n.NoteError(e)
	}
}

// RequestIDHeader is the request id header of every Query (IAM, STS) and
// JSON-protocol (Organizations, Access Analyzer) answer, success or error,
// spelled as AWS sends it: botocore's debug log of IAM ListGroups (2019),
// GetRole (2020) and STS GetCallerIdentity (2020) answers shows
// {'x-amzn-RequestId': ..., 'Content-Type': 'text/xml', 'Content-Length':
// ..., 'Date': ...}, and the JSON APIs' sample responses spell it so.
// http.Header.Set would send Go's canonical X-Amzn-Requestid: SetRequestID
// stores it under this key as it is.
const RequestIDHeader = "x-amzn-RequestId"

// SetRequestID sets the x-amzn-RequestId header of h to id, in AWS's
// spelling (RequestIDHeader).
func SetRequestID(h http.Header, id string) {
	h[RequestIDHeader] = []string{id}
}
