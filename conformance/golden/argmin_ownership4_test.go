package golden

import (
	"net/http"
	"testing"
)

// TestArgminOwnershipControlsShapes is ownership.rs's
// test_get_bucket_ownership_controls_response_shape (AWS answers the
// document without a Content-Type) and test_ownership_controls_write_ack_shapes
// (the writes' empty acks), on top of argmin_ownership3_test.go's values.
func TestArgminOwnershipControlsShapes(t *testing.T) {
	src := func(test string) string { return argmin("ownership.rs", test) }
	const xmlns = ` xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`
	doc := "<OwnershipControls" + xmlns + "><Rule><ObjectOwnership>BucketOwnerPreferred</ObjectOwnership></Rule></OwnershipControls>"
	path := "/" + argminBkt + "?ownershipControls="
	ack := []byte(doc)
	putAck := objRaw(http.MethodPut, path, ack, http.Header{"Content-Md5": {argminMD5(ack)}})
	ids := Want{Fields: map[string]any{"Header": vrHeaders(vrIDHeaders...), "Body": ""}}
	Run(t, []Case{
		argminCase("GetBucketOwnershipControls/the answer's shape", src("test_get_bucket_ownership_controls_response_shape"),
			objBucket(objStep(putAck)), objRaw(http.MethodGet, path, nil, nil),
			Want{Fields: map[string]any{"Header": vrHeaders(vrIDHeaders...), "Body": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doc}}),
		argminCase("PutBucketOwnershipControls/the ack's shape", src("test_ownership_controls_write_ack_shapes"), objBucket(), putAck, ids),
		argminCase("DeleteBucketOwnershipControls/the ack's shape", src("test_ownership_controls_write_ack_shapes"), objBucket(objStep(putAck)),
			objRaw(http.MethodDelete, path, nil, nil), Want{Status: http.StatusNoContent, Fields: ids.Fields}),
	})
}
