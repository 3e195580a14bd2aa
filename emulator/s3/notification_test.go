package s3

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

// TestNotificationConfiguration: PutBucketNotificationConfiguration checks
// destinations and filter rules and stores the configuration as AWS does
// (LocalStack test_s3_notifications_{sqs,sns,lambda} and test_s3_api
// TestS3BucketNotificationConfiguration, recorded against AWS).
func TestNotificationConfiguration(t *testing.T) {
	t.Parallel()
	queue := func(inner string) string {
		return "<NotificationConfiguration><QueueConfiguration>" + inner + "</QueueConfiguration></NotificationConfiguration>"
	}
	const q = "<Queue>arn:aws:sqs:us-east-1:111111111111:q</Queue><Event>s3:ObjectCreated:*</Event>"
	rule := func(name, value string) string {
		return "<Filter><S3Key><FilterRule><Name>" + name + "</Name><Value>" + value + "</Value></FilterRule></S3Key></Filter>"
	}
	tests := []struct {
		name      string
		body      string
		status    int
		code, msg string
		argName   string // ArgumentName and its value, when refused so
		argValue  string
		stored    []string // substrings of the configuration read back
		ids       int      // Id elements read back
	}{
		{name: "queue not an arn", body: queue("<Queue>invalid-queue</Queue><Event>s3:ObjectCreated:*</Event>"),
			status: 400, code: "InvalidArgument", msg: "The ARN could not be parsed", argName: "Queue", argValue: "invalid-queue"},
		{name: "topic not an arn", body: "<NotificationConfiguration><TopicConfiguration><Topic>invalid-topic</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>",
			status: 400, code: "InvalidArgument", msg: "The ARN could not be parsed", argName: "Topic", argValue: "invalid-topic"},
		{name: "function not an arn", body: "<NotificationConfiguration><CloudFunctionConfiguration><CloudFunction>invalid-queue</CloudFunction><Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration></NotificationConfiguration>",
			status: 400, code: "InvalidArgument", msg: "The ARN could not be parsed", argName: "CloudFunction", argValue: "invalid-queue"},
		{name: "first of two bad arns", body: "<NotificationConfiguration>" +
			"<QueueConfiguration><Id>id1</Id><Queue>invalid_arn</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration>" +
			"<QueueConfiguration><Id>id2</Id><Queue>invalid_arn_2</Queue><Event>s3:ObjectRemoved:*</Event></QueueConfiguration></NotificationConfiguration>",
			status: 400, code: "InvalidArgument", msg: "The ARN could not be parsed", argName: "Queue", argValue: "invalid_arn"},
		{name: "bad rule name", body: queue(q + rule("INVALID", "x")),
			status: 400, code: "InvalidArgument", msg: "filter rule name must be either prefix or suffix", argName: "FilterRule.Name", argValue: "INVALID"},
		{name: "rule without value", body: queue(q + "<Filter><S3Key><FilterRule><Name>prefix</Name></FilterRule></S3Key></Filter>"),
			status: 400, code: "MalformedXML"},
		{name: "id kept", body: queue("<Id>mine</Id>" + q), status: 200, stored: []string{"<Id>mine</Id>"}, ids: 1},
		{name: "id assigned", body: queue(q), status: 200, stored: []string{"<Queue>arn:aws:sqs:us-east-1:111111111111:q</Queue>"}, ids: 1},
		{name: "one id per configuration", body: "<NotificationConfiguration>" +
			"<TopicConfiguration><Topic>arn:aws:sns:us-east-1:111111111111:t</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration>" +
			"<QueueConfiguration><Id>given</Id>" + q + "</QueueConfiguration></NotificationConfiguration>",
			status: 200, stored: []string{"<Id>given</Id>", "<Topic>arn:aws:sns:us-east-1:111111111111:t</Topic>"}, ids: 2},
		{name: "rule names in AWS's case", body: queue("<Id>c</Id>" + q + "<Filter><S3Key><FilterRule><Name>suffix</Name><Value>.txt</Value></FilterRule>" +
			"<FilterRule><Name>PREFIX</Name><Value>notif-</Value></FilterRule></S3Key></Filter>"),
			status: 200, stored: []string{"<Name>Suffix</Name><Value>.txt</Value>", "<Name>Prefix</Name><Value>notif-</Value>"}, ids: 1},
		{name: "eventbridge", body: "<NotificationConfiguration><EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>",
			status: 200, stored: []string{"<EventBridgeConfiguration></EventBridgeConfiguration>"}},
	}
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "notif")
	idRe := regexp.MustCompile(`<Id>([^<]*)</Id>`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.must(a, treq{method: "PUT", target: "/notif?notification", body: "<NotificationConfiguration></NotificationConfiguration>"}, 200)
			w := e.do(a, treq{method: "PUT", target: "/notif?notification", body: tt.body})
			if w.Code != tt.status {
				t.Fatalf("PUT = %d, want %d:\n%s", w.Code, tt.status, w.Body)
			}
			if tt.status != 200 {
				checkNotificationRefusal(t, w.Body.String(), tt.code, tt.msg, tt.argName, tt.argValue)
				return
			}
			got := e.must(a, treq{method: "GET", target: "/notif?notification"}, 200).Body.String()
			for _, s := range tt.stored {
				if !strings.Contains(got, s) {
					t.Errorf("stored configuration lacks %s:\n%s", s, got)
				}
			}
			ids := idRe.FindAllStringSubmatch(got, -1)
			if len(ids) != tt.ids {
				t.Errorf("%d Id elements read back, want %d:\n%s", len(ids), tt.ids, got)
			}
			for _, id := range ids {
				if id[1] == "" {
					t.Errorf("an empty Id was read back:\n%s", got)
				}
				if _, err := base64.StdEncoding.DecodeString(id[1]); err != nil && !strings.Contains(tt.body, id[0]) {
					t.Errorf("assigned Id %q is not the base64 this server assigns", id[1])
				}
			}
		})
	}
}

func checkNotificationRefusal(t *testing.T, body, code, msg, argName, argValue string) {
	t.Helper()
	want := []string{"<Code>" + code + "</Code>"}
	if msg != "" {
		want = append(want, "<Message>"+msg+"</Message>")
	}
	if argName != "" {
		want = append(want, "<ArgumentName>"+argName+"</ArgumentName>", "<ArgumentValue>"+argValue+"</ArgumentValue>")
	}
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("refusal lacks %s:\n%s", s, body)
		}
	}
}

// TestNotificationIDsStable: an assigned Id is stored, not made up again on
// each read.
func TestNotificationIDsStable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "notif")
	e.must(a, treq{method: "PUT", target: "/notif?notification", body: "<NotificationConfiguration><TopicConfiguration>" +
		"<Topic>arn:aws:sns:us-east-1:111111111111:t</Topic><Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>"}, 200)
	first := e.must(a, treq{method: "GET", target: "/notif?notification"}, 200).Body.String()
	second := e.must(a, treq{method: "GET", target: "/notif?notification"}, 200).Body.String()
	if first != second || !strings.Contains(first, "<Id>") {
		t.Errorf("reads differ or carry no Id:\n%s\n%s", first, second)
	}
}
