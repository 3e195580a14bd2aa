package iam

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// X.509 signing certificates of IAM users (and of the root user):
// UploadSigningCertificate and friends, at most maxSigningCertificates per
// user. The actions are authorized on the user's ARN (root's for the root
// user), like the access-key actions.

const (
	maxSigningCertificates = 2
	patCertificateID       = `[\w]+`

	// DeleteUser's refusal while the user has a signing certificate, as
	// the AWS CLI showed it (quoted in rebuy-de/aws-nuke#671, 2021).
	msgDeleteSigningCerts = "Cannot delete entity, must delete certificates first."
)

func noSuchSigningCertificate(id string) *awserr.Error {
	return noSuchEntity("The Certificate with id %s cannot be found.", id)
}

type xmlSigningCertificate struct {
	UserName        string `xml:"UserName,omitempty"`
	CertificateID   string `xml:"CertificateId"`
	CertificateBody string `xml:"CertificateBody"`
	Status          string `xml:"Status"`
	UploadDate      string `xml:"UploadDate"`
}

func signingCertificateXML(c *store.SigningCertificate) xmlSigningCertificate {
	return xmlSigningCertificate{UserName: c.UserName, CertificateID: c.ID, CertificateBody: c.Body,
		Status: c.Status, UploadDate: isoTime(c.Uploaded)}
}

// userSigningCertificates returns the signing certificates of user ("" for
// root) in acct, oldest first.
func userSigningCertificates(tx *store.Tx, acct, user string) ([]*store.SigningCertificate, error) {
	return ownedBy(tx, acct, store.KindSigningCertificate, user, func(c *store.SigningCertificate) (string, time.Time, string) {
		return c.UserName, c.Uploaded, c.ID
	})
}

// loadSigningCertificate finds the certificate id of user.
func loadSigningCertificate(tx *store.Tx, acct, user, id string) (*store.SigningCertificate, error) {
	c, err := get[store.SigningCertificate](tx, acct, store.KindSigningCertificate, id, noSuchSigningCertificate(id))
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(c.UserName, user) {
		return nil, noSuchSigningCertificate(id)
	}
	return c, nil
}

type uploadSigningCertificateResult struct {
	Certificate xmlSigningCertificate `xml:"Certificate"`
}

// uploadSigningCertificate serves UploadSigningCertificate: a PEM X.509
// certificate, Active, not already uploaded in the account.
func (h *Handler) uploadSigningCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	body := v.required(p, "CertificateBody", 1, 16384, patCertificate)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "UploadSigningCertificate", name, named)
	if err != nil {
		return nil, err
	}
	cert, err := parseCertificate(body)
	if err != nil {
		// Not UploadServerCertificate's sentence: LocalStack
		// test_iam_signing_certificates.py test_signing_certificate_errors,
		// "upload-invalid-certificate-error" (recorded 5 Mar 2026).
		return nil, malformedCertificate("Certificate %s is malformed.", body)
	}
	acct := account(ctx)
	rec := &store.SigningCertificate{ID: ids.AccessKeyID("") + ids.AccessKeyID(""), Body: body, DER: cert.Raw,
		Status: "Active", Uploaded: h.clock()}
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// rec.UserName afresh, as a second run must.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		rec.UserName = ""
		owner, err := ownerName(tx, acct, user)
		if err != nil {
			return err
		}
		rec.UserName = owner
		certs, err := all[store.SigningCertificate](tx, acct, store.KindSigningCertificate)
		if err != nil {
			return err
		}
		n := 0
		for _, c := range certs {
			if bytes.Equal(c.DER, rec.DER) {
				return awserr.New("DuplicateCertificate", http.StatusConflict,
					"The request was rejected because the same certificate is associated with an IAM user in the account.")
			}
			if strings.EqualFold(c.UserName, rec.UserName) {
				n++
			}
		}
		if n >= maxSigningCertificates {
			return limitExceeded("Cannot exceed quota for CertificatesPerUser: %d", maxSigningCertificates)
		}
		return tx.Put(acct, store.KindSigningCertificate, rec.ID, rec)
	})
	if err != nil {
		return nil, wrap("upload signing certificate", err)
	}
	return &uploadSigningCertificateResult{Certificate: signingCertificateXML(rec)}, nil
}

type listSigningCertificatesResult struct {
	Certificates members[xmlSigningCertificate] `xml:"Certificates"`
	pageInfo
}

// listSigningCertificates serves ListSigningCertificates.
func (h *Handler) listSigningCertificates(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	pg, more, err := listOwned(ctx, h, "ListSigningCertificates", "list signing certificates", name, named, pp,
		userSigningCertificates, signingCertificateXML)
	if err != nil {
		return nil, err
	}
	return &listSigningCertificatesResult{Certificates: list(pg), pageInfo: more}, nil
}

// updateSigningCertificate serves UpdateSigningCertificate (Active or
// Inactive).
func (h *Handler) updateSigningCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	id := v.required(p, "CertificateId", 24, 128, patCertificateID)
	status := v.credentialStatus(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := changeOwned(ctx, h, "UpdateSigningCertificate", name, named, id, loadSigningCertificate,
		func(tx *store.Tx, acct string, c *store.SigningCertificate) error {
			c.Status = status
			return tx.Put(acct, store.KindSigningCertificate, c.ID, c)
		})
	return nil, wrap("update signing certificate", err)
}

// deleteSigningCertificate serves DeleteSigningCertificate.
func (h *Handler) deleteSigningCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	id := v.required(p, "CertificateId", 24, 128, patCertificateID)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := changeOwned(ctx, h, "DeleteSigningCertificate", name, named, id, loadSigningCertificate,
		func(tx *store.Tx, acct string, c *store.SigningCertificate) error {
			return tx.Delete(acct, store.KindSigningCertificate, c.ID)
		})
	return nil, wrap("delete signing certificate", err)
}
