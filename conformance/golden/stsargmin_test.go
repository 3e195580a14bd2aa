package golden

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// STS answers recorded from AWS by justincormack/argmin's STS oracle
// (crates/s3-tests/src/bin/sts_oracle.rs, run against sts.amazonaws.com and
// regional endpoints with exact golden bodies; its findings written up in
// guides/aws-compatibility.md, July 2026). The probe names are the
// oracle's. Each request is sent raw, as the oracle sends it, so that what
// an SDK would never send (no Version, a duplicate parameter, an empty
// number) can be asked.

// argminOracle cites one probe of the oracle.
func argminOracle(probe string) string {
	return "justincormack/argmin crates/s3-tests/src/bin/sts_oracle.rs probe " + probe +
		" (run against AWS STS; exact status, code, message and namespace)"
}

// stsNamespace and faultNamespace are the two namespaces of STS error
// bodies: the service's, and its front end's for an unknown action or
// version.
const (
	stsNamespace   = "https://sts.amazonaws.com/doc/2011-06-15/"
	faultNamespace = "http://webservices.amazon.com/AWSFault/2005-15-09"
)

// stsRaw sends a Query request to STS signed as creds: form as the body of
// a POST with contentType (none when empty), or as a GET's query string.
// Redirects are not followed. The error body's namespace and whether it
// has a Message element come back as the headers X-Golden-Namespace and
// X-Golden-Message (present/absent): they are not AWS's headers, only how
// this file reads the body.
func stsRaw(ctx context.Context, w *World, creds aws.Credentials, method, form, contentType string) (*http.Response, error) {
	u := w.Endpoint + "/"
	var body []byte
	if method == http.MethodGet {
		u += "?" + form
	} else {
		body = []byte(form)
	}
	r, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if err := v4.NewSigner().SignHTTP(ctx, creds, r, hash, "sts", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	client := &http.Client{Timeout: time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(r)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var e struct {
		XMLName xml.Name
		Error   struct {
			Message *string
		}
	}
	if xml.Unmarshal(raw, &e) == nil && e.XMLName.Local == "ErrorResponse" {
		resp.Header.Set("X-Golden-Namespace", e.XMLName.Space)
		resp.Header.Set("X-Golden-Message", map[bool]string{true: "present", false: "absent"}[e.Error.Message != nil])
	}
	resp.Header.Set("X-Golden-Body-Length", strconv.Itoa(len(raw)))
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	return resp, nil
}

// stsForm builds a form from name, value pairs, keeping their order and
// repeats.
func stsForm(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[i]) + "=" + url.QueryEscape(kv[i+1]))
	}
	return b.String()
}

const formContentType = "application/x-www-form-urlencoded"

// TestSTSArgminFrontEnd: what AWS's Query front end answers before STS
// sees the request.
func TestSTSArgminFrontEnd(t *testing.T) {
	frontEnd := func(probe, method, form, contentType string, want Want) Case {
		return Case{Name: probe, Source: argminOracle(probe), Want: want,
			Call: func(ctx context.Context, w *World) (any, error) {
				return stsRaw(ctx, w, Root(iamAcct), method, form, contentType)
			}}
	}
	redirect := func(location string) Want {
		return Want{Status: 302, Fields: map[string]any{"header:Location": location, "header:Content-Length": "0",
			"header:X-Golden-Body-Length": "0", "header:x-amzn-RequestId": Present, "header:x-amz-sts-extended-request-id": Present}}
	}
	invalidAction := func(message string) Want {
		return Want{Status: 400, Code: "InvalidAction", Message: message, Fields: map[string]any{
			"header:X-Golden-Namespace": faultNamespace, "header:Content-Type": "text/xml",
			"header:x-amzn-RequestId": Present, "header:x-amz-sts-extended-request-id": Present}}
	}
	identity := Want{Fields: map[string]any{"header:Content-Type": "text/xml", "header:x-amz-sts-extended-request-id": Present}}
	const cid, version = "GetCallerIdentity", "2011-06-15"
	Run(t, []Case{
		frontEnd("get-caller-identity-get", http.MethodGet, stsForm("Action", cid, "Version", version), "", identity),
		frontEnd("post-content-type-with-charset", http.MethodPost, stsForm("Action", cid, "Version", version), formContentType+"; charset=utf-8", identity),
		frontEnd("post-without-content-type", http.MethodPost, stsForm("Action", cid, "Version", version), "", redirect("https://aws.amazon.com/iam")),
		frontEnd("missing-action", http.MethodPost, stsForm("Version", version), formContentType, redirect("https://aws.amazon.com/iam")),
		frontEnd("get-missing-action", http.MethodGet, stsForm("Version", version), "", redirect("https://aws.amazon.com/iam?Version=2011-06-15")),
		frontEnd("unknown-action", http.MethodPost, stsForm("Action", "NoSuchAction", "Version", version), formContentType,
			invalidAction("Could not find operation NoSuchAction for version 2011-06-15")),
		frontEnd("missing-version", http.MethodPost, stsForm("Action", cid), formContentType,
			invalidAction("Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED")),
		frontEnd("empty-version", http.MethodPost, stsForm("Action", cid, "Version", ""), formContentType,
			invalidAction("Could not find operation GetCallerIdentity for version ")),
		frontEnd("unsupported-version", http.MethodPost, stsForm("Action", cid, "Version", "2000-01-01"), formContentType,
			invalidAction("Could not find operation GetCallerIdentity for version 2000-01-01")),
		frontEnd("duplicate-action", http.MethodPost, stsForm("Action", cid, "Action", "NoSuchAction", "Version", version), formContentType, identity),
		frontEnd("duplicate-action-invalid-first", http.MethodPost, stsForm("Action", "NoSuchAction", "Action", cid, "Version", version), formContentType,
			invalidAction("Could not find operation NoSuchAction for version 2011-06-15")),
		frontEnd("duplicate-version", http.MethodPost, stsForm("Action", cid, "Version", version, "Version", "2000-01-01"), formContentType, identity),
		frontEnd("duplicate-version-invalid-first", http.MethodPost, stsForm("Action", cid, "Version", "2000-01-01", "Version", version), formContentType,
			invalidAction("Could not find operation GetCallerIdentity for version 2000-01-01")),
		frontEnd("empty-action", http.MethodPost, stsForm("Action", "", "Version", version), formContentType,
			invalidAction("Could not find operation  for version 2011-06-15")),
		frontEnd("unknown-parameter", http.MethodPost, stsForm("Action", cid, "Version", version, "Unknown", "value"), formContentType, identity),
	})
}

// argminRoles are the oracle's roles: "wide" (a path, MaxSessionDuration
// 43,200) and "narrow" (IAM's default maximum, 3,600), both trusting the
// account.
func argminRoles(ctx context.Context, t *testing.T, w *World) aws.Credentials {
	t.Helper()
	_, err := iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("wide"), Path: aws.String("/argmin-sts-oracle/"),
		AssumeRolePolicyDocument: aws.String(trustAccount), MaxSessionDuration: aws.Int32(43200)})
	must(t, "CreateRole wide", err)
	_, err = iamc(w).CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("narrow"), AssumeRolePolicyDocument: aws.String(trustAccount)})
	must(t, "CreateRole narrow", err)
	return w.User(ctx, t, iamAcct, "caller", stsCallerPolicy)
}

const (
	argminWide   = "arn:aws:iam::" + iamAcct + ":role/argmin-sts-oracle/wide"
	argminNarrow = "arn:aws:iam::" + iamAcct + ":role/narrow"
	// argminTextPattern is how AWS prints the RoleArn pattern.
	argminTextPattern = `[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`
)

// TestSTSArgminAssumeRole: AssumeRole's parameters as AWS reads them.
func TestSTSArgminAssumeRole(t *testing.T) {
	assumeRaw := func(probe string, want Want, kv ...string) Case {
		var creds aws.Credentials
		return Case{Name: probe, Source: argminOracle(probe), Want: want,
			Setup: func(ctx context.Context, t *testing.T, w *World) { creds = argminRoles(ctx, t, w) },
			Call: func(ctx context.Context, w *World) (any, error) {
				return stsRaw(ctx, w, creds, http.MethodPost, stsForm(append([]string{"Action", "AssumeRole", "Version", "2011-06-15"}, kv...)...), formContentType)
			}}
	}
	ok := Want{Fields: map[string]any{"header:x-amz-sts-extended-request-id": Present}}
	validation := func(msg string) Want {
		return Want{Status: 400, Code: "ValidationError", Message: msg, Fields: map[string]any{"header:X-Golden-Namespace": stsNamespace}}
	}
	oneError := func(value, member, constraint string) Want {
		return validation("1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint)
	}
	malformed := func(message string) Want {
		presence := "absent"
		if message != "" {
			presence = "present"
		}
		return Want{Status: 400, Code: "MalformedInput", Message: message,
			Fields: map[string]any{"header:X-Golden-Namespace": stsNamespace, "header:X-Golden-Message": presence}}
	}
	session := []string{"RoleSessionName", "oracle"}
	wide := append([]string{"RoleArn", argminWide}, session...)
	withDuration := func(d string) []string { return append(append([]string{}, wide...), "DurationSeconds", d) }
	arn := func(v string) []string { return append([]string{"RoleArn", v}, session...) }
	sessionName := func(v string) []string { return []string{"RoleArn", argminWide, "RoleSessionName", v} }
	x, e, emoji := strings.Repeat, "é", "😀"
	const maxLen, minLen, pattern = "Member must have length less than or equal to 2048", "Member must have length greater than or equal to 20",
		"Member must satisfy regular expression pattern: " + argminTextPattern
	Run(t, []Case{
		assumeRaw("assume-role-path-bearing-role", ok, wide...),
		assumeRaw("assume-role-missing-role-arn", validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"), session...),
		assumeRaw("assume-role-empty-role-arn", validation("2 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: "+pattern+
			"; Value '' at 'roleArn' failed to satisfy constraint: "+minLen), arn("")...),
		assumeRaw("assume-role-short-role-arn", oneError("not-an-arn", "roleArn", minLen), arn("not-an-arn")...),
		assumeRaw("assume-role-malformed-role-arn", validation(x("x", 20)+" is invalid"), arn(x("x", 20))...),
		assumeRaw("assume-role-max-length-role-arn", validation(x("x", 2048)+" is invalid"), arn(x("x", 2048))...),
		assumeRaw("assume-role-overlong-role-arn", oneError(x("x", 2049), "roleArn", maxLen), arn(x("x", 2049))...),
		assumeRaw("assume-role-max-length-bmp-role-arn", validation(x(e, 2048)+" is invalid"), arn(x(e, 2048))...),
		assumeRaw("assume-role-overlong-bmp-role-arn", oneError(x(e, 2049), "roleArn", maxLen), arn(x(e, 2049))...),
		assumeRaw("assume-role-max-length-supplementary-role-arn", oneError(x(emoji, 2048), "roleArn", pattern), arn(x(emoji, 2048))...),
		assumeRaw("assume-role-overlong-supplementary-role-arn", validation("2 validation errors detected: Value '"+x(emoji, 2049)+
			"' at 'roleArn' failed to satisfy constraint: "+pattern+"; Value '"+x(emoji, 2049)+"' at 'roleArn' failed to satisfy constraint: "+maxLen),
			arn(x(emoji, 2049))...),
		assumeRaw("assume-role-unnormalized-decomposed-role-arn", oneError(x("e\u0301", 1025), "roleArn", maxLen), arn(x("e\u0301", 1025))...),
		assumeRaw("assume-role-unknown-role-arn", Want{Status: 403, Code: "AccessDenied",
			Message: "User: arn:aws:iam::" + iamAcct + ":user/caller is not authorized to perform: sts:AssumeRole on resource: " + argminWide + "-missing"},
			arn(argminWide+"-missing")...),
		assumeRaw("assume-role-missing-session-name", validation("1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"),
			"RoleArn", argminWide),
		assumeRaw("assume-role-empty-session-name", oneError("", "roleSessionName", "Member must have length greater than or equal to 2"), sessionName("")...),
		assumeRaw("assume-role-short-session-name", oneError("a", "roleSessionName", "Member must have length greater than or equal to 2"), sessionName("a")...),
		assumeRaw("assume-role-invalid-session-name", oneError("bad/name", "roleSessionName", `Member must satisfy regular expression pattern: [\w+=,.@-]*`), sessionName("bad/name")...),
		assumeRaw("assume-role-long-session-name", oneError(x("a", 65), "roleSessionName", "Member must have length less than or equal to 64"), sessionName(x("a", 65))...),
		assumeRaw("assume-role-min-session-name", ok, sessionName("aa")...),
		assumeRaw("assume-role-max-session-name", ok, sessionName(x("b", 64))...),
		assumeRaw("assume-role-empty-duration", malformed("missing value for decimal type"), withDuration("")...),
		assumeRaw("assume-role-nonnumeric-duration", malformed(""), withDuration("abc")...),
		assumeRaw("assume-role-decimal-duration", malformed(""), withDuration("900.0")...),
		assumeRaw("assume-role-i32-overflow-duration", malformed(""), withDuration("2147483648")...),
		assumeRaw("assume-role-i32-underflow-duration", malformed(""), withDuration("-2147483649")...),
		assumeRaw("assume-role-negative-duration", oneError("-1", "durationSeconds", "Member must have value greater than or equal to 900"), withDuration("-1")...),
		assumeRaw("assume-role-short-duration", oneError("899", "durationSeconds", "Member must have value greater than or equal to 900"), withDuration("899")...),
		assumeRaw("assume-role-long-duration", oneError("43201", "durationSeconds", "Member must have value less than or equal to 43200"), withDuration("43201")...),
		assumeRaw("assume-role-i32-max-duration", oneError("2147483647", "durationSeconds", "Member must have value less than or equal to 43200"), withDuration("2147483647")...),
		assumeRaw("assume-role-i32-min-duration", oneError("-2147483648", "durationSeconds", "Member must have value greater than or equal to 900"), withDuration("-2147483648")...),
		assumeRaw("assume-role-min-duration", ok, withDuration("900")...),
		assumeRaw("assume-role-max-duration", ok, withDuration("43200")...),
		assumeRaw("assume-role-leading-plus-duration", ok, withDuration("+900")...),
		assumeRaw("assume-role-leading-zero-duration", ok, withDuration("0900")...),
		assumeRaw("assume-role-unknown-parameter", ok, append(append([]string{}, wide...), "Unknown", "value")...),
		assumeRaw("assume-role-duplicate-role-arn-valid-first", ok, append([]string{"RoleArn", argminWide, "RoleArn", "not-an-arn"}, session...)...),
		assumeRaw("assume-role-duplicate-role-arn-invalid-first", oneError("not-an-arn", "roleArn", minLen),
			append([]string{"RoleArn", "not-an-arn", "RoleArn", argminWide}, session...)...),
		assumeRaw("assume-role-duplicate-session-name-valid-first", ok, "RoleArn", argminWide, "RoleSessionName", "oracle", "RoleSessionName", "bad/name"),
		assumeRaw("assume-role-duplicate-session-name-invalid-first", oneError("bad/name", "roleSessionName", `Member must satisfy regular expression pattern: [\w+=,.@-]*`),
			"RoleArn", argminWide, "RoleSessionName", "bad/name", "RoleSessionName", "oracle"),
		assumeRaw("assume-role-duplicate-duration-valid-first", ok, append(withDuration("900"), "DurationSeconds", "899")...),
		assumeRaw("assume-role-duplicate-duration-invalid-first", oneError("899", "durationSeconds", "Member must have value greater than or equal to 900"),
			append(withDuration("899"), "DurationSeconds", "900")...),
		assumeRaw("assume-role-at-role-maximum-duration", ok, "RoleArn", argminNarrow, "RoleSessionName", "oracle", "DurationSeconds", "3600"),
		assumeRaw("assume-role-over-role-maximum-duration", validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role."),
			"RoleArn", argminNarrow, "RoleSessionName", "oracle", "DurationSeconds", "3601"),
		assumeRaw("assume-role-over-api-maximum-on-low-maximum-role", oneError("43201", "durationSeconds", "Member must have value less than or equal to 43200"),
			"RoleArn", argminNarrow, "RoleSessionName", "oracle", "DurationSeconds", "43201"),
	})
}
