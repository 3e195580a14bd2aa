package iam

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
)

// Login profiles, the account password policy and ChangePassword
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords.html).

const (
	patPassword           = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	passwordPolicyKey     = "policy"
	msgPasswordPolicy     = "Password does not conform to the account password policy."
	msgDeleteLoginProfile = "Cannot delete entity, must delete login profile first."
	// defaultMinPasswordLength is the minimum of AWS's default password
	// policy, which applies while the account has none.
	defaultMinPasswordLength = 8
	// policyMinPasswordLength is what UpdateAccountPasswordPolicy sets
	// when MinimumPasswordLength is not sent: 6, as the API reference
	// says and AWS answered (LocalStack
	// test_iam_account_password_policy.py
	// test_update_account_password_policy_defaults
	// "password-policy-defaults", validated 2026-02-13).
	policyMinPasswordLength = 6
	codePasswordPolicy      = awserr.Code("PasswordPolicyViolation")
	codeInvalidUserType     = awserr.Code("InvalidUserType")
)

func noSuchLoginProfile(user string) error {
	return noSuchEntity("Login Profile for User %s cannot be found.", user)
}

func noSuchPasswordPolicy(acct string) error {
	return noSuchEntity("The Password Policy with domain name %s cannot be found.", acct)
}

// passwordPolicy returns the account's policy, or nil when there is none.
func passwordPolicy(tx *store.Tx, acct string) (*store.PasswordPolicy, error) {
	var pp store.PasswordPolicy
	err := tx.Get(acct, store.KindPasswordPolicy, passwordPolicyKey, &pp)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &pp, nil
}

// checkPassword applies the account password policy. Without one, only
// the API's length limit (1 to 128) applies; symbols are the characters
// AWS lists: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '.
func checkPassword(pp *store.PasswordPolicy, pw string) error {
	if pp == nil {
		return nil
	}
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("!@#$%^&*()_+-=[]{}|'", r):
			symbol = true
		}
	}
	min := pp.MinimumPasswordLength
	if min == 0 {
		min = defaultMinPasswordLength
	}
	if len([]rune(pw)) < min || pp.RequireUppercaseCharacters && !upper || pp.RequireLowercaseCharacters && !lower ||
		pp.RequireNumbers && !digit || pp.RequireSymbols && !symbol {
		return awserr.New(codePasswordPolicy, http.StatusBadRequest, msgPasswordPolicy)
	}
	return nil
}

func hashPassword(pw string) (salt, hash []byte) {
	salt = make([]byte, 16)
	_, _ = rand.Read(salt)
	sum := sha256.Sum256(append(append([]byte{}, salt...), pw...))
	return salt, sum[:]
}

func passwordMatches(lp *store.LoginProfile, pw string) bool {
	sum := sha256.Sum256(append(append([]byte{}, lp.Salt...), pw...))
	return subtle.ConstantTimeCompare(sum[:], lp.Hash) == 1
}

type xmlLoginProfile struct {
	UserName              string `xml:"UserName"`
	CreateDate            string `xml:"CreateDate"`
	PasswordResetRequired bool   `xml:"PasswordResetRequired"`
}

type loginProfileResult struct {
	LoginProfile xmlLoginProfile `xml:"LoginProfile"`
}

// loginUser reads the UserName parameter, defaulting to the calling IAM
// user as AWS does when it is omitted.
func (v *validator) loginUser(ctx context.Context, p query.Params) string {
	if !p.Has("UserName") {
		if c := caller(ctx); c.UserName != "" {
			return c.UserName
		}
	}
	return v.required(p, "UserName", 1, 64, patName)
}

// createLoginProfile serves CreateLoginProfile.
func (h *Handler) createLoginProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.loginUser(ctx, p)
	pw := v.required(p, "Password", 1, 128, patPassword)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "CreateLoginProfile", h.userARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	var lp store.LoginProfile
	// Shares a commit with concurrent writes (store.DB.Batch); a run sets
	// lp afresh, as a second run must.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		lp = store.LoginProfile{}
		u, err := loadUser(tx, acct, name)
		if err != nil {
			return err
		}
		if tx.Exists(acct, store.KindLoginProfile, key(u.Name)) {
			return entityExists("Login Profile for user %s already exists.", u.Name)
		}
		pp, err := passwordPolicy(tx, acct)
		if err != nil {
			return err
		}
		if err := checkPassword(pp, pw); err != nil {
			return err
		}
		now := h.clock()
		lp = store.LoginProfile{UserName: u.Name, Created: now, PasswordChanged: now,
			PasswordResetRequired: p.Bool("PasswordResetRequired", false)}
		lp.Salt, lp.Hash = hashPassword(pw)
		return tx.Put(acct, store.KindLoginProfile, key(u.Name), &lp)
	})
	if err != nil {
		return nil, wrap("create login profile", err)
	}
	return &loginProfileResult{LoginProfile: xmlLoginProfile{UserName: lp.UserName, CreateDate: isoTime(lp.Created),
		PasswordResetRequired: lp.PasswordResetRequired}}, nil
}

// loadLoginProfile reads the user's profile (NoSuchEntity for a missing
// user or profile).
func loadLoginProfile(tx *store.Tx, acct, name string) (*store.User, *store.LoginProfile, error) {
	u, err := loadUser(tx, acct, name)
	if err != nil {
		return nil, nil, err
	}
	lp, err := get[store.LoginProfile](tx, acct, store.KindLoginProfile, key(u.Name), noSuchLoginProfile(u.Name))
	if err != nil {
		return nil, nil, err
	}
	return u, lp, nil
}

// getLoginProfile serves GetLoginProfile.
func (h *Handler) getLoginProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.loginUser(ctx, p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "GetLoginProfile", h.userARN(ctx, acct, name)); err != nil {
		return nil, err
	}
	var lp *store.LoginProfile
	err := h.db.View(ctx, func(tx *store.Tx) error {
		var err error
		_, lp, err = loadLoginProfile(tx, acct, name)
		return err
	})
	if err != nil {
		return nil, wrap("get login profile", err)
	}
	return &loginProfileResult{LoginProfile: xmlLoginProfile{UserName: lp.UserName, CreateDate: isoTime(lp.Created),
		PasswordResetRequired: lp.PasswordResetRequired}}, nil
}

// updateLoginProfile serves UpdateLoginProfile.
func (h *Handler) updateLoginProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.loginUser(ctx, p)
	pw, hasPW := v.optional(p, "Password", 1, 128, patPassword)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := h.changeLoginProfile(ctx, "UpdateLoginProfile", name, func(tx *store.Tx, acct string, u *store.User, lp *store.LoginProfile) error {
		if hasPW {
			pp, err := passwordPolicy(tx, acct)
			if err != nil {
				return err
			}
			if err := checkPassword(pp, pw); err != nil {
				return err
			}
			lp.Salt, lp.Hash = hashPassword(pw)
			lp.PasswordChanged = h.clock()
		}
		if p.Has("PasswordResetRequired") {
			lp.PasswordResetRequired = p.Bool("PasswordResetRequired", false)
		}
		return tx.Put(acct, store.KindLoginProfile, key(u.Name), lp)
	})
	return nil, wrap("update login profile", err)
}

// deleteLoginProfile serves DeleteLoginProfile.
func (h *Handler) deleteLoginProfile(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.loginUser(ctx, p)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := h.changeLoginProfile(ctx, "DeleteLoginProfile", name, func(tx *store.Tx, acct string, u *store.User, _ *store.LoginProfile) error {
		return tx.Delete(acct, store.KindLoginProfile, key(u.Name))
	})
	return nil, wrap("delete login profile", err)
}

// changeLoginProfile authorizes action on user name, loads the user and
// its login profile and applies change, in one transaction.
func (h *Handler) changeLoginProfile(ctx context.Context, action, name string,
	change func(tx *store.Tx, acct string, u *store.User, lp *store.LoginProfile) error) error {
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.userARN(ctx, acct, name)); err != nil {
		return err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); change
	// gets the user and profile as this run reads them.
	return h.db.Batch(ctx, func(tx *store.Tx) error {
		u, lp, err := loadLoginProfile(tx, acct, name)
		if err != nil {
			return err
		}
		return change(tx, acct, u, lp)
	})
}

// changePassword serves ChangePassword: an IAM user changes its own
// password. The account policy's AllowUsersToChangePassword grants it
// without an identity policy.
func (h *Handler) changePassword(ctx context.Context, p query.Params) (any, error) {
	var v validator
	oldPW := v.required(p, "OldPassword", 1, 128, patPassword)
	newPW := v.required(p, "NewPassword", 1, 128, patPassword)
	if err := v.err(); err != nil {
		return nil, err
	}
	c := caller(ctx)
	if c.UserName == "" || c.Root() {
		return nil, awserr.New(codeInvalidUserType, http.StatusBadRequest, "Only IAM Users can change their own password.")
	}
	acct := account(ctx)
	pp, err := viewOne(ctx, h, func(tx *store.Tx) (*store.PasswordPolicy, error) {
		return passwordPolicy(tx, acct)
	})
	if err != nil {
		return nil, wrap("change password", err)
	}
	if pp == nil || !pp.AllowUsersToChangePassword {
		if err := h.authorize(ctx, "ChangePassword", h.userARN(ctx, acct, c.UserName)); err != nil {
			return nil, err
		}
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		u, lp, err := loadLoginProfile(tx, acct, c.UserName)
		if err != nil {
			return err
		}
		if !passwordMatches(lp, oldPW) {
			return awserr.AccessDenied("The old password was incorrect.")
		}
		if err := checkPassword(pp, newPW); err != nil {
			return err
		}
		lp.Salt, lp.Hash = hashPassword(newPW)
		lp.PasswordChanged = h.clock()
		lp.PasswordResetRequired = false
		return tx.Put(acct, store.KindLoginProfile, key(u.Name), lp)
	})
	return nil, wrap("change password", err)
}

type xmlPasswordPolicy struct {
	MinimumPasswordLength      int  `xml:"MinimumPasswordLength"`
	RequireSymbols             bool `xml:"RequireSymbols"`
	RequireNumbers             bool `xml:"RequireNumbers"`
	RequireUppercaseCharacters bool `xml:"RequireUppercaseCharacters"`
	RequireLowercaseCharacters bool `xml:"RequireLowercaseCharacters"`
	AllowUsersToChangePassword bool `xml:"AllowUsersToChangePassword"`
	ExpirePasswords            bool `xml:"ExpirePasswords"`
	MaxPasswordAge             int  `xml:"MaxPasswordAge,omitempty"`
	PasswordReusePrevention    int  `xml:"PasswordReusePrevention,omitempty"`
	HardExpiry                 bool `xml:"HardExpiry,omitempty"`
}

type passwordPolicyResult struct {
	PasswordPolicy xmlPasswordPolicy `xml:"PasswordPolicy"`
}

// updateAccountPasswordPolicy serves UpdateAccountPasswordPolicy: omitted
// parameters revert to their defaults, as AWS documents.
func (h *Handler) updateAccountPasswordPolicy(ctx context.Context, p query.Params) (any, error) {
	var v validator
	pp := store.PasswordPolicy{MinimumPasswordLength: policyMinPasswordLength}
	ints := []struct {
		param    string
		min, max int
		dst      *int
	}{
		// In the order AWS reports them (LocalStack
		// test_iam_account_password_policy.py
		// test_update_account_password_policy_validation_errors, recorded
		// 13 Feb 2026).
		{"MinimumPasswordLength", 6, 128, &pp.MinimumPasswordLength},
		{"PasswordReusePrevention", 1, 24, &pp.PasswordReusePrevention},
		{"MaxPasswordAge", 1, 1095, &pp.MaxPasswordAge},
	}
	for _, f := range ints {
		if !p.Has(f.param) {
			continue
		}
		n, err := p.Int(f.param, 0)
		if err != nil {
			return nil, err
		}
		v.int(n, fieldName(f.param), f.min, f.max)
		*f.dst = n
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	pp.RequireSymbols = p.Bool("RequireSymbols", false)
	pp.RequireNumbers = p.Bool("RequireNumbers", false)
	pp.RequireUppercaseCharacters = p.Bool("RequireUppercaseCharacters", false)
	pp.RequireLowercaseCharacters = p.Bool("RequireLowercaseCharacters", false)
	pp.AllowUsersToChangePassword = p.Bool("AllowUsersToChangePassword", false)
	pp.HardExpiry = p.Bool("HardExpiry", false)
	acct := account(ctx)
	if err := h.authorize(ctx, "UpdateAccountPasswordPolicy", "*"); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads pp, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		return tx.Put(acct, store.KindPasswordPolicy, passwordPolicyKey, &pp)
	})
	return nil, wrap("update password policy", err)
}

// getAccountPasswordPolicy serves GetAccountPasswordPolicy.
func (h *Handler) getAccountPasswordPolicy(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "GetAccountPasswordPolicy", "*"); err != nil {
		return nil, err
	}
	pp, err := viewOne(ctx, h, func(tx *store.Tx) (*store.PasswordPolicy, error) {
		return passwordPolicy(tx, acct)
	})
	if err != nil {
		return nil, wrap("get password policy", err)
	}
	if pp == nil {
		return nil, noSuchPasswordPolicy(acct)
	}
	return &passwordPolicyResult{PasswordPolicy: xmlPasswordPolicy{
		MinimumPasswordLength: pp.MinimumPasswordLength, RequireSymbols: pp.RequireSymbols,
		RequireNumbers: pp.RequireNumbers, RequireUppercaseCharacters: pp.RequireUppercaseCharacters,
		RequireLowercaseCharacters: pp.RequireLowercaseCharacters, AllowUsersToChangePassword: pp.AllowUsersToChangePassword,
		ExpirePasswords: pp.MaxPasswordAge > 0, MaxPasswordAge: pp.MaxPasswordAge,
		PasswordReusePrevention: pp.PasswordReusePrevention, HardExpiry: pp.HardExpiry,
	}}, nil
}

// deleteAccountPasswordPolicy serves DeleteAccountPasswordPolicy.
func (h *Handler) deleteAccountPasswordPolicy(ctx context.Context, _ query.Params) (any, error) {
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteAccountPasswordPolicy", "*"); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		// Not GetAccountPasswordPolicy's sentence: LocalStack
		// test_iam_account_password_policy.py
		// test_delete_account_password_policy_not_found (recorded 13 Feb 2026).
		return remove(tx, acct, store.KindPasswordPolicy, passwordPolicyKey,
			noSuchEntity("The account policy with name PasswordPolicy cannot be found."))
	})
	return nil, wrap("delete password policy", err)
}
