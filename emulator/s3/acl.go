package s3

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// ACL grantee groups
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups).
const (
	groupAllUsers      = "http://acs.amazonaws.com/groups/global/AllUsers"
	groupAuthenticated = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	groupLogDelivery   = "http://acs.amazonaws.com/groups/s3/LogDelivery"
	xsiNS              = "http://www.w3.org/2001/XMLSchema-instance"
)

const (
	permFull     = "FULL_CONTROL"
	permRead     = "READ"
	permWrite    = "WRITE"
	permReadACP  = "READ_ACP"
	permWriteACP = "WRITE_ACP"
)

var cannedACLs = map[string]bool{
	"private": true, "public-read": true, "public-read-write": true, "aws-exec-read": true,
	"authenticated-read": true, "bucket-owner-read": true, "bucket-owner-full-control": true,
	"log-delivery-write": true,
}

func ownerGrant(account string) store.S3Grant {
	return store.S3Grant{GranteeType: "CanonicalUser", ID: store.CanonicalID(account), Account: account, Permission: permFull}
}

func groupGrant(uri, perm string) store.S3Grant {
	return store.S3Grant{GranteeType: "Group", URI: uri, Permission: perm}
}

// cannedGrants expands a canned ACL
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl).
// owner owns the resource; bucketOwner owns the bucket it is in.
func cannedGrants(canned, owner, bucketOwner string) []store.S3Grant {
	g := []store.S3Grant{ownerGrant(owner)}
	switch canned {
	case "public-read":
		g = append(g, groupGrant(groupAllUsers, permRead))
	case "public-read-write":
		g = append(g, groupGrant(groupAllUsers, permRead), groupGrant(groupAllUsers, permWrite))
	case "authenticated-read":
		g = append(g, groupGrant(groupAuthenticated, permRead))
	case "bucket-owner-read":
		if bucketOwner != owner {
			bg := ownerGrant(bucketOwner)
			bg.Permission = permRead
			g = append(g, bg)
		}
	case "bucket-owner-full-control":
		if bucketOwner != owner {
			g = append(g, ownerGrant(bucketOwner))
		}
	case "log-delivery-write":
		g = append(g, groupGrant(groupLogDelivery, permWrite), groupGrant(groupLogDelivery, permReadACP))
	case "aws-exec-read":
		// No account of this emulator is behind the id: the grant
		// reaches nobody here.
		g = append(g, store.S3Grant{GranteeType: "CanonicalUser", ID: execReadCanonicalID, Permission: permRead})
	}
	return g
}

// execReadCanonicalID is the canonical user aws-exec-read grants READ
// to: AWS answered GetObjectAcl of an aws-exec-read object with the
// owner's FULL_CONTROL and READ for this id (justincormack/argmin
// crates/s3-tests/tests/object_crud_acl.rs
// test_object_acl_canned_aws_exec_read_during_create and
// test_put_object_acl_canned_aws_exec_read_round_trip, asserted against
// AWS S3 in 2026).
const execReadCanonicalID = "6aa5a366c34c1cbe25dc49211496e913e0351eb0e8c37aa3477e40942ec6b97c"

var grantHeaders = []struct{ header, canonical, perm string }{
	{"x-amz-grant-read", "X-Amz-Grant-Read", permRead},
	{"x-amz-grant-write", "X-Amz-Grant-Write", permWrite},
	{"x-amz-grant-read-acp", "X-Amz-Grant-Read-Acp", permReadACP},
	{"x-amz-grant-write-acp", "X-Amz-Grant-Write-Acp", permWriteACP},
	{"x-amz-grant-full-control", "X-Amz-Grant-Full-Control", permFull},
}

// hasACLHeaders reports whether the request sets an ACL by header.
func hasACLHeaders(r *http.Request) bool {
	if headerValue(r.Header, "X-Amz-Acl") != "" {
		return true
	}
	for _, g := range grantHeaders {
		if headerValue(r.Header, g.canonical) != "" {
			return true
		}
	}
	return false
}

// onlyPrivateACL reports whether the request's only ACL header is
// x-amz-acl: private (rclone sends it on every CreateBucket). AWS asks for
// s3:PutBucketAcl at CreateBucket only beyond that: "if you set the ACL to
// private, or if you don't specify any ACLs, only the s3:CreateBucket
// permission is required" (CreateBucket API reference, Permissions).
func onlyPrivateACL(r *http.Request) bool {
	for _, g := range grantHeaders {
		if r.Header.Get(g.canonical) != "" {
			return false
		}
	}
	return r.Header.Get("X-Amz-Acl") == "private"
}

// requestACL reads the grants a PutBucketAcl or PutObjectAcl request sets,
// from its x-amz-grant-*/x-amz-acl headers or else its body, for a
// resource owned by owner. It refuses grants the bucket's object ownership
// or Block Public Access settings do not allow.
func (h *Handler) requestACL(rq *req, b *bucketState, owner string) ([]store.S3Grant, error) {
	var grants []store.S3Grant
	// Read before the transaction, which a slow body must not hold open.
	body, err := readWholeBody(rq, maxACLBody)
	if err != nil {
		return nil, err
	}
	err = h.db.View(rq.ctx, func(tx *store.Tx) error {
		var ok bool
		var err error
		grants, ok, err = h.grantsFromHeaders(tx, rq.r, owner, b.Account)
		if err == nil && ok && rq.r.ContentLength > 0 {
			// ACL headers and an AccessControlPolicy body together
			// (localstack test_s3.snapshot.json
			// TestS3::test_s3_bucket_acl_exceptions, put-bucket-two-type-acl-acp).
			return errUnexpectedACLContent()
		}
		if err != nil || ok {
			return err
		}
		grants, err = grantsFromBody(tx, body)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !b.aclsEnabled() && !onlyOwnerFullControl(grants, b.Account) {
		return nil, errACLNotSupported()
	}
	if b.pab().BlockPublicAcls && hasPublicGrant(grants) {
		return nil, errAccessDenied()
	}
	return grants, nil
}

// errUnexpectedACLContent refuses ACL headers sent with an
// AccessControlPolicy body.
func errUnexpectedACLContent() error {
	return awserr.New("UnexpectedContent", http.StatusBadRequest, "This request does not support content")
}

// grantsFromHeaders reads x-amz-acl or x-amz-grant-* headers. ok is false
// when neither is present.
func (h *Handler) grantsFromHeaders(tx *store.Tx, r *http.Request, owner, bucketOwner string) (grants []store.S3Grant, ok bool, err error) {
	canned := r.Header.Get("X-Amz-Acl")
	explicit := false
	for _, g := range grantHeaders {
		if r.Header.Get(g.canonical) != "" {
			explicit = true
		}
	}
	switch {
	case canned != "" && explicit:
		return nil, false, errInvalidRequest("Specifying both Canned ACLs and Header Grants is not allowed")
	case canned != "":
		if !cannedACLs[canned] {
			return nil, false, errInvalidArgument("", "x-amz-acl", canned)
		}
		return cannedGrants(canned, owner, bucketOwner), true, nil
	case !explicit:
		return nil, false, nil
	}
	for _, gh := range grantHeaders {
		v := r.Header.Get(gh.canonical)
		if v == "" {
			continue
		}
		for _, item := range strings.Split(v, ",") {
			typ, val, found := strings.Cut(strings.TrimSpace(item), "=")
			if !found {
				return nil, false, errInvalidArgument("Invalid id", gh.header, v)
			}
			val = strings.Trim(strings.TrimSpace(val), `"`)
			g := store.S3Grant{Permission: gh.perm}
			switch strings.ToLower(strings.TrimSpace(typ)) {
			case "id":
				g.GranteeType, g.ID = "CanonicalUser", val
			case "uri":
				g.GranteeType, g.URI = "Group", val
			case "emailaddress":
				g.GranteeType, g.Email = "AmazonCustomerByEmail", val
			default:
				return nil, false, errInvalidArgument("Argument format not recognized", gh.header, v)
			}
			if err := resolveGrantee(tx, &g); err != nil {
				// A header grant names the bad part by its key (id, uri),
				// not by the XML path (localstack test_s3.snapshot.json
				// TestS3::test_s3_bucket_acl_exceptions, put-bucket-grant-acl-wrong-id
				// and -fake-uri).
				if e, ok := awserr.As(err); ok && e.Code == codeInvalidArgument {
					return nil, false, errInvalidArgument(e.Message, strings.ToLower(strings.TrimSpace(typ)), val)
				}
				return nil, false, err
			}
			grants = append(grants, g)
		}
	}
	return grants, true, nil
}

// resolveGrantee checks a grantee and fills the account behind a canonical
// id.
func resolveGrantee(tx *store.Tx, g *store.S3Grant) error {
	switch g.GranteeType {
	case "CanonicalUser":
		if g.ID == store.AnonymousCanonicalID {
			// The id AWS shows as the owner of an anonymous writer's
			// objects, so an ACL read from one can be written back.
			g.Account = store.AnonymousOwner
			return nil
		}
		for _, a := range tx.Accounts() {
			if store.CanonicalID(a) == g.ID {
				g.Account = a
				return nil
			}
		}
		// A 12-digit account id is accepted as a convenience.
		if arns.IsAccountID(g.ID) {
			g.Account, g.ID = g.ID, store.CanonicalID(g.ID)
			return nil
		}
		return errInvalidArgument("Invalid id", "CanonicalUser/ID", g.ID)
	case "Group":
		switch g.URI {
		case groupAllUsers, groupAuthenticated, groupLogDelivery:
			return nil
		}
		return errInvalidArgument("Invalid group uri", "Group/URI", g.URI)
	case "AmazonCustomerByEmail":
		return awserr.New(codeUnresolvableGrantByEmail, http.StatusBadRequest,
			"The e-mail address you provided does not match any account on record.").With("EmailAddress", g.Email)
	}
	return errMalformedACL()
}

func errMalformedACL() *awserr.Error {
	return awserr.New(codeMalformedACLError, http.StatusBadRequest,
		"The XML you provided was not well-formed or did not validate against our published schema")
}

func isPublicGrant(g store.S3Grant) bool {
	return g.GranteeType == "Group" && (g.URI == groupAllUsers || g.URI == groupAuthenticated)
}

func hasPublicGrant(gs []store.S3Grant) bool {
	for _, g := range gs {
		if isPublicGrant(g) {
			return true
		}
	}
	return false
}

// onlyOwnerFullControl reports whether grants are what ACL-disabled buckets
// accept: full control for the bucket owner and nothing else.
func onlyOwnerFullControl(gs []store.S3Grant, bucketOwner string) bool {
	for _, g := range gs {
		if g.GranteeType != "CanonicalUser" || g.Account != bucketOwner || g.Permission != permFull {
			return false
		}
	}
	return true
}

// aclActions maps ACL permissions to the policy actions they grant
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions).
func aclActions(perm string, object bool) []string {
	if object {
		switch perm {
		case permRead:
			return []string{"s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent"}
		case permReadACP:
			return []string{"s3:GetObjectAcl", "s3:GetObjectVersionAcl"}
		case permWriteACP:
			return []string{"s3:PutObjectAcl", "s3:PutObjectVersionAcl"}
		case permFull:
			return []string{"s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTorrent",
				"s3:GetObjectAcl", "s3:GetObjectVersionAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"}
		}
		return nil
	}
	switch perm {
	case permRead:
		return []string{"s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"}
	case permWrite:
		return []string{"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"}
	case permReadACP:
		return []string{"s3:GetBucketAcl"}
	case permWriteACP:
		return []string{"s3:PutBucketAcl"}
	case permFull:
		return []string{"s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads",
			"s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetBucketAcl", "s3:PutBucketAcl"}
	}
	return nil
}

// withoutVersionDelete is acts without s3:DeleteObjectVersion: a bucket
// ACL's WRITE lets only the bucket owner delete versions ("when the
// grantee is the bucket owner, granting WRITE permission in a bucket ACL
// allows the s3:DeleteObjectVersion action to be performed on any version
// in that bucket", https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#permissions);
// other grantees may delete objects (a delete marker when versioned).
func withoutVersionDelete(acts []string) []string {
	out := make([]string, 0, len(acts))
	for _, a := range acts {
		if a != "s3:DeleteObjectVersion" {
			out = append(out, a)
		}
	}
	return out
}

// aclPolicy translates ACL grants into a resource-side policy the evaluator
// can combine with the bucket policy. resource is the bucket ARN (bucket
// ACL: its WRITE grant covers the objects too) or the object ARN; owner is
// the bucket owner's account. It returns nil when no grant applies.
func (h *Handler) aclPolicy(grants []store.S3Grant, bucket, owner, resource string, object, ignorePublic bool) []evaluator.NamedPolicy {
	type stmt struct {
		Effect    string
		Principal any
		Action    []string
		Resource  []string
		Condition map[string]map[string]string `json:",omitempty"`
	}
	var stmts []stmt
	res := []string{resource}
	if !object {
		res = []string{arns.Bucket(bucket), arns.Object(bucket, "*")}
	}
	for _, g := range grants {
		if ignorePublic && (isPublicGrant(g) || g.Account == store.AnonymousOwner) {
			// The anonymous user's grants go too: no AWS source says
			// whether IgnorePublicAcls keeps them, so they are ignored
			// (fail closed).
			continue
		}
		acts := aclActions(g.Permission, object)
		if !object && !(g.GranteeType == "CanonicalUser" && g.Account == owner) {
			acts = withoutVersionDelete(acts)
		}
		if len(acts) == 0 {
			continue
		}
		s := stmt{Effect: "Allow", Action: acts, Resource: res}
		switch {
		case g.GranteeType == "CanonicalUser" && g.Account == store.AnonymousOwner:
			// The anonymous user (the owner of what it wrote): unsigned
			// requests only, which carry no aws:PrincipalArn.
			s.Principal = "*"
			s.Condition = map[string]map[string]string{"Null": {"aws:PrincipalArn": "true"}}
		case g.GranteeType == "CanonicalUser" && g.Account != "":
			s.Principal = map[string]string{"AWS": arns.Root(g.Account)}
		case g.URI == groupAllUsers:
			s.Principal = "*"
		case g.URI == groupAuthenticated:
			s.Principal = "*"
			// Any signed request: anonymous ones carry no aws:PrincipalArn
			// (they do carry aws:PrincipalAccount, as "anonymous").
			s.Condition = map[string]map[string]string{"Null": {"aws:PrincipalArn": "false"}}
		case g.URI == groupLogDelivery:
			s.Principal = map[string]string{"Service": "logging.s3.amazonaws.com"}
		default:
			continue
		}
		stmts = append(stmts, s)
	}
	if len(stmts) == 0 {
		return nil
	}
	doc, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	if err != nil {
		return nil
	}
	p, err := h.authz.Parse(string(doc), evaluator.KindResource)
	if err != nil {
		h.log.Error("s3: ACL policy does not parse", "err", err, "doc", string(doc))
		return nil
	}
	name := "ACL of bucket " + bucket
	if object {
		name = "ACL of " + resource
	}
	return []evaluator.NamedPolicy{{Name: name, Policy: p}}
}

// XML shapes.

type xmlOwner struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName,omitempty"`
}

type xmlGrantee struct {
	XMLNSXsi     string `xml:"xmlns:xsi,attr"`
	Type         string `xml:"xsi:type,attr"`
	ID           string `xml:"ID,omitempty"`
	DisplayName  string `xml:"DisplayName,omitempty"`
	EmailAddress string `xml:"EmailAddress,omitempty"`
	URI          string `xml:"URI,omitempty"`
}

type xmlGrant struct {
	Grantee    xmlGrantee `xml:"Grantee"`
	Permission string     `xml:"Permission"`
}

type accessControlPolicy struct {
	XMLName xml.Name   `xml:"AccessControlPolicy"`
	NS      string     `xml:"xmlns,attr,omitempty"`
	Owner   xmlOwner   `xml:"Owner"`
	Grants  []xmlGrant `xml:"AccessControlList>Grant"`
}

func (h *Handler) aclXML(owner string, grants []store.S3Grant) *accessControlPolicy {
	out := &accessControlPolicy{NS: xmlns, Owner: xmlOwner{ID: store.CanonicalID(owner)}}
	for _, g := range grants {
		out.Grants = append(out.Grants, xmlGrant{Permission: g.Permission, Grantee: xmlGrantee{
			XMLNSXsi: xsiNS, Type: g.GranteeType, ID: g.ID, URI: g.URI, EmailAddress: g.Email,
		}})
	}
	return out
}

// aclInput is the decoding form of AccessControlPolicy.
type aclInput struct {
	XMLName xml.Name `xml:"AccessControlPolicy"`
	Owner   *struct {
		ID string `xml:"ID"`
	} `xml:"Owner"`
	Grants []struct {
		Grantee struct {
			Type         string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
			ID           string `xml:"ID"`
			EmailAddress string `xml:"EmailAddress"`
			URI          string `xml:"URI"`
		} `xml:"Grantee"`
		Permission string `xml:"Permission"`
	} `xml:"AccessControlList>Grant"`
}

// grantsFromBody parses an AccessControlPolicy request body.
func grantsFromBody(tx *store.Tx, body []byte) ([]store.S3Grant, error) {
	var in aclInput
	if err := xml.NewDecoder(bytes.NewReader(body)).Decode(&in); errors.Is(err, io.EOF) {
		// Neither an ACL header nor a body (LocalStack test_s3
		// TestS3::test_s3_bucket_acl_exceptions "put-bucket-empty",
		// recorded against AWS 2026-02-21).
		return nil, awserr.New("MissingSecurityHeader", http.StatusBadRequest,
			"Your request was missing a required header").With("MissingHeaderName", "x-amz-acl")
	} else if err != nil {
		return nil, errMalformedACL()
	}
	if in.Owner == nil {
		return nil, errMalformedACL()
	}
	// The Owner's ID must name an account, as a grantee's does (localstack
	// test_s3.snapshot.json TestS3::test_s3_bucket_acl_exceptions, put-bucket-acp-acl-3).
	if err := resolveGrantee(tx, &store.S3Grant{GranteeType: "CanonicalUser", ID: in.Owner.ID}); err != nil {
		return nil, err
	}
	var out []store.S3Grant
	for _, g := range in.Grants {
		switch g.Permission {
		case permFull, permRead, permWrite, permReadACP, permWriteACP:
		default:
			return nil, errMalformedACL()
		}
		sg := store.S3Grant{GranteeType: g.Grantee.Type, ID: g.Grantee.ID, URI: g.Grantee.URI,
			Email: g.Grantee.EmailAddress, Permission: g.Permission}
		if err := resolveGrantee(tx, &sg); err != nil {
			return nil, err
		}
		out = append(out, sg)
	}
	return out, nil
}
