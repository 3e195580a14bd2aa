package golden

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/iam"
	s3emu "github.com/fakeaws/fakeaws/emulator/s3"
	"github.com/fakeaws/fakeaws/emulator/sts"
)

// Coverage: every operation fakeaws serves must be answered by at least one
// golden case as AWS answers it on success, and by one as AWS answers an
// error, unless allowGap says why no AWS recording of that shape was found.
//
// What a case covers is what its Call was last answered: the operation of
// the SDK call (its service id and operation name), or, for a raw Call, the
// operation the server's decision log names for the response's request id
// (Case.Op where the log names none). A 2xx answer is the success shape,
// anything else an error shape. Setup's requests count for nothing.
//
// The check runs after the whole package ran unfiltered (TestMain): with
// -run only part of the corpus runs, so the count would mean nothing.

// shape is what kind of answer a case recorded.
type shape int

const (
	success shape = iota
	errorShape
)

func (s shape) String() string { return [...]string{"success", "error"}[s] }

// gap is an operation and shape no AWS recording or documented example was
// found for.
type gap struct {
	op    string
	shape shape
}

// allowGap lists the shapes the corpus lacks on purpose, each with why. An
// entry for a shape that a case covers fails the check (it is stale).
var allowGap = map[gap]string{
	// Centralized root access (2024-11): the AWS CLI's examples record the
	// successes (iamroot_test.go); no AWS answer to an error of these was
	// found in LocalStack, moto, the SDKs' tests or public issues.
	{"IAM ListOrganizationsFeatures", errorShape}:                     unrecordedRootAccess,
	{"IAM EnableOrganizationsRootSessions", errorShape}:               unrecordedRootAccess,
	{"IAM DisableOrganizationsRootSessions", errorShape}:              unrecordedRootAccess,
	{"IAM EnableOrganizationsRootCredentialsManagement", errorShape}:  unrecordedRootAccess,
	{"IAM DisableOrganizationsRootCredentialsManagement", errorShape}: unrecordedRootAccess,
	{"STS AssumeRoot", errorShape}:                                    unrecordedRootAccess,
	// Its one error is the enum validation, whose answer to this action is
	// not recorded (emulator/iam TestSecurityTokenServicePreferences).
	{"IAM SetSecurityTokenServicePreferences", errorShape}:   "no recorded AWS error answer",
	{"IAM EnableOutboundWebIdentityFederation", success}:     unrecordedOutbound,
	{"IAM EnableOutboundWebIdentityFederation", errorShape}:  unrecordedOutbound,
	{"IAM DisableOutboundWebIdentityFederation", success}:    unrecordedOutbound,
	{"IAM DisableOutboundWebIdentityFederation", errorShape}: unrecordedOutbound,
	{"IAM GetOutboundWebIdentityFederationInfo", success}:    unrecordedOutbound,
	{"IAM GetOutboundWebIdentityFederationInfo", errorShape}: unrecordedOutbound,
	{"STS GetWebIdentityToken", success}:                     unrecordedOutbound,
	{"STS GetWebIdentityToken", errorShape}:                  unrecordedOutbound,
	// Bucket ABAC (2025): argmin's AWS-backed suite records successes
	// only (argmin_policy_abac_test.go).
	{"S3 GetBucketAbac", errorShape}: "no recorded AWS error answer",
	// S3 Metadata needs S3 Tables, which fakeaws does not serve: no bucket
	// has a configuration to answer with (emulator/s3/metadatatables.go).
	{"S3 GetBucketMetadataConfiguration", success}:      noS3Tables,
	{"S3 GetBucketMetadataTableConfiguration", success}: noS3Tables,
	{"S3 PutBucketAbac", errorShape}:                    "no recorded AWS error answer",
}

// unrecordedOutbound: outbound identity federation (2025) has no AWS
// recording or CLI example yet; emulator/sts/outbound_test.go pins the API
// reference's shapes and the getting-started guide's flow.
const unrecordedOutbound = "no AWS recording or CLI example; emulator/sts/outbound_test.go follows the API reference (docs/deviations.md, outbound identity federation)"

const noS3Tables = "no S3 Tables are served, so no bucket has a metadata configuration (docs/deviations.md, S3 Metadata)"

const unrecordedRootAccess = "no recorded AWS error answer; fakeaws's refusals are its own (docs/deviations.md, centralized root access)"

// servedOperations lists every operation fakeaws serves, as "SERVICE Name":
// the IAM and STS action tables and the S3 route table.
func servedOperations() []string {
	var ops []string
	for name := range iam.New(iam.Options{}).Service().Actions {
		ops = append(ops, "IAM "+name)
	}
	for name := range sts.New(sts.Options{}).Service().Actions {
		ops = append(ops, "STS "+name)
	}
	seen := map[string]bool{}
	for _, name := range s3emu.New(s3emu.Options{}).Operations() {
		if !seen[name] {
			seen[name] = true
			ops = append(ops, "S3 "+name)
		}
	}
	sort.Strings(ops)
	return ops
}

// covered records, per operation and shape, the cases that answered it.
var covered = struct {
	sync.Mutex
	m map[gap][]string
}{m: map[gap][]string{}}

// noteCoverage records that case c's Call was answered status for op.
func noteCoverage(c Case, op string, status int) {
	if op == "" || status == 0 {
		return
	}
	sh := success
	if status >= 300 {
		sh = errorShape
	}
	covered.Lock()
	covered.m[gap{op, sh}] = append(covered.m[gap{op, sh}], c.Name)
	covered.Unlock()
}

// sdkNames maps the SDK's operation names to fakeaws's where they differ.
var sdkNames = map[string]string{
	"S3 GetBucketAccelerateConfiguration":   "S3 GetBucketAccelerate",
	"S3 PutBucketAccelerateConfiguration":   "S3 PutBucketAccelerate",
	"S3 GetBucketNotificationConfiguration": "S3 GetBucketNotification",
	"S3 PutBucketNotificationConfiguration": "S3 PutBucketNotification",
	"S3 Control GetPublicAccessBlock":       "S3 GetPublicAccessBlock (account)",
	"S3 Control PutPublicAccessBlock":       "S3 PutPublicAccessBlock (account)",
	"S3 Control DeletePublicAccessBlock":    "S3 DeletePublicAccessBlock (account)",
}

// sdkOperation names the operation of an SDK call by service id and
// operation name.
func sdkOperation(service, op string) string {
	if service == "" || op == "" {
		return ""
	}
	name := service + " " + op
	if n, ok := sdkNames[name]; ok {
		return n
	}
	return name
}

// operation names the operation c's Call was last answered for: out's when
// it is a raw response, else the last SDK call's.
func (w *World) operation(c Case, out any) string {
	if c.Op != "" {
		return c.Op
	}
	resp, ok := out.(*http.Response)
	if !ok || resp == nil {
		w.mu.Lock()
		defer w.mu.Unlock()
		return w.lastOp
	}
	id := resp.Header.Get("x-amz-request-id")
	if id == "" {
		id = resp.Header.Get("x-amzn-RequestId")
	}
	rec, found := w.Server.Authorizer().Log().Find(id)
	if !found || rec.Operation == "" {
		return ""
	}
	service, _, _ := strings.Cut(rec.Action, ":")
	switch strings.ToLower(service) {
	case "iam", "sts":
		return strings.ToUpper(service) + " " + rec.Operation
	}
	return "S3 " + rec.Operation
}

// missingCoverage lists the shapes of served operations no case covers and
// allowGap does not excuse, and the allowGap entries a case covers.
func missingCoverage(served []string) (missing, stale []string) {
	covered.Lock()
	defer covered.Unlock()
	for _, op := range served {
		for _, sh := range []shape{success, errorShape} {
			g := gap{op, sh}
			_, allowed := allowGap[g]
			has := len(covered.m[g]) > 0
			switch {
			case !has && !allowed:
				missing = append(missing, op+" ("+sh.String()+")")
			case has && allowed:
				stale = append(stale, op+" ("+sh.String()+") is listed as a gap but covered by "+covered.m[g][0])
			}
		}
	}
	return missing, stale
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if code == 0 && flag.Lookup("test.run").Value.String() == "" && !testing.Short() {
		code = checkCoverage()
	}
	os.Exit(code)
}

// checkCoverage prints the coverage of the served operations and returns 1
// when a shape is missing or an allowGap entry is stale.
func checkCoverage() int {
	served := servedOperations()
	missing, stale := missingCoverage(served)
	ok, errs, both := coverageCounts(served)
	fmt.Printf("golden coverage: %d operations served; success shape for %d, error shape for %d, both for %d; "+
		"%d gaps allowed\n", len(served), ok, errs, both, len(allowGap))
	if len(missing) == 0 && len(stale) == 0 {
		return 0
	}
	for _, m := range missing {
		fmt.Println("golden coverage: no case for", m)
	}
	for _, s := range stale {
		fmt.Println("golden coverage: stale allowGap entry:", s)
	}
	return 1
}

// coverageCounts counts the served operations a case covers with a success,
// with an error, and with both.
func coverageCounts(served []string) (ok, errs, both int) {
	covered.Lock()
	defer covered.Unlock()
	for _, op := range served {
		s, e := len(covered.m[gap{op, success}]) > 0, len(covered.m[gap{op, errorShape}]) > 0
		if s {
			ok++
		}
		if e {
			errs++
		}
		if s && e {
			both++
		}
	}
	return ok, errs, both
}

// TestAllowGapNamesServedOperations keeps allowGap honest: each entry
// names an operation fakeaws serves and says why it is there.
func TestAllowGapNamesServedOperations(t *testing.T) {
	served := map[string]bool{}
	for _, op := range servedOperations() {
		served[op] = true
	}
	for g, why := range allowGap {
		if !served[g.op] {
			t.Errorf("allowGap names %q, which fakeaws does not serve", g.op)
		}
		if strings.TrimSpace(why) == "" {
			t.Errorf("allowGap entry %s (%s) says not why", g.op, g.shape)
		}
	}
}
