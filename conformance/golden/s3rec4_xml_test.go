package golden

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// s3NS is the namespace of S3's XML answers.
const s3NS = "http://s3.amazonaws.com/doc/2006-03-01/"

// xmlDecl is the declaration AWS's XML answers begin with.
const xmlDecl = `^<\?xml version="1\.0" encoding="UTF-8"\?>\n`

// s3Time is a timestamp as S3 writes it in XML: whole seconds, ".000Z".
const s3Time = `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$`

// responseStructure4: the XML AWS's answers are written as (declaration,
// namespace, element order the Java SDK relies on, timestamp precision,
// empty bodies), from LocalStack tests that read the raw answers.
func responseStructure4() []Case {
	const rs = "TestS3::test_response_structure"
	const tp = "TestS3::test_s3_timestamp_precision"
	src := s3rec4(rs, "(asserts)")
	get := func(pathQuery string) func(ctx context.Context, w *World) (any, error) {
		return rawOn(http.MethodGet, pathQuery, nil)
	}
	doc := func(root string, more map[string]any) map[string]any {
		f := map[string]any{"header:Body": Match(xmlDecl), "header:Xml-Root": root + " " + s3NS}
		for k, v := range more {
			f[k] = v
		}
		return f
	}
	test := s3Steps(putKey("test", "test"))
	tagged := s3Steps(putKeyWith("test-key", "", func(in *s3.PutObjectInput) { in.Tagging = aws.String("tag1=tag1") }))
	raw := func(name, source string, steps []s3Setup, call func(ctx context.Context, w *World) (any, error), status int, fields map[string]any) Case {
		c := withStatus(status, s3OK(name, source, steps, nil, fields))
		c.Call = call
		return c
	}
	var upload, listedUploads, listedParts mpuState // one per case: cases run in parallel
	listSrc := func(q string) string {
		return localstack(listS3, "TestS3ListObjects::test_s3_list_objects_timestamp_precision["+q+"]", "(asserts)", ls4Date)
	}
	return []Case{
		raw("ListBuckets/XML: Owner before Buckets", src, test, get("/"), 200,
			doc("ListAllMyBucketsResult", map[string]any{"header:Xml-Children": Match(`^Owner,Buckets(,|$)`)})),
		raw("ListBuckets/XML: CreationDate to the second", s3rec4(tp, "(asserts)"), test, get("/"), 200,
			map[string]any{"header:Xml-Buckets.Bucket.CreationDate": Match(s3Time)}),
		raw("ListObjects/XML: Name before Contents, Contents last", src, test, get("/"+opsBucket), 200,
			doc("ListBucketResult", map[string]any{"header:Xml-Children": Match(`^([A-Za-z]+,)*Name,([A-Za-z]+,)*Contents$`),
				"header:Xml-Contents.LastModified": Match(s3Time)})),
		raw("ListObjectsV2/XML: Name before Contents, Contents last", src, test, get("/"+opsBucket+"?list-type=2"), 200,
			doc("ListBucketResult", map[string]any{"header:Xml-Children": Match(`^([A-Za-z]+,)*Name,([A-Za-z]+,)*Contents$`),
				"header:Xml-Contents.LastModified": Match(s3Time)})),
		raw("ListObjects/XML: LastModified to the second", listSrc(""), test, get("/"+opsBucket), 200,
			map[string]any{"header:Xml-Contents.LastModified": Match(s3Time)}),
		raw("ListObjectsV2/XML: LastModified to the second", listSrc("?list-type=2"), test, get("/"+opsBucket+"?list-type=2"), 200,
			map[string]any{"header:Xml-Contents.LastModified": Match(s3Time)}),
		raw("ListMultipartUploads/XML namespace", src, test, get("/"+opsBucket+"?uploads"), 200, doc("ListMultipartUploadsResult", nil)),
		raw("ListObjectVersions/XML: LastModified to the second", localstack(listS3, "TestS3ListObjectVersions::test_s3_list_object_versions_timestamp_precision",
			"(asserts)", ls4Date), s3Steps(versionedOps, putKey("test-key", "test-body"), deleteKey("test-key")), get("/"+opsBucket+"?versions"), 200,
			map[string]any{"header:Xml-Version.LastModified": Match(s3Time), "header:Xml-DeleteMarker.LastModified": Match(s3Time)}),
		raw("ListMultipartUploads/XML: Initiated to the second", localstack(listS3, "TestS3ListMultipartUploads::test_s3_list_multiparts_timestamp_precision",
			"(asserts)", ls4Date), s3Steps(beginUpload("test-list-part-empty-marker", &listedUploads)), get("/"+opsBucket+"?uploads"), 200,
			map[string]any{"header:Xml-Upload.Initiated": Match(s3Time)}),
		raw("ListParts/XML: LastModified to the second", localstack(listS3, "TestS3ListParts::test_s3_list_parts_timestamp_precision", "(asserts)", ls4Date),
			s3Steps(beginUpload("test-list-part-empty-marker", &listedParts)), func(ctx context.Context, w *World) (any, error) {
				return get("/"+opsBucket+"/test-list-part-empty-marker?uploadId="+aws.ToString(listedParts.id))(ctx, w)
			}, 200, map[string]any{"header:Xml-Part.LastModified": Match(s3Time)}),
		raw("GetBucketLocation/XML, us-east-1", s3rec4("TestS3::test_response_structure_get_bucket_location[us-east-1-None-]", "(asserts)"), nil,
			get("/"+opsBucket+"?location"), 200, map[string]any{"header:Body": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"" + s3NS + "\"/>"}),
		raw("GetBucketTagging/XML", src, s3Steps(run(func(ctx context.Context, c *s3.Client, b string) (any, error) {
			return c.PutBucketTagging(ctx, &s3.PutBucketTaggingInput{Bucket: aws.String(b), Tagging: &types.Tagging{TagSet: []types.Tag{{Key: aws.String("tag1"), Value: aws.String("tag1")}}}})
		})), get("/"+opsBucket+"?tagging"), 200, doc("Tagging", map[string]any{"header:Xml-TagSet.Tag.Key": "tag1", "header:Xml-TagSet.Tag.Value": "tag1"})),
		raw("ListObjectVersions/XML: Name before Version, Version last", src, tagged, get("/"+opsBucket+"?versions"), 200,
			doc("ListVersionsResult", map[string]any{"header:Xml-Children": Match(`^([A-Za-z]+,)*Name,([A-Za-z]+,)*Version$`)})),
		raw("GetObjectTagging/XML", src, tagged, get("/"+opsBucket+"/test-key?tagging"), 200,
			doc("Tagging", map[string]any{"header:Xml-TagSet.Tag.Key": "tag1", "header:Xml-TagSet.Tag.Value": "tag1"})),
		raw("CopyObject/x-amz-copy-source as a URL", src, tagged, rawOn(http.MethodPut, "/"+opsBucket+"/copied-key",
			http.Header{"X-Amz-Copy-Source": {"https://s3.amazonaws.com/" + opsBucket + "/test-key"}}), 200, doc("CopyObjectResult", nil)),
		raw("UploadPart/no body, no Content-Type, Content-Length 0", src, s3Steps(beginUpload("multipart-key", &upload)),
			func(ctx context.Context, w *World) (any, error) {
				return rawOn(http.MethodPut, "/"+opsBucket+"/multipart-key?UploadId="+aws.ToString(upload.id)+"&PartNumber=1", nil)(ctx, w)
			}, 200, map[string]any{"header:Body": "", "header:Content-Type": Absent, "header:Content-Length": "0"}),
		raw("DeleteObjectTagging/204 without Content-Type or Content-Length", src, tagged, rawOn(http.MethodDelete, "/"+opsBucket+"/test-key?tagging", nil), 204,
			map[string]any{"header:Body": "", "header:Content-Type": Absent, "header:Content-Length": Absent}),
		raw("HeadObject/Last-Modified in RFC 1123 GMT", s3rec4(tp, "(asserts)"), test, rawOn(http.MethodHead, "/"+opsBucket+"/test", nil), 200,
			map[string]any{"header:Last-Modified": Match(`^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$`)}),
		raw("GetObjectAttributes/Last-Modified in RFC 1123 GMT", s3rec4(tp, "(asserts)"), test,
			rawOn(http.MethodGet, "/"+opsBucket+"/test?attributes", http.Header{"X-Amz-Object-Attributes": {"ETag"}}), 200,
			map[string]any{"header:Last-Modified": Match(`^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$`)}),
		raw("GetObjectAttributes/XML order whatever the order asked", s3rec4("TestS3::test_response_structure_get_obj_attrs", "(asserts)"),
			s3Steps(putKey("get-obj-attrs", "test")), rawOn(http.MethodGet, "/"+opsBucket+"/get-obj-attrs?attributes",
				http.Header{"X-Amz-Object-Attributes": {"Checksum,ObjectSize,StorageClass,ObjectParts,ETag"}}), 200,
			map[string]any{"header:Xml-Children": "ETag,Checksum,StorageClass,ObjectSize"}),
		raw("GetObject/no CORS configuration, with Origin", localstack(moreCORS, "TestS3Cors::test_cors_http_get_no_config", "(asserts)", "2023-07-31"),
			s3Steps(append(append([]s3Setup{}, allowACLs...), putKeyWith("test-cors-get-no-config", "cors-test", func(in *s3.PutObjectInput) {
				in.ACL = types.ObjectCannedACLPublicRead
			}))...), anonymous(http.MethodGet, "/"+opsBucket+"/test-cors-get-no-config", "Origin", "whatever"), 200,
			map[string]any{"header:Access-Control-Allow-Origin": Absent, "header:Access-Control-Allow-Methods": Absent, "header:Vary": Absent,
				"header:Access-Control-Expose-Headers": Absent, "header:Access-Control-Allow-Credentials": Absent}),
	}
}
