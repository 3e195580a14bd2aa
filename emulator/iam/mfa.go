package iam

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/fakeaws/fakeaws/emulator/arns"
	"github.com/fakeaws/fakeaws/emulator/awserr"
	"github.com/fakeaws/fakeaws/emulator/query"
	"github.com/fakeaws/fakeaws/emulator/store"
	"github.com/fakeaws/fakeaws/emulator/totp"
)

// placeholderPNG is a 1×1 transparent PNG returned as QRCodePNG: fakeaws
// does not draw QR codes (see deviations); Base32StringSeed is real.
const placeholderPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="

type xmlVirtualMFADevice struct {
	SerialNumber     string           `xml:"SerialNumber"`
	Base32StringSeed string           `xml:"Base32StringSeed,omitempty"`
	QRCodePNG        string           `xml:"QRCodePNG,omitempty"`
	User             *xmlUser         `xml:"User,omitempty"`
	EnableDate       string           `xml:"EnableDate,omitempty"`
	Tags             *members[xmlTag] `xml:"Tags,omitempty"`
}

type createVirtualMFADeviceResult struct {
	VirtualMFADevice xmlVirtualMFADevice `xml:"VirtualMFADevice"`
}

func mfaSerial(acct, path, name string) string {
	return arns.MFA(acct, path, name)
}

// createVirtualMFADevice serves CreateVirtualMFADevice. The seed is 40
// random bytes (64 base32 characters, as AWS's are); Base32StringSeed is the
// base64 encoding of the base32 text, as AWS returns it.
func (h *Handler) createVirtualMFADevice(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name := v.required(p, "VirtualMFADeviceName", 1, 226, patName)
	path := v.path(p, "Path")
	tags, terr := v.tags(p)
	if err := v.errThen(terr); err != nil {
		return nil, err
	}
	acct := account(ctx)
	serial := mfaSerial(acct, path, name)
	if err := h.authorizeWith(ctx, "CreateVirtualMFADevice", serial, requestTagKeys(nil, tags)); err != nil {
		return nil, err
	}
	raw := make([]byte, 40)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	seed := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw)
	d := &store.MFADevice{Serial: serial, Path: path, Name: name, Seed: seed, Created: h.clock(),
		Account: acct, Tags: tags}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads d, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		dup := false
		if err := store.Each(tx, acct, store.KindMFADevice, func(o *store.MFADevice) error {
			dup = dup || strings.EqualFold(o.Name, name)
			return nil
		}); err != nil {
			return err
		}
		if dup {
			// LocalStack test_iam_mfa.py test_virtual_mfa_device_errors,
			// "create-duplicate-error" (recorded 17 Feb 2026).
			return entityExists("MFA device already exists.")
		}
		return tx.Put(acct, store.KindMFADevice, serial, d)
	})
	if err != nil {
		return nil, wrap("create virtual MFA device", err)
	}
	return &createVirtualMFADeviceResult{VirtualMFADevice: xmlVirtualMFADevice{SerialNumber: serial,
		Base32StringSeed: base64.StdEncoding.EncodeToString([]byte(seed)), QRCodePNG: placeholderPNG,
		Tags: xmlTags(tags)}}, nil
}

func invalidAuthCode() error {
	return awserr.New(codeInvalidAuthCode, http.StatusForbidden, "Authentication code for device is not valid.")
}

func noSuchMFA(serial string) error {
	return noSuchEntity("MFA Device with serial number %s does not exist.", serial)
}

// loadMFA loads the device with serial in acct.
func loadMFA(tx *store.Tx, acct, serial string) (*store.MFADevice, error) {
	return get[store.MFADevice](tx, acct, store.KindMFADevice, serial, noSuchMFA(serial))
}

// checkCodes verifies two consecutive TOTP codes, as EnableMFADevice and
// ResyncMFADevice require.
func (h *Handler) checkCodes(seed, code1, code2 string) error {
	if !totp.VerifyPair(seed, code1, code2, h.now()) {
		return invalidAuthCode()
	}
	return nil
}

func (v *validator) mfaParams(p query.Params) (user, serial, c1, c2 string) {
	user = v.required(p, "UserName", 1, 128, patName)
	serial = v.required(p, "SerialNumber", 9, 256, patSerialNumber)
	c1 = v.required(p, "AuthenticationCode1", 6, 6, patAuthCode)
	c2 = v.required(p, "AuthenticationCode2", 6, 6, patAuthCode)
	return
}

// userDevice authorizes action on user and runs fn on the user and MFA
// device serial of the caller's account, in one transaction (an update one
// when write; fn saves what it changes).
func (h *Handler) userDevice(ctx context.Context, action, user, serial string, write bool,
	fn func(*store.Tx, *store.User, *store.MFADevice) error) error {
	acct := account(ctx)
	if err := h.authorize(ctx, action, h.userARN(ctx, acct, user)); err != nil {
		return err
	}
	run := h.db.View
	if write {
		// Shares a commit with concurrent writes (store.DB.Batch); fn gets
		// the user and device as this run reads them.
		run = h.db.Batch
	}
	return run(ctx, func(tx *store.Tx) error {
		u, err := loadUser(tx, acct, user)
		if err != nil {
			return err
		}
		d, err := loadMFA(tx, acct, serial)
		if err != nil {
			return err
		}
		return fn(tx, u, d)
	})
}

// enableMFADevice serves EnableMFADevice.
func (h *Handler) enableMFADevice(ctx context.Context, p query.Params) (any, error) {
	var v validator
	user, serial, c1, c2 := v.mfaParams(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := h.userDevice(ctx, "EnableMFADevice", user, serial, true, func(tx *store.Tx, u *store.User, d *store.MFADevice) error {
		if d.EnableDate != nil {
			return entityExists("MFA Device is already in use.")
		}
		if err := h.checkCodes(d.Seed, c1, c2); err != nil {
			return err
		}
		if err := checkUserMFAQuota(tx, account(ctx), u.Name); err != nil {
			return err
		}
		now := h.clock()
		d.UserName, d.EnableDate = u.Name, &now
		return tx.Put(account(ctx), store.KindMFADevice, serial, d)
	})
	return nil, wrap("enable MFA device", err)
}

// resyncMFADevice serves ResyncMFADevice: it checks the two codes and
// changes nothing (fakeaws keeps no drift state).
func (h *Handler) resyncMFADevice(ctx context.Context, p query.Params) (any, error) {
	var v validator
	user, serial, c1, c2 := v.mfaParams(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	err := h.userDevice(ctx, "ResyncMFADevice", user, serial, false, func(_ *store.Tx, _ *store.User, d *store.MFADevice) error {
		if !d.EnabledFor(user) {
			return noSuchMFA(serial)
		}
		return h.checkCodes(d.Seed, c1, c2)
	})
	return nil, wrap("resync MFA device", err)
}

// deactivateMFADevice serves DeactivateMFADevice. UserName is optional
// (AWS API reference, DeactivateMFADevice: "If no user name is included, it
// defaults to the principal making the request"): the calling IAM user, or
// the root user, who has no API-enabled devices in fakeaws.
func (h *Handler) deactivateMFADevice(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	serial := v.required(p, "SerialNumber", 9, 256, patSerialNumber)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "DeactivateMFADevice", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err = h.db.Batch(ctx, func(tx *store.Tx) error {
		if _, err := ownerName(tx, acct, user); err != nil {
			return err
		}
		d, err := loadMFA(tx, acct, serial)
		if err != nil {
			return err
		}
		if user == "" || !d.EnabledFor(user) {
			return noSuchMFA(serial)
		}
		d.UserName, d.EnableDate = "", nil
		return tx.Put(acct, store.KindMFADevice, serial, d)
	})
	return nil, wrap("deactivate MFA device", err)
}

// deleteVirtualMFADevice serves DeleteVirtualMFADevice.
func (h *Handler) deleteVirtualMFADevice(ctx context.Context, p query.Params) (any, error) {
	var v validator
	serial := v.required(p, "SerialNumber", 9, 256, patSerialNumber)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "DeleteVirtualMFADevice", serial); err != nil {
		return nil, err
	}
	// Shares a commit with concurrent writes (store.DB.Batch); a run only
	// reads and writes records, so a second run does the same.
	err := h.db.Batch(ctx, func(tx *store.Tx) error {
		d, err := loadMFA(tx, acct, serial)
		if err != nil {
			return err
		}
		if d.EnableDate != nil {
			return deleteConflict("MFA device is in use.")
		}
		return tx.Delete(acct, store.KindMFADevice, serial)
	})
	return nil, wrap("delete virtual MFA device", err)
}

type xmlMFADevice struct {
	UserName     string `xml:"UserName"`
	SerialNumber string `xml:"SerialNumber"`
	EnableDate   string `xml:"EnableDate"`
}

type listMFADevicesResult struct {
	MFADevices members[xmlMFADevice] `xml:"MFADevices"`
	pageInfo
}

// listMFADevices serves ListMFADevices (the named user's, or the calling
// user's).
func (h *Handler) listMFADevices(ctx context.Context, p query.Params) (any, error) {
	var v validator
	name, named := v.optional(p, "UserName", 1, 128, patName)
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "ListMFADevices", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	var items []xmlMFADevice
	err = h.db.View(ctx, func(tx *store.Tx) error {
		if _, err := ownerName(tx, acct, user); err != nil {
			return err
		}
		return store.Each(tx, acct, store.KindMFADevice, func(d *store.MFADevice) error {
			if user != "" && d.EnabledFor(user) {
				items = append(items, xmlMFADevice{UserName: d.UserName, SerialNumber: d.Serial,
					EnableDate: isoTimePtr(d.EnableDate)})
			}
			return nil
		})
	})
	if err != nil {
		return nil, wrap("list MFA devices", err)
	}
	pg, more := page(items, func(x xmlMFADevice) string { return x.SerialNumber }, pp)
	return &listMFADevicesResult{MFADevices: list(pg), pageInfo: more}, nil
}

type listVirtualMFADevicesResult struct {
	VirtualMFADevices members[xmlVirtualMFADevice] `xml:"VirtualMFADevices"`
	pageInfo
}

// listVirtualMFADevices serves ListVirtualMFADevices (AssignmentStatus
// Assigned, Unassigned or Any).
func (h *Handler) listVirtualMFADevices(ctx context.Context, p query.Params) (any, error) {
	var v validator
	status := v.choice(p, "AssignmentStatus", "Any", "Assigned", "Unassigned", "Any")
	pp := v.paging(p)
	if err := v.err(); err != nil {
		return nil, err
	}
	acct := account(ctx)
	if err := h.authorize(ctx, "ListVirtualMFADevices", "*"); err != nil {
		return nil, err
	}
	var items []xmlVirtualMFADevice
	err := h.db.View(ctx, func(tx *store.Tx) error {
		return store.Each(tx, acct, store.KindMFADevice, func(d *store.MFADevice) error {
			assigned := d.EnableDate != nil
			if (status == "Assigned" && !assigned) || (status == "Unassigned" && assigned) {
				return nil
			}
			x := xmlVirtualMFADevice{SerialNumber: d.Serial, EnableDate: isoTimePtr(d.EnableDate)}
			if assigned {
				if u, err := loadUser(tx, acct, d.UserName); err == nil {
					xu := userXML(u, false)
					x.User = &xu
				}
			}
			items = append(items, x)
			return nil
		})
	})
	if err != nil {
		return nil, wrap("list virtual MFA devices", err)
	}
	pg, more := page(items, func(x xmlVirtualMFADevice) string { return x.SerialNumber }, pp)
	return &listVirtualMFADevicesResult{VirtualMFADevices: list(pg), pageInfo: more}, nil
}

type getMFADeviceResult struct {
	UserName     string `xml:"UserName,omitempty"`
	SerialNumber string `xml:"SerialNumber"`
	EnableDate   string `xml:"EnableDate,omitempty"`
}

// getMFADevice serves GetMFADevice: an enabled device of the named user
// (or of the calling user, or root's for root callers). FIDO certification
// data does not apply to virtual devices and is never returned.
func (h *Handler) getMFADevice(ctx context.Context, p query.Params) (any, error) {
	var v validator
	serial := v.required(p, "SerialNumber", 9, 256, patSerialNumber)
	name, named := v.optional(p, "UserName", 1, 64, patName) // userNameType
	if err := v.err(); err != nil {
		return nil, err
	}
	user, err := h.keyOwner(ctx, "GetMFADevice", name, named)
	if err != nil {
		return nil, err
	}
	acct := account(ctx)
	var res *getMFADeviceResult
	err = h.db.View(ctx, func(tx *store.Tx) error {
		if _, err := ownerName(tx, acct, user); err != nil {
			return err
		}
		d, err := loadMFA(tx, acct, serial)
		if err != nil {
			return err
		}
		if d.EnableDate == nil || (user != "" && !d.EnabledFor(user)) {
			return noSuchMFA(serial)
		}
		res = &getMFADeviceResult{UserName: d.UserName, SerialNumber: d.Serial, EnableDate: isoTimePtr(d.EnableDate)}
		return nil
	})
	if err != nil {
		return nil, wrap("get MFA device", err)
	}
	return res, nil
}

func (h *Handler) mfaDeviceTags() tagTarget {
	return recordTags(h, store.KindMFADevice,
		func(v *validator, p query.Params) string {
			return v.required(p, "SerialNumber", 9, 256, patSerialNumber)
		},
		func(_ context.Context, serial string) string { return serial },
		func(tx *store.Tx, acct, serial string) (*store.MFADevice, string, error) {
			d, err := loadMFA(tx, acct, serial)
			return d, serial, err
		},
		func(d *store.MFADevice) *[]store.Tag { return &d.Tags })
}
