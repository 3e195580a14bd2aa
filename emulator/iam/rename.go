package iam

import (
	"context"
	"errors"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/store"
)

// authorizeMove authorizes UpdateUser or UpdateGroup (action) on the
// entity's ARN (oldARN, of kind "user" or "group", named name) and, when
// the request gives a new name or path (empty when not given), on the ARN
// it moves to as well. The API reference says so for both: "To change a
// user name, the requester must have appropriate permissions on both the
// source object and the target object. For example, to change Bob to
// Robert, the entity making the request must have permission on Bob and
// Robert" (API_UpdateUser); "must have permission to change the group with
// the old name and the new name" (API_UpdateGroup); a new path counts as a
// move: "you need permission to call UpdateUser on both
// arn:aws:iam::123456789012:user/division_abc/* and
// arn:aws:iam::123456789012:user/division_efg/*" (IAM User Guide, Renaming
// Users and Groups, Using_Renaming.html). Without the second
// check a user allowed iam:* on only its own ARN renamed itself to any
// name, and a caller allowed only /team/ entities moved one anywhere.
func (h *Handler) authorizeMove(ctx context.Context, action, kind, oldARN, name, newName, newPath string) error {
	if err := h.authorize(ctx, action, oldARN); err != nil {
		return err
	}
	if newName == "" && newPath == "" {
		return nil
	}
	// The stored ARN ends in the stored name, whatever case name has.
	target, path := name, pathOfARN(oldARN, kind, name)
	if i := strings.LastIndexByte(oldARN, '/'); i >= 0 && strings.EqualFold(oldARN[i+1:], name) {
		target, path = oldARN[i+1:], pathOfARN(oldARN, kind, oldARN[i+1:])
	}
	if newName != "" {
		target = newName
	}
	if newPath != "" {
		path = newPath
	}
	return h.authorize(ctx, action, arn(account(ctx), kind, path, target))
}

// renameUserRefs points everything a user owns at newName: access keys, MFA
// devices, the login profile, signing certificates, SSH public keys and
// service-specific credentials. Whatever stayed under oldName would be lost
// to the renamed user and handed to the next user created as oldName (its
// console password, its SSH keys), and would not block DeleteUser.
func renameUserRefs(tx *store.Tx, acct, oldName, newName string) error {
	keys, err := tx.AccessKeysOf(acct, oldName)
	if err != nil {
		return err
	}
	for _, k := range keys {
		k.UserName = newName
		if err := tx.Put(store.Global, store.KindAccessKey, k.ID, k); err != nil {
			return err
		}
	}
	devs, err := all[store.MFADevice](tx, acct, store.KindMFADevice)
	if err != nil {
		return err
	}
	for _, d := range devs {
		if strings.EqualFold(d.UserName, oldName) {
			d.UserName = newName
			if err := tx.Put(acct, store.KindMFADevice, d.Serial, d); err != nil {
				return err
			}
		}
	}
	if err := renameLoginProfile(tx, acct, oldName, newName); err != nil {
		return err
	}
	return renameUserCredentials(tx, acct, oldName, newName)
}

// renameLoginProfile moves the user's console password to newName's key.
func renameLoginProfile(tx *store.Tx, acct, oldName, newName string) error {
	var lp store.LoginProfile
	switch err := tx.Get(acct, store.KindLoginProfile, key(oldName), &lp); {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	}
	if err := tx.Delete(acct, store.KindLoginProfile, key(oldName)); err != nil {
		return err
	}
	lp.UserName = newName
	return tx.Put(acct, store.KindLoginProfile, key(newName), &lp)
}

// renameUserCredentials points the user's signing certificates, SSH public
// keys and service-specific credentials (all keyed by their own ids) at
// newName. A service-specific credential keeps its ServiceUserName, which
// was derived from the name at creation.
func renameUserCredentials(tx *store.Tx, acct, oldName, newName string) error {
	certs, err := userSigningCertificates(tx, acct, oldName)
	if err != nil {
		return err
	}
	for _, c := range certs {
		c.UserName = newName
		if err := tx.Put(acct, store.KindSigningCertificate, c.ID, c); err != nil {
			return err
		}
	}
	sshKeys, err := userSSHPublicKeys(tx, acct, oldName)
	if err != nil {
		return err
	}
	for _, k := range sshKeys {
		k.UserName = newName
		if err := tx.Put(acct, store.KindSSHPublicKey, k.ID, k); err != nil {
			return err
		}
	}
	creds, err := userServiceCredentials(tx, acct, oldName)
	if err != nil {
		return err
	}
	for _, c := range creds {
		c.UserName = newName
		if err := tx.Put(acct, store.KindServiceSpecificCredential, c.ID, c); err != nil {
			return err
		}
	}
	return nil
}
