package sigv4

import "strings"

// The words S3 answers a malformed Authorization header with, beyond the
// missing-component and credential-scope messages of sigv4.go.

// unsupportedAuthorization words S3's answer to an Authorization header
// of no scheme it knows. One without a space is "Authorization header is
// invalid -- one and only one ' ' (space) required" (AWS's answer quoted
// in benrady/learnjs#23).
func unsupportedAuthorization(h string) string {
	if !strings.Contains(h, " ") {
		return "Authorization header is invalid -- one and only one ' ' (space) required"
	}
	return "Unsupported Authorization Type"
}

// malformedComponent returns the first comma-separated component of an
// AWS4-HMAC-SHA256 header that is no name=value pair. S3 names it before
// it looks for the three components: "The authorization header is
// malformed; the authorization component "..." is malformed." (AWS's
// answer quoted in zendesk/apt-s3#10). It runs on every header-signed
// request, so it allocates nothing.
func malformedComponent(h string) (string, bool) {
	rest := strings.TrimPrefix(strings.TrimSpace(h), algoV4)
	for c := range strings.SplitSeq(rest, ",") {
		if c = strings.Trim(c, " \t"); c != "" && !strings.Contains(c, "=") {
			return c, true
		}
	}
	return "", false
}

// credentialProblem words what is wrong with a Credential parseCredential
// refused. A credential of the five parts whose date is no yyyyMMdd is
// "incorrect date format" (AWS's answer, versity/versitygw#1513 and the
// "REST - invalid year/month/day" test of its bats suite, run against S3
// only; the rest of the sentence is versitygw's); anything else is "the
// Credential is mal-formed".
func credentialProblem(raw string) string {
	parts := strings.Split(raw, "/")
	if len(parts) == 5 && parts[0] != "" && parts[2] != "" && parts[3] != "" && parts[4] == "aws4_request" {
		return `incorrect date format "` + parts[1] + `". This date in the credential must be in the format "yyyyMMdd".`
	}
	return "the Credential is mal-formed; " + credentialFormat
}
