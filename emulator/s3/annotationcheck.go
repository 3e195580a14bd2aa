package s3

import (
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// The limits and refusals of object annotations. The limits are the API
// Reference's (API_PutObjectAnnotation: "a named payload of 1 byte to 1
// MiB ... Each object can have up to 1,000 annotations", AnnotationName
// "Minimum length of 1. Maximum length of 512 bytes"; the S3 User Guide's
// annotations-managing: names "can contain Unicode letters, digits,
// underscores, periods, and hyphens. Names cannot start with aws or s3";
// DeleteObjectAnnotation's AnnotationName: "cannot start with aws or s3
// (case-insensitive)"; the payload "must be valid UTF-8 encoded text. If
// the payload contains invalid UTF-8 bytes, the request fails with HTTP
// 415 (Unsupported Media Type)"). The codes and statuses are the S3
// model's error shapes (aws-sdk-go-v2 service/s3 v1.114.9 types/errors.go;
// the statuses from the model's httpError traits); AWS's messages are not
// recorded, so each is the model's description of its error
// (docs/deviations.md, object annotations).
const (
	maxAnnotationName    = 512
	maxAnnotationPayload = 1 << 20
	maxAnnotations       = 1000
)

const (
	codeInvalidAnnotationName   = "InvalidAnnotationName"
	codeAnnotationNameTooLong   = "AnnotationNameTooLong"
	codeAnnotationLimitExceeded = "AnnotationLimitExceeded"
	codeNoSuchAnnotation        = "NoSuchAnnotation"
	codeInvalidPrefix           = "InvalidPrefix"
	codeUnsupportedMediaType    = "UnsupportedMediaType"
)

const (
	msgAnnotationPayloadSize = "The annotation payload must be between 1 byte and 1 MiB in size."
	msgAnnotationSSEC        = "Objects encrypted with SSE-C cannot have annotations."
)

func errInvalidAnnotationName(name string) *awserr.Error {
	return awserr.New(codeInvalidAnnotationName, http.StatusBadRequest,
		"The annotation name you provided is invalid.").With("AnnotationName", name)
}

func errAnnotationNameTooLong() *awserr.Error {
	return awserr.New(codeAnnotationNameTooLong, http.StatusBadRequest, "The annotation name exceeds 512 bytes.")
}

func errAnnotationLimit() *awserr.Error {
	return awserr.New(codeAnnotationLimitExceeded, http.StatusBadRequest,
		"The request would exceed the maximum number of annotations allowed per object.")
}

func errNoSuchAnnotation(name string) *awserr.Error {
	return awserr.New(codeNoSuchAnnotation, http.StatusNotFound,
		"The specified annotation does not exist on this object.").With("AnnotationName", name)
}

func errInvalidAnnotationPrefix() *awserr.Error {
	return awserr.New(codeInvalidPrefix, http.StatusBadRequest, "The annotation prefix you provided is invalid.")
}

func errAnnotationNotUTF8() *awserr.Error {
	return awserr.New(codeUnsupportedMediaType, http.StatusUnsupportedMediaType,
		"The annotation payload must be valid UTF-8 encoded text.")
}

// checkAnnotationName applies the naming guidelines to the name a
// PutObjectAnnotation creates: 1 to 512 bytes of UTF-8, each character a
// Unicode letter (with its combining marks, which letters of many scripts
// are written with), a digit, "_", "." or "-", and not starting with "aws"
// or "s3" in any case.
func checkAnnotationName(name string) error {
	switch {
	case len(name) > maxAnnotationName:
		return errAnnotationNameTooLong()
	case name == "", !utf8.ValidString(name):
		return errInvalidAnnotationName(name)
	}
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, "aws") || strings.HasPrefix(lower, "s3") {
		return errInvalidAnnotationName(name)
	}
	for _, r := range name {
		if !annotationNameRune(r) {
			return errInvalidAnnotationName(name)
		}
	}
	return nil
}

func annotationNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '_' || r == '.' || r == '-'
}

// readAnnotationPayload reads a PutObjectAnnotation body whole: 1 byte to
// 1 MiB (InvalidRequest otherwise, refused by its Content-Length before
// anything is read when that says so) of valid UTF-8 (415
// UnsupportedMediaType otherwise), held to the Content-MD5 and
// x-amz-checksum-* the request sends (checkBodyIntegrity).
func readAnnotationPayload(rq *req) ([]byte, error) {
	if rq.r.ContentLength > maxAnnotationPayload {
		return nil, errInvalidRequest(msgAnnotationPayloadSize)
	}
	var raw []byte
	if rq.r.Body != nil {
		var err error
		if raw, err = io.ReadAll(io.LimitReader(rq.r.Body, maxAnnotationPayload+1)); err != nil {
			return nil, err
		}
	}
	if len(raw) == 0 || len(raw) > maxAnnotationPayload {
		return nil, errInvalidRequest(msgAnnotationPayloadSize)
	}
	if err := checkBodyIntegrity(rq, raw); err != nil {
		return nil, err
	}
	if err := checkSDKAlgorithm(rq.r.Header); err != nil {
		return nil, err
	}
	if !utf8.Valid(raw) {
		return nil, errAnnotationNotUTF8()
	}
	return raw, nil
}
