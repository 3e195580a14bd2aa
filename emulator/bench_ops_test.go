package emulator_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/fakeaws/fakeaws/emulator"
)

// The benchmarks here cover the common operations besides loadgen's hot
// paths (issue 12, ninth pass): each sends a real signed request through
// Server.ServeHTTP, as BenchmarkSignedGetObject does, so their ns/op and
// allocs/op compare with it directly.

const (
	benchIAM   = "http://127.0.0.1:4566/"
	benchS3    = "http://127.0.0.1:4566/bench-bucket"
	iamVersion = "&Version=2010-05-08"
)

// serveSigned replays a signed request (body restored each time) until
// the benchmark ends, failing on any status but 200.
func serveSigned(b *testing.B, srv *emulator.Server, r *http.Request, body []byte) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		if w := replay(srv, r, body); w.Code != 200 {
			b.Fatalf("%s %s = %d %s", r.Method, r.URL, w.Code, w.Body)
		}
	}
}

// benchIAMQuery signs an IAM Query API call as root and replays it.
func benchIAMQuery(b *testing.B, srv *emulator.Server, form string) {
	b.Helper()
	body := []byte(form + iamVersion)
	serveSigned(b, srv, signedBody(b, benchRoot, http.MethodPost, benchIAM, "iam", body), body)
}

// asRootParallel runs the Query API calls as root from a few goroutines,
// so setting up thousands of entities shares commit rounds.
func asRootParallel(b *testing.B, srv *emulator.Server, forms []string) {
	b.Helper()
	var wg sync.WaitGroup
	next := make(chan string)
	for range 16 {
		wg.Go(func() {
			for form := range next {
				asRoot(b, srv, form)
			}
		})
	}
	for _, f := range forms {
		next <- f
	}
	close(next)
	wg.Wait()
}

// putObject stores body under key in bench-bucket as root.
func putObject(b *testing.B, srv *emulator.Server, key string, body []byte) {
	b.Helper()
	r := signedBody(b, benchRoot, http.MethodPut, benchS3+"/"+key, "s3", body)
	if w := replay(srv, r, body); w.Code != 200 {
		b.Fatalf("PUT %s = %d %s", key, w.Code, w.Body)
	}
}

func BenchmarkHeadObject(b *testing.B) {
	srv := benchServer(b)
	serveSigned(b, srv, signed(b, http.MethodHead, benchS3+"/key", "s3"), nil)
}

func BenchmarkListObjectsV2Small(b *testing.B) {
	srv := benchServer(b)
	for i := range 10 {
		putObject(b, srv, fmt.Sprintf("dir/k%02d", i), []byte("hello"))
	}
	serveSigned(b, srv, signed(b, http.MethodGet, benchS3+"?list-type=2", "s3"), nil)
}

func BenchmarkCopyObject(b *testing.B) {
	srv := benchServer(b)
	putObject(b, srv, "src", bytes.Repeat([]byte("x"), 1024))
	r := signed(b, http.MethodPut, benchS3+"/dst", "s3")
	// Signed again with the copy source among the signed headers.
	r.Header.Set("X-Amz-Copy-Source", "/bench-bucket/src")
	if err := v4.NewSigner().SignHTTP(context.Background(), benchRoot, r, emptySHA, "s3", "us-east-1", time.Now()); err != nil {
		b.Fatal(err)
	}
	serveSigned(b, srv, r, nil)
}

var uploadIDPattern = regexp.MustCompile(`<UploadId>([^<]+)</UploadId>`)

// BenchmarkMultipartSmall is one small multipart upload per op:
// CreateMultipartUpload, one 1 KiB UploadPart, CompleteMultipartUpload.
// The part and completion requests name the new upload, so they are
// signed per op with the timer stopped.
func BenchmarkMultipartSmall(b *testing.B) {
	srv := benchServer(b)
	part := bytes.Repeat([]byte("p"), 1024)
	create := signedBody(b, benchRoot, http.MethodPost, benchS3+"/mpu?uploads", "s3", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := replay(srv, create, nil)
		m := uploadIDPattern.FindStringSubmatch(w.Body.String())
		if w.Code != 200 || m == nil {
			b.Fatalf("CreateMultipartUpload = %d %s", w.Code, w.Body)
		}
		b.StopTimer()
		id := url.QueryEscape(m[1])
		upload := signedBody(b, benchRoot, http.MethodPut, benchS3+"/mpu?partNumber=1&uploadId="+id, "s3", part)
		b.StartTimer()
		w = replay(srv, upload, part)
		if w.Code != 200 {
			b.Fatalf("UploadPart = %d %s", w.Code, w.Body)
		}
		b.StopTimer()
		done := []byte(`<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>` +
			w.Header().Get("ETag") + `</ETag></Part></CompleteMultipartUpload>`)
		complete := signedBody(b, benchRoot, http.MethodPost, benchS3+"/mpu?uploadId="+id, "s3", done)
		b.StartTimer()
		if w := replay(srv, complete, done); w.Code != 200 {
			b.Fatalf("CompleteMultipartUpload = %d %s", w.Code, w.Body)
		}
	}
}

const benchTagging = `<Tagging><TagSet><Tag><Key>team</Key><Value>blue</Value></Tag><Tag><Key>env</Key><Value>test</Value></Tag></TagSet></Tagging>`

func BenchmarkGetObjectTagging(b *testing.B) {
	srv := benchServer(b)
	tags := []byte(benchTagging)
	if w := replay(srv, signedBody(b, benchRoot, http.MethodPut, benchS3+"/key?tagging", "s3", tags), tags); w.Code != 200 {
		b.Fatalf("PutObjectTagging = %d %s", w.Code, w.Body)
	}
	serveSigned(b, srv, signed(b, http.MethodGet, benchS3+"/key?tagging", "s3"), nil)
}

func BenchmarkPutObjectTagging(b *testing.B) {
	srv := benchServer(b)
	tags := []byte(benchTagging)
	serveSigned(b, srv, signedBody(b, benchRoot, http.MethodPut, benchS3+"/key?tagging", "s3", tags), tags)
}

func BenchmarkGetBucketPolicy(b *testing.B) {
	srv := benchServer(b)
	policy := []byte(`{"Version":"2012-10-17","Statement":[{"Sid":"ReadForAccount","Effect":"Allow",` +
		`"Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":["s3:GetObject","s3:ListBucket"],` +
		`"Resource":["arn:aws:s3:::bench-bucket","arn:aws:s3:::bench-bucket/*"]}]}`)
	if w := replay(srv, signedBody(b, benchRoot, http.MethodPut, benchS3+"?policy", "s3", policy), policy); w.Code != 204 {
		b.Fatalf("PutBucketPolicy = %d %s", w.Code, w.Body)
	}
	serveSigned(b, srv, signed(b, http.MethodGet, benchS3+"?policy", "s3"), nil)
}

func BenchmarkListBuckets100(b *testing.B) {
	srv := benchServer(b)
	for i := 1; i < 100; i++ {
		if w := replay(srv, signedBody(b, benchRoot, http.MethodPut, fmt.Sprintf("http://127.0.0.1:4566/bench-%03d", i), "s3", nil), nil); w.Code != 200 {
			b.Fatalf("CreateBucket = %d %s", w.Code, w.Body)
		}
	}
	serveSigned(b, srv, signed(b, http.MethodGet, "http://127.0.0.1:4566/", "s3"), nil)
}

// BenchmarkGetCallerIdentityUser is BenchmarkSignedGetCallerIdentity
// signed by an IAM user instead of the root.
func BenchmarkGetCallerIdentityUser(b *testing.B) {
	srv := benchServer(b)
	body := []byte("Action=GetCallerIdentity&Version=2011-06-15")
	serveSigned(b, srv, signedBody(b, benchUser(b, srv), http.MethodPost, benchIAM, "sts", body), body)
}

func BenchmarkGetUser(b *testing.B) {
	srv := benchServer(b)
	benchUser(b, srv)
	benchIAMQuery(b, srv, "Action=GetUser&UserName=bench")
}

const benchTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// thousandEntities makes 1,000 users and 1,000 roles in the account; the
// role "role-0500" has three managed policies attached.
func thousandEntities(b *testing.B, srv *emulator.Server) {
	b.Helper()
	forms := make([]string, 0, 2000)
	for i := range 1000 {
		forms = append(forms,
			fmt.Sprintf("Action=CreateUser&UserName=user-%04d", i)+iamVersion,
			fmt.Sprintf("Action=CreateRole&RoleName=role-%04d&AssumeRolePolicyDocument=%s", i, url.QueryEscape(benchTrust))+iamVersion)
	}
	asRootParallel(b, srv, forms)
	for _, p := range []string{"ReadOnlyAccess", "AmazonS3FullAccess", "IAMUserChangePassword"} {
		asRoot(b, srv, "Action=AttachRolePolicy&RoleName=role-0500&PolicyArn="+url.QueryEscape("arn:aws:iam::aws:policy/"+p)+iamVersion)
	}
}

func BenchmarkListUsers1000(b *testing.B) {
	srv := benchServer(b)
	thousandEntities(b, srv)
	benchIAMQuery(b, srv, "Action=ListUsers")
}

func BenchmarkListRoles1000(b *testing.B) {
	srv := benchServer(b)
	thousandEntities(b, srv)
	benchIAMQuery(b, srv, "Action=ListRoles")
}

func BenchmarkListAttachedRolePolicies1000(b *testing.B) {
	srv := benchServer(b)
	thousandEntities(b, srv)
	benchIAMQuery(b, srv, "Action=ListAttachedRolePolicies&RoleName=role-0500")
}

// withAccounts runs bench in an account without IAM entities (the
// default server) and again with 1,000 users and 1,000 roles.
func withAccounts(b *testing.B, bench func(*testing.B, *emulator.Server)) {
	b.Run("small", func(b *testing.B) { bench(b, benchServer(b)) })
	b.Run("1000", func(b *testing.B) {
		srv := benchServer(b)
		thousandEntities(b, srv)
		bench(b, srv)
	})
}

func BenchmarkListPoliciesAll(b *testing.B) {
	withAccounts(b, func(b *testing.B, srv *emulator.Server) {
		benchIAMQuery(b, srv, "Action=ListPolicies&Scope=All")
	})
}

func BenchmarkGetManagedPolicy(b *testing.B) {
	withAccounts(b, func(b *testing.B, srv *emulator.Server) {
		benchIAMQuery(b, srv, "Action=GetPolicy&PolicyArn="+url.QueryEscape("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
	})
}

func BenchmarkGetManagedPolicyVersion(b *testing.B) {
	srv := benchServer(b)
	body := asRoot(b, srv, "Action=GetPolicy&PolicyArn="+url.QueryEscape("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")+iamVersion)
	v := regexp.MustCompile(`<DefaultVersionId>([^<]+)</DefaultVersionId>`).FindStringSubmatch(body)
	if v == nil {
		b.Fatalf("no default version in %s", body)
	}
	benchIAMQuery(b, srv, "Action=GetPolicyVersion&VersionId="+v[1]+"&PolicyArn="+url.QueryEscape("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"))
}

func BenchmarkSimulatePrincipalPolicy(b *testing.B) {
	srv := benchServer(b)
	benchUser(b, srv)
	asRoot(b, srv, "Action=AttachUserPolicy&UserName=bench&PolicyArn="+url.QueryEscape("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")+iamVersion)
	benchIAMQuery(b, srv, "Action=SimulatePrincipalPolicy&PolicySourceArn="+url.QueryEscape("arn:aws:iam::111111111111:user/bench")+
		"&ActionNames.member.1=s3:GetObject&ActionNames.member.2=s3:PutObject&ActionNames.member.3=iam:CreateUser"+
		"&ResourceArns.member.1="+url.QueryEscape("arn:aws:s3:::bench-bucket/key"))
}

const benchPolicyDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::bench-bucket","arn:aws:s3:::bench-bucket/*"]}]}`

// fiveHundredPolicies makes 500 customer managed policies in the account.
func fiveHundredPolicies(b *testing.B, srv *emulator.Server) {
	b.Helper()
	forms := make([]string, 0, 500)
	for i := range 500 {
		forms = append(forms, fmt.Sprintf("Action=CreatePolicy&PolicyName=policy-%04d&PolicyDocument=%s", i, url.QueryEscape(benchPolicyDoc))+iamVersion)
	}
	asRootParallel(b, srv, forms)
}

// BenchmarkCreateDeletePolicy500 is CreatePolicy then DeletePolicy of one
// more policy in an account holding 500 customer managed policies.
func BenchmarkCreateDeletePolicy500(b *testing.B) {
	srv := benchServer(b)
	fiveHundredPolicies(b, srv)
	create := []byte("Action=CreatePolicy&PolicyName=extra&PolicyDocument=" + url.QueryEscape(benchPolicyDoc) + iamVersion)
	remove := []byte("Action=DeletePolicy&PolicyArn=" + url.QueryEscape("arn:aws:iam::111111111111:policy/extra") + iamVersion)
	cr := signedBody(b, benchRoot, http.MethodPost, benchIAM, "iam", create)
	rm := signedBody(b, benchRoot, http.MethodPost, benchIAM, "iam", remove)
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range []struct {
			r    *http.Request
			body []byte
		}{{cr, create}, {rm, remove}} {
			if w := replay(srv, x.r, x.body); w.Code != 200 {
				b.Fatalf("%s = %d %s", x.body, w.Code, w.Body)
			}
		}
	}
}

func BenchmarkListPoliciesLocal500(b *testing.B) {
	srv := benchServer(b)
	fiveHundredPolicies(b, srv)
	benchIAMQuery(b, srv, "Action=ListPolicies&Scope=Local")
}

// thousandKeys makes 1,000 users with an access key each.
func thousandKeys(b *testing.B, srv *emulator.Server) {
	b.Helper()
	users := make([]string, 0, 1000)
	keys := make([]string, 0, 1000)
	for i := range 1000 {
		users = append(users, fmt.Sprintf("Action=CreateUser&UserName=key-user-%04d", i)+iamVersion)
		keys = append(keys, fmt.Sprintf("Action=CreateAccessKey&UserName=key-user-%04d", i)+iamVersion)
	}
	asRootParallel(b, srv, users)
	asRootParallel(b, srv, keys)
}

// BenchmarkListAccessKeys1000 lists one user's keys with 1,000 access keys
// in the account.
func BenchmarkListAccessKeys1000(b *testing.B) {
	srv := benchServer(b)
	thousandKeys(b, srv)
	benchIAMQuery(b, srv, "Action=ListAccessKeys&UserName=key-user-0500")
}

// BenchmarkGetGroup1000 reads a group of 10 users in an account of 1,000
// users and 1,000 roles.
func BenchmarkGetGroup1000(b *testing.B) {
	srv := benchServer(b)
	thousandEntities(b, srv)
	asRoot(b, srv, "Action=CreateGroup&GroupName=team"+iamVersion)
	for i := range 10 {
		asRoot(b, srv, fmt.Sprintf("Action=AddUserToGroup&GroupName=team&UserName=user-%04d", i*100)+iamVersion)
	}
	benchIAMQuery(b, srv, "Action=GetGroup&GroupName=team")
}

// BenchmarkCreateDeleteAccessKey1000 is CreateAccessKey then
// DeleteAccessKey of a second key of one user, with 1,000 access keys in
// the store: CreateAccessKey counts the user's keys inside its commit.
func BenchmarkCreateDeleteAccessKey1000(b *testing.B) {
	srv := benchServer(b)
	thousandKeys(b, srv)
	create := []byte("Action=CreateAccessKey&UserName=key-user-0500" + iamVersion)
	cr := signedBody(b, benchRoot, http.MethodPost, benchIAM, "iam", create)
	b.ReportAllocs()
	for b.Loop() {
		w := replay(srv, cr, create)
		id := regexp.MustCompile(`<AccessKeyId>([^<]+)</AccessKeyId>`).FindStringSubmatch(w.Body.String())
		if w.Code != 200 || id == nil {
			b.Fatalf("CreateAccessKey = %d %s", w.Code, w.Body)
		}
		b.StopTimer()
		remove := []byte("Action=DeleteAccessKey&UserName=key-user-0500&AccessKeyId=" + id[1] + iamVersion)
		rm := signedBody(b, benchRoot, http.MethodPost, benchIAM, "iam", remove)
		b.StartTimer()
		if w := replay(srv, rm, remove); w.Code != 200 {
			b.Fatalf("DeleteAccessKey = %d %s", w.Code, w.Body)
		}
	}
}
