package s3

import (
	"encoding/xml"
	"errors"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/policyjson"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/evaluator"
)

// An access point's resource policy: Put, Get and DeleteAccessPointPolicy
// and GetAccessPointPolicyStatus.

// accessPointPolicy serves Put, Get and DeleteAccessPointPolicy.
func (h *Handler) accessPointPolicy(rq *req, ar accessPointRequest) (*result, error) {
	switch rq.r.Method {
	case http.MethodGet:
		ap, err := h.authorizedAccessPoint(rq, ar, "s3:GetAccessPointPolicy")
		if err != nil {
			return nil, err
		}
		if ap.Policy == "" {
			return nil, errNoSuchAccessPointPolicy(ap.Name)
		}
		return &result{xml: &accessPointPolicyResult{NS: s3ControlNS, Policy: ap.Policy}}, nil
	case http.MethodPut:
		return h.putAccessPointPolicy(rq, ar)
	case http.MethodDelete:
		if _, err := h.authorizedAccessPoint(rq, ar, "s3:DeleteAccessPointPolicy"); err != nil {
			return nil, err
		}
		return &result{status: http.StatusNoContent}, h.updateAccessPoint(rq, ar, func(ap *store.AccessPoint) error {
			ap.Policy = ""
			return nil
		})
	}
	return nil, errMethodNotAllowed(rq.r.Method, "ACCESSPOINT")
}

// errNoSuchAccessPointPolicy is the answer for an access point without a
// policy (S3 Control's error-code list: NoSuchAccessPointPolicy, 404).
func errNoSuchAccessPointPolicy(name string) *awserr.Error {
	return awserr.New("NoSuchAccessPointPolicy", http.StatusNotFound, "The specified accesspoint policy does not exist").
		With("AccessPointName", name)
}

type accessPointPolicyResult struct {
	XMLName xml.Name `xml:"GetAccessPointPolicyResult"`
	NS      string   `xml:"xmlns,attr"`
	Policy  string   `xml:"Policy"`
}

// putAccessPointPolicy serves PutAccessPointPolicy: the document must be
// a resource policy whose resources are this access point or objects
// through it, checked as a bucket policy is (MalformedPolicy).
func (h *Handler) putAccessPointPolicy(rq *req, ar accessPointRequest) (*result, error) {
	var in struct {
		XMLName xml.Name `xml:"PutAccessPointPolicyRequest"`
		Policy  string   `xml:"Policy"`
	}
	if err := readXMLBody(rq, &in); err != nil {
		return nil, err
	}
	ap, err := h.authorizedAccessPoint(rq, ar, "s3:PutAccessPointPolicy")
	if err != nil {
		return nil, err
	}
	if err := h.validateAccessPointPolicy(rq, ap, in.Policy); err != nil {
		return nil, err
	}
	if ap.PublicAccessBlock.BlockPublicPolicy && isPublicPolicy(in.Policy) {
		// The bucket's refusal, naming the access point (AWS's wording
		// for an access point is not recorded).
		return nil, awserr.New(codeAccessDenied, http.StatusForbidden, "User: "+rq.info.Caller.ARN+
			" is not authorized to perform: s3:PutAccessPointPolicy on resource: \""+accessPointARN(ap.Region, ap.Account, ap.Name)+
			"\" because public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access.")
	}
	return nil, h.updateAccessPoint(rq, ar, func(ap *store.AccessPoint) error {
		ap.Policy = in.Policy
		return nil
	})
}

// validateAccessPointPolicy checks doc's grammar, resources, actions and
// principals.
func (h *Handler) validateAccessPointPolicy(rq *req, ap *store.AccessPoint, doc string) error {
	if _, err := evaluator.Parse(doc, evaluator.KindResource); err != nil {
		var pe *evaluator.ParseError
		if errors.As(err, &pe) {
			return errMalformedPolicy(pe.Message)
		}
		return errMalformedPolicy(evaluator.MsgSyntax)
	}
	arn := accessPointARN(ap.Region, ap.Account, ap.Name)
	for _, st := range policyjson.Statements[rawStatement](doc) {
		for _, r := range append(policyjson.Strings(st.Resource), policyjson.Strings(st.NotResource)...) {
			if r != arn && !strings.HasPrefix(r, arn+"/object/") {
				return errMalformedPolicy(msgInvalidResource)
			}
		}
		for _, a := range append(policyjson.Strings(st.Action), policyjson.Strings(st.NotAction)...) {
			if !validS3Action(a) {
				return errMalformedPolicy(msgInvalidAction)
			}
		}
	}
	_, err := h.checkPrincipals(rq, doc)
	return err
}

// updateAccessPoint changes access point ar in a write transaction.
func (h *Handler) updateAccessPoint(rq *req, ar accessPointRequest, change func(*store.AccessPoint) error) error {
	return h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		var ap store.AccessPoint
		if err := tx.Get(ar.account, store.KindAccessPoint, ar.name, &ap); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return errNoSuchAccessPoint(ar.name)
			}
			return err
		}
		if err := change(&ap); err != nil {
			return err
		}
		return tx.Put(ar.account, store.KindAccessPoint, ar.name, &ap)
	})
}

type accessPointPolicyStatusResult struct {
	XMLName  xml.Name `xml:"GetAccessPointPolicyStatusResult"`
	NS       string   `xml:"xmlns,attr"`
	IsPublic bool     `xml:"PolicyStatus>IsPublic"`
}

// accessPointPolicyStatus serves GetAccessPointPolicyStatus.
func (h *Handler) accessPointPolicyStatus(rq *req, ar accessPointRequest) (*result, error) {
	ap, err := h.authorizedAccessPoint(rq, ar, "s3:GetAccessPointPolicyStatus")
	if err != nil {
		return nil, err
	}
	if ap.Policy == "" {
		return nil, errNoSuchAccessPointPolicy(ap.Name)
	}
	return &result{xml: &accessPointPolicyStatusResult{NS: s3ControlNS, IsPublic: isPublicPolicy(ap.Policy)}}, nil
}
