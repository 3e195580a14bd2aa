package s3

// S3 Metadata (metadata tables of a bucket's objects, kept in S3 Tables):
// fakeaws serves no S3 Tables, so no bucket has a metadata configuration.
// What AWS answers a general purpose bucket without one was measured
// against s3.us-east-1 and ap-northeast-2 (brekkylab/backlot
// backlot/fidelity/baseline/s3.json, 2026-09-03): GetBucketMetadataConfiguration
// is 404 MetadataConfigurationNotFound, and the V1 operation
// GetBucketMetadataTableConfiguration 405 V1APIsNotAllowed. The other
// methods of these sub-resources stay 405 MethodNotAllowed (routes.go).

import (
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
)

// getBucketMetadataConfiguration answers a bucket that has none, after the
// caller's s3:GetBucketMetadataTableConfiguration (the Service
// Authorization Reference's action for both Get operations) is checked.
func (h *Handler) getBucketMetadataConfiguration(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:GetBucketMetadataTableConfiguration"); err != nil {
		return nil, err
	}
	return nil, awserr.New("MetadataConfigurationNotFound", http.StatusNotFound, "The metadata configuration was not found")
}

// getBucketMetadataTableConfiguration answers the V1 operation as AWS
// answers an account that never used it.
func (h *Handler) getBucketMetadataTableConfiguration(rq *req) (*result, error) {
	if _, err := h.bucketConfig(rq, "s3:GetBucketMetadataTableConfiguration"); err != nil {
		return nil, err
	}
	return nil, awserr.New("V1APIsNotAllowed", http.StatusMethodNotAllowed,
		"The V1 GetBucketMetadataTableConfiguration API operation isn't available for this account")
}
