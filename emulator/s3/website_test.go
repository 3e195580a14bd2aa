package s3

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// TestCheckRoutingRules: the RoutingRules AWS refuses, in its wording, and
// the ones it takes.
func TestCheckRoutingRules(t *testing.T) {
	rule := func(condition, redirect string) string {
		return "<RoutingRule>" + condition + "<Redirect>" + redirect + "</Redirect></RoutingRule>"
	}
	toHost := "<HostName>example.com</HostName>"
	redirectCode := func(code string) string {
		return rule("", toHost+"<HttpRedirectCode>"+code+"</HttpRedirectCode>")
	}
	errorCode := func(code string) string {
		return rule("<Condition><HttpErrorCodeReturnedEquals>"+code+"</HttpErrorCodeReturnedEquals></Condition>", toHost)
	}
	rules := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, rule("<Condition><KeyPrefixEquals>p%d/</KeyPrefixEquals></Condition>", "<ReplaceKeyPrefixWith>r%d/</ReplaceKeyPrefixWith>"), i, i)
		}
		return b.String()
	}
	badRedirect := func(n string) string {
		return "The provided HTTP redirect code (" + n + ") is not valid. Valid codes are 3XX except 300."
	}
	badError := func(n string) string {
		return "The provided HTTP error code (" + n + ") is not valid. Valid codes are 4XX or 5XX."
	}
	for _, c := range []struct {
		name, rules, code, msg string
	}{
		// ceph/ceph#23429: boto3 against AWS, 51 rules.
		{"51 rules", rules(51), "InvalidRequest", "51 routing rules provided, the number of routing rules in a website configuration is limited to 50."},
		{"50 rules", rules(50), "", ""},
		// ceph/s3-tests test_s3_website.py: VALID_AMZ_REDIRECT, and AWS's
		// answer to another code quoted with 314.
		{"redirect 314", redirectCode("314"), "InvalidRequest", badRedirect("314")},
		{"redirect 300", redirectCode("300"), "InvalidRequest", badRedirect("300")},
		{"redirect 306", redirectCode("306"), "InvalidRequest", badRedirect("306")},
		{"redirect 399", redirectCode("399"), "InvalidRequest", badRedirect("399")},
		{"redirect 200", redirectCode("200"), "InvalidRequest", badRedirect("200")},
		{"redirect 301", redirectCode("301"), "", ""},
		{"redirect 308", redirectCode("308"), "", ""},
		// aws/aws-cdk#22541: HttpRedirectCode "https" is MalformedXML.
		{"redirect https", redirectCode("https"), "MalformedXML", ""},
		{"redirect 3xx", redirectCode("3xx"), "MalformedXML", ""},
		{"error 399", errorCode("399"), "InvalidRequest", badError("399")},
		{"error 302", errorCode("302"), "InvalidRequest", badError("302")},
		{"error 600", errorCode("600"), "InvalidRequest", badError("600")},
		// versity/versitygw s3response/website.go: "S3 considers 400-417
		// and 500-505 as valid".
		{"error 418", errorCode("418"), "InvalidRequest", badError("418")},
		{"error 499", errorCode("499"), "InvalidRequest", badError("499")},
		{"error 506", errorCode("506"), "InvalidRequest", badError("506")},
		{"error 417", errorCode("417"), "", ""},
		{"error 505", errorCode("505"), "", ""},
		{"error 4xx", errorCode("4xx"), "MalformedXML", ""},
		{"error 404", errorCode("404"), "", ""},
		{"error 503", errorCode("503"), "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkRoutingRules([]byte("<WebsiteConfiguration><RoutingRules>" + c.rules + "</RoutingRules></WebsiteConfiguration>"))
			if c.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var ae *awserr.Error
			if !errors.As(err, &ae) || string(ae.Code) != c.code || (c.msg != "" && ae.Message != c.msg) {
				t.Fatalf("got %v, want %s %q", err, c.code, c.msg)
			}
		})
	}
}
