package conformance

import (
	"context"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/fakeaws/fakeaws/emulator"
	"github.com/fakeaws/fakeaws/emulator/config"
)

// TestConfigWorld applies a --config world to a --strict-accounts server
// and uses its fixed keys through the SDK: only the file's keys work.
func TestConfigWorld(t *testing.T) {
	t.Parallel()
	const world = `{"accounts":[
	 {"id":"111111111111","alias":"emrys",
	  "users":[{"name":"merlin","policies":{"inline":{"assume":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/reader"}]}}}}],
	  "accessKeys":[{"id":"AKIAEMRYSMERLIN00001","secret":"merlin-secret","user":"merlin"},
	                {"id":"AKIAEMRYSOLDKEY00001","secret":"old-secret","user":"merlin","status":"Inactive"}]},
	 {"id":"222222222222",
	  "accessKeys":[{"id":"AKIAODINROOT00000001","secret":"odin-root-secret"}],
	  "roles":[{"name":"reader","trust":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/merlin"},"Action":"sts:AssumeRole"}]},
	            "policies":{"inline":{"read":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::odin-data/*"}]}}}}],
	  "buckets":[{"name":"odin-data","objects":[{"key":"a/b.txt","body":"from the config"}]}]}]}`
	c, err := config.Parse([]byte(world))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, pathHTTP, emulator.Options{StrictAccounts: true}, func(srv *emulator.Server) {
		if err := config.Apply(context.Background(), srv, c, config.Options{}); err != nil {
			t.Fatal(err)
		}
	})
	ctx := context.Background()
	merlin := aws.Credentials{AccessKeyID: "AKIAEMRYSMERLIN00001", SecretAccessKey: "merlin-secret"}

	tests := []struct {
		name string
		code string
		do   func() error
	}{
		{"a config user key", "", func() error {
			out, err := h.sts(merlin).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err == nil && aws.ToString(out.Arn) != "arn:aws:iam::111111111111:user/merlin" {
				t.Errorf("caller = %s, want merlin", aws.ToString(out.Arn))
			}
			return err
		}},
		{"a config root key", "", func() error {
			out, err := h.sts(aws.Credentials{AccessKeyID: "AKIAODINROOT00000001", SecretAccessKey: "odin-root-secret"}).
				GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			if err == nil && aws.ToString(out.Arn) != "arn:aws:iam::222222222222:root" {
				t.Errorf("caller = %s, want Odin's root", aws.ToString(out.Arn))
			}
			return err
		}},
		{"an Inactive config key", "InvalidClientTokenId", func() error {
			_, err := h.sts(aws.Credentials{AccessKeyID: "AKIAEMRYSOLDKEY00001", SecretAccessKey: "old-secret"}).
				GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{"a 12-digit root key under --strict-accounts", "InvalidClientTokenId", func() error {
			_, err := h.sts(rootCreds("111111111111")).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}},
		{"the config's role and object", "", func() error {
			out, err := h.sts(merlin).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::222222222222:role/reader"),
				RoleSessionName: aws.String("cfg")})
			if err != nil {
				return err
			}
			cr := out.Credentials
			obj, err := h.s3(aws.Credentials{AccessKeyID: *cr.AccessKeyId, SecretAccessKey: *cr.SecretAccessKey, SessionToken: *cr.SessionToken}).
				GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("odin-data"), Key: aws.String("a/b.txt")})
			if err != nil {
				return err
			}
			defer obj.Body.Close()
			b, err := io.ReadAll(obj.Body)
			if err != nil || string(b) != "from the config" {
				t.Errorf("a/b.txt = %q (%v), want %q", b, err, "from the config")
			}
			return nil
		}},
	}
	for _, tt := range tests {
		err := tt.do()
		if got := errorCode(err); (tt.code == "" && err != nil) || got != tt.code {
			t.Errorf("%s: error %v (code %q), want code %q", tt.name, err, got, tt.code)
		}
	}
}
