package emulator_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/emulatortest"
)

// TestMalformedQueryStringOnGET: a signed IAM or STS GET whose URL query
// holds more parameters than Go reads (10000) is MalformedQueryString, 404,
// as the same form in a POST body is
// (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html),
// instead of the action running on a query read as empty (it answered
// InvalidAction for the action named in the query).
func TestMalformedQueryStringOnGET(t *testing.T) {
	t.Parallel()
	ts, _ := emulatortest.Start(t, emulator.Options{})
	var many strings.Builder
	for i := range 10_001 {
		fmt.Fprintf(&many, "&p%d=x", i)
	}
	for _, tt := range []struct{ name, service, rawQuery string }{
		{"IAM ListUsers", "iam", "Action=ListUsers&Version=2010-05-08" + many.String()},
		{"STS GetCallerIdentity", "sts", "Action=GetCallerIdentity&Version=2011-06-15" + many.String()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := http.NewRequest(http.MethodGet, ts.URL+"/?"+tt.rawQuery, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The SDK's signer re-encodes the query through url.Values,
			// which reads none of it: sign the query as sent.
			signQueryAsSent(r, tt.service, time.Now())
			resp, err := (&http.Client{Timeout: time.Minute}).Do(r)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound || !strings.Contains(string(b), "<Code>MalformedQueryString</Code>") {
				t.Errorf("GET %s with 10001 more parameters = %d %.400s; want 404 MalformedQueryString", tt.name, resp.StatusCode, b)
			}
		})
	}
}

// signQueryAsSent signs r (a GET without a body, its query made of pairs
// that need no escaping) with SigV4 as the root of 111111111111.
func signQueryAsSent(r *http.Request, service string, now time.Time) {
	amzDate := now.UTC().Format("20060102T150405Z")
	day := amzDate[:8]
	pairs := strings.Split(r.URL.RawQuery, "&")
	sort.Slice(pairs, func(i, j int) bool { // by key, then value
		ki, vi, _ := strings.Cut(pairs[i], "=")
		kj, vj, _ := strings.Cut(pairs[j], "=")
		return ki < kj || ki == kj && vi < vj
	})
	const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	creq := "GET\n/\n" + strings.Join(pairs, "&") + "\nhost:" + r.URL.Host + "\nx-amz-date:" + amzDate + "\n\nhost;x-amz-date\n" + emptySHA256
	scope := day + "/us-east-1/" + service + "/aws4_request"
	sum := sha256.Sum256([]byte(creq))
	toSign := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	mac := func(key []byte, s string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(s))
		return h.Sum(nil)
	}
	key := mac(mac(mac(mac([]byte("AWS4"+rootCreds.SecretAccessKey), day), "us-east-1"), service), "aws4_request")
	r.Header.Set("X-Amz-Date", amzDate)
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+rootCreds.AccessKeyID+"/"+scope+
		", SignedHeaders=host;x-amz-date, Signature="+hex.EncodeToString(mac(key, toSign)))
}
