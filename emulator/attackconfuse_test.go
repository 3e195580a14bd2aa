package emulator_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// polluted is an IAM request by s whose parameters come partly from the
// query string and partly from the body.
func polluted(who func(*attackEnv) rawSigner, query, body string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := atkReq(t, "POST", e.url("/?"+query), []byte(body+"&Version=2010-05-08"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		s := who(e)
		s.service = "iam"
		s.signHeader(r, []string{"content-type", "host", "x-amz-date"}, atkSHA256([]byte(body+"&Version=2010-05-08")))
		r.Header.Del("X-Amz-Content-Sha256")
		return r
	}
}

// self is a user allowed iam:PutUserPolicy on itself only (and
// iam:ListUsers).
func (e *attackEnv) self(t *testing.T) rawSigner {
	t.Helper()
	e.query(t, e.root, "iam", "Action", "CreateUser", "UserName", "self")
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "self", "PolicyName", "p", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::111111111111:user/self"},{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}`)
	out := e.query(t, e.root, "iam", "Action", "CreateAccessKey", "UserName", "self")
	return rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1", service: "iam"}
}

// harmless is a policy document that grants nothing.
var harmless = url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:None","Resource":"*"}]}`)

// TestAttackParameterPollution sends an IAM action's parameters twice, in
// the query and the body or twice in one of them, to a user allowed to
// change only itself: whichever value the action acts on is the one it
// was authorized for, so a user allowed iam:PutUserPolicy on itself
// cannot write another user's policy, and one allowed iam:ListUsers
// cannot create a user. AWS authorizes the request it serves
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/intro-structure.html#intro-structure-authorization).
func TestAttackParameterPollution(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	self := e.self(t)
	asSelf := func(*attackEnv) rawSigner { return self }
	deniedPut := "User: arn:aws:iam::111111111111:user/self is not authorized to perform: iam:PutUserPolicy on resource: arn:aws:iam::111111111111:user/reader because no identity-based policy allows the iam:PutUserPolicy action"
	deniedCreate := func(name string) string {
		return "User: arn:aws:iam::111111111111:user/self is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/" + name +
			" because no identity-based policy allows the iam:CreateUser action"
	}
	put := "Action=PutUserPolicy&PolicyName=polluted&PolicyDocument=" + harmless
	runAttacks(t, e, []attack{
		{name: "user name in the query first", req: polluted(asSelf, "UserName=reader", put+"&UserName=self"),
			status: 403, code: "AccessDenied", message: deniedPut},
		{name: "user name twice in the body", req: polluted(asSelf, "", put+"&UserName=reader&UserName=self"),
			status: 403, code: "AccessDenied", message: deniedPut},
		{name: "action in the query first", req: polluted(asSelf, "Action=CreateUser&UserName=evil1", "Action=ListUsers"),
			status: 403, code: "AccessDenied", message: deniedCreate("evil1")},
		{name: "action twice in the body", req: polluted(asSelf, "", "Action=CreateUser&Action=ListUsers&UserName=evil2"),
			status: 403, code: "AccessDenied", message: deniedCreate("evil2")},
	})
	out := e.query(t, e.root, "iam", "Action", "ListUserPolicies", "UserName", "reader")
	if atkField(out, "member") != "read" || len(regexpAll("<member>", out)) != 1 {
		t.Errorf("reader's policies after the attempts: %s, want only read", out)
	}
	if out := e.query(t, e.root, "iam", "Action", "ListUsers"); len(regexpAll("evil", out)) != 0 {
		t.Errorf("a user was created: %s", out)
	}
}

// denyReaderSecret is a bucket policy that denies the reader
// s3:GetObject on atk/secret only.
const denyReaderSecret = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:user/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::atk/secret"}]}`

// readerGet is a GET of path by the reader, for host ("" for the
// server's own).
func readerGet(path, host string) func(*testing.T, *attackEnv) *http.Request {
	return func(t *testing.T, e *attackEnv) *http.Request {
		r := atkReq(t, "GET", e.url(path), nil)
		if host != "" {
			r.Host = host
		}
		e.reader.signHeader(r, []string{"host", "x-amz-content-sha256", "x-amz-date"}, atkSHA256(nil))
		return r
	}
}

// TestAttackKeySpellings reads an object a bucket policy denies under
// other spellings of its bucket and key. S3 keys are taken as sent (no
// dot-segment or slash normalization, case-sensitive), so a spelling that
// names the object is denied and one that does not names no object; none
// returns its content.
func TestAttackKeySpellings(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	atkMust(t, e.s3(t, e.root, "PUT", "/atk?policy", denyReaderSecret, nil), http.StatusNoContent)
	denied := `User: arn:aws:iam::111111111111:user/reader is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::atk/secret" with an explicit deny in a resource-based policy`
	noKey := "The specified key does not exist."
	var attacks []attack
	for _, p := range []string{"/atk/secret", "/atk/%73ecret", "/%61tk/secret", "/atk/secret?partNumber=1", "/atk/secret?response-content-type=text/html"} {
		attacks = append(attacks, attack{name: "GET " + p, req: readerGet(p, ""), status: 403, code: "AccessDenied", message: denied})
	}
	for _, p := range []string{"/atk/./secret", "/atk/x/../secret", "/atk//secret", "/atk/secret%00", "/atk/secret/", "/atk/Secret", "/atk/secret;x"} {
		attacks = append(attacks, attack{name: "GET " + p, req: readerGet(p, ""), status: 404, code: "NoSuchKey", message: noKey})
	}
	for _, p := range []string{"/ATK/secret", "/Atk/secret"} {
		attacks = append(attacks, attack{name: "GET " + p, req: readerGet(p, ""), status: 404, code: "NoSuchBucket"})
	}
	for _, h := range []string{"atk.s3.localhost.localstack.cloud", "ATK.s3.localhost.localstack.cloud", "atk.localhost", "atk.s3.us-east-1.amazonaws.com", "atk.s3.localhost.localstack.cloud."} {
		attacks = append(attacks, attack{name: "virtual host " + h, req: readerGet("/secret", h), status: 403, code: "AccessDenied", message: denied})
	}
	attacks = append(attacks,
		attack{name: "virtual host and the bucket in the path too", req: readerGet("/atk/secret", "atk.localhost"), status: 404, code: "NoSuchKey", message: noKey},
		attack{name: "versionId without s3:GetObjectVersion", req: func(t *testing.T, e *attackEnv) *http.Request {
			return readerGet("/atk/secret?versionId="+e.secretVersion, "")(t, e)
		}, status: 403, code: "AccessDenied", message: `User: arn:aws:iam::111111111111:user/reader is not authorized to perform: s3:GetObjectVersion on resource: "arn:aws:s3:::atk/secret" because no identity-based policy allows the s3:GetObjectVersion action`},
	)
	runAttacks(t, e, attacks)
}

// writer is a user allowed to write and read atk/pub/* only, with the
// multipart permissions there, and to list atk.
func (e *attackEnv) writer(t *testing.T) rawSigner {
	t.Helper()
	e.query(t, e.root, "iam", "Action", "CreateUser", "UserName", "writer")
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "writer", "PolicyName", "w", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObject","s3:GetObjectVersion","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],"Resource":"arn:aws:s3:::atk/pub/*"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::atk"}]}`)
	out := e.query(t, e.root, "iam", "Action", "CreateAccessKey", "UserName", "writer")
	return rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1", service: "s3"}
}

// TestAttackUploadAndVersionIDs uses ids of one object with another: a
// multipart upload started by the owner for atk/private/x, driven by a
// user allowed atk/pub/* only through a key it may write, and a version
// id of atk/secret given as the copy source version of an object the
// user may read. An upload or version id names its object's upload or
// version only: NoSuchUpload and NoSuchVersion, 404, as S3 answers an id
// it does not know (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
func TestAttackUploadAndVersionIDs(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	w := e.writer(t)
	atkMust(t, e.s3(t, e.root, "PUT", "/atk/pub/a", "a", nil), http.StatusOK)
	upload := atkField(atkMust(t, e.s3(t, e.root, "POST", "/atk/private/x?uploads", "", nil), http.StatusOK), "UploadId")
	asWriter := func(method, path, body string, header map[string]string) func(*testing.T, *attackEnv) *http.Request {
		return func(t *testing.T, e *attackEnv) *http.Request { return e.s3(t, w, method, path, body, header) }
	}
	complete := `<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"0cc175b9c0f1b6a831c399e269772661"</ETag></Part></CompleteMultipartUpload>`
	runAttacks(t, e, []attack{
		{name: "UploadPart", req: asWriter("PUT", "/atk/pub/y?partNumber=1&uploadId="+upload, "part", nil), status: 404, code: "NoSuchUpload"},
		{name: "UploadPartCopy of a secret", req: asWriter("PUT", "/atk/pub/y?partNumber=1&uploadId="+upload, "", map[string]string{"x-amz-copy-source": "/atk/pub/a"}),
			status: 404, code: "NoSuchUpload"},
		{name: "ListParts", req: asWriter("GET", "/atk/pub/y?uploadId="+upload, "", nil), status: 404, code: "NoSuchUpload"},
		{name: "CompleteMultipartUpload", req: asWriter("POST", "/atk/pub/y?uploadId="+upload, complete, nil), status: 404, code: "NoSuchUpload", absent: "/atk/pub/y"},
		{name: "AbortMultipartUpload", req: asWriter("DELETE", "/atk/pub/y?uploadId="+upload, "", nil), status: 404, code: "NoSuchUpload"},
		{name: "copy source version of another object", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, w, "PUT", "/atk/pub/c", "", map[string]string{"x-amz-copy-source": "/atk/pub/a?versionId=" + e.secretVersion})
		}, status: 404, code: "NoSuchVersion", absent: "/atk/pub/c"},
		{name: "copy source outside the user's prefix", req: asWriter("PUT", "/atk/pub/d", "", map[string]string{"x-amz-copy-source": "/atk/secret"}),
			status: 403, code: "AccessDenied", absent: "/atk/pub/d"},
	})
	// The owner's upload is untouched: it lists no part.
	parts := atkMust(t, e.s3(t, e.root, "GET", "/atk/private/x?uploadId="+upload, "", nil), http.StatusOK)
	if len(regexpAll("<Part>", parts)) != 0 {
		t.Errorf("the owner's upload has parts after the attempts: %s", parts)
	}
}

// sessionOf is a role session in the account of root, whose role may do
// anything in S3.
func (e *attackEnv) sessionOf(t *testing.T, root rawSigner) rawSigner {
	t.Helper()
	account := root.akid
	e.query(t, root, "iam", "Action", "CreateUser", "UserName", "assumer")
	e.query(t, root, "iam", "Action", "PutUserPolicy", "UserName", "assumer", "PolicyName", "assume", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`)
	out := e.query(t, root, "iam", "Action", "CreateAccessKey", "UserName", "assumer")
	assumer := rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1"}
	e.query(t, root, "iam", "Action", "CreateRole", "RoleName", "any", "AssumeRolePolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::`+account+`:root"},"Action":"sts:AssumeRole"}]}`)
	e.query(t, root, "iam", "Action", "PutRolePolicy", "RoleName", "any", "PolicyName", "s3", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)
	out = e.query(t, assumer, "sts", "Action", "AssumeRole", "RoleArn", "arn:aws:iam::"+account+":role/any", "RoleSessionName", "other")
	return rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"),
		token: atkField(out, "SessionToken"), region: "us-east-1", service: "s3"}
}

// TestAttackSessionTokenSwap signs with one account's session key and
// presents another account's session token (and the reverse): a session
// token is good only with the key it was issued with, so S3 answers it as
// an unknown key, 403 InvalidAccessKeyId (recorded against AWS for an
// independently valid but mismatched token in justincormack/argmin
// guides/aws-compatibility.md, 2026-07-13), and nothing is written.
func TestAttackSessionTokenSwap(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	theirs := e.sessionOf(t, e.other)
	mixed := func(key, token rawSigner, path string) func(*testing.T, *attackEnv) *http.Request {
		return func(t *testing.T, e *attackEnv) *http.Request {
			key.token = token.token
			return e.s3(t, key, "PUT", path, "x", nil)
		}
	}
	runAttacks(t, e, []attack{
		{name: "their key, our token", req: mixed(theirs, e.session, "/atk/f1"), status: 403, code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.", absent: "/atk/f1"},
		{name: "our key, their token", req: mixed(e.session, theirs, "/atk/f2"), status: 403, code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.", absent: "/atk/f2"},
		{name: "their session writes our bucket", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, theirs, "PUT", "/atk/f3", "x", nil)
		}, status: 403, code: "AccessDenied", message: "Access Denied", absent: "/atk/f3"},
	})
}

// TestAttackDeleteObjectsPerKey deletes, in one DeleteObjects request, a
// key the caller may delete and one it may not: S3 authorizes each key on
// its own and answers the other with an <Error> AccessDenied for that key
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html),
// leaving it in place.
func TestAttackDeleteObjectsPerKey(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "reader", "PolicyName", "del", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::atk/pub/*"}]}`)
	atkMust(t, e.s3(t, e.root, "PUT", "/atk/pub/a", "a", nil), http.StatusOK)
	body := `<Delete><Object><Key>pub/a</Key></Object><Object><Key>secret</Key></Object><Object><Key>pub/../secret</Key></Object></Delete>`
	out := atkMust(t, e.s3(t, e.reader, "POST", "/atk?delete", body, map[string]string{"Content-MD5": contentMD5(body)}), http.StatusOK)
	if !regexp.MustCompile(`<Error><Key>secret</Key><Code>AccessDenied</Code>`).MatchString(out) {
		t.Errorf("DeleteObjects = %s, want an AccessDenied error for secret", out)
	}
	if !regexp.MustCompile(`<Deleted><Key>pub/a</Key>`).MatchString(out) {
		t.Errorf("DeleteObjects = %s, want pub/a deleted", out)
	}
	atkMust(t, e.s3(t, e.root, "HEAD", "/atk/secret", "", nil), http.StatusOK)
}

// TestAttackVersionWithoutVersionPermission names a version of an object
// to a user allowed each operation on the object but none of the version
// actions: S3 authorizes a request with versionId as the operation's
// *Version* action (s3:GetObjectVersion, s3:GetObjectVersionAcl, ...;
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html),
// so each is refused and the version is untouched.
func TestAttackVersionWithoutVersionPermission(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	e.query(t, e.root, "iam", "Action", "CreateUser", "UserName", "nover")
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "nover", "PolicyName", "p", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:GetObjectAcl","s3:GetObjectTagging","s3:PutObjectTagging",`+
			`"s3:DeleteObjectTagging","s3:PutObjectAcl","s3:DeleteObject","s3:GetObjectAttributes","s3:ListBucket"],"Resource":["arn:aws:s3:::atk","arn:aws:s3:::atk/*"]}]}`)
	out := e.query(t, e.root, "iam", "Action", "CreateAccessKey", "UserName", "nover")
	nover := rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1", service: "s3"}
	tag := `<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>`
	denied := func(action string) string {
		return `User: arn:aws:iam::111111111111:user/nover is not authorized to perform: ` + action +
			` on resource: "arn:aws:s3:::atk/secret" because no identity-based policy allows the ` + action + ` action`
	}
	var attacks []attack
	for _, c := range []struct {
		method, sub, body, action string
		header                    map[string]string
	}{
		{"GET", "", "", "s3:GetObjectVersion", nil},
		{"GET", "acl&", "", "s3:GetObjectVersionAcl", nil},
		{"PUT", "acl&", "", "s3:PutObjectVersionAcl", map[string]string{"x-amz-acl": "private"}},
		{"GET", "tagging&", "", "s3:GetObjectVersionTagging", nil},
		{"PUT", "tagging&", tag, "s3:PutObjectVersionTagging", map[string]string{"Content-MD5": contentMD5(tag)}},
		{"DELETE", "tagging&", "", "s3:DeleteObjectVersionTagging", nil},
		{"GET", "attributes&", "", "s3:GetObjectVersionAttributes", map[string]string{"x-amz-object-attributes": "ETag"}},
		{"DELETE", "", "", "s3:DeleteObjectVersion", nil},
	} {
		attacks = append(attacks, attack{name: c.method + " ?" + c.sub + "versionId", req: func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, nover, c.method, "/atk/secret?"+c.sub+"versionId="+e.secretVersion, c.body, c.header)
		}, status: 403, code: "AccessDenied", message: denied(c.action)})
	}
	runAttacks(t, e, attacks)
	got := atkMust(t, e.s3(t, e.root, "GET", "/atk/secret?tagging&versionId="+e.secretVersion, "", nil), http.StatusOK)
	if !regexp.MustCompile(`<TagSet></TagSet>`).MatchString(got) {
		t.Errorf("the version's tags changed: %s", got)
	}
	atkMust(t, e.s3(t, e.root, "HEAD", "/atk/secret?versionId="+e.secretVersion, "", nil), http.StatusOK)
}

// TestAttackCopySourceSpellings copies an object a bucket policy denies
// the caller, naming it in x-amz-copy-source spelled other ways: a
// spelling that names the object is denied (the copy source is
// authorized as the object it names), one that names another key finds
// none, and nothing is copied.
func TestAttackCopySourceSpellings(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:user/reader"},"Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::atk/secret"}]}`
	atkMust(t, e.s3(t, e.root, "PUT", "/atk?policy", deny, nil), http.StatusNoContent)
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "reader", "PolicyName", "w", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject","s3:GetObjectVersion"],"Resource":"arn:aws:s3:::atk/*"}]}`)
	deniedAs := func(action string) string {
		return `User: arn:aws:iam::111111111111:user/reader is not authorized to perform: ` + action +
			` on resource: "arn:aws:s3:::atk/secret" with an explicit deny in a resource-based policy`
	}
	copyAs := func(dst, src string) func(*testing.T, *attackEnv) *http.Request {
		return func(t *testing.T, e *attackEnv) *http.Request {
			return e.s3(t, e.reader, "PUT", dst, "", map[string]string{"x-amz-copy-source": src})
		}
	}
	var attacks []attack
	for i, src := range []string{"/atk/secret", "atk/secret", "/atk/%73ecret", "atk%2Fsecret", "/atk/secret?x=y"} {
		dst := "/atk/pub/d" + string(rune('a'+i))
		attacks = append(attacks, attack{name: src, req: copyAs(dst, src), status: 403, code: "AccessDenied", message: deniedAs("s3:GetObject"), absent: dst})
	}
	for i, src := range []string{"/atk/./secret", "/atk//secret", "/atk/secret#x", "/atk/secret%23", "/atk/secret%3FversionId%3Dnull"} {
		dst := "/atk/pub/n" + string(rune('a'+i))
		attacks = append(attacks, attack{name: src, req: copyAs(dst, src), status: 404, code: "NoSuchKey", message: "The specified key does not exist.", absent: dst})
	}
	attacks = append(attacks,
		attack{name: "versionId", req: func(t *testing.T, e *attackEnv) *http.Request {
			return copyAs("/atk/pub/v1", "/atk/secret?versionId="+e.secretVersion)(t, e)
		}, status: 403, code: "AccessDenied", message: deniedAs("s3:GetObjectVersion"), absent: "/atk/pub/v1"},
		attack{name: "versionId twice", req: func(t *testing.T, e *attackEnv) *http.Request {
			return copyAs("/atk/pub/v2", "/atk/secret?versionId="+e.secretVersion+"&versionId=null")(t, e)
		}, status: 403, code: "AccessDenied", message: deniedAs("s3:GetObjectVersion"), absent: "/atk/pub/v2"},
	)
	runAttacks(t, e, attacks)
}

// TestAttackOtherUsersCredentialIDs names another user's access key or
// service-specific credential by its id in a call the caller may make on
// itself only (UserName omitted, so the caller's own, or given as its
// own): IAM looks the id up among that user's credentials only, so it is
// 404 NoSuchEntity, as for an id that does not exist
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html),
// and the other user's key keeps working.
func TestAttackOtherUsersCredentialIDs(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	e.query(t, e.root, "iam", "Action", "CreateUser", "UserName", "self")
	e.query(t, e.root, "iam", "Action", "PutUserPolicy", "UserName", "self", "PolicyName", "p", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*AccessKey*","iam:*ServiceSpecificCredential*"],"Resource":"arn:aws:iam::111111111111:user/self"}]}`)
	out := e.query(t, e.root, "iam", "Action", "CreateAccessKey", "UserName", "self")
	self := rawSigner{akid: atkField(out, "AccessKeyId"), secret: atkField(out, "SecretAccessKey"), region: "us-east-1"}
	out = e.query(t, e.root, "iam", "Action", "CreateServiceSpecificCredential", "UserName", "reader", "ServiceName", "codecommit.amazonaws.com")
	credID := atkField(out, "ServiceSpecificCredentialId")
	call := func(kv ...string) func(*testing.T, *attackEnv) *http.Request {
		return func(t *testing.T, e *attackEnv) *http.Request { return e.queryReq(t, self, "iam", kv...) }
	}
	noKey := "The Access Key with id " + e.reader.akid + " cannot be found."
	runAttacks(t, e, []attack{
		{name: "UpdateAccessKey", req: call("Action", "UpdateAccessKey", "AccessKeyId", e.reader.akid, "Status", "Inactive"), status: 404, code: "NoSuchEntity", message: noKey},
		{name: "UpdateAccessKey as its own", req: call("Action", "UpdateAccessKey", "UserName", "self", "AccessKeyId", e.reader.akid, "Status", "Inactive"),
			status: 404, code: "NoSuchEntity", message: noKey},
		{name: "DeleteAccessKey", req: call("Action", "DeleteAccessKey", "AccessKeyId", e.reader.akid), status: 404, code: "NoSuchEntity", message: noKey},
		{name: "DeleteAccessKey as its own", req: call("Action", "DeleteAccessKey", "UserName", "self", "AccessKeyId", e.reader.akid), status: 404, code: "NoSuchEntity", message: noKey},
		{name: "ResetServiceSpecificCredential", req: call("Action", "ResetServiceSpecificCredential", "ServiceSpecificCredentialId", credID), status: 404, code: "NoSuchEntity"},
		{name: "UpdateServiceSpecificCredential as its own", req: call("Action", "UpdateServiceSpecificCredential", "UserName", "self", "ServiceSpecificCredentialId", credID, "Status", "Inactive"),
			status: 404, code: "NoSuchEntity"},
		{name: "DeleteServiceSpecificCredential as its own", req: call("Action", "DeleteServiceSpecificCredential", "UserName", "self", "ServiceSpecificCredentialId", credID),
			status: 404, code: "NoSuchEntity"},
	})
	atkMust(t, e.s3(t, e.reader, "GET", "/atk/obj", "", nil), http.StatusOK)
	if out := e.query(t, e.root, "iam", "Action", "ListServiceSpecificCredentials", "UserName", "reader"); atkField(out, "Status") != "Active" {
		t.Errorf("reader's service-specific credential after the attempts: %s", out)
	}
}

// TestAttackOtherAccountsManagedPolicy uses another account's customer
// managed policy (one that allows everything) from this account: it
// cannot be attached or set as a boundary (404 NoSuchEntity "... does not
// exist or is not attachable.", IAM's answer for a policy it cannot
// attach), nor read or changed (403: IAM policies have no resource
// policy to grant another account).
func TestAttackOtherAccountsManagedPolicy(t *testing.T) {
	t.Parallel()
	e := startAttackEnv(t)
	e.query(t, e.other, "iam", "Action", "CreatePolicy", "PolicyName", "theirs", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	const arn = "arn:aws:iam::222222222222:policy/theirs"
	call := func(kv ...string) func(*testing.T, *attackEnv) *http.Request {
		return func(t *testing.T, e *attackEnv) *http.Request { return e.queryReq(t, e.root, "iam", kv...) }
	}
	notAttachable := "Policy " + arn + " does not exist or is not attachable."
	denied := func(action string) string {
		return "User: arn:aws:iam::111111111111:root is not authorized to perform: " + action + " on resource: " + arn
	}
	runAttacks(t, e, []attack{
		{name: "AttachUserPolicy", req: call("Action", "AttachUserPolicy", "UserName", "reader", "PolicyArn", arn), status: 404, code: "NoSuchEntity", message: notAttachable},
		{name: "AttachRolePolicy", req: call("Action", "AttachRolePolicy", "RoleName", "atk-role", "PolicyArn", arn), status: 404, code: "NoSuchEntity", message: notAttachable},
		{name: "PutUserPermissionsBoundary", req: call("Action", "PutUserPermissionsBoundary", "UserName", "reader", "PermissionsBoundary", arn),
			status: 404, code: "NoSuchEntity", message: "Scope ARN: " + arn + " does not exist or is not attachable."},
		{name: "GetPolicyVersion", req: call("Action", "GetPolicyVersion", "PolicyArn", arn, "VersionId", "v1"), status: 403, code: "AccessDenied", message: denied("iam:GetPolicyVersion")},
		{name: "CreatePolicyVersion", req: call("Action", "CreatePolicyVersion", "PolicyArn", arn, "SetAsDefault", "true", "PolicyDocument",
			`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`), status: 403, code: "AccessDenied", message: denied("iam:CreatePolicyVersion")},
		{name: "DeletePolicy", req: call("Action", "DeletePolicy", "PolicyArn", arn), status: 403, code: "AccessDenied", message: denied("iam:DeletePolicy")},
	})
	if out := e.query(t, e.root, "iam", "Action", "ListAttachedUserPolicies", "UserName", "reader"); len(regexpAll("theirs", out)) != 0 {
		t.Errorf("reader has the other account's policy attached: %s", out)
	}
}
