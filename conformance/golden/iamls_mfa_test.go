package golden

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/fakeaws/fakeaws/emulator/totp"
)

// Error cases from LocalStack's split IAM MFA tests,
// tests/aws/services/iam/test_iam_mfa.py (recorded from AWS 17 Feb 2026).

func TestIAMLSMFAErrors(t *testing.T) {
	src := func(test, key string) string { return lsIAM("mfa", test, key, "2026-02-17") }
	const (
		dev     = "TestVirtualMfaDevice::test_virtual_mfa_device_errors"
		enable  = "TestVirtualMfaDevice::test_enable_mfa_device_errors"
		badPath = "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters."
		noUser  = "The user with name nonexistent-user cannot be found."
	)
	device := func(ctx context.Context, c *iam.Client) error {
		_, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("d")})
		return err
	}
	create := func(path string) iamCall {
		return func(ctx context.Context, c *iam.Client) (any, error) {
			in := &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("d")}
			if path != "" {
				in.Path = aws.String(path)
			}
			return c.CreateVirtualMFADevice(ctx, in)
		}
	}
	serial := func(name string) string { return "arn:aws:iam::" + iamAcct + ":mfa/" + name }
	Run(t, []Case{
		fails("ListVirtualMFADevices/bad marker", src("TestVirtualMfaDevice::test_list_virtual_mfa_devices", "list-invalid-marker-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.ListVirtualMFADevices(ctx, &iam.ListVirtualMFADevicesInput{Marker: aws.String("invalid-marker-value")})
		}, 400, "ValidationError", "Invalid Marker."),
		fails("EnableMFADevice/no such user", src(enable, "enable-mfa-nonexistent-user-error"), steps(device), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("nonexistent-user"), SerialNumber: aws.String(serial("d")),
				AuthenticationCode1: aws.String("123456"), AuthenticationCode2: aws.String("654321")})
		}, 404, "NoSuchEntity", noUser),
		fails("DeactivateMFADevice/no such user", src(enable, "deactivate-mfa-nonexistent-user-error"), steps(device), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("nonexistent-user"), SerialNumber: aws.String(serial("d"))})
		}, 404, "NoSuchEntity", noUser),
		fails("DeactivateMFADevice/no such device", src(enable, "deactivate-nonexistent-mfa-error"), steps(device, mkUser("u")), func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeactivateMFADevice(ctx, &iam.DeactivateMFADeviceInput{UserName: aws.String("u"), SerialNumber: aws.String(serial("nonexistent-mfa"))})
		}, 404, "NoSuchEntity", "MFA Device with serial number "+serial("nonexistent-mfa")+" does not exist."),
		fails("CreateVirtualMFADevice/exists", src(dev, "create-duplicate-error"), steps(device), create(""), 409, "EntityAlreadyExists", "MFA device already exists."),
		fails("CreateVirtualMFADevice/path without leading slash", src(dev, "create-invalid-path-no-leading-slash-error"), nil, create("invalid-path/"), 400, "ValidationError", badPath),
		fails("CreateVirtualMFADevice/path without trailing slash", src(dev, "create-invalid-path-no-trailing-slash-error"), nil, create("/invalid-path"), 400, "ValidationError", badPath),
		lsElided("CreateVirtualMFADevice/path too long", src(dev, "create-path-too-long-error"), nil, create("/"+strings.Repeat("a", 512)+"/"),
			"1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512"),
		fails("DeleteVirtualMFADevice/no such device", src(dev, "delete-nonexistent-error"), nil, func(ctx context.Context, c *iam.Client) (any, error) {
			return c.DeleteVirtualMFADevice(ctx, &iam.DeleteVirtualMFADeviceInput{SerialNumber: aws.String(serial("nonexistent-device"))})
		}, 404, "NoSuchEntity", "MFA Device with serial number "+serial("nonexistent-device")+" does not exist."),
	})
}

// TestIAMLSMFAInUse replays EnableMFADevice of a device another user has
// enabled, sent with the same two codes that enabled it.
func TestIAMLSMFAInUse(t *testing.T) {
	build := func(ctx context.Context, t *testing.T, c *iam.Client, m *material) {
		must(t, "CreateUser", mkUser("user-1")(ctx, c))
		must(t, "CreateUser", mkUser("user-2")(ctx, c))
		r, err := c.CreateVirtualMFADevice(ctx, &iam.CreateVirtualMFADeviceInput{VirtualMFADeviceName: aws.String("mfa")})
		must(t, "CreateVirtualMFADevice", err)
		seed, now := string(r.VirtualMFADevice.Base32StringSeed), time.Now()
		m.ids["serial"], m.ids["code1"], m.ids["code2"] = *r.VirtualMFADevice.SerialNumber, totp.Code(seed, now.Add(-30*time.Second)), totp.Code(seed, now)
		_, err = c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("user-1"), SerialNumber: r.VirtualMFADevice.SerialNumber,
			AuthenticationCode1: aws.String(m.ids["code1"]), AuthenticationCode2: aws.String(m.ids["code2"])})
		must(t, "EnableMFADevice", err)
	}
	Run(t, []Case{
		credentialCase(Case{Name: "EnableMFADevice/in use by another user",
			Source: lsIAM("mfa", "TestVirtualMfaDevice::test_enable_mfa_device_already_attached", "enable-mfa-already-attached-error", "2026-02-24"),
			Want:   Want{Status: 409, Code: "EntityAlreadyExists", Message: "MFA Device is already in use."}},
			build, func(ctx context.Context, c *iam.Client, m *material) (any, error) {
				return c.EnableMFADevice(ctx, &iam.EnableMFADeviceInput{UserName: aws.String("user-2"), SerialNumber: aws.String(m.ids["serial"]),
					AuthenticationCode1: aws.String(m.ids["code1"]), AuthenticationCode2: aws.String(m.ids["code2"])})
			}),
	})
}
