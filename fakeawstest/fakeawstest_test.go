package fakeawstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/fakeaws/fakeaws/emulator/config"
	"github.com/fakeaws/fakeaws/fakeawstest"
)

func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func callerARN(t *testing.T, cfg aws.Config) (string, error) {
	t.Helper()
	out, err := sts.NewFromConfig(cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", err
	}
	return *out.Arn, nil
}

// The flow the package exists for: a session expires when the clock moves
// past it, and a refreshed session works again.
func TestAssumedRoleSessionExpiresOnAdvance(t *testing.T) {
	srv := fakeawstest.Start(t)
	cfg := srv.AssumedRoleConfig(t, "111111111111", "deployer", 15*time.Minute)
	arn, err := callerARN(t, cfg)
	if err != nil {
		t.Fatalf("GetCallerIdentity with a fresh session: %v", err)
	}
	if want := "arn:aws:sts::111111111111:assumed-role/deployer/fakeawstest"; arn != want {
		t.Fatalf("caller = %s, want %s", arn, want)
	}

	srv.Advance(14 * time.Minute)
	if _, err := callerARN(t, cfg); err != nil {
		t.Fatalf("14 minutes into a 15-minute session: %v", err)
	}
	srv.Advance(2 * time.Minute)
	if _, err := callerARN(t, cfg); errorCode(err) != "ExpiredToken" {
		t.Fatalf("16 minutes into a 15-minute session: err = %v, want ExpiredToken", err)
	}

	refreshed := srv.AssumedRoleConfig(t, "111111111111", "deployer", time.Hour)
	if _, err := callerARN(t, refreshed); err != nil {
		t.Fatalf("refreshed session after the clock moved: %v", err)
	}
}

func TestRootAndUserConfigs(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	root := srv.RootConfig("222222222222")
	if arn, err := callerARN(t, root); err != nil || arn != "arn:aws:iam::222222222222:root" {
		t.Fatalf("root caller = %q, %v", arn, err)
	}
	if _, err := s3.NewFromConfig(root).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("odin-data")}); err != nil {
		t.Fatalf("root CreateBucket: %v", err)
	}

	user := srv.UserConfig(t, "222222222222", "alice")
	if arn, err := callerARN(t, user); err != nil || arn != "arn:aws:iam::222222222222:user/alice" {
		t.Fatalf("user caller = %q, %v", arn, err)
	}
	// A user without policies is denied, as on AWS ...
	_, err := s3.NewFromConfig(user).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("odin-data")})
	if errorCode(err) != "AccessDenied" {
		t.Fatalf("ListObjectsV2 without a policy: err = %v, want AccessDenied", err)
	}
	// ... until root grants it.
	_, err = iam.NewFromConfig(root).PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("alice"),
		PolicyName: aws.String("read"), PolicyDocument: aws.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::odin-data"}]}`)})
	if err != nil {
		t.Fatalf("PutUserPolicy: %v", err)
	}
	if _, err := s3.NewFromConfig(user).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("odin-data")}); err != nil {
		t.Fatalf("ListObjectsV2 with a policy: %v", err)
	}
}

func TestWorldAndStrictAccounts(t *testing.T) {
	world, err := config.Parse([]byte(`{"accounts":[{"id":"333333333333","users":[{"name":"merlin"}],
		"accessKeys":[{"id":"AKIAMERLIN0000000001","secret":"merlin-secret","user":"merlin"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	srv := fakeawstest.Start(t, fakeawstest.WithWorld(world), fakeawstest.WithStrictAccounts())
	arn, err := callerARN(t, srv.Config("AKIAMERLIN0000000001", "merlin-secret", ""))
	if err != nil || arn != "arn:aws:iam::333333333333:user/merlin" {
		t.Fatalf("world key caller = %q, %v", arn, err)
	}
	if _, err := callerARN(t, srv.RootConfig("444444444444")); errorCode(err) != "InvalidClientTokenId" {
		t.Fatalf("unknown account with strict accounts: err = %v, want InvalidClientTokenId", err)
	}
}

func TestConfigFileOption(t *testing.T) {
	srv := fakeawstest.Start(t, fakeawstest.WithConfigFile("../examples/emrys-odin.json"))
	out, err := iam.NewFromConfig(srv.RootConfig("111111111111")).ListUsers(context.Background(), &iam.ListUsersInput{})
	if err != nil {
		t.Fatalf("ListUsers in the example world: %v", err)
	}
	if len(out.Users) == 0 {
		t.Fatalf("the example world's account 111111111111 has no users")
	}
}

// A presigned URL is judged on the moved clock: it expires on Advance,
// while header-signed requests (wall-clock times) keep working.
func TestPresignedURLExpiresOnAdvance(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	root := srv.RootConfig("111111111111")
	client := s3.NewFromConfig(root, func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("links")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("links"), Key: aws.String("k"),
		Body: strings.NewReader("hello")}); err != nil {
		t.Fatal(err)
	}
	req, err := s3.NewPresignClient(client).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("links"),
		Key: aws.String("k")}, s3.WithPresignExpires(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	get := func() (int, string) {
		resp, err := http.Get(req.URL)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if status, body := get(); status != http.StatusOK || body != "hello" {
		t.Fatalf("fresh presigned GET = %d %q", status, body)
	}
	srv.Advance(11 * time.Minute)
	if status, body := get(); status != http.StatusForbidden || !strings.Contains(body, "Request has expired") {
		t.Fatalf("presigned GET 11 minutes into 10 = %d %q, want 403 Request has expired", status, body)
	}
	if _, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("links"), Key: aws.String("k")}); err != nil {
		t.Fatalf("header-signed request after Advance (wall-clock signature): %v", err)
	}
}

func TestClockAdminEndpoint(t *testing.T) {
	srv := fakeawstest.Start(t)
	type state struct {
		Offset        string  `json:"offset"`
		OffsetSeconds float64 `json:"offsetSeconds"`
	}
	call := func(method, query string) (int, state) {
		req, err := http.NewRequest(method, srv.URL+"/_fakeaws/clock"+query, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var s state
		_ = json.NewDecoder(resp.Body).Decode(&s)
		return resp.StatusCode, s
	}
	tests := []struct {
		method, query string
		wantStatus    int
		wantOffset    float64
	}{
		{http.MethodGet, "", http.StatusOK, 0},
		{http.MethodPost, "?advance=16m", http.StatusOK, 960},
		{http.MethodPost, "?advance=1h", http.StatusOK, 4560},
		{http.MethodPost, "?advance=-1m", http.StatusBadRequest, 0},
		{http.MethodPost, "?advance=soon", http.StatusBadRequest, 0},
		{http.MethodGet, "", http.StatusOK, 4560},
	}
	for _, tt := range tests {
		status, s := call(tt.method, tt.query)
		if status != tt.wantStatus {
			t.Fatalf("%s %s = %d, want %d", tt.method, tt.query, status, tt.wantStatus)
		}
		if status == http.StatusOK && s.OffsetSeconds != tt.wantOffset {
			t.Fatalf("%s %s offset = %v (%s), want %vs", tt.method, tt.query, s.OffsetSeconds, s.Offset, tt.wantOffset)
		}
	}
}

// aws:CurrentTime in a condition reads the moved clock.
func TestCurrentTimeConditionFollowsAdvance(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	user := srv.UserConfig(t, "111111111111", "temp")
	until := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	_, err := iam.NewFromConfig(srv.RootConfig("111111111111")).PutUserPolicy(ctx, &iam.PutUserPolicyInput{
		UserName: aws.String("temp"), PolicyName: aws.String("until"), PolicyDocument: aws.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",` +
				`"Condition":{"DateLessThan":{"aws:CurrentTime":"` + until + `"}}}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := iam.NewFromConfig(user).ListUsers(ctx, &iam.ListUsersInput{}); err != nil {
		t.Fatalf("ListUsers before %s: %v", until, err)
	}
	srv.Advance(2 * time.Hour)
	if _, err := iam.NewFromConfig(user).ListUsers(ctx, &iam.ListUsersInput{}); errorCode(err) != "AccessDenied" {
		t.Fatalf("ListUsers two hours later: err = %v, want AccessDenied", err)
	}
}

// Object Lock retention is judged on the moved clock: a version protected
// for a day can be deleted once the clock has moved past it.
func TestRetentionEndsOnAdvance(t *testing.T) {
	ctx := context.Background()
	srv := fakeawstest.Start(t)
	client := s3.NewFromConfig(srv.RootConfig("111111111111"), func(o *s3.Options) { o.UsePathStyle = true })
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("locked"),
		ObjectLockEnabledForBucket: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	put, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("locked"), Key: aws.String("k"),
		Body: strings.NewReader("kept"), ObjectLockMode: "COMPLIANCE",
		ObjectLockRetainUntilDate: aws.Time(time.Now().Add(24 * time.Hour))})
	if err != nil {
		t.Fatal(err)
	}
	del := &s3.DeleteObjectInput{Bucket: aws.String("locked"), Key: aws.String("k"), VersionId: put.VersionId}
	if _, err := client.DeleteObject(ctx, del); errorCode(err) != "AccessDenied" {
		t.Fatalf("deleting a version retained for a day: err = %v, want AccessDenied", err)
	}
	srv.Advance(25 * time.Hour)
	if _, err := client.DeleteObject(ctx, del); err != nil {
		t.Fatalf("deleting the version after its retention ended: %v", err)
	}
}
