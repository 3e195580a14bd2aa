package evaluator

import "testing"

func TestMatchAction(t *testing.T) {
	cases := []struct {
		pattern, action string
		want            bool
	}{
		{"s3:GetObject", "s3:GetObject", true},
		{"s3:getobject", "S3:GetObject", true},
		{"S3:Get*", "s3:GetObjectAcl", true},
		{"s3:*", "s3:ListBucket", true},
		{"*", "iam:CreateUser", true},
		{"s3:Get?bject", "s3:GetObject", true},
		{"s3:Get?bject", "s3:GetObbject", false},
		{"s3:GetObject", "s3:GetObjectAcl", false},
		{"iam:*User", "iam:CreateUser", true},
		{"iam:*User", "iam:CreateUsers", false},
		{"ec2:*", "s3:GetObject", false},
		{"s3:*Object*", "s3:PutObjectTagging", true},
	}
	for _, c := range cases {
		t.Run(c.pattern+"~"+c.action, func(t *testing.T) {
			if got := MatchAction(c.pattern, c.action); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestMatchARN(t *testing.T) {
	cases := []struct {
		pattern, arn string
		want         bool
	}{
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
		{"arn:aws:s3:::bucket*", "arn:aws:s3:::bucket-2/x", true},
		{"arn:aws:s3:::*", "arn:aws:s3:::a:b", true},
		{"arn:aws:iam::*:role/R", "arn:aws:iam::111122223333:role/R", true},
		// * in the account component does not swallow the next component.
		{"arn:aws:iam::*:role/R", "arn:aws:iam::111:extra:role/R", false},
		{"arn:aws:iam::111122223333:user/*", "arn:aws:iam::111122223333:user/path/alice", true},
		{"arn:aws:iam::111122223333:user/?lice", "arn:aws:iam::111122223333:user/alice", true},
		{"arn:aws:S3:::bucket", "arn:aws:s3:::bucket", false}, // case-sensitive
		{"arn:*:s3:::bucket", "arn:aws-cn:s3:::bucket", true},
		{"*", "anything", true},
		{"arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
	}
	for _, c := range cases {
		t.Run(c.pattern+"~"+c.arn, func(t *testing.T) {
			if got := MatchARN(c.pattern, c.arn); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestMatchWildcard(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"*", "", true},
		{"a*b*c", "abbbc", true},
		{"a*b*c", "abbbd", false},
		{"home/*", "home/alice/x", true},
		{"home/?", "home/ab", false},
		{"*.txt", "dir/file.txt", true},
		{"**x", "x", true},
		{"é?", "éü", true},
		{"Abc", "abc", false},
	}
	for _, c := range cases {
		t.Run(c.pattern+"~"+c.s, func(t *testing.T) {
			if got := MatchWildcard(c.pattern, c.s); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}
