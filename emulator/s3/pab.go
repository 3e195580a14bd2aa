package s3

import (
	"encoding/xml"
	"net/http"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/store"
)

type pabConfiguration struct {
	XMLName               xml.Name `xml:"PublicAccessBlockConfiguration"`
	NS                    string   `xml:"xmlns,attr,omitempty"`
	BlockPublicAcls       bool     `xml:"BlockPublicAcls"`
	IgnorePublicAcls      bool     `xml:"IgnorePublicAcls"`
	BlockPublicPolicy     bool     `xml:"BlockPublicPolicy"`
	RestrictPublicBuckets bool     `xml:"RestrictPublicBuckets"`
}

// stored is the configuration as the store keeps it.
func (c *pabConfiguration) stored() store.PublicAccessBlock {
	return store.PublicAccessBlock{BlockPublicAcls: c.BlockPublicAcls, IgnorePublicAcls: c.IgnorePublicAcls,
		BlockPublicPolicy: c.BlockPublicPolicy, RestrictPublicBuckets: c.RestrictPublicBuckets}
}

func pabXML(p *store.PublicAccessBlock) *pabConfiguration {
	return &pabConfiguration{NS: xmlns, BlockPublicAcls: p.BlockPublicAcls, IgnorePublicAcls: p.IgnorePublicAcls,
		BlockPublicPolicy: p.BlockPublicPolicy, RestrictPublicBuckets: p.RestrictPublicBuckets}
}

func errNoSuchPAB(bucket string) *awserr.Error {
	e := awserr.New(codeNoSuchPAB, http.StatusNotFound, "The public access block configuration was not found")
	if bucket != "" {
		e = e.With("BucketName", bucket)
	}
	return e
}

// getPublicAccessBlock serves GetPublicAccessBlock (bucket level).
func (h *Handler) getPublicAccessBlock(rq *req) (*result, error) {
	b, err := h.authorizedBucket(rq, "s3:GetBucketPublicAccessBlock")
	if err != nil {
		return nil, err
	}
	if b.PublicAccessBlock == nil {
		return nil, errNoSuchPAB(rq.bucket)
	}
	return &result{xml: pabXML(b.PublicAccessBlock)}, nil
}

// putPublicAccessBlock serves PutPublicAccessBlock (bucket level).
func (h *Handler) putPublicAccessBlock(rq *req) (*result, error) {
	if _, err := h.authorizedBucket(rq, "s3:PutBucketPublicAccessBlock"); err != nil {
		return nil, err
	}
	var in pabConfiguration
	if err := readXMLBody(rq, &in); err != nil {
		return nil, err
	}
	p := in.stored()
	return nil, h.updateBucket(rq, func(b *store.Bucket) error {
		b.PublicAccessBlock = &p
		return nil
	})
}

// deletePublicAccessBlock serves DeletePublicAccessBlock (bucket level;
// authorized as s3:PutBucketPublicAccessBlock).
func (h *Handler) deletePublicAccessBlock(rq *req) (*result, error) {
	if _, err := h.authorizedBucket(rq, "s3:PutBucketPublicAccessBlock"); err != nil {
		return nil, err
	}
	return &result{status: http.StatusNoContent}, h.updateBucket(rq, func(b *store.Bucket) error {
		b.PublicAccessBlock = nil
		return nil
	})
}

// accountPublicAccessBlock serves the S3 Control account-level
// Get/Put/DeletePublicAccessBlock at /v20180820/configuration/publicAccessBlock.
func (h *Handler) accountPublicAccessBlock(rq *req) (*result, error) {
	acct, err := controlAccount(rq)
	if err != nil {
		return nil, err
	}
	self := &bucketState{Bucket: store.Bucket{Account: acct}}
	action := map[string]string{http.MethodGet: "s3:GetAccountPublicAccessBlock",
		http.MethodPut: "s3:PutAccountPublicAccessBlock", http.MethodDelete: "s3:PutAccountPublicAccessBlock"}[rq.r.Method]
	if action == "" {
		return nil, errMethodNotAllowed(rq.r.Method, "SERVICE")
	}
	if err := h.authorize(rq, self, check{action: action, resource: "*"}); err != nil {
		return nil, err
	}
	var in pabConfiguration
	if rq.r.Method == http.MethodPut {
		// Read before the transaction: a slow body must not hold the
		// store's write lock.
		if err := readXMLBody(rq, &in); err != nil {
			return nil, err
		}
	}
	var out *result
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// out afresh, as a second run must.
	err = h.db.Batch(rq.ctx, func(tx *store.Tx) error {
		out = nil
		a, err := tx.EnsureAccount(acct, h.now())
		if err != nil {
			return err
		}
		switch rq.r.Method {
		case http.MethodGet:
			if a.PublicAccessBlock == nil {
				return errNoSuchPAB("").With("AccountId", acct)
			}
			x := pabXML(a.PublicAccessBlock)
			x.NS = s3ControlNS
			out = &result{xml: x}
			return nil
		case http.MethodPut:
			p := in.stored()
			a.PublicAccessBlock = &p
			out = &result{}
		default:
			a.PublicAccessBlock = nil
			out = &result{status: http.StatusNoContent}
		}
		return tx.Put(acct, store.KindAccount, store.KindAccount, a)
	})
	return out, err
}
