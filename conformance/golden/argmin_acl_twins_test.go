package golden

import (
	"context"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's *_acl.rs files whose tests repeat a twin's in a
// bucket with ACLs enabled (ObjectWriter, Block Public Access deleted)
// but were not cited by name: website_redirect_acl.rs (its copy sets the
// redirect with MetadataDirective COPY) and public_access_block_acl.rs
// test_block_public_copy_object_canned_acl (Block Public Access with
// BlockPublicAcls alone).

// aclTwinGot is a GetObject answer's redirect and body.
type aclTwinGot struct{ Redirect, Body string }

func TestArgminACLTwins(t *testing.T) {
	redirect := func(test string) string { return argmin("website_redirect_acl.rs", test) }
	acl := argminSteps(argminBucket(true, types.ObjectOwnershipObjectWriter))
	redirectIs := func(v any) Want { return Want{Fields: map[string]any{"WebsiteRedirectLocation": v}} }
	put := append(acl[:len(acl):len(acl)], bktPutRedirect("acl-put-redirect", "redirect-body", "/docs/acl-put.html"))
	copied := append(acl[:len(acl):len(acl)], bktPutRedirect("acl-copy-src", "copy-body", "/docs/source.html"),
		bktStep(bktCopy("acl-copy-src", "acl-copy-dst", "/docs/acl-copy.html", types.MetadataDirectiveCopy)))
	pabCopy := argmin("public_access_block_acl.rs", "test_block_public_copy_object_canned_acl")
	on := aws.Bool(true)
	Run(t, []Case{
		argminCase("HeadObject/a redirect put in an ACL bucket", redirect("test_website_redirect_acl_put_object_round_trip"), put,
			bktHead("acl-put-redirect", ""), redirectIs("/docs/acl-put.html")),
		argminCase("GetObject/a redirect put in an ACL bucket", redirect("test_website_redirect_acl_put_object_round_trip"), put,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				out, err := primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("acl-put-redirect")})
				if err != nil {
					return out, err
				}
				defer out.Body.Close()
				b, err := io.ReadAll(out.Body)
				return aclTwinGot{Redirect: aws.ToString(out.WebsiteRedirectLocation), Body: string(b)}, err
			}, Want{Fields: map[string]any{"Redirect": "/docs/acl-put.html", "Body": "redirect-body"}}),
		argminCase("HeadObject/the source of a copy with COPY and a redirect", redirect("test_website_redirect_acl_copy_object_explicit_redirect"), copied,
			bktHead("acl-copy-src", ""), redirectIs("/docs/source.html")),
		argminCase("HeadObject/a copy with COPY and an explicit redirect", redirect("test_website_redirect_acl_copy_object_explicit_redirect"), copied,
			bktHead("acl-copy-dst", ""), redirectIs("/docs/acl-copy.html")),
		argminCase("HeadObject/an ACL bucket's multipart upload's redirect from its initiation", redirect("test_website_redirect_acl_multipart_persists_from_initiation"),
			append(acl[:len(acl):len(acl)], bktMultipart("acl-multipart-redirect", "/docs/acl-multipart.html")),
			bktHead("acl-multipart-redirect", ""), redirectIs("/docs/acl-multipart.html")),
		argminCase("CopyObject/public-read while BlockPublicAcls alone is set", pabCopy,
			argminSteps(bktCreateOwnership(types.ObjectOwnershipBucketOwnerPreferred), argminPut("src", "data", ""), bktPrimaryPAB(on, nil, nil, nil)),
			copy2Object("src", "dst", types.ObjectCannedACLPublicRead, nil), argminDenied),
	})
}
