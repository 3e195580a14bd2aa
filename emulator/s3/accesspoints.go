package s3

// S3 access points of general purpose buckets, S3 Control's side:
// CreateAccessPoint, GetAccessPoint, DeleteAccessPoint, ListAccessPoints
// and an access point's policy, at /v20180820/accesspoint[/NAME[/policy]].
// The answers and errors are those recorded from AWS in LocalStack's
// tests/aws/services/s3control/test_s3control.snapshot.json
// (TestS3ControlAccessPoint, 30 May 2024). Requests through an access
// point, by its alias, are in accesspointdata.go.

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// accessPointPrefix is the path of S3 Control's access point operations.
const accessPointPrefix = "/v20180820/accesspoint"

// accessPointURIName is what S3 Control's URI takes as an access point
// name; anything else is InvalidURI (recorded for "xn-_test-alias", "sa",
// 51 characters, upper case, an underscore).
var accessPointURIName = regexp.MustCompile(`^[a-z0-9.-]{3,50}$`)

// controlAccount is the account an S3 Control request acts in
// (x-amz-account-id), which must be the caller's own.
func controlAccount(rq *req) (string, error) {
	acct := rq.r.Header.Get("X-Amz-Account-Id")
	if rq.anonymous() || acct == "" || acct != rq.callerAccount() {
		return "", errAccessDenied()
	}
	return acct, nil
}

// accessPointRequest is what an access point operation names: the account
// (x-amz-account-id), the access point and the sub-resource after it.
type accessPointRequest struct {
	account, name, sub string
}

// accessPoints serves S3 Control's access point operations.
func (h *Handler) accessPoints(rq *req) (*result, error) {
	ar, err := parseAccessPointPath(rq)
	if err != nil {
		return nil, err
	}
	if ar.account, err = controlAccount(rq); err != nil {
		return nil, err
	}
	rq.bucket, rq.key, rq.hasKey = "", "", false
	switch {
	case ar.name == "" && rq.r.Method == http.MethodGet:
		return h.listAccessPoints(rq, ar)
	case ar.name == "":
		return nil, errMethodNotAllowed(rq.r.Method, "ACCESSPOINT")
	case ar.sub == "":
		return h.accessPointItself(rq, ar)
	case ar.sub == "policy":
		return h.accessPointPolicy(rq, ar)
	case ar.sub == "policyStatus" && rq.r.Method == http.MethodGet:
		return h.accessPointPolicyStatus(rq, ar)
	}
	return nil, errMethodNotAllowed(rq.r.Method, "ACCESSPOINT")
}

// parseAccessPointPath reads the access point name and sub-resource of
// the path; a name S3 Control's URI does not take is InvalidURI naming the
// path after the version.
func parseAccessPointPath(rq *req) (accessPointRequest, error) {
	rest := strings.TrimPrefix(rq.r.URL.Path, accessPointPrefix)
	if rest == "" || rest == "/" {
		return accessPointRequest{}, nil
	}
	name, sub, _ := strings.Cut(strings.TrimPrefix(rest, "/"), "/")
	if !accessPointURIName.MatchString(name) || strings.Contains(sub, "/") {
		return accessPointRequest{}, awserr.New("InvalidURI", http.StatusBadRequest, "Couldn't parse the specified URI.").
			With("URI", strings.TrimPrefix(rq.r.URL.Path, "/v20180820/"))
	}
	return accessPointRequest{name: name, sub: sub}, nil
}

// accessPointItself serves Create, Get and DeleteAccessPoint.
func (h *Handler) accessPointItself(rq *req, ar accessPointRequest) (*result, error) {
	switch rq.r.Method {
	case http.MethodPut:
		return h.createAccessPoint(rq, ar)
	case http.MethodGet:
		ap, err := h.authorizedAccessPoint(rq, ar, "s3:GetAccessPoint")
		if err != nil {
			return nil, err
		}
		return &result{xml: getAccessPointXML(ap)}, nil
	case http.MethodDelete:
		return h.deleteAccessPoint(rq, ar)
	}
	return nil, errMethodNotAllowed(rq.r.Method, "ACCESSPOINT")
}

// accessPointARN is the ARN of access point name of account in region.
func accessPointARN(region, account, name string) string {
	return "arn:aws:s3:" + region + ":" + account + ":accesspoint/" + name
}

// errNoSuchAccessPoint is the answer for an access point that does not
// exist (recorded).
func errNoSuchAccessPoint(name string) *awserr.Error {
	return awserr.New("NoSuchAccessPoint", http.StatusNotFound, "The specified accesspoint does not exist").
		With("AccessPointName", name)
}

// createAccessPointRequest is CreateAccessPoint's body.
type createAccessPointRequest struct {
	XMLName          xml.Name                `xml:"CreateAccessPointRequest"`
	Bucket           string                  `xml:"Bucket"`
	BucketAccountID  string                  `xml:"BucketAccountId"`
	VpcConfiguration *struct{ VpcId string } `xml:"VpcConfiguration"`
	PAB              *pabConfiguration       `xml:"PublicAccessBlockConfiguration"`
}

// createAccessPoint serves CreateAccessPoint.
func (h *Handler) createAccessPoint(rq *req, ar accessPointRequest) (*result, error) {
	var in createAccessPointRequest
	if err := readXMLBody(rq, &in); err != nil {
		return nil, err
	}
	if err := validAccessPointName(ar.name); err != nil {
		return nil, err
	}
	if in.VpcConfiguration != nil {
		return nil, errNotImplementedHere("VpcConfiguration")
	}
	region := rq.region()
	arn := accessPointARN(region, ar.account, ar.name)
	if err := h.authorize(rq, &bucketState{Bucket: store.Bucket{Account: ar.account}},
		check{action: "s3:CreateAccessPoint", resource: arn}); err != nil {
		return nil, err
	}
	ap := &store.AccessPoint{Name: ar.name, Account: ar.account, Bucket: in.Bucket, Region: region,
		Alias: accessPointAlias(ar.name), Created: h.now().UTC().Truncate(time.Second),
		PublicAccessBlock: store.PublicAccessBlock{BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}}
	if in.PAB != nil {
		ap.PublicAccessBlock = in.PAB.stored()
	}
	err := h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		var b store.Bucket
		if tx.Get(store.Global, store.KindBucket, in.Bucket, &b) != nil ||
			(in.BucketAccountID != "" && in.BucketAccountID != b.Account) {
			return errInvalidRequest("Amazon S3 AccessPoint can only be created for existing bucket")
		}
		if tx.Exists(ar.account, store.KindAccessPoint, ar.name) {
			return awserr.New("AccessPointAlreadyOwnedByYou", http.StatusConflict,
				"Your previous request to create the named accesspoint succeeded and you already own it.")
		}
		ap.BucketAccount = b.Account
		if err := tx.Put(store.Global, store.KindAccessPointAlias, ap.Alias, store.AccessPointRef{Account: ar.account, Name: ar.name}); err != nil {
			return err
		}
		return tx.Put(ar.account, store.KindAccessPoint, ar.name, ap)
	})
	if err != nil {
		return nil, err
	}
	return &result{xml: &createAccessPointResult{NS: s3ControlNS, AccessPointArn: arn, Alias: ap.Alias}}, nil
}

// validAccessPointName applies the naming rules past the URI's: no
// leading hyphen, no dot, not ending in -s3alias (recorded message; AWS's
// code for it is not recorded: InvalidRequest here).
func validAccessPointName(name string) error {
	if strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-") || strings.Contains(name, ".") ||
		strings.HasSuffix(name, "-s3alias") || strings.HasPrefix(name, "xn--") {
		return errInvalidRequest("Your Amazon S3 AccessPoint name is invalid")
	}
	return nil
}

// accessPointAlias makes an alias as S3 does: a prefix of the name, 34
// random lower-case letters and digits, and -s3alias, at most 63
// characters so that it is a valid bucket name (how AWS shortens a long
// name is not recorded).
func accessPointAlias(name string) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var raw [34]byte
	_, _ = rand.Read(raw[:])
	for i, c := range raw {
		raw[i] = alphabet[int(c)%len(alphabet)]
	}
	prefix := strings.TrimRight(name[:min(len(name), 63-1-34-len("-s3alias"))], "-")
	return prefix + "-" + string(raw[:]) + "-s3alias"
}

// authorizedAccessPoint loads access point ar and authorizes action on it.
func (h *Handler) authorizedAccessPoint(rq *req, ar accessPointRequest, action string) (*store.AccessPoint, error) {
	ap, err := h.loadAccessPoint(rq, ar.account, ar.name)
	if err != nil {
		return nil, err
	}
	arn := accessPointARN(ap.Region, ap.Account, ap.Name)
	if err := h.authorize(rq, &bucketState{Bucket: store.Bucket{Account: ap.Account}}, check{action: action, resource: arn}); err != nil {
		return nil, err
	}
	return ap, nil
}

// loadAccessPoint reads access point name of account.
func (h *Handler) loadAccessPoint(rq *req, account, name string) (*store.AccessPoint, error) {
	var ap store.AccessPoint
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		if err := tx.Get(account, store.KindAccessPoint, name, &ap); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errNoSuchAccessPoint(name)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &ap, nil
}

// deleteAccessPoint serves DeleteAccessPoint: 204.
func (h *Handler) deleteAccessPoint(rq *req, ar accessPointRequest) (*result, error) {
	ap, err := h.authorizedAccessPoint(rq, ar, "s3:DeleteAccessPoint")
	if err != nil {
		return nil, err
	}
	err = h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		if !tx.Exists(ar.account, store.KindAccessPoint, ar.name) {
			return errNoSuchAccessPoint(ar.name)
		}
		if err := tx.Delete(store.Global, store.KindAccessPointAlias, ap.Alias); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		return tx.Delete(ar.account, store.KindAccessPoint, ar.name)
	})
	if err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, nil
}

// createAccessPointResult is CreateAccessPoint's answer.
type createAccessPointResult struct {
	XMLName        xml.Name `xml:"CreateAccessPointResult"`
	NS             string   `xml:"xmlns,attr"`
	AccessPointArn string   `xml:"AccessPointArn"`
	Alias          string   `xml:"Alias"`
}

// accessPointEntry is an access point as ListAccessPoints shows it.
type accessPointEntry struct {
	Name            string `xml:"Name"`
	NetworkOrigin   string `xml:"NetworkOrigin"`
	Bucket          string `xml:"Bucket"`
	AccessPointArn  string `xml:"AccessPointArn"`
	Alias           string `xml:"Alias"`
	BucketAccountID string `xml:"BucketAccountId"`
}

// getAccessPointResult is GetAccessPoint's answer, in AWS's order.
type getAccessPointResult struct {
	XMLName         xml.Name          `xml:"GetAccessPointResult"`
	NS              string            `xml:"xmlns,attr"`
	Name            string            `xml:"Name"`
	Bucket          string            `xml:"Bucket"`
	NetworkOrigin   string            `xml:"NetworkOrigin"`
	PAB             *pabConfiguration `xml:"PublicAccessBlockConfiguration"`
	CreationDate    string            `xml:"CreationDate"`
	Alias           string            `xml:"Alias"`
	AccessPointArn  string            `xml:"AccessPointArn"`
	Endpoints       []endpointEntry   `xml:"Endpoints>entry"`
	BucketAccountID string            `xml:"BucketAccountId"`
}

type endpointEntry struct {
	Key   string `xml:"key"`
	Value string `xml:"value"`
}

// getAccessPointXML is GetAccessPoint's answer for ap; its endpoints are
// AWS's host names for the access point's Region (recorded).
func getAccessPointXML(ap *store.AccessPoint) *getAccessPointResult {
	pab := pabXML(&ap.PublicAccessBlock)
	pab.NS = "" // in the answer's namespace
	suffix := ap.Region + ".amazonaws.com"
	return &getAccessPointResult{NS: s3ControlNS, Name: ap.Name, Bucket: ap.Bucket, NetworkOrigin: "Internet",
		PAB:          pab,
		CreationDate: ap.Created.UTC().Format(time.RFC3339), Alias: ap.Alias,
		AccessPointArn: accessPointARN(ap.Region, ap.Account, ap.Name),
		Endpoints: []endpointEntry{
			{"dualstack", "s3-accesspoint.dualstack." + suffix}, {"fips", "s3-accesspoint-fips." + suffix},
			{"fips_dualstack", "s3-accesspoint-fips.dualstack." + suffix}, {"ipv4", "s3-accesspoint." + suffix}},
		BucketAccountID: ap.BucketAccount}
}

// listAccessPointsResult is ListAccessPoints' answer.
type listAccessPointsResult struct {
	XMLName   xml.Name           `xml:"ListAccessPointsResult"`
	NS        string             `xml:"xmlns,attr"`
	List      []accessPointEntry `xml:"AccessPointList>AccessPoint"`
	NextToken string             `xml:"NextToken,omitempty"`
}

// listAccessPoints serves ListAccessPoints: the account's access points in
// name order (recorded), of one bucket when bucket= is sent, at most
// maxResults (1,000 by default) a page.
func (h *Handler) listAccessPoints(rq *req, ar accessPointRequest) (*result, error) {
	if err := h.authorize(rq, &bucketState{Bucket: store.Bucket{Account: ar.account}},
		check{action: "s3:ListAccessPoints", resource: "*"}); err != nil {
		return nil, err
	}
	max := 1000
	if v := rq.q.Get("maxResults"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1000 {
			return nil, errInvalidArgument("maxResults must be between 0 and 1000", "maxResults", v)
		}
		max = n
	}
	start := ""
	if t := rq.q.Get("nextToken"); t != "" {
		raw, err := base64.RawURLEncoding.DecodeString(t)
		if err != nil {
			return nil, errInvalidArgument("The continuation token provided is incorrect", "nextToken", t)
		}
		start = string(raw)
	}
	out := &listAccessPointsResult{NS: s3ControlNS}
	bucket := rq.q.Get("bucket")
	err := h.db.View(rq.ctx, func(tx *store.Tx) error {
		return store.Each(tx, ar.account, store.KindAccessPoint, func(ap *store.AccessPoint) error {
			if ap.Name < start || (bucket != "" && ap.Bucket != bucket) {
				return nil
			}
			if len(out.List) == max {
				out.NextToken = base64.RawURLEncoding.EncodeToString([]byte(ap.Name))
				return store.ErrStop
			}
			out.List = append(out.List, accessPointEntry{Name: ap.Name, NetworkOrigin: "Internet", Bucket: ap.Bucket,
				AccessPointArn: accessPointARN(ap.Region, ap.Account, ap.Name), Alias: ap.Alias, BucketAccountID: ap.BucketAccount})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return &result{xml: out}, nil
}
