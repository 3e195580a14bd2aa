package s3

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// lockedBucket creates an Object Lock bucket name owned by acctA.
func lockedBucket(e *env, name string) {
	e.must(rootOf(acctA), treq{method: "PUT", target: "/" + name,
		header: map[string]string{"x-amz-bucket-object-lock-enabled": "true"}}, 200)
}

// hold is the event hold headers status, days and years (each sent when
// not empty) after kv.
func hold(status, days, years string, kv ...string) []string {
	for _, p := range [][2]string{{hdrEventHold, status}, {hdrEventHoldDays, days}, {hdrEventHoldYears, years}} {
		if p[1] != "" {
			kv = append(kv, p[0], p[1])
		}
	}
	return kv
}

func retentionHold(inner string) string { return "<Retention>" + inner + "</Retention>" }

// TestEventHoldHeaderValidation: what PutObject, CopyObject and
// CreateMultipartUpload answer to event hold headers; nothing refused is
// written.
func TestEventHoldHeaderValidation(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	lockedBucket(e, "evh")
	e.createBucket(a, "plain")
	e.must(a, putMD5("/evh/src", "x"), 200)
	gov := []string{"x-amz-object-lock-mode", "GOVERNANCE"}
	arg := func(msg, name, value string) string {
		return "<Message>" + msg + "</Message><ArgumentName>" + name + "</ArgumentName><ArgumentValue>" + value + "</ArgumentValue>"
	}
	for _, c := range []struct {
		name   string
		r      treq
		status int
		code   string
		body   string
	}{
		{"bad status", putMD5("/evh/k", "x", hold("on", "1", "", gov...)...), 400, "InvalidArgument",
			arg("Event Hold must be either of 'ON' or 'OFF'", hdrEventHold, "on")},
		{"no duration", putMD5("/evh/k", "x", hold("ON", "", "", gov...)...), 400, "InvalidArgument", "<ArgumentName>" + hdrEventHoldDays + "</ArgumentName>"},
		{"days and years", putMD5("/evh/k", "x", hold("ON", "1", "1", gov...)...), 400, "InvalidArgument",
			arg("x-amz-object-lock-event-hold-duration-days and x-amz-object-lock-event-hold-duration-years cannot both be supplied", hdrEventHoldYears, "1")},
		{"zero days", putMD5("/evh/k", "x", hold("ON", "0", "", gov...)...), 400, "InvalidArgument", arg("The event hold duration must be between 1 and 36500", hdrEventHoldDays, "0")},
		{"too many days", putMD5("/evh/k", "x", hold("ON", "36501", "", gov...)...), 400, "InvalidArgument", arg("The event hold duration must be between 1 and 36500", hdrEventHoldDays, "36501")},
		{"too many years", putMD5("/evh/k", "x", hold("ON", "", "101", gov...)...), 400, "InvalidArgument", arg("The event hold duration must be between 1 and 100", hdrEventHoldYears, "101")},
		{"days not a number", putMD5("/evh/k", "x", hold("ON", "1d", "", gov...)...), 400, "InvalidArgument", arg("The event hold duration must be between 1 and 36500", hdrEventHoldDays, "1d")},
		{"duration without hold", putMD5("/evh/k", "x", hold("", "30", "")...), 400, "InvalidArgument", "<ArgumentName>" + hdrEventHoldDays + "</ArgumentName><ArgumentValue>30</ArgumentValue>"},
		{"duration with OFF", putMD5("/evh/k", "x", hold("OFF", "", "2")...), 400, "InvalidArgument", "<ArgumentName>" + hdrEventHoldYears + "</ArgumentName>"},
		{"no mode and no default", putMD5("/evh/k", "x", hold("ON", "30", "")...), 400, "InvalidArgument", "<ArgumentName>x-amz-object-lock-mode</ArgumentName>"},
		{"bad mode", putMD5("/evh/k", "x", hold("ON", "30", "", "x-amz-object-lock-mode", "STRICT")...), 400, "InvalidArgument", "Unknown wormMode directive."},
		{"date without mode", putMD5("/evh/k", "x", hold("ON", "30", "", "x-amz-object-lock-retain-until-date", future)...), 400, "InvalidArgument", "must both be supplied"},
		{"no integrity", treq{method: "PUT", target: "/evh/k", body: "x", header: map[string]string{hdrEventHold: "OFF"}}, 400, "InvalidRequest", "Content-MD5 OR x-amz-checksum-"},
		{"bucket without lock", putMD5("/plain/k", "x", hold("ON", "30", "", gov...)...), 400, "InvalidRequest", "<Message>Bucket is missing ObjectLockConfiguration</Message>"},
		{"copy", treq{method: "PUT", target: "/evh/k", header: map[string]string{"x-amz-copy-source": "/evh/src", hdrEventHold: "ON"}}, 400, "InvalidArgument", "<ArgumentName>" + hdrEventHoldDays + "</ArgumentName>"},
		{"copy to bucket without lock", treq{method: "PUT", target: "/plain/k", header: map[string]string{"x-amz-copy-source": "/evh/src", hdrEventHold: "OFF"}}, 400, "InvalidRequest", "Bucket is missing ObjectLockConfiguration"},
		{"multipart", treq{method: "POST", target: "/evh/k?uploads", header: map[string]string{hdrEventHold: "ON", hdrEventHoldDays: "-1", "x-amz-object-lock-mode": "GOVERNANCE"}}, 400, "InvalidArgument", "between 1 and 36500"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := e.do(a, c.r)
			if code, _ := errCode(t, w); w.Code != c.status || code != c.code || !strings.Contains(w.Body.String(), c.body) {
				t.Fatalf("= %d %s, want %d %s with %s", w.Code, w.Body, c.status, c.code, c.body)
			}
		})
	}
	for _, target := range []string{"/evh/k", "/plain/k"} {
		e.must(a, treq{method: "HEAD", target: target}, 404)
	}
	if w := e.must(a, treq{method: "GET", target: "/evh?uploads"}, 200); strings.Contains(w.Body.String(), "<Upload>") {
		t.Errorf("an upload was created: %s", w.Body)
	}
}

// TestEventHoldRetentionValidation: PutObjectRetention bodies with event
// hold elements that are refused, and a bucket without Object Lock.
func TestEventHoldRetentionValidation(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	lockedBucket(e, "evr")
	e.createBucket(a, "plain")
	e.must(a, putMD5("/evr/k", "x"), 200)
	e.must(a, treq{method: "PUT", target: "/plain/k", body: "x"}, 200)
	on := "<Mode>GOVERNANCE</Mode><EventHold>ON</EventHold>"
	for _, c := range []struct {
		name, body string
		code, msg  string
	}{
		{"bad status", "<EventHold>on</EventHold>", "MalformedXML", ""},
		{"ON without mode", "<EventHold>ON</EventHold><EventHoldDuration><Days>1</Days></EventHoldDuration>", "MalformedXML", ""},
		{"ON without duration", on, "MalformedXML", ""},
		{"empty duration", on + "<EventHoldDuration></EventHoldDuration>", "MalformedXML", ""},
		{"days and years", on + "<EventHoldDuration><Days>1</Days><Years>1</Years></EventHoldDuration>", "MalformedXML", ""},
		{"days not a number", on + "<EventHoldDuration><Days>x</Days></EventHoldDuration>", "MalformedXML", ""},
		{"zero days", on + "<EventHoldDuration><Days>0</Days></EventHoldDuration>", "InvalidArgument", "<Message>Event hold duration must be a positive integer value.</Message><ArgumentName>Days</ArgumentName>"},
		{"too many days", on + "<EventHoldDuration><Days>36501</Days></EventHoldDuration>", "InvalidArgument", "<Message>Event hold duration is too large.</Message>"},
		{"too many years", on + "<EventHoldDuration><Years>101</Years></EventHoldDuration>", "InvalidArgument", "<Message>Event hold duration is too large.</Message>"},
		{"OFF with duration", "<EventHold>OFF</EventHold><EventHoldDuration><Days>1</Days></EventHoldDuration>", "MalformedXML", ""},
		{"duration without hold", "<EventHoldDuration><Days>1</Days></EventHoldDuration>", "MalformedXML", ""},
		{"date without mode", "<EventHold>OFF</EventHold><RetainUntilDate>" + future + "</RetainUntilDate>", "MalformedXML", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := e.do(a, putMD5("/evr/k?retention", retentionHold(c.body)))
			if code, _ := errCode(t, w); w.Code != 400 || code != c.code || !strings.Contains(w.Body.String(), c.msg) {
				t.Fatalf("= %d %s, want 400 %s %s", w.Code, w.Body, c.code, c.msg)
			}
		})
	}
	w := e.do(a, putMD5("/plain/k?retention", retentionHold(on+"<EventHoldDuration><Days>1</Days></EventHoldDuration>")))
	if code, msg := errCode(t, w); w.Code != 400 || code != "InvalidRequest" || msg != "Bucket is missing Object Lock Configuration" {
		t.Errorf("bucket without lock = %d %s %s", w.Code, code, msg)
	}
	e.must(a, treq{method: "GET", target: "/evr/k?retention"}, 404)
}

// TestDefaultEventHold: the bucket's default event hold is read back,
// validated, and placed on new versions that set no retention or event
// hold of their own.
func TestDefaultEventHold(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	lockedBucket(e, "evd")
	cfg := func(inner string) string {
		return `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule>` + inner + `</Rule></ObjectLockConfiguration>`
	}
	dr := func(inner string) string { return cfg("<DefaultRetention>" + inner + "</DefaultRetention>") }
	e.runLock(t, a, []lockStep{
		{"misplaced", putMD5("/evd?object-lock", cfg("<DefaultEventHold><Days>1</Days></DefaultEventHold>")), 400, "MalformedXML", "", nil},
		{"no mode", putMD5("/evd?object-lock", dr("<DefaultEventHold><Days>1</Days></DefaultEventHold>")), 400, "MalformedXML", "", nil},
		{"days and years", putMD5("/evd?object-lock", dr("<Mode>COMPLIANCE</Mode><DefaultEventHold><Days>1</Days><Years>1</Years></DefaultEventHold>")), 400, "MalformedXML", "", nil},
		{"zero", putMD5("/evd?object-lock", dr("<Mode>COMPLIANCE</Mode><DefaultEventHold><Years>0</Years></DefaultEventHold>")), 400, "InvalidArgument",
			"<Message>Default event hold duration must be a positive integer value.</Message><ArgumentName>Years</ArgumentName>", nil},
		{"too large", putMD5("/evd?object-lock", dr("<Mode>COMPLIANCE</Mode><DefaultEventHold><Days>36501</Days></DefaultEventHold>")), 400, "InvalidArgument",
			"<Message>Default event hold duration is too large.</Message>", nil},
		{"hold only", putMD5("/evd?object-lock", dr("<Mode>COMPLIANCE</Mode><DefaultEventHold><Days>30</Days></DefaultEventHold>")), 200, "", "", nil},
		{"read back", treq{method: "GET", target: "/evd?object-lock"}, 200, "",
			"<Rule><DefaultRetention><Mode>COMPLIANCE</Mode><DefaultEventHold><Days>30</Days></DefaultEventHold></DefaultRetention></Rule>", nil},
		{"put v1", putMD5("/evd/a", "x"), 200, "", "", nil},
		{"held by default", treq{method: "GET", target: "/evd/a?retention"}, 200, "",
			`<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>COMPLIANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Days>30</Days></EventHoldDuration></Retention>`, nil},
		{"without integrity", treq{method: "PUT", target: "/evd/n", body: "x"}, 400, "InvalidRequest", "Content-MD5 OR x-amz-checksum-", nil},
		{"put v2", putMD5("/evd/b", "x", hold("OFF", "", "")...), 200, "", "", nil},
		{"OFF keeps the default off", treq{method: "GET", target: "/evd/b?retention"}, 200, "",
			`<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><EventHold>OFF</EventHold></Retention>`, nil},
		{"delete v2", treq{method: "DELETE", target: "/evd/b?versionId={v2}"}, 204, "", "", nil},
		{"put v3", putMD5("/evd/c", "x", "x-amz-object-lock-mode", "GOVERNANCE", "x-amz-object-lock-retain-until-date", future), 200, "", "", nil},
		{"own retention, no default hold", treq{method: "GET", target: "/evd/c?retention"}, 200, "",
			"<Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00.000Z</RetainUntilDate></Retention>", nil},
		{"both", putMD5("/evd?object-lock", dr("<Mode>GOVERNANCE</Mode><Days>1</Days><DefaultEventHold><Years>2</Years></DefaultEventHold>")), 200, "", "", nil},
		{"both read back", treq{method: "GET", target: "/evd?object-lock"}, 200, "",
			"<DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days><DefaultEventHold><Years>2</Years></DefaultEventHold></DefaultRetention>", nil},
		{"put v4", putMD5("/evd/d", "x"), 200, "", "", map[string]string{}},
		{"both applied", treq{method: "HEAD", target: "/evd/d"}, 200, "", "", map[string]string{
			"x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2026-03-02T12:00:00.000Z",
			"x-amz-object-lock-event-hold": "ON", "x-amz-object-lock-event-hold-duration-years": "2"}},
		{"put v5", putMD5("/evd/e", "x", hold("OFF", "", "")...), 200, "", "", nil},
		{"OFF keeps the default period", treq{method: "GET", target: "/evd/e?retention"}, 200, "",
			"<Mode>GOVERNANCE</Mode><RetainUntilDate>2026-03-02T12:00:00.000Z</RetainUntilDate><EventHold>OFF</EventHold></Retention>", nil},
		{"held against bypass", treq{method: "DELETE", target: "/evd/d?versionId={v4}", header: map[string]string{"x-amz-bypass-governance-retention": "true"}},
			403, "AccessDenied", "<Message>Access Denied because object protected by object lock.</Message>", nil},
	})
}

// TestEventHoldLifecycle: a held version cannot be deleted however long
// it is held; its release retains it for the hold's duration from the
// release, after which it can be deleted.
func TestEventHoldLifecycle(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	var offset atomic.Int64
	e.h.now = func() time.Time { return testNow.Add(time.Duration(offset.Load())) }
	lockedBucket(e, "evl")
	w := e.must(a, putMD5("/evl/k", "x", hold("ON", "1", "", "x-amz-object-lock-mode", "COMPLIANCE")...), 200)
	v := "versionId=" + w.Header().Get("x-amz-version-id")
	bypass := map[string]string{"x-amz-bypass-governance-retention": "true"}
	release := putMD5("/evl/k?retention&"+v, retentionHold("<EventHold>OFF</EventHold>"))
	steps := []lockStep{
		{"head", treq{method: "HEAD", target: "/evl/k?" + v}, 200, "", "", map[string]string{"x-amz-object-lock-mode": "COMPLIANCE",
			"x-amz-object-lock-event-hold": "ON", "x-amz-object-lock-event-hold-duration-days": "1", "x-amz-object-lock-retain-until-date": ""}},
		{"retention", treq{method: "GET", target: "/evl/k?retention&" + v}, 200, "",
			"<Mode>COMPLIANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Days>1</Days></EventHoldDuration>", nil},
		{"delete refused", treq{method: "DELETE", target: "/evl/k?" + v, header: bypass}, 403, "AccessDenied", "Access Denied because object protected by object lock.", nil},
		{"remove refused", putMD5("/evl/k?retention&"+v, "<Retention/>", "x-amz-bypass-governance-retention", "true"), 403, "AccessDenied", "", nil},
		{"unknown unit", putMD5("/evl/k?retention&"+v, retentionHold("<Mode>COMPLIANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Hours>1</Hours></EventHoldDuration>")), 400, "MalformedXML", "", nil},
		{"to governance refused", putMD5("/evl/k?retention&"+v, retentionHold("<Mode>GOVERNANCE</Mode><EventHold>OFF</EventHold>")), 403, "AccessDenied", "", nil},
		{"lengthen", putMD5("/evl/k?retention&"+v, retentionHold("<Mode>COMPLIANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Days>2</Days></EventHoldDuration>")), 200, "", "", nil},
		{"shorten back refused", putMD5("/evl/k?retention&"+v, retentionHold("<Mode>COMPLIANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Days>1</Days></EventHoldDuration>")), 403, "AccessDenied", "", nil},
	}
	e.runLock(t, a, steps)
	offset.Store(int64(20 * 365 * 24 * time.Hour)) // held for 20 years: still held
	e.runLock(t, a, []lockStep{
		{"still refused", treq{method: "DELETE", target: "/evl/k?" + v}, 403, "AccessDenied", "", nil},
		{"release", release, 200, "", "", nil},
		{"released", treq{method: "GET", target: "/evl/k?retention&" + v}, 200, "",
			"<Mode>COMPLIANCE</Mode><RetainUntilDate>2046-02-26T12:00:00.000Z</RetainUntilDate><EventHold>OFF</EventHold></Retention>", nil},
		{"head released", treq{method: "HEAD", target: "/evl/k?" + v}, 200, "", "", map[string]string{"x-amz-object-lock-event-hold": "OFF",
			"x-amz-object-lock-event-hold-duration-days": "", "x-amz-object-lock-retain-until-date": "2046-02-26T12:00:00.000Z"}},
		{"release again changes nothing", release, 200, "", "", nil},
		{"retained", treq{method: "DELETE", target: "/evl/k?" + v, header: bypass}, 403, "AccessDenied", "", nil},
	})
	offset.Add(int64(2*24*time.Hour + time.Second))
	e.runLock(t, a, []lockStep{
		{"retention over", treq{method: "DELETE", target: "/evl/k?" + v}, 204, "", "", nil},
	})
}

// TestEventHoldGovernance: a GOVERNANCE version's hold is not bypassed
// for a delete; its release needs no bypass, and the retention it starts
// is bypassed as any GOVERNANCE retention; a hold placed by
// PutObjectRetention on a multipart upload's object holds the same.
func TestEventHoldGovernance(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	lockedBucket(e, "evg")
	bypass := map[string]string{"x-amz-bypass-governance-retention": "true"}
	placeOn := retentionHold("<Mode>GOVERNANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Years>1</Years></EventHoldDuration>")
	e.runLock(t, a, []lockStep{
		{"put v1", putMD5("/evg/k", "x"), 200, "", "", nil},
		{"place", putMD5("/evg/k?retention&versionId={v1}", placeOn), 200, "", "", nil},
		{"placed", treq{method: "GET", target: "/evg/k?retention"}, 200, "", "<Mode>GOVERNANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Years>1</Years></EventHoldDuration>", nil},
		{"no bypass of a hold", treq{method: "DELETE", target: "/evg/k?versionId={v1}", header: bypass}, 403, "AccessDenied", "Access Denied because object protected by object lock.", nil},
		{"shorter needs bypass", putMD5("/evg/k?retention&versionId={v1}", retentionHold("<Mode>GOVERNANCE</Mode><EventHold>ON</EventHold><EventHoldDuration><Days>1</Days></EventHoldDuration>")), 403, "AccessDenied", "", nil},
		{"release", putMD5("/evg/k?retention&versionId={v1}", retentionHold("<Mode>GOVERNANCE</Mode><EventHold>OFF</EventHold>")), 200, "", "", nil},
		{"retained a year", treq{method: "GET", target: "/evg/k?retention"}, 200, "", "<RetainUntilDate>2027-03-01T12:00:00.000Z</RetainUntilDate><EventHold>OFF</EventHold>", nil},
		{"delete refused", treq{method: "DELETE", target: "/evg/k?versionId={v1}"}, 403, "AccessDenied", "", nil},
		{"delete with bypass", treq{method: "DELETE", target: "/evg/k?versionId={v1}", header: bypass}, 204, "", "", nil},
	})
	w := e.must(a, treq{method: "POST", target: "/evg/m?uploads", header: map[string]string{"x-amz-object-lock-mode": "GOVERNANCE",
		hdrEventHold: "ON", hdrEventHoldYears: "3"}}, 200)
	id := between(w.Body.String(), "<UploadId>", "</UploadId>")
	p := e.must(a, treq{method: "PUT", target: "/evg/m?partNumber=1&uploadId=" + id, body: "part"}, 200)
	done := `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>` + p.Header().Get("Etag") + `</ETag></Part></CompleteMultipartUpload>`
	c := e.must(a, treq{method: "POST", target: "/evg/m?uploadId=" + id, body: done}, 200)
	e.runLock(t, a, []lockStep{
		{"multipart held", treq{method: "HEAD", target: "/evg/m"}, 200, "", "", map[string]string{"x-amz-object-lock-event-hold": "ON",
			"x-amz-object-lock-event-hold-duration-years": "3", "x-amz-object-lock-mode": "GOVERNANCE"}},
		{"multipart delete refused", treq{method: "DELETE", target: "/evg/m?versionId=" + c.Header().Get("x-amz-version-id"), header: bypass}, 403, "AccessDenied", "", nil},
	})
}

// TestInventoryEventHoldFields: an inventory configuration may list the
// event hold fields (aws-sdk-go-v2 s3 v1.114.9 types.InventoryOptionalField
// ObjectLockEventHoldStatus, ObjectLockEventHoldDuration); a field the
// schema does not name is still MalformedXML.
func TestInventoryEventHoldFields(t *testing.T) {
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "inv")
	cfg := func(fields ...string) string {
		return `<InventoryConfiguration><Id>i</Id><Destination><S3BucketDestination><Bucket>arn:aws:s3:::d</Bucket><Format>CSV</Format>` +
			`</S3BucketDestination></Destination><IsEnabled>true</IsEnabled><IncludedObjectVersions>All</IncludedObjectVersions>` +
			`<OptionalFields><Field>` + strings.Join(fields, "</Field><Field>") + `</Field></OptionalFields>` +
			`<Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`
	}
	e.run(t, a, []step{
		{"event hold fields", treq{method: "PUT", target: "/inv?inventory&id=i", body: cfg("ObjectLockEventHoldStatus", "ObjectLockEventHoldDuration")}, 204, "", ""},
		{"read back", treq{method: "GET", target: "/inv?inventory&id=i"}, 200, "", "<Field>ObjectLockEventHoldStatus</Field><Field>ObjectLockEventHoldDuration</Field>"},
		{"unknown field", treq{method: "PUT", target: "/inv?inventory&id=i", body: cfg("ObjectLockEventHold")}, 400, "MalformedXML", ""},
	})
}
