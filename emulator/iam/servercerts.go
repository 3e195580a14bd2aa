package iam

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/ids"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Server certificates (UploadServerCertificate and friends): SSL/TLS
// certificates kept for load balancers and CloudFront, at most
// maxServerCertificates per account.

const (
	maxServerCertificates = 20
	patCertificate        = patDocument // the same constraint
	serverCertificatePref = "ASCA"

	codeMalformedCertificate awserr.Code = "MalformedCertificate"
	codeKeyPairMismatch      awserr.Code = "KeyPairMismatch"

	msgMalformedCertificate = "Unable to parse certificate. Please ensure the certificate is in PEM format."
	msgMalformedPrivateKey  = "Unable to parse private key. Please ensure the private key is in PEM format."
	msgKeyPairMismatch      = "Unable to validate certificate. Please ensure the private key matches the certificate."
	msgMalformedChain       = "Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: %d"
)

func malformedCertificate(format string, args ...any) *awserr.Error {
	return awserr.Newf(codeMalformedCertificate, http.StatusBadRequest, format, args...)
}

func noSuchServerCertificate(name string) *awserr.Error {
	return noSuchEntity("The Server Certificate with name %s cannot be found.", name)
}

var serverCertsByPath = pathed[store.ServerCertificate]{store.KindServerCertificate, "server-certificate",
	func(c *store.ServerCertificate) string { return c.Path }, func(c *store.ServerCertificate) string { return c.Name }}

func loadServerCertificate(tx *store.Tx, acct, name string) (*store.ServerCertificate, error) {
	return get[store.ServerCertificate](tx, acct, store.KindServerCertificate, key(name), noSuchServerCertificate(name))
}

func (h *Handler) serverCertificateARN(ctx context.Context, acct, name string) string {
	return h.entityARN(ctx, acct, store.KindServerCertificate, "server-certificate", name)
}

// parseCertificate decodes the first PEM CERTIFICATE block of body.
func parseCertificate(body string) (*x509.Certificate, error) {
	b, _ := pem.Decode([]byte(strings.TrimSpace(body)))
	if b == nil || b.Type != "CERTIFICATE" {
		return nil, malformedCertificate(msgMalformedCertificate)
	}
	c, err := x509.ParseCertificate(b.Bytes)
	if err != nil {
		return nil, malformedCertificate(msgMalformedCertificate)
	}
	return c, nil
}

// parsePrivateKey decodes a PEM private key (PKCS #1, PKCS #8 or SEC 1).
func parsePrivateKey(s string) (crypto.Signer, error) {
	b, _ := pem.Decode([]byte(strings.TrimSpace(s)))
	if b == nil {
		return nil, malformedCertificate(msgMalformedPrivateKey)
	}
	if k, err := x509.ParsePKCS1PrivateKey(b.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(b.Bytes); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(b.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	return nil, malformedCertificate(msgMalformedPrivateKey)
}

// checkChain parses the PEM certificates of chain and checks that each
// signs the one before it, starting with leaf.
func checkChain(leaf *x509.Certificate, chain string) error {
	rest := []byte(chain)
	prev, i := leaf, -1
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil || b.Type != "CERTIFICATE" || prev.CheckSignatureFrom(c) != nil {
			return malformedCertificate(msgMalformedChain, i)
		}
		prev = c
		i++
	}
	if i == -1 {
		return malformedCertificate(msgMalformedChain, i)
	}
	return nil
}

type xmlServerCertificateMetadata struct {
	Path                  string `xml:"Path"`
	ServerCertificateName string `xml:"ServerCertificateName"`
	ServerCertificateID   string `xml:"ServerCertificateId"`
	ARN                   string `xml:"Arn"`
	UploadDate            string `xml:"UploadDate"`
	Expiration            string `xml:"Expiration"`
}

func serverCertificateMetadata(c *store.ServerCertificate) xmlServerCertificateMetadata {
	return xmlServerCertificateMetadata{Path: c.Path, ServerCertificateName: c.Name, ServerCertificateID: c.ID,
		ARN: c.ARN, UploadDate: isoTime(c.Uploaded), Expiration: isoTime(c.Expiration)}
}

type uploadServerCertificateResult struct {
	ServerCertificateMetadata xmlServerCertificateMetadata `xml:"ServerCertificateMetadata"`
	Tags                      *members[xmlTag]             `xml:"Tags"`
}

// uploadServerCertificate serves UploadServerCertificate: the body must be
// a PEM certificate, the private key must match it, and the chain (when
// given) must start with the certificate that signed the body.
func (h *Handler) uploadServerCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "ServerCertificateName", 1, 128, patName)
	body := v.required(p, "CertificateBody", 1, 16384, patCertificate)
	priv := v.required(p, "PrivateKey", 1, 16384, patCertificate)
	chain, hasChain := v.optional(p, "CertificateChain", 1, 2097152, patCertificate)
	path := v.path(p, "Path")
	tags, terr := v.tags(p)
	if err := v.errThen(terr); err != nil {
		return nil, err
	}
	acct := account(ctx)
	certARN := arn(acct, "server-certificate", path, name)
	if err := h.authorizeWith(ctx, "UploadServerCertificate", certARN, requestTagKeys(nil, tags)); err != nil {
		return nil, err
	}
	cert, err := parseCertificate(body)
	if err != nil {
		return nil, err
	}
	pk, err := parsePrivateKey(priv)
	if err != nil {
		return nil, err
	}
	if pub, ok := pk.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !pub.Equal(cert.PublicKey) {
		return nil, awserr.New(codeKeyPairMismatch, http.StatusBadRequest, msgKeyPairMismatch)
	}
	if hasChain {
		if err := checkChain(cert, chain); err != nil {
			return nil, err
		}
	}
	rec := &store.ServerCertificate{Name: name, Path: path, ID: ids.Unique(serverCertificatePref), ARN: certARN,
		Body: body, Chain: chain, Uploaded: h.clock(), Expiration: cert.NotAfter.UTC(), Tags: tags}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads rec, so a second run does the same.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		if tx.Exists(acct, store.KindServerCertificate, key(name)) {
			return entityExists("The Server Certificate with name %s already exists.", name)
		}
		if err := checkAccountQuota(tx, acct, store.KindServerCertificate); err != nil {
			return err
		}
		return tx.Put(acct, store.KindServerCertificate, key(name), rec)
	})
	if err != nil {
		return nil, wrap("upload server certificate", err)
	}
	return &uploadServerCertificateResult{ServerCertificateMetadata: serverCertificateMetadata(rec), Tags: xmlTags(tags)}, nil
}

type xmlServerCertificate struct {
	ServerCertificateMetadata xmlServerCertificateMetadata `xml:"ServerCertificateMetadata"`
	CertificateBody           string                       `xml:"CertificateBody"`
	CertificateChain          string                       `xml:"CertificateChain,omitempty"`
	Tags                      *members[xmlTag]             `xml:"Tags"`
}

type getServerCertificateResult struct {
	ServerCertificate xmlServerCertificate `xml:"ServerCertificate"`
}

// getServerCertificate serves GetServerCertificate.
func (h *Handler) getServerCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "ServerCertificateName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetServerCertificate", h.serverCertificateARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	c, err := viewOne(ctx, h, func(tx *store.Tx) (*store.ServerCertificate, error) {
		return loadServerCertificate(tx, acct, name)
	})
	if err != nil {
		return nil, wrap("get server certificate", err)
	}
	return &getServerCertificateResult{ServerCertificate: xmlServerCertificate{
		ServerCertificateMetadata: serverCertificateMetadata(c), CertificateBody: c.Body,
		CertificateChain: c.Chain, Tags: xmlTagList(c.Tags)}}, nil
}

type listServerCertificatesResult struct {
	ServerCertificateMetadataList members[xmlServerCertificateMetadata] `xml:"ServerCertificateMetadataList"`
	pageInfo
}

// listServerCertificates serves ListServerCertificates (PathPrefix,
// Marker, MaxItems).
func (h *Handler) listServerCertificates(ctx context.Context, p query.Params) (any, error) {
	certs, more, err := listByPath(ctx, h, p, "ListServerCertificates", serverCertsByPath,
		func(_ *store.Tx, c *store.ServerCertificate) (xmlServerCertificateMetadata, error) {
			return serverCertificateMetadata(c), nil
		})
	if err != nil {
		return nil, err
	}
	return &listServerCertificatesResult{ServerCertificateMetadataList: list(certs), pageInfo: more}, nil
}

// updateServerCertificate serves UpdateServerCertificate: a new name
// and/or path. The caller needs the permission on both the old and the
// new ARN.
func (h *Handler) updateServerCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "ServerCertificateName", 1, 128, patName)
	newName, hasName := v.optional(p, "NewServerCertificateName", 1, 128, patName)
	newPath, hasPath := v.optional(p, "NewPath", 1, 512, patPath)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	oldARN := h.serverCertificateARN(ctx, acct, name)
	if err := h.authorize(ctx, "UpdateServerCertificate", oldARN); err != nil {
		return nil, err
	}
	if hasName || hasPath {
		n, pth := name, pathOfARN(oldARN, "server-certificate", name)
		if hasName {
			n = newName
		}
		if hasPath {
			pth = newPath
		}
		if err := h.authorize(ctx, "UpdateServerCertificate", arn(acct, "server-certificate", pth, n)); err != nil {
			return nil, err
		}
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		c, err := loadServerCertificate(tx, acct, name)
		if err != nil {
			return err
		}
		if hasName && key(newName) != key(c.Name) && tx.Exists(acct, store.KindServerCertificate, key(newName)) {
			return entityExists("The Server Certificate with name %s already exists.", newName)
		}
		if err := tx.Delete(acct, store.KindServerCertificate, key(c.Name)); err != nil {
			return err
		}
		if hasName {
			c.Name = newName
		}
		if hasPath {
			c.Path = newPath
		}
		c.ARN = arn(acct, "server-certificate", c.Path, c.Name)
		return tx.Put(acct, store.KindServerCertificate, key(c.Name), c)
	})
	return nil, wrap("update server certificate", err)
}

// pathOfARN returns the path of an IAM ARN of kind ending in name ("/"
// when it has none).
func pathOfARN(a, kind, name string) string {
	i := strings.Index(a, ":"+kind+"/")
	if i < 0 {
		return "/"
	}
	rest := a[i+len(kind)+1:]
	if p, ok := strings.CutSuffix(rest, name); ok && strings.HasSuffix(p, "/") {
		return p
	}
	return "/"
}

// deleteServerCertificate serves DeleteServerCertificate.
func (h *Handler) deleteServerCertificate(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "ServerCertificateName", 1, 128, patName)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteServerCertificate", h.serverCertificateARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		return remove(tx, acct, store.KindServerCertificate, key(name), noSuchServerCertificate(name))
	})
	return nil, wrap("delete server certificate", err)
}

func (h *Handler) serverCertificateTags() tagTarget {
	return recordTags(h, store.KindServerCertificate,
		func(v *validator, p query.Params) string {
			return v.required(p, "ServerCertificateName", 1, 128, patName)
		},
		func(ctx context.Context, name string) string { return h.serverCertificateARN(ctx, account(ctx), name) },
		func(tx *store.Tx, acct, name string) (*store.ServerCertificate, string, error) {
			c, err := loadServerCertificate(tx, acct, name)
			return c, key(name), err
		},
		func(c *store.ServerCertificate) *[]store.Tag { return &c.Tags })
}
