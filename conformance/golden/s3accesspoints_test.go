package golden

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// S3 Control's access point operations, as recorded against AWS in
// LocalStack's tests/aws/services/s3control/test_s3control.snapshot.json
// (TestS3ControlAccessPoint, 30 May 2024).

const (
	apSnap = "s3control/test_s3control.snapshot.json"
	// apOther is the account an access point policy grants to.
	apOther = "222222222222"
)

// controlAP sends an S3 Control access point request as the owner's root.
// A 2xx answer with a body is decoded into into (when given) and returned.
func controlAP(method, path, body string, into any) func(context.Context, *World) (any, error) {
	return func(ctx context.Context, w *World) (any, error) {
		resp, err := sendControl(ctx, w, method, "/v20180820/accesspoint"+path, body)
		if err != nil || resp.StatusCode >= 300 || into == nil {
			return resp, err
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		// The answer's status and headers are this response's, as for an
		// SDK call.
		w.mu.Lock()
		w.last = resp
		w.mu.Unlock()
		return into, xml.Unmarshal(raw, into)
	}
}

func apCreateBody(bucket, extra string) string {
	return `<CreateAccessPointRequest xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/"><Bucket>` + bucket + "</Bucket>" + extra + "</CreateAccessPointRequest>"
}

type apGot struct {
	Name, Bucket, NetworkOrigin, Alias, AccessPointArn, BucketAccountId string
	PublicAccessBlockConfiguration                                      struct {
		BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets bool
	}
	Endpoints struct {
		Entry []struct {
			Key   string `xml:"key"`
			Value string `xml:"value"`
		} `xml:"entry"`
	}
}

type apPolicyGot struct{ Policy string }

type apPolicyStatusGot struct {
	PolicyStatus struct{ IsPublic bool }
}

// apPolicyBody is PutAccessPointPolicy's body granting account other
// s3:GetObject through access point aaa1 of owner.
func apPolicyBody(other string) string {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + other +
		`:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:us-east-1:` + owner + `:accesspoint/aaa1/object/*"}]}`
	return "<PutAccessPointPolicyRequest><Policy>" + strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;").Replace(doc) + "</Policy></PutAccessPointPolicyRequest>"
}

type apList struct {
	AccessPointList struct {
		AccessPoint []struct{ Name, Bucket, NetworkOrigin, BucketAccountId string }
	}
	NextToken string
}

func TestS3AccessPointRecordings(t *testing.T) {
	withBucket := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		_, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("ap-bucket")})
		must(t, "CreateBucket", err)
	}
	withAP := func(names ...string) func(context.Context, *testing.T, *World) {
		return func(ctx context.Context, t *testing.T, w *World) {
			t.Helper()
			withBucket(ctx, t, w)
			for _, n := range names {
				resp, err := controlAP(http.MethodPut, "/"+n, apCreateBody("ap-bucket", ""), nil)(ctx, w)
				must(t, "CreateAccessPoint", err)
				if r := resp.(*http.Response); r.StatusCode != 200 {
					t.Fatalf("CreateAccessPoint %s = %d", n, r.StatusCode)
				}
			}
		}
	}
	lifecycle := "TestS3ControlAccessPoint::test_access_point_lifecycle"
	pab := "TestS3ControlAccessPoint::test_access_point_public_access_block_configuration"
	noSuch := Want{Status: 404, Code: "NoSuchAccessPoint", Message: "The specified accesspoint does not exist"}
	Run(t, []Case{
		{Name: "CreateAccessPoint/alias", Op: "S3 CreateAccessPoint", Source: localstack(apSnap, lifecycle, "create-access-point", "2024-05-30"),
			Setup: withBucket, Call: controlAP(http.MethodPut, "/aaa1", apCreateBody("ap-bucket", ""), &apGot{}),
			Want: Want{Fields: map[string]any{"AccessPointArn": "arn:aws:s3:us-east-1:" + owner + ":accesspoint/aaa1",
				"Alias": Match(`^aaa1-[a-z0-9]{34}-s3alias$`)}}},
		{Name: "GetAccessPoint/defaults", Op: "S3 GetAccessPoint", Source: localstack(apSnap, lifecycle, "get-access-point", "2024-05-30"),
			Setup: withAP("aaa1"), Call: controlAP(http.MethodGet, "/aaa1", "", &apGot{}),
			Want: Want{Fields: map[string]any{"Name": "aaa1", "Bucket": "ap-bucket", "NetworkOrigin": "Internet", "BucketAccountId": owner,
				"PublicAccessBlockConfiguration.BlockPublicAcls": true, "PublicAccessBlockConfiguration.RestrictPublicBuckets": true,
				"Endpoints.Entry[3].Key": "ipv4", "Endpoints.Entry[3].Value": "s3-accesspoint.us-east-1.amazonaws.com"}}},
		{Name: "GetAccessPoint/empty block public access", Op: "S3 GetAccessPoint", Source: localstack(apSnap, pab, "get-ap-empty-pabc", "2024-05-30"),
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				withBucket(ctx, t, w)
				_, err := controlAP(http.MethodPut, "/aaa2", apCreateBody("ap-bucket", "<PublicAccessBlockConfiguration/>"), nil)(ctx, w)
				must(t, "CreateAccessPoint", err)
			},
			Call: controlAP(http.MethodGet, "/aaa2", "", &apGot{}),
			Want: Want{Fields: map[string]any{"PublicAccessBlockConfiguration.BlockPublicAcls": false, "PublicAccessBlockConfiguration.BlockPublicPolicy": false}}},
		{Name: "ListAccessPoints/in name order", Op: "S3 ListAccessPoints", Source: localstack(apSnap, pab, "list-access-points", "2024-05-30"),
			Setup: withAP("ccc3", "aaa1", "bbb2"), Call: controlAP(http.MethodGet, "", "", &apList{}),
			Want: Want{Fields: map[string]any{"AccessPointList.AccessPoint[0].Name": "aaa1", "AccessPointList.AccessPoint[2].Name": "ccc3",
				"AccessPointList.AccessPoint[1].NetworkOrigin": "Internet", "NextToken": Absent}}},
		{Name: "ListAccessPoints/one a page", Op: "S3 ListAccessPoints", Source: localstack(apSnap, "TestS3ControlAccessPoint::test_access_point_pagination", "list-one-max", "2024-05-30"),
			Setup: withAP("aaa1", "bbb2"), Call: controlAP(http.MethodGet, "?maxResults=1", "", &apList{}),
			Want: Want{Fields: map[string]any{"AccessPointList.AccessPoint": Len(1), "NextToken": Present}}},
		{Name: "DeleteAccessPoint/204", Op: "S3 DeleteAccessPoint", Source: localstack(apSnap, lifecycle, "delete-access-point", "2024-05-30"),
			Setup: withAP("aaa1"), Call: controlAP(http.MethodDelete, "/aaa1", "", nil), Want: Want{Status: 204}},
		{Name: "GetAccessPoint/no such access point", Op: "S3 GetAccessPoint", Source: localstack(apSnap, lifecycle, "get-delete-access-point", "2024-05-30"),
			Setup: withBucket, Call: controlAP(http.MethodGet, "/aaa1", "", nil), Want: noSuch},
		{Name: "DeleteAccessPoint/no such access point", Op: "S3 DeleteAccessPoint", Source: localstack(apSnap, lifecycle, "delete-already-deleted-access-point", "2024-05-30"),
			Setup: withBucket, Call: controlAP(http.MethodDelete, "/aaa1", "", nil), Want: noSuch},
		{Name: "CreateAccessPoint/no such bucket", Op: "S3 CreateAccessPoint", Source: localstack(apSnap, "TestS3ControlAccessPoint::test_access_point_bucket_not_exists", "access-point-bucket-not-exists", "2024-05-30"),
			Call: controlAP(http.MethodPut, "/aaa1", apCreateBody("fake-bucket-nope", ""), nil),
			Want: Want{Status: 400, Code: "InvalidRequest", Message: "Amazon S3 AccessPoint can only be created for existing bucket"}},
		{Name: "CreateAccessPoint/name the URI refuses", Op: "S3 CreateAccessPoint", Source: localstack(apSnap, "TestS3ControlAccessPoint::test_access_point_name_validation", "access-point-wrong-naming", "2024-05-30"),
			Setup: withBucket, Call: controlAP(http.MethodPut, "/xn-_test-alias", apCreateBody("ap-bucket", ""), nil),
			Want: Want{Status: 400, Code: "InvalidURI", Message: "Couldn't parse the specified URI."}},
		{Name: "CreateAccessPoint/name too short", Op: "S3 CreateAccessPoint", Source: localstack(apSnap, "TestS3ControlAccessPoint::test_access_point_name_validation", "access-point-name-too-short", "2024-05-30"),
			Setup: withBucket, Call: controlAP(http.MethodPut, "/sa", apCreateBody("ap-bucket", ""), nil),
			Want: Want{Status: 400, Code: "InvalidURI", Message: "Couldn't parse the specified URI."}},
		{Name: "CreateAccessPoint/already exists", Op: "S3 CreateAccessPoint", Source: localstack(apSnap, "TestS3ControlAccessPoint::test_access_point_already_exists", "access-point-already-exists", "2024-05-30"),
			Setup: withAP("aaa1"), Call: controlAP(http.MethodPut, "/aaa1", apCreateBody("ap-bucket", ""), nil),
			Want: Want{Status: 409, Code: "AccessPointAlreadyOwnedByYou", Message: "Your previous request to create the named accesspoint succeeded and you already own it."}},
	})
}

// TestS3AccessPointPolicyShapes: the access point policy calls, whose
// answers LocalStack did not record; shapes and codes are the S3 Control
// API reference's (API_control_PutAccessPointPolicy, GetAccessPointPolicy,
// DeleteAccessPointPolicy, GetAccessPointPolicyStatus, ListAccessPoints).
func TestS3AccessPointPolicyShapes(t *testing.T) {
	const ref = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_"
	withAP := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		_, err := w.S3(Root(owner)).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("ap-bucket")})
		must(t, "CreateBucket", err)
		_, err = controlAP(http.MethodPut, "/aaa1", apCreateBody("ap-bucket", ""), nil)(ctx, w)
		must(t, "CreateAccessPoint", err)
	}
	withPolicy := func(ctx context.Context, t *testing.T, w *World) {
		t.Helper()
		withAP(ctx, t, w)
		resp, err := controlAP(http.MethodPut, "/aaa1/policy", apPolicyBody(apOther), nil)(ctx, w)
		must(t, "PutAccessPointPolicy", err)
		if r := resp.(*http.Response); r.StatusCode != 200 {
			t.Fatalf("PutAccessPointPolicy = %d", r.StatusCode)
		}
	}
	Run(t, []Case{
		{Name: "PutAccessPointPolicy/granted to another account", Op: "S3 PutAccessPointPolicy", Source: ref + "PutAccessPointPolicy.html (200, no body)",
			Setup: withAP, Call: controlAP(http.MethodPut, "/aaa1/policy", apPolicyBody(apOther), nil), Want: Want{Status: 200}},
		{Name: "PutAccessPointPolicy/no such access point", Op: "S3 PutAccessPointPolicy", Source: ref + "PutAccessPointPolicy.html; code as GetAccessPoint's recorded answer",
			Call: controlAP(http.MethodPut, "/aaa1/policy", apPolicyBody(apOther), nil), Want: Want{Status: 404, Code: "NoSuchAccessPoint"}},
		{Name: "GetAccessPointPolicy/the document", Op: "S3 GetAccessPointPolicy", Source: ref + "GetAccessPointPolicy.html (GetAccessPointPolicyResult/Policy)",
			Setup: withPolicy, Call: controlAP(http.MethodGet, "/aaa1/policy", "", &apPolicyGot{}),
			Want: Want{Fields: map[string]any{"Policy": Match(`accesspoint/aaa1/object/\*`)}}},
		{Name: "GetAccessPointPolicy/none", Op: "S3 GetAccessPointPolicy", Source: ref + "GetAccessPointPolicy.html; the SDK models' NoSuchAccessPointPolicy",
			Setup: withAP, Call: controlAP(http.MethodGet, "/aaa1/policy", "", nil), Want: Want{Status: 404, Code: "NoSuchAccessPointPolicy"}},
		{Name: "GetAccessPointPolicyStatus/not public", Op: "S3 GetAccessPointPolicyStatus", Source: ref + "GetAccessPointPolicyStatus.html (PolicyStatus/IsPublic)",
			Setup: withPolicy, Call: controlAP(http.MethodGet, "/aaa1/policyStatus", "", &apPolicyStatusGot{}),
			Want: Want{Fields: map[string]any{"PolicyStatus.IsPublic": false}}},
		{Name: "GetAccessPointPolicyStatus/none", Op: "S3 GetAccessPointPolicyStatus", Source: ref + "GetAccessPointPolicyStatus.html",
			Setup: withAP, Call: controlAP(http.MethodGet, "/aaa1/policyStatus", "", nil), Want: Want{Status: 404, Code: "NoSuchAccessPointPolicy"}},
		{Name: "DeleteAccessPointPolicy/204", Op: "S3 DeleteAccessPointPolicy", Source: ref + "DeleteAccessPointPolicy.html (204)",
			Setup: withPolicy, Call: controlAP(http.MethodDelete, "/aaa1/policy", "", nil), Want: Want{Status: 204}},
		{Name: "DeleteAccessPointPolicy/no such access point", Op: "S3 DeleteAccessPointPolicy", Source: ref + "DeleteAccessPointPolicy.html",
			Call: controlAP(http.MethodDelete, "/aaa1/policy", "", nil), Want: Want{Status: 404, Code: "NoSuchAccessPoint"}},
		{Name: "ListAccessPoints/maxResults over 1000", Op: "S3 ListAccessPoints", Source: ref + "ListAccessPoints.html (maxResults: 0 to 1000)",
			Call: controlAP(http.MethodGet, "?maxResults=1001", "", nil), Want: Want{Status: 400, Code: "InvalidArgument"}},
	})
}

// TestS3AccessPointData: aws-sdk-go-v2 reaches an object through an access
// point named by its ARN (the SDK sends to NAME-ACCOUNT.ENDPOINT) and by its
// alias, as the S3 User Guide shows ("Using Amazon S3 access points for
// general purpose buckets").
func TestS3AccessPointData(t *testing.T) {
	const guide = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-access-points.html"
	apARN := "arn:aws:s3:us-east-1:" + owner + ":accesspoint/aaa1"
	// through is a case reading k through the access point, named by what
	// name makes of the alias; each case keeps its own alias (cases run in
	// parallel).
	through := func(name, source string, bucketName func(alias string) string) Case {
		var alias string
		return Case{Name: name, Op: "S3 GetObject", Source: source,
			Setup: func(ctx context.Context, t *testing.T, w *World) {
				t.Helper()
				c := w.S3(Root(owner))
				_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("ap-bucket")})
				must(t, "CreateBucket", err)
				_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("ap-bucket"), Key: aws.String("k"), Body: strings.NewReader("hello")})
				must(t, "PutObject", err)
				got := &apGot{}
				_, err = controlAP(http.MethodPut, "/aaa1", apCreateBody("ap-bucket", ""), got)(ctx, w)
				must(t, "CreateAccessPoint", err)
				alias = got.Alias
			},
			Call: func(ctx context.Context, w *World) (any, error) {
				out, err := w.S3VirtualHost(Root(owner)).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucketName(alias)), Key: aws.String("k")})
				if err != nil {
					return nil, err
				}
				defer out.Body.Close()
				b, err := io.ReadAll(out.Body)
				return argminBody{Body: string(b)}, err
			},
			Want: Want{Fields: map[string]any{"Body": "hello"}}}
	}
	Run(t, []Case{
		through("GetObject/through an access point ARN", guide+" (download an object through an access point)",
			func(string) string { return apARN }),
		through("GetObject/through an access point alias", guide+" (an alias wherever a bucket name is used)",
			func(alias string) string { return alias }),
	})
}
