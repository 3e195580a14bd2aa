package golden

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Cases of argmin's website_redirect.rs (website_redirect_acl.rs repeats
// them). The browser POST tests are in argmin_objcopy2_test.go.

const bktRedirectHeader = "x-amz-website-redirect-location"

// bktPutRedirect writes key with body and a redirect ("" none) as the
// primary user.
func bktPutRedirect(key, body, redirect string) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		in := &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key), Body: strings.NewReader(body)}
		if redirect != "" {
			in.WebsiteRedirectLocation = aws.String(redirect)
		}
		_, err := primary(w, u).PutObject(ctx, in)
		return err
	}
}

func bktHead(key, version string) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.HeadObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(key)}
		if version != "" {
			in.VersionId = aws.String(version)
		}
		return primary(w, u).HeadObject(ctx, in)
	}
}

// bktCopy copies src to dst in argminBkt with a redirect ("" none).
func bktCopy(src, dst, redirect string, directive types.MetadataDirective) bktCall {
	return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		in := &s3.CopyObjectInput{Bucket: aws.String(argminBkt), Key: aws.String(dst), CopySource: aws.String(argminBkt + "/" + src),
			MetadataDirective: directive}
		if redirect != "" {
			in.WebsiteRedirectLocation = aws.String(redirect)
		}
		return primary(w, u).CopyObject(ctx, in)
	}
}

// bktMultipart completes a one-part upload of key, initiated with a
// redirect ("" none).
func bktMultipart(key, redirect string) argminStep {
	return func(ctx context.Context, w *World, u *argminUsers) error {
		c, b, k := primary(w, u), aws.String(argminBkt), aws.String(key)
		in := &s3.CreateMultipartUploadInput{Bucket: b, Key: k}
		if redirect != "" {
			in.WebsiteRedirectLocation = aws.String(redirect)
		}
		up, err := c.CreateMultipartUpload(ctx, in)
		if err != nil {
			return err
		}
		part, err := c.UploadPart(ctx, &s3.UploadPartInput{Bucket: b, Key: k, UploadId: up.UploadId, PartNumber: aws.Int32(1),
			Body: strings.NewReader("multipart-body")})
		if err != nil {
			return err
		}
		_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: b, Key: k, UploadId: up.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}})
		return err
	}
}

// bktVersionIDs are the version ids one case's set-up wrote.
type bktVersionIDs struct{ v1, v2 string }

func TestArgminWebsiteRedirect(t *testing.T) {
	src := func(test string) string { return argmin("website_redirect.rs", test) }
	made := argminSteps(argminBucket(false, ""))
	redirectIs := func(v any) Want { return Want{Fields: map[string]any{"WebsiteRedirectLocation": v}} }
	rawPut := func(key string, header http.Header) bktCall {
		return bktRawBody(bktSignedPut("/"+argminBkt+"/"+key, header))
	}
	// rawPutBody is put_object_with_raw_headers: the suite's body.
	rawPutBody := func(key string, header http.Header) bktCall {
		return bktRawBody(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/"+key, []byte("redirect-boundary-body"), header)
		})
	}
	long := func(n int) string { return "/" + strings.Repeat("r", n-1) }
	exact := 2048 - len(bktRedirectHeader)
	tooLarge := func(size int) Want {
		return Want{Status: http.StatusBadRequest, Code: "MetadataTooLarge", Message: "Your metadata headers exceed the maximum allowed metadata size",
			Fields: map[string]any{"Body.Text": bktAll("<Size>"+strconv.Itoa(size)+"</Size>", "<MaxSizeAllowed>2048</MaxSizeAllowed>")}}
	}
	// versioned writes two versions of key with redirects /docs/v1.html
	// and /docs/v2.html into ids, one per case.
	versioned := func(ids *bktVersionIDs) []argminStep {
		return argminSteps(argminBucket(false, ""), func(ctx context.Context, w *World, u *argminUsers) error {
			if _, err := primary(w, u).PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String(argminBkt),
				VersioningConfiguration: &types.VersioningConfiguration{Status: types.BucketVersioningStatusEnabled}}); err != nil {
				return err
			}
			for i, r := range []string{"/docs/v1.html", "/docs/v2.html"} {
				out, err := primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("versioned-redirect"),
					Body: strings.NewReader([]string{"version-one", "version-two"}[i]), WebsiteRedirectLocation: aws.String(r)})
				if err != nil {
					return err
				}
				*[]*string{&ids.v1, &ids.v2}[i] = aws.ToString(out.VersionId)
			}
			return nil
		})
	}
	idsHead, idsGet := &bktVersionIDs{}, &bktVersionIDs{}
	getVersion := func(ids *bktVersionIDs) bktCall {
		return func(ctx context.Context, w *World, u *argminUsers) (any, error) {
			return primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("versioned-redirect"),
				VersionId: aws.String(ids.v1)})
		}
	}
	shapeKey := "shape-redirect-object.txt"
	shapePut := bktStep(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
		return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/"+shapeKey, []byte("redirect-body"),
			http.Header{bktRedirectHeader: {"/docs/landing.html"}})
	})
	getHead := map[string]any{"header:ETag": Present, "header:Last-Modified": Present, "header:Accept-Ranges": "bytes",
		"header:Content-Type": "binary/octet-stream", "header:" + bktRedirectHeader: "/docs/landing.html",
		"header:x-amz-server-side-encryption": "AES256", "header:Content-Length": "13"}
	Run(t, []Case{
		argminCase("HeadObject/the redirect put", src("test_put_object_website_redirect_round_trips_on_head_and_get"),
			append(made, bktPutRedirect("put-redirect", "redirect-body", "/docs/landing.html")), bktHead("put-redirect", ""), redirectIs("/docs/landing.html")),
		argminCase("GetObject/the redirect put", src("test_put_object_website_redirect_round_trips_on_head_and_get"),
			append(made, bktPutRedirect("put-redirect", "redirect-body", "/docs/landing.html")),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("put-redirect")})
			}, redirectIs("/docs/landing.html")),
		argminCase("PutObject/a redirect without a leading slash", src("test_put_object_website_redirect_without_leading_slash_rejected"), made,
			bktRawBody(func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/invalid-relative", []byte("invalid-relative-body"),
					http.Header{bktRedirectHeader: {"docs/landing.html"}})
			}), Want{Status: http.StatusBadRequest, Code: "InvalidRedirectLocation",
				Message: "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.",
				Fields:  map[string]any{"header:Content-Type": "application/xml", "header:x-amz-request-id": Present, "header:x-amz-id-2": Present}}),
		argminCase("HeadObject/no object after a refused redirect", src("test_put_object_website_redirect_without_leading_slash_rejected"),
			append(made, func(ctx context.Context, w *World, u *argminUsers) error {
				_, _ = w.Signed(ctx, u.primary, http.MethodPut, "/"+argminBkt+"/invalid-relative", []byte("x"), http.Header{bktRedirectHeader: {"docs/landing.html"}})
				return nil
			}), bktHead("invalid-relative", ""), Want{Refused: true}),
		// The suite checks the code; the status is the 400 its sibling test
		// pins for InvalidRedirectLocation.
		argminCase("PutObject/an ftp:// redirect", src("test_put_object_website_redirect_unsupported_scheme_rejected"), made,
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return primary(w, u).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(argminBkt), Key: aws.String("invalid-scheme"),
					Body: strings.NewReader("invalid-scheme-body"), WebsiteRedirectLocation: aws.String("ftp://example.com/out")})
			}, Want{Status: http.StatusBadRequest, Code: "InvalidRedirectLocation"}),
		argminCase("PutObject/a redirect of 2 KB with its header name", src("test_put_object_website_redirect_exact_2k_with_header_name_is_accepted"), made,
			rawPutBody("redirect-2k-exact", http.Header{bktRedirectHeader: {long(exact)}}), Want{}),
		argminCase("HeadObject/a redirect of 2 KB with its header name", src("test_put_object_website_redirect_exact_2k_with_header_name_is_accepted"),
			append(made, bktStep(rawPutBody("redirect-2k-exact", http.Header{bktRedirectHeader: {long(exact)}}))),
			bktHead("redirect-2k-exact", ""), redirectIs(long(exact))),
		argminCase("PutObject/a redirect one byte over 2 KB with its header name", src("test_put_object_website_redirect_lengths_over_aggregate_limit_are_rejected"), made,
			rawPutBody("over-1", http.Header{bktRedirectHeader: {long(exact + 1)}}), tooLarge(2048+1)),
		argminCase("PutObject/a redirect of 2048 characters", src("test_put_object_website_redirect_lengths_over_aggregate_limit_are_rejected"), made,
			rawPutBody("over-2048", http.Header{bktRedirectHeader: {long(2048)}}), tooLarge(len(bktRedirectHeader)+2048)),
		argminCase("PutObject/a redirect of 2049 characters", src("test_put_object_website_redirect_lengths_over_aggregate_limit_are_rejected"), made,
			rawPutBody("over-2049", http.Header{bktRedirectHeader: {long(2049)}}), tooLarge(len(bktRedirectHeader)+2049)),
		argminCase("PutObject/a 2 KB redirect and Cache-Control", src("test_put_object_website_redirect_exact_2k_plus_small_system_header_is_rejected"), made,
			rawPutBody("redirect-plus-cache-control", http.Header{bktRedirectHeader: {long(exact)}, "Cache-Control": {"x"}}),
			tooLarge(2048+len("cache-control")+1)),
		argminCase("HeadObject/a copy's source keeps its redirect", src("test_copy_object_does_not_copy_redirect_without_explicit_header"),
			append(made, bktPutRedirect("copy-src", "copy-body", "/docs/source.html"), bktStep(bktCopy("copy-src", "copy-dst", "", types.MetadataDirectiveCopy))),
			bktHead("copy-src", ""), redirectIs("/docs/source.html")),
		argminCase("HeadObject/a copy does not take the source's redirect", src("test_copy_object_does_not_copy_redirect_without_explicit_header"),
			append(made, bktPutRedirect("copy-src", "copy-body", "/docs/source.html"), bktStep(bktCopy("copy-src", "copy-dst", "", types.MetadataDirectiveCopy))),
			bktHead("copy-dst", ""), redirectIs(Absent)),
		argminCase("HeadObject/a copy's explicit redirect", src("test_copy_object_explicit_redirect_persists_on_destination"),
			append(made, bktPutRedirect("copy-src-explicit", "copy-explicit-body", ""), bktStep(bktCopy("copy-src-explicit", "copy-dst-explicit", "/docs/destination.html", ""))),
			bktHead("copy-dst-explicit", ""), redirectIs("/docs/destination.html")),
		argminCase("CopyObject/onto itself changing only the redirect", src("test_copy_object_same_key_redirect_only_change_is_allowed"),
			append(made, bktPutRedirect("copy-same-key-redirect", "same-key-body", "")),
			bktCopy("copy-same-key-redirect", "copy-same-key-redirect", "/docs/changed-by-copy.html", ""), Want{}),
		argminCase("HeadObject/after a copy onto itself changing only the redirect", src("test_copy_object_same_key_redirect_only_change_is_allowed"),
			append(made, bktPutRedirect("copy-same-key-redirect", "same-key-body", ""),
				bktStep(bktCopy("copy-same-key-redirect", "copy-same-key-redirect", "/docs/changed-by-copy.html", ""))),
			bktHead("copy-same-key-redirect", ""), redirectIs("/docs/changed-by-copy.html")),
		argminCase("CopyObject/onto itself with the same redirect", src("test_copy_object_same_key_with_explicit_same_redirect_is_allowed"),
			append(made, bktPutRedirect("copy-same-key-no-change", "same-key-no-change-body", "/docs/original.html")),
			bktCopy("copy-same-key-no-change", "copy-same-key-no-change", "/docs/original.html", ""), Want{}),
		argminCase("HeadObject/a multipart upload's redirect from its initiation", src("test_multipart_upload_redirect_persists_from_initiation"),
			append(made, bktMultipart("multipart-redirect", "/docs/multipart.html")), bktHead("multipart-redirect", ""), redirectIs("/docs/multipart.html")),
		argminCase("HeadObject/a multipart upload without a redirect", src("test_multipart_upload_without_redirect_remains_absent"),
			append(made, bktMultipart("multipart-no-redirect", "")), bktHead("multipart-no-redirect", ""), redirectIs(Absent)),
		argminCase("HeadObject/the current version's redirect", src("test_versioned_objects_surface_redirect_metadata_per_version"), versioned(&bktVersionIDs{}),
			bktHead("versioned-redirect", ""), redirectIs("/docs/v2.html")),
		argminCase("HeadObject/an older version's redirect", src("test_versioned_objects_surface_redirect_metadata_per_version"), versioned(idsHead),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return bktHead("versioned-redirect", idsHead.v1)(ctx, w, u)
			},
			redirectIs("/docs/v1.html")),
		argminCase("GetObject/an older version's redirect", src("test_versioned_objects_surface_redirect_metadata_per_version"), versioned(idsGet),
			getVersion(idsGet), redirectIs("/docs/v1.html")),
		argminCase("PutObject/the answer's headers with a redirect", src("test_website_redirect_object_response_shape"), made,
			rawPut(shapeKey, http.Header{bktRedirectHeader: {"/docs/landing.html"}}),
			Want{Fields: map[string]any{"header:ETag": Present, "header:x-amz-checksum-type": "FULL_OBJECT",
				"header:x-amz-server-side-encryption": "AES256", "header:x-amz-request-id": Present, "header:x-amz-id-2": Present,
				"header:" + bktRedirectHeader: Absent, "Body.Text": ""}}),
		argminCase("GetObject/the answer's headers with a redirect", src("test_website_redirect_object_response_shape"), append(made, shapePut),
			bktRawBody(bktSignedGet("/"+argminBkt+"/"+shapeKey)), Want{Fields: bktWithField(getHead, "Body.Text", "redirect-body")}),
		argminCase("HeadObject/the answer's headers with a redirect", src("test_website_redirect_object_response_shape"), append(made, shapePut),
			func(ctx context.Context, w *World, u *argminUsers) (any, error) {
				return w.Signed(ctx, u.primary, http.MethodHead, "/"+argminBkt+"/"+shapeKey, nil, nil)
			}, Want{Fields: getHead}),
	})
}

// bktWithField is m with one more field.
func bktWithField(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{k: v}
	for key, val := range m {
		out[key] = val
	}
	return out
}
