package s3

import (
	"encoding/xml"
	"errors"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Bucket configurations fakeaws does not keep: replication, and the
// metrics, analytics, inventory and Intelligent-Tiering configurations.
// Their sub-resources are routed so that a request for one is never served
// as the bucket's plain operation (a DELETE of ?metrics deleting the
// bucket, a GET of ?replication listing its objects). Reads answer as AWS
// does for a bucket without such a configuration; writes that AWS would
// store are refused with 501 NotImplemented (docs/deviations.md).

const codeNoSuchConfiguration = awserr.Code("NoSuchConfiguration")

// errNoSuchConfiguration is AWS's answer to a Get or Delete of a metrics,
// analytics, inventory or Intelligent-Tiering configuration id the bucket
// does not have (LocalStack tests/aws/services/s3/test_s3.snapshot.json
// TestS3::test_s3_analytics_configurations, test_s3_inventory_report_crud,
// test_s3_intelligent_tier_config; test_s3_api.snapshot.json
// TestS3MetricsConfiguration::*, validated 2026-02-21).
func errNoSuchConfiguration() *awserr.Error {
	return awserr.New(codeNoSuchConfiguration, http.StatusNotFound, "The specified configuration does not exist.")
}

// errNotKept refuses a configuration fakeaws would have to store.
func errNotKept(what string) *awserr.Error {
	return awserr.New(codeNotImplemented, http.StatusNotImplemented,
		"fakeaws does not keep "+what+" configurations")
}

// unmodelledRoutes routes the sub-resources of the configurations fakeaws
// does not keep. They come before the bucket's plain routes.
func (h *Handler) unmodelledRoutes(bucket levelRoutes) {
	bucket.get(h.getBucketReplication, "replication")
	bucket.put(h.putBucketReplication, "replication")
	bucket.del(h.deleteBucketReplication, "replication")
	bucket.get(h.getBucketMetricsConfiguration, "metrics", "id")
	bucket.put(h.putBucketMetricsConfiguration, "metrics")
	bucket.del(h.deleteBucketMetricsConfiguration, "metrics")
	bucket.get(h.listBucketMetricsConfigurations, "metrics")
	bucket.get(h.getBucketAnalyticsConfiguration, "analytics", "id")
	bucket.put(h.putBucketAnalyticsConfiguration, "analytics")
	bucket.del(h.deleteBucketAnalyticsConfiguration, "analytics")
	bucket.get(h.listBucketAnalyticsConfigurations, "analytics")
	bucket.get(h.getBucketInventoryConfiguration, "inventory", "id")
	bucket.put(h.putBucketInventoryConfiguration, "inventory")
	bucket.del(h.deleteBucketInventoryConfiguration, "inventory")
	bucket.get(h.listBucketInventoryConfigurations, "inventory")
	bucket.get(h.getBucketIntelligentTieringConfiguration, "intelligent-tiering", "id")
	bucket.put(h.putBucketIntelligentTieringConfiguration, "intelligent-tiering")
	bucket.del(h.deleteBucketIntelligentTieringConfiguration, "intelligent-tiering")
	bucket.get(h.listBucketIntelligentTieringConfigurations, "intelligent-tiering")
}

// Replication.

// getBucketReplication: no bucket has a replication configuration
// (LocalStack test_s3.snapshot.json TestS3BucketReplication::test_replication_config
// "expected_error_no_replication_set", validated 2026-02-21).
func (h *Handler) getBucketReplication(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:GetReplicationConfiguration"); err != nil {
		return nil, err
	}
	return nil, awserr.New("ReplicationConfigurationNotFoundError", http.StatusNotFound, "The replication configuration was not found").
		With("BucketName", rq.bucket)
}

// putBucketReplication refuses a configuration on a bucket without
// versioning as AWS does ("expected_error_versioning_not_enabled"), and
// any other with NotImplemented.
func (h *Handler) putBucketReplication(rq *req) (*result, error) {
	b, err := h.bucketConfig(rq, "s3:PutReplicationConfiguration")
	if err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	if b.Versioning != "Enabled" {
		return nil, awserr.New(codeInvalidRequest, http.StatusBadRequest,
			"Versioning must be 'Enabled' on the bucket to apply a replication configuration")
	}
	var cfg struct {
		XMLName xml.Name `xml:"ReplicationConfiguration"`
		Rules   []struct {
			Bucket string `xml:"Destination>Bucket"`
		} `xml:"Rule"`
	}
	if xml.Unmarshal(raw, &cfg) != nil || len(cfg.Rules) == 0 {
		return nil, errMalformedXML() // "put-empty-bucket-replication-rules"
	}
	for _, r := range cfg.Rules {
		// "expected_error_dest_does_not_exist", "expected_error_dest_versioning_disabled"
		// (TestS3BucketReplication::test_replication_config_without_filter, validated 2026-02-21).
		var dst *bucketState
		err := h.db.View(rq.ctx, func(tx *store.Tx) error {
			var err error
			dst, err = loadBucket(tx, strings.TrimPrefix(r.Bucket, "arn:aws:s3:::"))
			return err
		})
		var ae *awserr.Error
		if errors.As(err, &ae) && ae.Code == codeNoSuchBucket || err == nil && dst.Versioning != "Enabled" {
			return nil, awserr.New(codeInvalidRequest, http.StatusBadRequest, "Destination bucket must have versioning enabled.")
		}
		if err != nil {
			return nil, err
		}
	}
	return nil, errNotKept("replication")
}

// deleteBucketReplication: there is never one to delete; AWS answers 204
// as for its other configuration deletes.
func (h *Handler) deleteBucketReplication(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutReplicationConfiguration"); err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, nil
}

// Metrics, analytics, inventory and Intelligent-Tiering: a bucket has
// none of them, so every id is NoSuchConfiguration and every list empty.

// noConfiguration authorizes action on the bucket and answers
// NoSuchConfiguration.
func (h *Handler) noConfiguration(rq *req, action string) (*result, error) {
	if _, err := h.bucketConfig(rq, action); err != nil {
		return nil, err
	}
	return nil, errNoSuchConfiguration()
}

// notKept authorizes action on the bucket and refuses to store what.
func (h *Handler) notKept(rq *req, action, what string) (*result, error) {
	if _, err := h.bucketConfig(rq, action); err != nil {
		return nil, err
	}
	if _, err := readConfigBody(rq); err != nil {
		return nil, err
	}
	return nil, errNotKept(what)
}

// emptyList is the answer of a List...Configurations with nothing in it:
// root is the result element AWS names.
type emptyList struct {
	XMLName     xml.Name
	NS          string `xml:"xmlns,attr"`
	IsTruncated bool   `xml:"IsTruncated"`
}

// noConfigurations authorizes action on the bucket and answers an empty
// list named root.
func (h *Handler) noConfigurations(rq *req, action, root string) (*result, error) {
	if _, err := h.bucketConfig(rq, action); err != nil {
		return nil, err
	}
	return &result{xml: &emptyList{XMLName: xml.Name{Local: root}, NS: xmlns}}, nil
}

func (h *Handler) getBucketMetricsConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:GetMetricsConfiguration")
}

func (h *Handler) putBucketMetricsConfiguration(rq *req) (*result, error) {
	return h.notKept(rq, "s3:PutMetricsConfiguration", "metrics")
}

func (h *Handler) deleteBucketMetricsConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:PutMetricsConfiguration")
}

func (h *Handler) listBucketMetricsConfigurations(rq *req) (*result, error) {
	return h.noConfigurations(rq, "s3:GetMetricsConfiguration", "ListMetricsConfigurationsResult")
}

func (h *Handler) getBucketAnalyticsConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:GetAnalyticsConfiguration")
}

func (h *Handler) putBucketAnalyticsConfiguration(rq *req) (*result, error) {
	return h.notKept(rq, "s3:PutAnalyticsConfiguration", "analytics")
}

func (h *Handler) deleteBucketAnalyticsConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:PutAnalyticsConfiguration")
}

func (h *Handler) listBucketAnalyticsConfigurations(rq *req) (*result, error) {
	return h.noConfigurations(rq, "s3:GetAnalyticsConfiguration", "ListBucketAnalyticsConfigurationResult")
}

func (h *Handler) getBucketInventoryConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:GetInventoryConfiguration")
}

// putBucketInventoryConfiguration refuses a configuration AWS would
// refuse as AWS does (LocalStack test_s3.snapshot.json
// TestS3::test_s3_put_inventory_report_exceptions, validated 2026-02-21),
// and any other with NotImplemented.
func (h *Handler) putBucketInventoryConfiguration(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:PutInventoryConfiguration"); err != nil {
		return nil, err
	}
	raw, err := readConfigBody(rq)
	if err != nil {
		return nil, err
	}
	if err := checkInventoryConfiguration(raw, rq.q.Get("id")); err != nil {
		return nil, err
	}
	return nil, errNotKept("inventory")
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
}

// checkInventoryConfiguration validates an inventory configuration body
// against S3's schema (MalformedXML), the id in the query (IdMismatch) and
// the destination's ARN form (InvalidS3DestinationBucket).
func checkInventoryConfiguration(raw []byte, id string) error {
	var c inventoryConfiguration
	if xml.Unmarshal(raw, &c) != nil || c.ID == nil || c.IsEnabled == nil || c.Destination == nil || c.Destination.S3 == nil ||
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

func (h *Handler) deleteBucketInventoryConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:PutInventoryConfiguration")
}

func (h *Handler) listBucketInventoryConfigurations(rq *req) (*result, error) {
	return h.noConfigurations(rq, "s3:GetInventoryConfiguration", "ListInventoryConfigurationsResult")
}

func (h *Handler) getBucketIntelligentTieringConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:GetIntelligentTieringConfiguration")
}

func (h *Handler) putBucketIntelligentTieringConfiguration(rq *req) (*result, error) {
	return h.notKept(rq, "s3:PutIntelligentTieringConfiguration", "Intelligent-Tiering")
}

func (h *Handler) deleteBucketIntelligentTieringConfiguration(rq *req) (*result, error) {
	return h.noConfiguration(rq, "s3:PutIntelligentTieringConfiguration")
}

func (h *Handler) listBucketIntelligentTieringConfigurations(rq *req) (*result, error) {
	return h.noConfigurations(rq, "s3:GetIntelligentTieringConfiguration", "ListBucketIntelligentTieringConfigurationsOutput")
}
