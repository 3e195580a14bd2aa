package s3

import (
	"strings"
	"testing"
)

func lcDoc(rules ...string) string {
	return "<LifecycleConfiguration>" + strings.Join(rules, "") + "</LifecycleConfiguration>"
}

func TestBucketLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "lcb")
	exp := "<Expiration><Days>1</Days></Expiration>"
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		msg    string
	}{
		{"malformed", "<LifecycleConfiguration><Rule>", 400, "MalformedXML", ""},
		{"no rules", lcDoc(), 400, "MalformedXML", ""},
		{"id too long", lcDoc("<Rule><ID>" + strings.Repeat("a", 256) + "</ID><Filter><Prefix>a/</Prefix></Filter><Status>Enabled</Status>" + exp + "</Rule>"),
			400, "InvalidArgument", "ID length should not exceed allowed limit of 255"},
		{"same id", lcDoc("<Rule><ID>r</ID><Prefix>a</Prefix><Status>Enabled</Status>"+exp+"</Rule>", "<Rule><ID>r</ID><Prefix>b</Prefix><Status>Enabled</Status>"+exp+"</Rule>"),
			400, "InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule"},
		{"status lower case", lcDoc("<Rule><ID>r</ID><Prefix>a</Prefix><Status>enabled</Status>" + exp + "</Rule>"), 400, "MalformedXML", ""},
		{"status invalid", lcDoc("<Rule><ID>r</ID><Prefix>a</Prefix><Status>invalid</Status>" + exp + "</Rule>"), 400, "MalformedXML", ""},
		{"no filter nor prefix", lcDoc("<Rule><ID>r</ID><Status>Enabled</Status>" + exp + "</Rule>"), 400, "MalformedXML", ""},
		{"filter and prefix", lcDoc("<Rule><ID>r</ID><Prefix>a</Prefix><Filter><Prefix>a</Prefix></Filter><Status>Enabled</Status>" + exp + "</Rule>"), 400, "MalformedXML", ""},
		{"filter two conditions", lcDoc("<Rule><ID>r</ID><Filter><Prefix>a</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>" + exp + "</Rule>"), 400, "MalformedXML", ""},
		{"no action", lcDoc("<Rule><ID>r</ID><Filter></Filter><Status>Enabled</Status></Rule>"), 400, "InvalidRequest", "At least one action needs to be specified in a rule"},
		{"days zero", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>0</Days></Expiration></Rule>"),
			400, "InvalidArgument", "'Days' for Expiration action must be a positive integer"},
		{"date not midnight", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Date>2030-01-01T10:00:00Z</Date></Expiration></Rule>"),
			400, "InvalidArgument", "'Date' must be at midnight GMT"},
		{"date invalid", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Date>20200101</Date></Expiration></Rule>"),
			400, "MalformedXML", ""},
		{"days and date", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>3</Days><Date>2030-01-01</Date></Expiration></Rule>"), 400, "MalformedXML", ""},
		// MalformedXML as recorded from AWS (localstack test_s3.snapshot.json
		// TestS3BucketLifecycle::test_put_bucket_lifecycle_conf_exc, expired-delete-marker-and-days).
		{"delete marker with days", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>3</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule>"),
			400, "MalformedXML", ""},
		{"transition ia too early", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Transition><Days>10</Days><StorageClass>STANDARD_IA</StorageClass></Transition></Rule>"),
			400, "InvalidArgument", "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'"},
		{"transition bad class", lcDoc("<Rule><ID>r</ID><Filter/><Status>Enabled</Status><Transition><Days>10</Days><StorageClass>FOO</StorageClass></Transition></Rule>"), 400, "MalformedXML", ""},
		{"abort with tags", lcDoc("<Rule><ID>r</ID><Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status><AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>"),
			400, "InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags."},
		{"ok", lcDoc(
			"<Rule><ID>expire</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>",
			"<Rule><ID>move</ID><Filter><And><Prefix>data/</Prefix><Tag><Key>k</Key><Value>v</Value></Tag></And></Filter><Status>Disabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition><NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays></NoncurrentVersionExpiration></Rule>",
			"<Rule><ID>date</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Expiration><Date>2030-09-27</Date></Expiration><AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>"),
			200, "", ""},
	}
	e.must(a, treq{method: "GET", target: "/lcb?lifecycle"}, 404)
	w := e.do(a, treq{method: "PUT", target: "/lcb?lifecycle", body: lcDoc("<Rule><ID>r</ID><Prefix>a</Prefix><Status>Enabled</Status>" + exp + "</Rule>")})
	if code, msg := errCode(t, w); w.Code != 400 || code != "InvalidRequest" || msg != "Missing required header for this request: Content-MD5" {
		t.Errorf("lifecycle without Content-MD5 = %d %s %q", w.Code, code, msg)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "PUT", target: "/lcb?lifecycle", body: tc.body, header: md5Header(tc.body)})
			if w.Code != tc.status {
				t.Fatalf("PutBucketLifecycleConfiguration = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if w.Code < 300 {
				return
			}
			code, msg := errCode(t, w)
			if code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
			if tc.msg != "" && msg != tc.msg {
				t.Errorf("message = %q, want %q", msg, tc.msg)
			}
		})
	}
	w = e.must(a, treq{method: "GET", target: "/lcb?lifecycle"}, 200)
	golden(t, "get-bucket-lifecycle", w.Body.Bytes())
	if got := w.Header().Get("x-amz-transition-default-minimum-object-size"); got != "all_storage_classes_128K" {
		t.Errorf("x-amz-transition-default-minimum-object-size = %q", got)
	}
	if w := e.do(rootOf(acctB), treq{method: "GET", target: "/lcb?lifecycle"}); w.Code != 403 {
		t.Errorf("other account GetBucketLifecycleConfiguration = %d, want 403", w.Code)
	}
	e.must(a, treq{method: "DELETE", target: "/lcb?lifecycle"}, 204)
	w = e.must(a, treq{method: "GET", target: "/lcb?lifecycle"}, 404)
	if code, msg := errCode(t, w); code != "NoSuchLifecycleConfiguration" || msg != "The lifecycle configuration does not exist" {
		t.Errorf("after delete: %s %s", code, msg)
	}
}

func TestBucketEncryption(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "encb")
	w := e.must(a, treq{method: "GET", target: "/encb?encryption"}, 200)
	golden(t, "get-bucket-encryption-default", w.Body.Bytes())
	kms := `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>arn:aws:kms:us-east-1:111111111111:key/abc</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`
	tests := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"malformed", "<ServerSideEncryptionConfiguration>", 400, "MalformedXML"},
		{"bad algorithm", `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>DES</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`, 400, "MalformedXML"},
		{"key with AES256", `<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm><KMSMasterKeyID>k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`, 400, "InvalidArgument"},
		{"kms", kms, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(a, treq{method: "PUT", target: "/encb?encryption", body: tc.body})
			if w.Code != tc.status {
				t.Fatalf("PutBucketEncryption = %d %s, want %d", w.Code, w.Body, tc.status)
			}
			if code, _ := errCode(t, w); code != tc.code {
				t.Errorf("code = %q, want %q", code, tc.code)
			}
		})
	}
	w = e.must(a, treq{method: "GET", target: "/encb?encryption"}, 200)
	golden(t, "get-bucket-encryption-kms", w.Body.Bytes())
	w = e.must(a, treq{method: "PUT", target: "/encb/obj", body: "x"}, 200)
	if got := w.Header().Get("x-amz-server-side-encryption"); got != "aws:kms" {
		t.Errorf("PutObject in a KMS bucket: x-amz-server-side-encryption = %q, want aws:kms", got)
	}
	if got := w.Header().Get("x-amz-server-side-encryption-aws-kms-key-id"); got != "arn:aws:kms:us-east-1:111111111111:key/abc" {
		t.Errorf("PutObject key id = %q", got)
	}
	w = e.must(a, treq{method: "HEAD", target: "/encb/obj"}, 200)
	if got := w.Header().Get("x-amz-server-side-encryption"); got != "aws:kms" {
		t.Errorf("HeadObject x-amz-server-side-encryption = %q, want aws:kms", got)
	}
	e.must(a, treq{method: "DELETE", target: "/encb?encryption"}, 204)
	w = e.must(a, treq{method: "GET", target: "/encb?encryption"}, 200)
	if !strings.Contains(w.Body.String(), "<SSEAlgorithm>AES256</SSEAlgorithm>") {
		t.Errorf("after delete: %s", w.Body)
	}
	w = e.do(a, treq{method: "PUT", target: "/encb/o2", body: "x", header: map[string]string{"x-amz-server-side-encryption": "rot13"}})
	if code, _ := errCode(t, w); w.Code != 400 || code != "InvalidArgument" {
		t.Errorf("PutObject with bad SSE = %d %s, want 400 InvalidArgument", w.Code, code)
	}
}

func TestBucketMiscConfigurations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "misc")
	e.createBucket(a, "logs")
	e.createBucket(rootOf(acctB), "foreign-logs")
	e.createBucket(a, "dotted.name")
	website := `<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument><ErrorDocument><Key>error.html</Key></ErrorDocument></WebsiteConfiguration>`
	steps := []step{
		{"website none", treq{method: "GET", target: "/misc?website"}, 404, "NoSuchWebsiteConfiguration", ""},
		{"website no index", treq{method: "PUT", target: "/misc?website", body: "<WebsiteConfiguration></WebsiteConfiguration>"}, 400, "InvalidArgument", ""},
		{"website redirect and index", treq{method: "PUT", target: "/misc?website", body: "<WebsiteConfiguration><RedirectAllRequestsTo><HostName>x</HostName></RedirectAllRequestsTo><IndexDocument><Suffix>i</Suffix></IndexDocument></WebsiteConfiguration>"}, 400, "InvalidArgument", ""},
		// RedirectAllRequestsTo's Protocol takes the values a routing
		// rule's does (API_RedirectAllRequestsTo.html "Valid Values: http |
		// https"; AWS's answer recorded for a routing rule, LocalStack
		// test_validate_website_configuration invalid-website-conf-4).
		{"website redirect ftp", treq{method: "PUT", target: "/misc?website", body: "<WebsiteConfiguration><RedirectAllRequestsTo><HostName>x</HostName><Protocol>ftp</Protocol></RedirectAllRequestsTo></WebsiteConfiguration>"}, 400, "InvalidRequest", "Invalid protocol, protocol can be http or https."},
		{"website redirect https", treq{method: "PUT", target: "/misc?website", body: "<WebsiteConfiguration><RedirectAllRequestsTo><HostName>x</HostName><Protocol>https</Protocol></RedirectAllRequestsTo></WebsiteConfiguration>"}, 200, "", ""},
		{"website put", treq{method: "PUT", target: "/misc?website", body: website}, 200, "", ""},
		{"website get", treq{method: "GET", target: "/misc?website"}, 200, "", `<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix>`},
		{"website delete", treq{method: "DELETE", target: "/misc?website"}, 204, "", ""},
		{"website gone", treq{method: "GET", target: "/misc?website"}, 404, "NoSuchWebsiteConfiguration", ""},

		{"logging empty", treq{method: "GET", target: "/misc?logging"}, 200, "", `<BucketLoggingStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></BucketLoggingStatus>`},
		{"logging missing target", treq{method: "PUT", target: "/misc?logging", body: "<BucketLoggingStatus><LoggingEnabled><TargetBucket>nope-nope</TargetBucket><TargetPrefix>p/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"}, 400, "InvalidTargetBucketForLogging", ""},
		{"logging foreign target", treq{method: "PUT", target: "/misc?logging", body: "<BucketLoggingStatus><LoggingEnabled><TargetBucket>foreign-logs</TargetBucket><TargetPrefix>p/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"}, 400, "InvalidTargetBucketForLogging", ""},
		{"logging put", treq{method: "PUT", target: "/misc?logging", body: "<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>"}, 200, "", ""},
		{"logging get", treq{method: "GET", target: "/misc?logging"}, 200, "", "<TargetBucket>logs</TargetBucket>"},
		{"logging off", treq{method: "PUT", target: "/misc?logging", body: "<BucketLoggingStatus></BucketLoggingStatus>"}, 200, "", ""},
		{"logging empty again", treq{method: "GET", target: "/misc?logging"}, 200, "", "></BucketLoggingStatus>"},

		{"notification empty", treq{method: "GET", target: "/misc?notification"}, 200, "", `<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></NotificationConfiguration>`},
		{"notification malformed", treq{method: "PUT", target: "/misc?notification", body: "<Nope>"}, 400, "MalformedXML", ""},
		{"notification put", treq{method: "PUT", target: "/misc?notification", body: "<NotificationConfiguration><QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:111111111111:q</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration></NotificationConfiguration>"}, 200, "", ""},
		{"notification get", treq{method: "GET", target: "/misc?notification"}, 200, "", "<Id>q</Id>"},

		{"payment default", treq{method: "GET", target: "/misc?requestPayment"}, 200, "", `<RequestPaymentConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Payer>BucketOwner</Payer></RequestPaymentConfiguration>`},
		{"payment bad", treq{method: "PUT", target: "/misc?requestPayment", body: "<RequestPaymentConfiguration><Payer>Me</Payer></RequestPaymentConfiguration>"}, 400, "MalformedXML", ""},
		{"payment put", treq{method: "PUT", target: "/misc?requestPayment", body: "<RequestPaymentConfiguration><Payer>Requester</Payer></RequestPaymentConfiguration>"}, 200, "", ""},
		{"payment get", treq{method: "GET", target: "/misc?requestPayment"}, 200, "", "<Payer>Requester</Payer>"},

		{"accelerate default", treq{method: "GET", target: "/misc?accelerate"}, 200, "", `<AccelerateConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></AccelerateConfiguration>`},
		{"accelerate bad", treq{method: "PUT", target: "/misc?accelerate", body: "<AccelerateConfiguration><Status>On</Status></AccelerateConfiguration>"}, 400, "MalformedXML", ""},
		{"accelerate dotted", treq{method: "PUT", target: "/dotted.name?accelerate", body: "<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>"}, 400, "InvalidRequest", ""},
		{"accelerate put", treq{method: "PUT", target: "/misc?accelerate", body: "<AccelerateConfiguration><Status>Enabled</Status></AccelerateConfiguration>"}, 200, "", ""},
		{"accelerate get", treq{method: "GET", target: "/misc?accelerate"}, 200, "", "<Status>Enabled</Status>"},

		{"object lock none", treq{method: "GET", target: "/misc?object-lock"}, 404, "ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket"},
		{"object lock put unversioned", treq{method: "PUT", target: "/misc?object-lock", body: "<ObjectLockConfiguration/>"}, 409, "InvalidBucketState", ""},
		{"retention", treq{method: "GET", target: "/misc/k?retention"}, 400, "InvalidRequest", "Bucket is missing Object Lock Configuration"},
		{"legal hold", treq{method: "GET", target: "/misc/k?legal-hold"}, 400, "InvalidRequest", "Bucket is missing Object Lock Configuration"},
	}
	e.run(t, a, steps)
	// Every configuration is authorized: another account is refused.
	for _, sub := range []string{"website", "logging", "notification", "requestPayment", "accelerate", "object-lock", "encryption", "cors", "lifecycle"} {
		if w := e.do(rootOf(acctB), treq{method: "GET", target: "/misc?" + sub}); w.Code != 403 {
			t.Errorf("other account GET ?%s = %d, want 403", sub, w.Code)
		}
	}
}
