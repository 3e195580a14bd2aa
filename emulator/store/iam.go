package store

import "time"

// KindAccountAlias holds account aliases in the Global scope (key = alias,
// value = AccountAlias) so an alias names at most one account.
const KindAccountAlias = "account-aliases"

// AccountAlias records which account owns an alias.
type AccountAlias struct {
	Alias   string
	Account string
}

// IAM records beyond the shared ones in records.go.

// InstanceProfile is an IAM instance profile (KindInstanceProfile, key =
// lower-cased name).
type InstanceProfile struct {
	Name    string
	Path    string
	ID      string // AIPA...
	ARN     string
	Created time.Time
	Tags    []Tag `json:",omitempty"`
	// Roles holds the names of the roles in the profile (at most one).
	Roles []string `json:",omitempty"`
}

// OIDCProvider is an IAM OpenID Connect identity provider
// (KindOIDCProvider, key = lower-cased URL host and path, without
// "https://").
type OIDCProvider struct {
	ARN         string // arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH
	URL         string // host and path, without https://
	ClientIDs   []string
	Thumbprints []string `json:",omitempty"`
	Created     time.Time
	Tags        []Tag `json:",omitempty"`
}

// MFADevice is a virtual MFA device (KindMFADevice, key = serial number,
// in the account scope).
type MFADevice struct {
	Serial     string // arn:aws:iam::ACCOUNT:mfa/NAME
	Path       string
	Name       string
	Seed       string     // base32 seed, no padding
	UserName   string     `json:",omitempty"` // "" while not enabled
	EnableDate *time.Time `json:",omitempty"`
	Created    time.Time
	Account    string
	Tags       []Tag `json:",omitempty"`
}

// EnabledFor reports whether the device is enabled for the IAM user named
// user (names compare case-insensitively).
func (d *MFADevice) EnabledFor(user string) bool {
	return d.EnableDate != nil && d.UserName != "" && equalFoldASCII(d.UserName, user)
}

// EnabledForRoot reports whether the device is enabled for the root user
// of account: fakeaws takes a device enabled without a user name, or for
// "root" or the account id, as the root user's.
func (d *MFADevice) EnabledForRoot(account string) bool {
	return d.EnableDate != nil && (d.UserName == "" || equalFoldASCII(d.UserName, "root") || d.UserName == account)
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// KindSAMLProvider holds IAM SAML providers in the account scope (key =
// lower-cased provider name).
const KindSAMLProvider = "saml-providers"

// SAMLProvider is an IAM SAML 2.0 identity provider.
type SAMLProvider struct {
	ARN        string // arn:aws:iam::ACCOUNT:saml-provider/NAME
	Name       string
	UUID       string
	Metadata   string // the SAML metadata document as uploaded
	Created    time.Time
	ValidUntil *time.Time `json:",omitempty"`
	Tags       []Tag      `json:",omitempty"`
}

// KindLoginProfile holds IAM users' console passwords in the account scope
// (key = lower-cased user name).
const KindLoginProfile = "login-profiles"

// LoginProfile is an IAM user's console password, kept as a salted
// SHA-256 hash.
type LoginProfile struct {
	UserName              string
	Created               time.Time
	PasswordChanged       time.Time
	PasswordResetRequired bool
	Salt                  []byte
	Hash                  []byte
}

// KindPasswordPolicy holds the account password policy in the account
// scope (key "policy").
const KindPasswordPolicy = "password-policy"

// PasswordPolicy is an account's IAM password policy. Zero values are the
// defaults UpdateAccountPasswordPolicy applies to omitted parameters.
type PasswordPolicy struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	MaxPasswordAge             int `json:",omitempty"`
	PasswordReusePrevention    int `json:",omitempty"`
	HardExpiry                 bool
}

// KindSLRDeletion holds service-linked role deletion tasks in the account
// scope (key = deletion task id).
const KindSLRDeletion = "slr-deletions"

// SLRDeletion is a DeleteServiceLinkedRole task.
type SLRDeletion struct {
	ID       string
	RoleName string
	Status   string // SUCCEEDED
	Created  time.Time
}

// KindCredentialReport holds an account's last credential report in the
// account scope (key "report").
const KindCredentialReport = "credential-report"

// CredentialReport is a generated credential report (CSV).
type CredentialReport struct {
	Generated time.Time
	Content   []byte
}

// KindServerCertificate holds IAM server certificates in the account scope
// (key = lower-cased certificate name).
const KindServerCertificate = "server-certificates"

// ServerCertificate is an uploaded SSL/TLS server certificate. The private
// key is checked against the certificate on upload and not kept.
type ServerCertificate struct {
	Name       string
	Path       string
	ID         string // ASCA...
	ARN        string // arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME
	Body       string // PEM, as uploaded
	Chain      string `json:",omitempty"` // PEM, as uploaded
	Uploaded   time.Time
	Expiration time.Time // the certificate's NotAfter
	Tags       []Tag     `json:",omitempty"`
}

// KindSigningCertificate holds X.509 signing certificates of IAM users (and
// of the root user, UserName "") in the account scope (key = certificate
// id).
const KindSigningCertificate = "signing-certificates"

// SigningCertificate is an X.509 signing certificate of a user.
type SigningCertificate struct {
	ID       string
	UserName string // "" for the root user
	Body     string // PEM, as uploaded
	DER      []byte // the certificate, to find duplicates
	Status   string // Active | Inactive
	Uploaded time.Time
}

// KindSSHPublicKey holds IAM users' SSH public keys in the account scope
// (key = SSH public key id).
const KindSSHPublicKey = "ssh-public-keys"

// SSHPublicKey is an IAM user's SSH public key (for CodeCommit).
type SSHPublicKey struct {
	ID          string // APKA...
	UserName    string
	Body        string // SSH encoding ("ssh-rsa AAAA...")
	PEM         string // PEM encoding (PKIX "PUBLIC KEY")
	Fingerprint string // MD5 of the SSH wire encoding, hex with colons
	Status      string // Active | Inactive
	Uploaded    time.Time
}

// KindServiceSpecificCredential holds IAM users' service-specific
// credentials (CodeCommit Git and Amazon Keyspaces passwords) in the
// account scope (key = credential id).
const KindServiceSpecificCredential = "service-specific-credentials"

// ServiceSpecificCredential is a user name and password an IAM user has
// for one AWS service.
type ServiceSpecificCredential struct {
	ID          string // ACCA...
	UserName    string
	ServiceName string // codecommit.amazonaws.com | cassandra.amazonaws.com
	ServiceUser string // USER-at-ACCOUNT
	Password    string
	Status      string // Active | Inactive
	Created     time.Time
}
