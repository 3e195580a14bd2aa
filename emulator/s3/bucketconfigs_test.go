package s3

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// TestSubresourceNeverPlain: a request naming a sub-resource no route
// serves with its method is refused, not served as the plain bucket or
// object operation (which deleted or overwrote data).
func TestSubresourceNeverPlain(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/subs"}, 200)
	e.must(a, treq{method: "PUT", target: "/subs/k", body: "data"}, 200)
	for _, r := range []treq{
		{method: "DELETE", target: "/subs/k?acl"},
		{method: "DELETE", target: "/subs/k?retention"},
		{method: "GET", target: "/subs/k?encryption"},
		{method: "DELETE", target: "/subs/k?encryption"},
		{method: "PUT", target: "/subs/k?uploadId=x"},
		{method: "GET", target: "/subs/k?torrent"},
		{method: "DELETE", target: "/subs?versioning"},
		{method: "DELETE", target: "/subs?metadataTable"},
		{method: "DELETE", target: "/subs?abac"},
		// No annotation operation takes a POST, nor a bucket.
		{method: "POST", target: "/subs/k?annotation&annotationName=note", body: "payload"},
		{method: "PUT", target: "/subs?annotation&annotationName=note", body: "payload"},
		{method: "DELETE", target: "/subs?annotation&annotationName=note"},
		{method: "PUT", target: "/subs?metadataAnnotationTable", body: "<x/>"},
	} {
		w := e.do(a, r)
		if code, _ := errCode(t, w); w.Code != 405 || code != "MethodNotAllowed" {
			t.Errorf("%s %s = %d %s, want 405 MethodNotAllowed", r.method, r.target, w.Code, code)
		}
	}
	// Object annotations (PutObjectAnnotation, DeleteObjectAnnotation,
	// aws-sdk-go-v2 s3 v1.114): an annotation's payload once replaced the
	// object's body, and its deletion deleted the object; they are served
	// now (annotations.go) and leave the object alone (checked below).
	e.must(a, treq{method: "PUT", target: "/subs/k?annotation&annotationName=note", body: "payload"}, 200)
	e.must(a, treq{method: "DELETE", target: "/subs/k?annotation&annotationName=note"}, 204)
	// The directory-bucket features AWS answers on a general purpose
	// bucket (directoryonly.go): RenameObject is 501, CreateSession lists.
	if w := e.do(a, treq{method: "PUT", target: "/subs/k?renameObject", body: "other"}); w.Code != 501 {
		t.Errorf("PUT /subs/k?renameObject = %d, want 501", w.Code)
	}
	if w := e.must(a, treq{method: "GET", target: "/subs?session"}, 200); !strings.Contains(w.Body.String(), "<ListBucketResult") {
		t.Errorf("GET /subs?session = %s, want a ListBucketResult", w.Body)
	}
	// Object and bucket are untouched.
	if w := e.must(a, treq{method: "GET", target: "/subs/k"}, 200); w.Body.String() != "data" {
		t.Errorf("GET /subs/k = %q, want data", w.Body)
	}
	// Ordinary query parameters still reach the plain operations.
	e.must(a, treq{method: "GET", target: "/subs/k?x-id=GetObject&response-content-type=text/plain"}, 200)
	e.must(a, treq{method: "GET", target: "/subs?prefix=k&delimiter=/&encoding-type=url"}, 200)
}

// TestInventoryConfigurationChecks: inventory bodies AWS refuses are
// refused with its codes; a valid one reaches NotImplemented.
func TestInventoryConfigurationChecks(t *testing.T) {
	body := func(id, bucket, format string) []byte {
		return []byte(`<InventoryConfiguration><Id>` + id + `</Id><Destination><S3BucketDestination><Bucket>` + bucket +
			`</Bucket><Format>` + format + `</Format></S3BucketDestination></Destination><IsEnabled>true</IsEnabled>` +
			`<IncludedObjectVersions>All</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`)
	}
	for _, c := range []struct {
		name, code string
		raw        []byte
	}{
		{"other id", "IdMismatch", body("other", "arn:aws:s3:::d", "CSV")},
		{"bucket name", "InvalidS3DestinationBucket", body("inv", "d", "CSV")},
		{"format", "MalformedXML", body("inv", "arn:aws:s3:::d", "XLS")},
		{"not XML", "MalformedXML", []byte("<Inventory")},
	} {
		if err := checkInventoryConfiguration(c.raw, "inv"); err == nil || !strings.HasPrefix(err.Error(), c.code+":") {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if err := checkInventoryConfiguration(body("inv", "arn:aws:s3:::d", "Parquet"), "inv"); err != nil {
		t.Errorf("valid configuration: %v", err)
	}
}

const versioningOn = `<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>`

// replicationBody is a ReplicationConfiguration of one rule.
func replicationBody(rule string) string {
	return `<ReplicationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Role>arn:aws:iam::` + acctA +
		`:role/replication</Role><Rule>` + rule + `</Rule></ReplicationConfiguration>`
}

// TestReplicationConfiguration: PutBucketReplication checks what AWS
// checks, keeps the configuration and GetBucketReplication returns it
// (LocalStack test_s3.snapshot.json TestS3BucketReplication::test_replication_config
// and test_replication_config_without_filter, validated 2026-02-21; the
// schema errors quoted from AWS in rust-lang/simpleinfra#468).
func TestReplicationConfiguration(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "src")
	const dst = `<Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination>`
	v2 := `<Priority>1</Priority><Filter><Prefix>Tax</Prefix></Filter><Status>Enabled</Status>` + dst +
		`<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>`
	const schema = " for this version of Cross Region Replication configuration schema. Please refer to S3 Developer Guide for more information."
	put := func(body string) treq { return treq{method: "PUT", target: "/src?replication", body: body} }
	steps := []step{
		{"none yet", treq{method: "GET", target: "/src?replication"}, 404, "ReplicationConfigurationNotFoundError", "<BucketName>src</BucketName>"},
		{"source unversioned", put(replicationBody(v2)), 400, "InvalidRequest", "Versioning must be 'Enabled' on the bucket"},
		{"versioning on", treq{method: "PUT", target: "/src?versioning", body: versioningOn}, 200, "", ""},
		{"no rules", put(`<ReplicationConfiguration><Role>r</Role></ReplicationConfiguration>`), 400, "MalformedXML", ""},
		{"no role", put(`<ReplicationConfiguration><Rule>` + v2 + `</Rule></ReplicationConfiguration>`), 400, "MalformedXML", ""},
		{"bad status", put(replicationBody(strings.Replace(v2, "Enabled", "On", 1))), 400, "MalformedXML", ""},
		{"not XML", put(`<ReplicationConfiguration>`), 400, "MalformedXML", ""},
		{"destination missing", put(replicationBody(v2)), 400, "InvalidRequest", "Destination bucket must have versioning enabled."},
		{"create destination", treq{method: "PUT", target: "/dst"}, 200, "", ""},
		{"destination unversioned", put(replicationBody(v2)), 400, "InvalidRequest", "Destination bucket must have versioning enabled."},
		{"destination versioning on", treq{method: "PUT", target: "/dst?versioning", body: versioningOn}, 200, "", ""},
		{"V1 rule with DeleteMarkerReplication", put(replicationBody(`<Prefix>p</Prefix><Status>Enabled</Status>` + dst +
			`<DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication>`)), 400, "InvalidRequest", "DeleteMarkerReplication cannot be used" + schema},
		{"V2 rule without DeleteMarkerReplication", put(replicationBody(`<Filter><Prefix>p</Prefix></Filter><Status>Enabled</Status>` + dst)),
			400, "InvalidRequest", "DeleteMarkerReplication must be specified" + schema},
		{"tag filter replicating delete markers", put(replicationBody(`<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status>` + dst +
			`<DeleteMarkerReplication><Status>Enabled</Status></DeleteMarkerReplication>`)), 400, "InvalidRequest", "DeleteMarkerReplication must be Disabled"},
		{"kept", put(replicationBody(v2)), 200, "", ""},
		{"read back", treq{method: "GET", target: "/src?replication"}, 200, "",
			`<Priority>1</Priority><Filter><Prefix>Tax</Prefix></Filter><Status>Enabled</Status><Destination><Bucket>arn:aws:s3:::dst</Bucket></Destination>`},
		{"role read back", treq{method: "GET", target: "/src?replication"}, 200, "", `<Role>arn:aws:iam::` + acctA + `:role/replication</Role>`},
		{"an ID is given", treq{method: "GET", target: "/src?replication"}, 200, "", `<Rule><ID>`},
		{"V1 rule kept", put(replicationBody(`<ID>old</ID><Prefix>p</Prefix><Status>Disabled</Status>` + dst)), 200, "", ""},
		{"V1 read back", treq{method: "GET", target: "/src?replication"}, 200, "", `<Rule><ID>old</ID><Prefix>p</Prefix><Status>Disabled</Status>`},
		{"versioning kept while replicating", treq{method: "PUT", target: "/src?versioning", body: `<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>`},
			409, "InvalidBucketState", "A replication configuration is present on this bucket, so you cannot change the versioning state."},
		{"still versioned", treq{method: "GET", target: "/src?versioning"}, 200, "", "<Status>Enabled</Status>"},
		{"deleted", treq{method: "DELETE", target: "/src?replication"}, 204, "", ""},
		{"versioning suspended without replication", treq{method: "PUT", target: "/src?versioning", body: `<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>`}, 200, "", ""},
		{"versioning back on", treq{method: "PUT", target: "/src?versioning", body: versioningOn}, 200, "", ""},
		{"deleted again", treq{method: "DELETE", target: "/src?replication"}, 204, "", ""},
		{"gone", treq{method: "GET", target: "/src?replication"}, 404, "ReplicationConfigurationNotFoundError", ""},
		{"bucket still there", treq{method: "HEAD", target: "/src"}, 200, "", ""},
		{"kept again", put(replicationBody(v2)), 200, "", ""},
		{"bucket deleted", treq{method: "DELETE", target: "/src"}, 204, "", ""},
		{"bucket created again", treq{method: "PUT", target: "/src"}, 200, "", ""},
		{"none after the bucket's deletion", treq{method: "GET", target: "/src?replication"}, 404, "ReplicationConfigurationNotFoundError", ""},
	}
	e.run(t, a, steps)
}

// idConfigCase is one kind of configuration kept by id, with a valid body
// for an id and the error AWS answers when the body's id is not the
// query's.
type idConfigCase struct {
	sub, root, list string
	body            func(id string) string
	mismatch        string
}

var idConfigCases = []idConfigCase{
	{"metrics", "MetricsConfiguration", "ListMetricsConfigurationsResult", func(id string) string {
		return `<MetricsConfiguration><Id>` + id + `</Id><Filter><Prefix>logs/</Prefix></Filter></MetricsConfiguration>`
	}, "MalformedXML"},
	{"analytics", "AnalyticsConfiguration", "ListBucketAnalyticsConfigurationResult", func(id string) string {
		return `<AnalyticsConfiguration><Id>` + id + `</Id><Filter><Prefix>test_ls</Prefix></Filter><StorageClassAnalysis><DataExport>` +
			`<OutputSchemaVersion>V_1</OutputSchemaVersion><Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::d</Bucket>` +
			`<Prefix>test</Prefix></S3BucketDestination></Destination></DataExport></StorageClassAnalysis></AnalyticsConfiguration>`
	}, "MalformedXML"},
	{"inventory", "InventoryConfiguration", "ListInventoryConfigurationsResult", func(id string) string {
		return `<InventoryConfiguration><Id>` + id + `</Id><Destination><S3BucketDestination><Bucket>arn:aws:s3:::d</Bucket><Format>CSV</Format>` +
			`</S3BucketDestination></Destination><IsEnabled>true</IsEnabled><IncludedObjectVersions>All</IncludedObjectVersions>` +
			`<OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`
	}, "IdMismatch"},
	{"intelligent-tiering", "IntelligentTieringConfiguration", "ListBucketIntelligentTieringConfigurationsOutput", func(id string) string {
		return `<IntelligentTieringConfiguration><Id>` + id + `</Id><Filter><Prefix>test1</Prefix></Filter><Status>Enabled</Status>` +
			`<Tiering><Days>90</Days><AccessTier>ARCHIVE_ACCESS</AccessTier></Tiering></IntelligentTieringConfiguration>`
	}, "MalformedXML"},
}

// TestIDConfigurations: metrics, analytics, inventory and
// Intelligent-Tiering configurations are kept by id, returned, listed in
// id order and deleted as AWS does (LocalStack test_s3.snapshot.json
// TestS3::test_s3_analytics_configurations, test_s3_intelligent_tier_config,
// test_s3_inventory_report_crud, test_put_bucket_inventory_config_order;
// test_s3_api.snapshot.json TestS3MetricsConfiguration::*, validated
// 2026-02-21). A request for one is never the bucket's plain operation.
func TestIDConfigurations(t *testing.T) {
	t.Parallel()
	for _, c := range idConfigCases {
		t.Run(c.sub, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			a := rootOf(acctA)
			e.createBucket(a, "cfgs")
			at := func(method, id, body string) treq {
				return treq{method: method, target: "/cfgs?" + c.sub + "&id=" + id, body: body}
			}
			list := treq{method: "GET", target: "/cfgs?" + c.sub}
			e.run(t, a, []step{
				{"empty list", list, 200, "", `<` + c.list + ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated></` + c.list + `>`},
				{"get missing", at("GET", "z", ""), 404, "NoSuchConfiguration", "The specified configuration does not exist."},
				{"delete missing", at("DELETE", "z", ""), 404, "NoSuchConfiguration", ""},
				{"put z", at("PUT", "z", c.body("z")), 204, "", ""},
				{"put a", at("PUT", "a", c.body("a")), 204, "", ""},
				{"put with another id", at("PUT", "b", c.body("a")), 400, c.mismatch, ""},
				{"put not XML", at("PUT", "b", "<"+c.root), 400, "MalformedXML", ""},
				{"put other document", at("PUT", "b", "<Other><Id>b</Id></Other>"), 400, "MalformedXML", ""},
				{"get a", at("GET", "a", ""), 200, "", withNamespace([]byte(c.body("a")))},
				{"list in id order", list, 200, "", "<IsTruncated>false</IsTruncated>" + c.body("a") + c.body("z") + "</" + c.list + ">"},
				{"overwrite a", at("PUT", "a", strings.Replace(c.body("a"), "<Id>a</Id>", "<Id>a</Id><!-- c -->", 1)), 204, "", ""},
				{"delete a", at("DELETE", "a", ""), 204, "", ""},
				{"delete a again", at("DELETE", "a", ""), 404, "NoSuchConfiguration", ""},
				{"get deleted", at("GET", "a", ""), 404, "NoSuchConfiguration", ""},
				{"list the rest", list, 200, "", "<IsTruncated>false</IsTruncated>" + c.body("z") + "</" + c.list + ">"},
				{"bucket untouched", treq{method: "HEAD", target: "/cfgs"}, 200, "", ""},
				{"bucket deleted", treq{method: "DELETE", target: "/cfgs"}, 204, "", ""},
				{"bucket created again", treq{method: "PUT", target: "/cfgs"}, 200, "", ""},
				{"nothing kept from before", at("GET", "z", ""), 404, "NoSuchConfiguration", ""},
			})
		})
	}
}

// TestConfigListPages: a list answers 100 configurations a page, in id
// order, with a NextContinuationToken while there are more; the next page
// echoes the token (TestS3MetricsConfiguration::test_list_bucket_metrics_configurations_paginated,
// validated 2026-02-21: 102 configurations, pages of 100 and 2).
func TestConfigListPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "pages")
	for i := range 102 {
		id := fmt.Sprintf("%d-m", 100+i)
		e.must(a, treq{method: "PUT", target: "/pages?metrics&id=" + id, body: idConfigCases[0].body(id)}, 204)
	}
	var page struct {
		IsTruncated           bool
		ContinuationToken     string
		NextContinuationToken string
		Configs               []struct{ Id string } `xml:"MetricsConfiguration"`
	}
	w := e.must(a, treq{method: "GET", target: "/pages?metrics"}, 200)
	if err := xml.Unmarshal(w.Body.Bytes(), &page); err != nil {
		t.Fatal(err)
	}
	if !page.IsTruncated || page.NextContinuationToken == "" || len(page.Configs) != 100 || page.Configs[0].Id != "100-m" || page.Configs[99].Id != "199-m" {
		t.Fatalf("page 1 = %d configs, truncated %v, next %q", len(page.Configs), page.IsTruncated, page.NextContinuationToken)
	}
	token := page.NextContinuationToken
	page.Configs, page.NextContinuationToken = nil, ""
	w = e.must(a, treq{method: "GET", target: "/pages?metrics&continuation-token=" + url.QueryEscape(token)}, 200)
	if err := xml.Unmarshal(w.Body.Bytes(), &page); err != nil {
		t.Fatal(err)
	}
	if page.IsTruncated || page.ContinuationToken != token || page.NextContinuationToken != "" || len(page.Configs) != 2 || page.Configs[1].Id != "201-m" {
		t.Fatalf("page 2 = %s", w.Body)
	}
	w = e.do(a, treq{method: "GET", target: "/pages?metrics&continuation-token=%25%25"})
	wantAWSError(t, "bad token", w, 400, "InvalidArgument", "The continuation token provided is incorrect")
}

// TestConfigLimit: a bucket keeps up to 1,000 configurations of a kind; a
// new id beyond is TooManyConfigurations, a replacement is not
// (API_PutBucketMetricsConfiguration, special errors).
func TestConfigLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.createBucket(a, "full")
	err := e.db.Update(context.Background(), func(tx *store.Tx) error {
		for i := range maxConfigsPerKind {
			id := fmt.Sprint(i)
			doc := idConfigCases[0].body(id)
			if err := tx.Put(store.Global, store.S3ConfigKind("full"), store.S3ConfigKey("metrics", id), &store.S3BucketConfig{ID: id, Doc: doc}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	e.run(t, a, []step{
		{"one more", treq{method: "PUT", target: "/full?metrics&id=new", body: idConfigCases[0].body("new")}, 400, "TooManyConfigurations", "1,000-configuration limit"},
		{"a replacement", treq{method: "PUT", target: "/full?metrics&id=7", body: idConfigCases[0].body("7")}, 204, "", ""},
		{"another kind", treq{method: "PUT", target: "/full?intelligent-tiering&id=new", body: idConfigCases[3].body("new")}, 204, "", ""},
	})
}

// TestConfigAuthorization: each operation asks the action AWS documents
// (Delete asks the Put action); an IAM user without it is denied, and a
// bucket policy can grant another account.
func TestConfigAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := rootOf(acctA), rootOf(acctB)
	e.createBucket(a, "authz")
	e.must(a, treq{method: "PUT", target: "/authz?versioning", body: versioningOn}, 200)
	allow := func(actions string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[` + actions + `],"Resource":"arn:aws:s3:::authz"}]}`
	}
	reader := e.user(acctA, "reader", allow(`"s3:GetMetricsConfiguration","s3:GetReplicationConfiguration"`))
	writer := e.user(acctA, "writer", allow(`"s3:PutMetricsConfiguration","s3:PutReplicationConfiguration"`))
	metrics := func(method string) treq {
		return treq{method: method, target: "/authz?metrics&id=m", body: idConfigCases[0].body("m")}
	}
	replication := func(method string) treq { return treq{method: method, target: "/authz?replication"} }
	e.run(t, reader, []step{
		{"reader puts", metrics("PUT"), 403, "AccessDenied", "s3:PutMetricsConfiguration"},
		{"reader deletes", metrics("DELETE"), 403, "AccessDenied", "s3:PutMetricsConfiguration"},
		{"reader deletes replication", replication("DELETE"), 403, "AccessDenied", "s3:PutReplicationConfiguration"},
	})
	e.run(t, writer, []step{
		{"writer puts", metrics("PUT"), 204, "", ""},
		{"writer reads", metrics("GET"), 403, "AccessDenied", "s3:GetMetricsConfiguration"},
		{"writer lists", treq{method: "GET", target: "/authz?metrics"}, 403, "AccessDenied", "s3:GetMetricsConfiguration"},
		{"writer reads replication", replication("GET"), 403, "AccessDenied", "s3:GetReplicationConfiguration"},
	})
	e.run(t, reader, []step{{"reader reads", metrics("GET"), 200, "", "<Id>m</Id>"}})
	e.run(t, b, []step{{"other account", metrics("GET"), 403, "AccessDenied", ""}})
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctB +
		`:root"},"Action":["s3:GetMetricsConfiguration","s3:PutMetricsConfiguration"],"Resource":"arn:aws:s3:::authz"}]}`
	e.must(a, treq{method: "PUT", target: "/authz?policy", body: policy}, 204)
	e.run(t, b, []step{
		{"granted account reads", metrics("GET"), 200, "", "<Id>m</Id>"},
		{"granted account deletes", metrics("DELETE"), 204, "", ""},
		{"not granted replication", replication("DELETE"), 403, "AccessDenied", ""},
	})
}

// TestCanonicalXML: a kept document is the elements and values sent,
// without namespace, comments or the whitespace between elements; a value
// keeps its own spaces.
func TestCanonicalXML(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want, err string }{
		{`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<M xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` + "\n  <Id>a</Id>\n  <!-- x -->\n  <F><P> b &amp; c </P></F>\n</M>\n",
			`<M><Id>a</Id><F><P> b &amp; c </P></F></M>`, ""},
		{`<s3:M xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><s3:Id>a</s3:Id></s3:M>`, `<M><Id>a</Id></M>`, ""},
		{`<M><Id>a</Id>text<F/></M>`, "", "MalformedXML"},
		{`<M><Id>a</Id>text</M>`, "", "MalformedXML"},
		{`<M><Id>a</Id><Unknown/></M>`, "", "MalformedXML"},
		{`<M><M/></M>`, "", "MalformedXML"},
		{`<N><Id>a</Id></N>`, "", "MalformedXML"},
		{`<M><Id>a</Id></M><M/>`, "", "MalformedXML"},
		{`<M><Id>a</Id>`, "", "MalformedXML"},
		{`text<M/>`, "", "MalformedXML"},
		// An element the schema has once, sent twice, does not validate
		// against it; F/P may repeat.
		{`<M><Id>a</Id><Id>b</Id></M>`, "", "MalformedXML"},
		{`<M><Id>a</Id><F/><F/></M>`, "", "MalformedXML"},
		{`<M><F><P>a</P><P>b</P></F><Id>a</Id></M>`, `<M><F><P>a</P><P>b</P></F><Id>a</Id></M>`, ""},
		{`<M><P>a</P><P>b</P></M>`, "", "MalformedXML"},
	} {
		got, err := canonicalXML([]byte(c.in), "M", elementSet("Id", "F", "P"), elementSet("F/P"))
		if c.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.err+":") {
				t.Errorf("canonicalXML(%q) = %q, %v, want %s", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("canonicalXML(%q) = %q, %v, want %q", c.in, got, err, c.want)
		}
	}
}

// TestConfigFilters: a metrics filter is exactly one prefix, tag, access
// point or And of two or more; each of these others is MalformedXML, as
// verified against a live AWS account in floci-io/floci#2382. Analytics
// and Intelligent-Tiering filters share the shape, without access points.
func TestConfigFilters(t *testing.T) {
	t.Parallel()
	metrics := func(filter string) []byte {
		return []byte(`<MetricsConfiguration><Id>a</Id>` + filter + `</MetricsConfiguration>`)
	}
	tag := `<Tag><Key>env</Key><Value>prod</Value></Tag>`
	for _, c := range []struct {
		name, filter string
		ok           bool
	}{
		{"no filter", ``, true},
		{"prefix", `<Filter><Prefix>logs/</Prefix></Filter>`, true},
		{"tag", `<Filter>` + tag + `</Filter>`, true},
		{"access point", `<Filter><AccessPointArn>arn:aws:s3:us-east-1:111111111111:accesspoint/ap</AccessPointArn></Filter>`, true},
		{"and of prefix and tag", `<Filter><And><Prefix>logs/</Prefix>` + tag + `</And></Filter>`, true},
		{"and of two tags", `<Filter><And>` + tag + tag + `</And></Filter>`, true},
		{"prefix and tag", `<Filter><Prefix>logs/</Prefix>` + tag + `</Filter>`, false},
		{"empty filter", `<Filter></Filter>`, false},
		{"and of one prefix", `<Filter><And><Prefix>logs/</Prefix></And></Filter>`, false},
		{"and of one tag", `<Filter><And>` + tag + `</And></Filter>`, false},
		{"tag without key", `<Filter><Tag><Value>prod</Value></Tag></Filter>`, false},
		{"tag without value", `<Filter><Tag><Key>env</Key></Tag></Filter>`, false},
		{"unknown predicate", `<Filter><Something>x</Something></Filter>`, false},
		{"and with an unknown conjunct", `<Filter><And><Prefix>logs/</Prefix><Something>x</Something></And></Filter>`, false},
		{"two filters", `<Filter><Prefix>a/</Prefix></Filter><Filter><Prefix>b/</Prefix></Filter>`, false},
		{"two tags outside an and", `<Filter>` + tag + tag + `</Filter>`, false},
		{"and of two prefixes", `<Filter><And><Prefix>a/</Prefix><Prefix>b/</Prefix></And></Filter>`, false},
	} {
		err := checkMetricsConfiguration(metrics(c.filter), "a")
		if err == nil {
			_, err = canonicalXML(metrics(c.filter), metricsConfigs.root, metricsConfigs.elements, metricsConfigs.repeated)
		}
		if got := err == nil; got != c.ok {
			t.Errorf("%s: error %v, want ok %v", c.name, err, c.ok)
		} else if err != nil && !strings.HasPrefix(err.Error(), "MalformedXML:") {
			t.Errorf("%s: %v, want MalformedXML", c.name, err)
		}
	}
	ap := `<Filter><AccessPointArn>arn:aws:s3:us-east-1:111111111111:accesspoint/ap</AccessPointArn></Filter>`
	tiering := `<IntelligentTieringConfiguration><Id>a</Id>` + ap + `<Status>Enabled</Status><Tiering><Days>90</Days><AccessTier>ARCHIVE_ACCESS</AccessTier></Tiering></IntelligentTieringConfiguration>`
	if err := checkTieringConfiguration([]byte(tiering), "a"); err == nil {
		t.Errorf("Intelligent-Tiering filter with an access point: accepted")
	}
}

// TestConfigIDs: a metrics or inventory configuration Id is at most 64
// letters, digits, '.', '-' and '_' (API_MetricsConfiguration); AWS
// answers another inventory Id with MalformedXML (aws/aws-cdk#27793: an Id
// of more than 64 characters; aws-cloudformation/cfn-lint#1550: "my daily
// inventory").
func TestConfigIDs(t *testing.T) {
	t.Parallel()
	metrics := func(id string) error {
		return checkMetricsConfiguration([]byte(`<MetricsConfiguration><Id>`+id+`</Id></MetricsConfiguration>`), id)
	}
	inventory := func(id string) error {
		return checkInventoryConfiguration([]byte(`<InventoryConfiguration><Id>`+id+`</Id><Destination><S3BucketDestination>`+
			`<Bucket>arn:aws:s3:::d</Bucket><Format>CSV</Format></S3BucketDestination></Destination><IsEnabled>true</IsEnabled>`+
			`<IncludedObjectVersions>All</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`), id)
	}
	for _, c := range []struct {
		id string
		ok bool
	}{
		{"Entire-bucket_1.v2", true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{"my daily inventory", false},
		{"a/b", false},
		{"caf\u00e9", false},
	} {
		for kind, check := range map[string]func(string) error{"metrics": metrics, "inventory": inventory} {
			err := check(c.id)
			if got := err == nil; got != c.ok {
				t.Errorf("%s %q: %v, want ok %v", kind, c.id, err, c.ok)
			} else if err != nil && !strings.HasPrefix(err.Error(), "MalformedXML:") {
				t.Errorf("%s %q: %v, want MalformedXML", kind, c.id, err)
			}
		}
	}
}

// TestConditionalAbortRefused: AbortMultipartUpload's
// x-amz-if-match-initiated-time (directory buckets only) is 501 naming the
// header, and the upload is kept, not aborted without its condition.
func TestConditionalAbortRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := rootOf(acctA)
	e.must(a, treq{method: "PUT", target: "/condabort"}, 200)
	w := e.must(a, treq{method: "POST", target: "/condabort/k?uploads"}, 200)
	id := between(w.Body.String(), "<UploadId>", "</UploadId>")
	abort := treq{method: "DELETE", target: "/condabort/k?uploadId=" + id,
		header: map[string]string{"x-amz-if-match-initiated-time": testNow.Format(http.TimeFormat)}}
	w = e.do(a, abort)
	wantAWSError(t, "conditional abort", w, 501, "NotImplemented", msgNotImplementedHeader)
	wantField(t, "conditional abort", w, "Header", "x-amz-if-match-initiated-time")
	e.must(a, treq{method: "GET", target: "/condabort/k?uploadId=" + id}, 200)
	e.must(a, treq{method: "DELETE", target: "/condabort/k?uploadId=" + id}, 204)
}
