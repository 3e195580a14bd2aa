package s3

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Bucket configurations kept by id: metrics, analytics, inventory and
// Intelligent-Tiering. They are validated, kept (store.S3ConfigKind), and
// returned, listed and deleted as AWS does; fakeaws publishes no metric,
// runs no analysis, writes no inventory report and moves no object between
// tiers (docs/deviations.md). The four share one implementation: a
// configKind says what differs.
//
// Recorded answers: LocalStack tests/aws/services/s3/test_s3.snapshot.json
// TestS3::test_s3_analytics_configurations, test_s3_intelligent_tier_config,
// test_s3_inventory_report_crud, test_put_bucket_inventory_config_order,
// test_s3_put_inventory_report_exceptions, and test_s3_api.snapshot.json
// TestS3MetricsConfiguration::* (all validated 2026-02-21): Put answers
// 204, Get the document, List the documents in id order, 100 a page, Get
// and Delete of a missing id NoSuchConfiguration.

// configKind describes one kind of configuration kept by id.
type configKind struct {
	sub  string // the sub-resource ("metrics")
	root string // the document's root element, also the list's member element
	list string // the List... result element
	// get authorizes Get and List, put authorizes Put and Delete (the
	// Permissions section of each operation's API reference).
	get, put string
	// check validates a body for configuration id.
	check func(raw []byte, id string) error
	// elements are the names of the elements S3's schema has below root:
	// any other is MalformedXML (canonicalXML).
	elements map[string]bool
	// repeated are the "Parent/Child" elements the schema allows more than
	// once below one parent; any other element sent twice there is
	// MalformedXML (canonicalXML).
	repeated map[string]bool
}

// elementSet is a set of element names.
func elementSet(names ...string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// filterElements are the elements of a configFilter.
var filterElements = []string{"Filter", "Prefix", "Tag", "Key", "Value", "And"}

var (
	metricsConfigs = &configKind{sub: "metrics", root: "MetricsConfiguration", list: "ListMetricsConfigurationsResult",
		get: "s3:GetMetricsConfiguration", put: "s3:PutMetricsConfiguration", check: checkMetricsConfiguration,
		elements: elementSet(append(filterElements, "Id", "AccessPointArn")...), repeated: elementSet("And/Tag")}
	analyticsConfigs = &configKind{sub: "analytics", root: "AnalyticsConfiguration", list: "ListBucketAnalyticsConfigurationResult",
		get: "s3:GetAnalyticsConfiguration", put: "s3:PutAnalyticsConfiguration", check: checkAnalyticsConfiguration,
		elements: elementSet(append(filterElements, "Id", "StorageClassAnalysis", "DataExport", "OutputSchemaVersion", "Destination",
			"S3BucketDestination", "Format", "BucketAccountId", "Bucket")...), repeated: elementSet("And/Tag")}
	inventoryConfigs = &configKind{sub: "inventory", root: "InventoryConfiguration", list: "ListInventoryConfigurationsResult",
		get: "s3:GetInventoryConfiguration", put: "s3:PutInventoryConfiguration", check: checkInventoryConfiguration,
		elements: elementSet("Id", "Destination", "S3BucketDestination", "AccountId", "Bucket", "Format", "Prefix", "Encryption", "SSE-S3",
			"SSE-KMS", "KeyId", "IsEnabled", "Filter", "IncludedObjectVersions", "OptionalFields", "Field", "Schedule", "Frequency"),
		repeated: elementSet("OptionalFields/Field")}
	tieringConfigs = &configKind{sub: "intelligent-tiering", root: "IntelligentTieringConfiguration", list: "ListBucketIntelligentTieringConfigurationsOutput",
		get: "s3:GetIntelligentTieringConfiguration", put: "s3:PutIntelligentTieringConfiguration", check: checkTieringConfiguration,
		elements: elementSet(append(filterElements, "Id", "Status", "Tiering", "Days", "AccessTier")...),
		repeated: elementSet("And/Tag", "IntelligentTieringConfiguration/Tiering")}
)

const codeNoSuchConfiguration = awserr.Code("NoSuchConfiguration")

// errNoSuchConfiguration is AWS's answer to a Get or Delete of an id the
// bucket does not have ("get_config_with_storage_analysis_err",
// "delete_bucket_intelligent_tiering_configuration_err_2",
// "get-nonexistent-inv-config", TestS3MetricsConfiguration
// "delete_bucket_metrics_configuration_2").
func errNoSuchConfiguration() *awserr.Error {
	return awserr.New(codeNoSuchConfiguration, http.StatusNotFound, "The specified configuration does not exist.")
}

// maxConfigsPerKind is the number of configurations of one kind a bucket
// may have (API_PutBucketMetricsConfiguration, API_PutBucketAnalyticsConfiguration,
// API_PutBucketInventoryConfiguration, API_PutBucketIntelligentTieringConfiguration:
// "up to 1,000").
const maxConfigsPerKind = 1000

// configsPerPage is the page size of the List operations
// (API_ListBucketMetricsConfigurations: no more than 100 configurations at
// a time; TestS3MetricsConfiguration::test_list_bucket_metrics_configurations_paginated
// lists 100 of 102, then 2).
const configsPerPage = 100

// errTooManyConfigurations is the documented answer to a new id beyond
// the limit (API_PutBucketMetricsConfiguration, "special error").
func errTooManyConfigurations() *awserr.Error {
	return awserr.New("TooManyConfigurations", http.StatusBadRequest,
		"You are attempting to create a new configuration but have already reached the 1,000-configuration limit.")
}

// putConfig serves Put...Configuration of kind k: the body is validated,
// normalized (canonicalXML) and kept under the query's id, replacing a
// configuration of that id; 204.
func (h *Handler) putConfig(rq *req, k *configKind) (*result, error) {
	if _, err := h.bucketConfig(rq, k.put); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	id := rq.q.Get("id")
	if id == "" {
		return nil, errMalformedXML() // no id to keep it under; SDKs always send one
	}
	if err := k.check(raw, id); err != nil {
		return nil, err
	}
	doc, err := canonicalXML(raw, k.root, k.elements, k.repeated)
	if err != nil {
		return nil, err
	}
	kind, key := store.S3ConfigKind(rq.bucket), store.S3ConfigKey(k.sub, id)
	err = h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		if err := h.sameConfigBucket(tx, rq); err != nil {
			return err
		}
		if !tx.Exists(store.Global, kind, key) {
			n, err := countConfigs(tx, kind, k.sub)
			if err != nil {
				return err
			}
			if n >= maxConfigsPerKind {
				return errTooManyConfigurations()
			}
		}
		return tx.Put(store.Global, kind, key, &store.S3BucketConfig{ID: id, Doc: doc})
	})
	if err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, nil
}

// sameConfigBucket refuses a write to a bucket deleted (or deleted and
// created again) since the request was authorized.
func (h *Handler) sameConfigBucket(tx *store.Tx, rq *req) error {
	b, err := h.bucketRecord(tx, rq.bucket)
	if err != nil {
		return err
	}
	return rq.sameBucket(b)
}

// countConfigs counts the configurations of sub-resource sub in kind.
func countConfigs(tx *store.Tx, kind, sub string) (int, error) {
	n := 0
	err := tx.ForEach(store.Global, kind, store.S3ConfigKey(sub, ""), "", func(string, store.Decoder) error {
		n++
		return nil
	})
	return n, err
}

// getConfig serves Get...Configuration of kind k.
func (h *Handler) getConfig(rq *req, k *configKind) (*result, error) {
	if _, err := h.bucketConfig(rq, k.get); err != nil {
		return nil, err
	}
	var c store.S3BucketConfig
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		if err := h.sameConfigBucket(tx, rq); err != nil {
			return err
		}
		return tx.Get(store.Global, store.S3ConfigKind(rq.bucket), store.S3ConfigKey(k.sub, rq.q.Get("id")), &c)
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNoSuchConfiguration()
	}
	if err != nil {
		return nil, err
	}
	return &result{xml: rawXML(withNamespace([]byte(c.Doc)))}, nil
}

// deleteConfig serves Delete...Configuration of kind k: 204, or
// NoSuchConfiguration when the bucket has no such id.
func (h *Handler) deleteConfig(rq *req, k *configKind) (*result, error) {
	if _, err := h.bucketConfig(rq, k.put); err != nil {
		return nil, err
	}
	err := h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		if err := h.sameConfigBucket(tx, rq); err != nil {
			return err
		}
		return tx.Delete(store.Global, store.S3ConfigKind(rq.bucket), store.S3ConfigKey(k.sub, rq.q.Get("id")))
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNoSuchConfiguration()
	}
	if err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, nil
}

// listConfigs serves List...Configurations of kind k: up to
// configsPerPage documents in id order from the continuation-token's id;
// NextContinuationToken names the first id of the next page.
func (h *Handler) listConfigs(rq *req, k *configKind) (*result, error) {
	if _, err := h.bucketConfig(rq, k.get); err != nil {
		return nil, err
	}
	token := rq.q.Get("continuation-token")
	from, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || token != "" && len(from) == 0 {
		return nil, errInvalidArgumentNamed("The continuation token provided is incorrect", "continuation-token")
	}
	var docs []string
	next := ""
	err = h.db.View(rq.ctx, func(tx *store.Tx) error {
		if err := h.sameConfigBucket(tx, rq); err != nil {
			return err
		}
		prefix := store.S3ConfigKey(k.sub, "")
		return tx.ForEach(store.Global, store.S3ConfigKind(rq.bucket), prefix, prefix+string(from), func(_ string, dec store.Decoder) error {
			var c store.S3BucketConfig
			if err := dec(&c); err != nil {
				return err
			}
			if len(docs) == configsPerPage {
				next = base64.RawURLEncoding.EncodeToString([]byte(c.ID))
				return store.ErrStop
			}
			docs = append(docs, c.Doc)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return &result{xml: rawXML(configList(k.list, token, next, docs))}, nil
}

// configList renders a List...Configurations result. The tokens are
// base64url, so they need no escaping; the documents are canonicalXML's.
func configList(root, token, next string, docs []string) string {
	var b bytes.Buffer
	b.WriteString(`<` + root + ` xmlns="` + xmlns + `"><IsTruncated>` + strconv.FormatBool(next != "") + `</IsTruncated>`)
	if token != "" {
		b.WriteString(`<ContinuationToken>` + token + `</ContinuationToken>`)
	}
	if next != "" {
		b.WriteString(`<NextContinuationToken>` + next + `</NextContinuationToken>`)
	}
	for _, d := range docs {
		b.WriteString(d)
	}
	b.WriteString(`</` + root + `>`)
	return b.String()
}

// canonicalXML re-encodes a configuration document whose root element is
// root and whose other elements are among known: without namespaces, attributes, comments, processing instructions
// or the whitespace between elements, so what is kept is exactly the
// elements and values sent, and it nests in a List result as is. Text
// mixed with elements is MalformedXML, and so is an element sent twice
// below one parent unless repeated has "Parent/Child": S3 validates the
// body against its published schema, where such an element occurs once.
func canonicalXML(raw []byte, root string, known, repeated map[string]bool) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(raw))
	var out bytes.Buffer
	enc := xml.NewEncoder(&out)
	var open []*openElement
	done := false
	var text xml.CharData
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", errMalformedXML()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if done || len(bytes.TrimSpace(text)) > 0 || !schemaAllows(open, t.Name.Local, root, known, repeated) {
				return "", errMalformedXML()
			}
			open, text = append(open, &openElement{name: t.Name.Local}), nil
			err = enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: t.Name.Local}})
		case xml.EndElement:
			hasChildren := open[len(open)-1].children != nil
			if hasChildren && len(bytes.TrimSpace(text)) > 0 {
				return "", errMalformedXML()
			}
			if !hasChildren && len(text) > 0 {
				err = enc.EncodeToken(text)
			}
			open, text = open[:len(open)-1], nil
			done = len(open) == 0
			if err == nil {
				err = enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: t.Name.Local}})
			}
		case xml.CharData:
			if len(open) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return "", errMalformedXML()
			}
			text = append(text, t...)
		}
		if err != nil {
			return "", err
		}
	}
	if !done {
		return "", errMalformedXML()
	}
	if err := enc.Flush(); err != nil {
		return "", err
	}
	return out.String(), nil
}

// openElement is an element canonicalXML is inside of, with the names of
// the child elements seen so far (nil while it has none).
type openElement struct {
	name     string
	children map[string]bool
}

// schemaAllows reports whether an element name may start inside open (the
// root when open is empty), and records it as a child of its parent.
func schemaAllows(open []*openElement, name, root string, known, repeated map[string]bool) bool {
	if len(open) == 0 {
		return name == root
	}
	parent := open[len(open)-1]
	if !known[name] || parent.children[name] && !repeated[parent.name+"/"+name] {
		return false
	}
	if parent.children == nil {
		parent.children = map[string]bool{}
	}
	parent.children[name] = true
	return true
}

// Validation of the four kinds. An id in the body other than the query's
// is MalformedXML for analytics and Intelligent-Tiering
// ("put_config_with_storage_analysis_err",
// "put_bucket_intelligent_tiering_configuration_err_1`") and for metrics
// (AWS's answer to --id myid2 with a body Id avc, aws/aws-cli#4476;
// floci-io/floci#2382, verified against a live account), IdMismatch for
// inventory ("wrong-id").

// configFilter is the Filter of metrics, analytics and Intelligent-Tiering
// configurations: exactly one of a prefix, a tag (with Key and Value), an
// access point (metrics only) or an And of at least two of them; anything
// else is MalformedXML (verified for metrics against a live account:
// floci-io/floci#2382, "a filter naming more than one predicate or none,
// an And of fewer than two conjuncts, an unknown predicate, and a tag
// missing its key or value"; analytics and Intelligent-Tiering filters have
// the same shape in S3's schema).
type configFilter struct {
	Prefix         *string    `xml:"Prefix"`
	Tag            *filterTag `xml:"Tag"`
	AccessPointArn *string    `xml:"AccessPointArn"`
	And            *filterAnd `xml:"And"`
}

type filterAnd struct {
	Prefix         *string     `xml:"Prefix"`
	Tags           []filterTag `xml:"Tag"`
	AccessPointArn *string     `xml:"AccessPointArn"`
}

type filterTag struct {
	Key   *string `xml:"Key"`
	Value *string `xml:"Value"`
}

// valid reports whether f is a filter of that shape, with an access point
// only where accessPoints allows one.
func (f *configFilter) valid(accessPoints bool) bool {
	if f == nil {
		return true
	}
	tags := []filterTag{}
	if f.Tag != nil {
		tags = append(tags, *f.Tag)
	}
	if a := f.And; a != nil {
		tags = append(tags, a.Tags...)
		if countSet(a.Prefix != nil, a.AccessPointArn != nil)+len(a.Tags) < 2 || !accessPoints && a.AccessPointArn != nil {
			return false
		}
	}
	for _, t := range tags {
		if t.Key == nil || t.Value == nil {
			return false
		}
	}
	return countSet(f.Prefix != nil, f.Tag != nil, f.AccessPointArn != nil, f.And != nil) == 1 && (accessPoints || f.AccessPointArn == nil)
}

// countSet counts the true values.
func countSet(set ...bool) int {
	n := 0
	for _, b := range set {
		if b {
			n++
		}
	}
	return n
}

// checkMetricsConfiguration validates a MetricsConfiguration
// (API_MetricsConfiguration: Id required, Filter optional).
func checkMetricsConfiguration(raw []byte, id string) error {
	var c struct {
		XMLName xml.Name      `xml:"MetricsConfiguration"`
		ID      *string       `xml:"Id"`
		Filter  *configFilter `xml:"Filter"`
	}
	if xml.Unmarshal(raw, &c) != nil || c.ID == nil || !validConfigID(*c.ID) || *c.ID != id || !c.Filter.valid(true) {
		return errMalformedXML()
	}
	return nil
}

// validConfigID reports whether id is a metrics or inventory configuration
// Id: up to 64 letters, digits, '.', '-' and '_' (API_MetricsConfiguration:
// "The ID has a 64 character limit and can only contain letters, numbers,
// periods, dashes, and underscores"). AWS answers another with MalformedXML,
// recorded for inventory: an Id of more than 64 characters
// (aws/aws-cdk#27793) or with spaces (aws-cloudformation/cfn-lint#1550).
// Analytics and Intelligent-Tiering Ids have no documented form.
func validConfigID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// checkAnalyticsConfiguration validates an AnalyticsConfiguration
// (API_AnalyticsConfiguration, API_StorageClassAnalysisDataExport,
// API_AnalyticsS3BucketDestination: Id and StorageClassAnalysis required;
// an export has OutputSchemaVersion V_1 and a CSV S3 destination).
func checkAnalyticsConfiguration(raw []byte, id string) error {
	var c struct {
		XMLName  xml.Name      `xml:"AnalyticsConfiguration"`
		ID       *string       `xml:"Id"`
		Filter   *configFilter `xml:"Filter"`
		Analysis *struct {
			Export *struct {
				Version string `xml:"OutputSchemaVersion"`
				S3      *struct {
					Format string `xml:"Format"`
					Bucket string `xml:"Bucket"`
				} `xml:"Destination>S3BucketDestination"`
			} `xml:"DataExport"`
		} `xml:"StorageClassAnalysis"`
	}
	if xml.Unmarshal(raw, &c) != nil || c.ID == nil || *c.ID != id || c.Analysis == nil || !c.Filter.valid(false) {
		return errMalformedXML()
	}
	if e := c.Analysis.Export; e != nil && (e.Version != "V_1" || e.S3 == nil || e.S3.Format != "CSV" || e.S3.Bucket == "") {
		return errMalformedXML()
	}
	return nil
}

// checkTieringConfiguration validates an IntelligentTieringConfiguration
// (API_IntelligentTieringConfiguration, API_Tiering: Id, Status and at
// least one Tiering required; AccessTier ARCHIVE_ACCESS or
// DEEP_ARCHIVE_ACCESS).
func checkTieringConfiguration(raw []byte, id string) error {
	var c struct {
		XMLName  xml.Name      `xml:"IntelligentTieringConfiguration"`
		ID       *string       `xml:"Id"`
		Filter   *configFilter `xml:"Filter"`
		Status   string        `xml:"Status"`
		Tierings []struct {
			Days       *int   `xml:"Days"`
			AccessTier string `xml:"AccessTier"`
		} `xml:"Tiering"`
	}
	if xml.Unmarshal(raw, &c) != nil || c.ID == nil || *c.ID != id || !enabledOrDisabled(c.Status) || len(c.Tierings) == 0 || !c.Filter.valid(false) {
		return errMalformedXML()
	}
	for _, t := range c.Tierings {
		if t.Days == nil || t.AccessTier != "ARCHIVE_ACCESS" && t.AccessTier != "DEEP_ARCHIVE_ACCESS" {
			return errMalformedXML()
		}
	}
	return nil
}

type inventoryConfiguration struct {
	XMLName     xml.Name `xml:"InventoryConfiguration"`
	ID          *string  `xml:"Id"`
	Destination *struct {
		S3 *struct {
			Bucket *string `xml:"Bucket"`
			Format string  `xml:"Format"`
		} `xml:"S3BucketDestination"`
	} `xml:"Destination"`
	IsEnabled              *bool  `xml:"IsEnabled"`
	IncludedObjectVersions string `xml:"IncludedObjectVersions"`
	Schedule               *struct {
		Frequency string `xml:"Frequency"`
	} `xml:"Schedule"`
	OptionalFields []string `xml:"OptionalFields>Field"`
}

// inventoryOptionalFields are the OptionalFields values S3's schema allows
// (aws-sdk-go-v2 service/s3 types.InventoryOptionalField).
var inventoryOptionalFields = map[string]bool{
	"Size": true, "LastModifiedDate": true, "StorageClass": true, "ETag": true, "IsMultipartUploaded": true,
	"ReplicationStatus": true, "EncryptionStatus": true, "ObjectLockRetainUntilDate": true, "ObjectLockMode": true,
	"ObjectLockLegalHoldStatus": true, "IntelligentTieringAccessTier": true, "BucketKeyStatus": true,
	"ChecksumAlgorithm": true, "ObjectAccessControlList": true, "ObjectOwner": true, "LifecycleExpirationDate": true,
	"ObjectLockEventHoldStatus": true, "ObjectLockEventHoldDuration": true, "IntelligentTieringReferenceDate": true,
}

// checkInventoryConfiguration validates an inventory configuration body
// against S3's schema (MalformedXML), the id in the query (IdMismatch) and
// the destination's ARN form (InvalidS3DestinationBucket), as AWS does
// (LocalStack test_s3.snapshot.json TestS3::test_s3_put_inventory_report_exceptions,
// validated 2026-02-21).
func checkInventoryConfiguration(raw []byte, id string) error {
	var c inventoryConfiguration
	if xml.Unmarshal(raw, &c) != nil || c.ID == nil || !validConfigID(*c.ID) || c.IsEnabled == nil || c.Destination == nil || c.Destination.S3 == nil ||
		c.Destination.S3.Bucket == nil || c.Schedule == nil {
		return errMalformedXML()
	}
	valid := map[string]bool{"CSV": true, "ORC": true, "Parquet": true}[c.Destination.S3.Format] &&
		(c.Schedule.Frequency == "Daily" || c.Schedule.Frequency == "Weekly") &&
		(c.IncludedObjectVersions == "All" || c.IncludedObjectVersions == "Current")
	for _, f := range c.OptionalFields {
		valid = valid && inventoryOptionalFields[f]
	}
	switch {
	case !valid:
		return errMalformedXML()
	case *c.ID != id:
		return awserr.New("IdMismatch", http.StatusBadRequest, "Document ID does not match the specified configuration ID.")
	case !strings.HasPrefix(*c.Destination.S3.Bucket, "arn:aws:s3:::"):
		return awserr.New("InvalidS3DestinationBucket", http.StatusBadRequest, "Invalid bucket ARN.")
	}
	return nil
}

func (h *Handler) getBucketMetricsConfiguration(rq *req) (*result, error) {
	return h.getConfig(rq, metricsConfigs)
}

func (h *Handler) putBucketMetricsConfiguration(rq *req) (*result, error) {
	return h.putConfig(rq, metricsConfigs)
}

func (h *Handler) deleteBucketMetricsConfiguration(rq *req) (*result, error) {
	return h.deleteConfig(rq, metricsConfigs)
}

func (h *Handler) listBucketMetricsConfigurations(rq *req) (*result, error) {
	return h.listConfigs(rq, metricsConfigs)
}

func (h *Handler) getBucketAnalyticsConfiguration(rq *req) (*result, error) {
	return h.getConfig(rq, analyticsConfigs)
}

func (h *Handler) putBucketAnalyticsConfiguration(rq *req) (*result, error) {
	return h.putConfig(rq, analyticsConfigs)
}

func (h *Handler) deleteBucketAnalyticsConfiguration(rq *req) (*result, error) {
	return h.deleteConfig(rq, analyticsConfigs)
}

func (h *Handler) listBucketAnalyticsConfigurations(rq *req) (*result, error) {
	return h.listConfigs(rq, analyticsConfigs)
}

func (h *Handler) getBucketInventoryConfiguration(rq *req) (*result, error) {
	return h.getConfig(rq, inventoryConfigs)
}

func (h *Handler) putBucketInventoryConfiguration(rq *req) (*result, error) {
	return h.putConfig(rq, inventoryConfigs)
}

func (h *Handler) deleteBucketInventoryConfiguration(rq *req) (*result, error) {
	return h.deleteConfig(rq, inventoryConfigs)
}

func (h *Handler) listBucketInventoryConfigurations(rq *req) (*result, error) {
	return h.listConfigs(rq, inventoryConfigs)
}

func (h *Handler) getBucketIntelligentTieringConfiguration(rq *req) (*result, error) {
	return h.getConfig(rq, tieringConfigs)
}

func (h *Handler) putBucketIntelligentTieringConfiguration(rq *req) (*result, error) {
	return h.putConfig(rq, tieringConfigs)
}

func (h *Handler) deleteBucketIntelligentTieringConfiguration(rq *req) (*result, error) {
	return h.deleteConfig(rq, tieringConfigs)
}

func (h *Handler) listBucketIntelligentTieringConfigurations(rq *req) (*result, error) {
	return h.listConfigs(rq, tieringConfigs)
}
