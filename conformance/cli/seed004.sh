#!/usr/bin/env bash
# Seed 004: a user of Account A writes to a bucket of Account B through
# role_arn/source_profile profiles, and the seed's resource pitfall.
. "$(dirname "$0")/lib.sh"

root 222222222222
ok "the bucket" -- aws s3 mb s3://cross-account-bucket
cat >trust.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::111111111111:root"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
JSON
cat >role-policy.json <<'JSON'
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:PutObjectAcl"
            ],
            "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"

        }
    ]
}
JSON
ok "create-role role-in-accountb" -- aws iam create-role --role-name role-in-accountb --assume-role-policy-document file://trust.json
ok "IAM accepts the seed's role policy" -- aws iam put-role-policy --role-name role-in-accountb --policy-name s3 --policy-document file://role-policy.json

root 111111111111
ok "the user in Account A" -- aws iam create-user --user-name dev
ok "may assume the role" -- aws iam put-user-policy --user-name dev --policy-name assume --policy-document '{
    "Version": "2012-10-17",
    "Statement": {
        "Effect": "Allow",
        "Action": "sts:AssumeRole",
        "Resource": "arn:aws:iam::222222222222:role/role-in-accountb"
    }
}'
ok "its key" -- aws iam create-access-key --user-name dev
cat >"$AWS_SHARED_CREDENTIALS_FILE" <<INI
[accounta]
aws_access_key_id=$(field AccessKey.AccessKeyId)
aws_secret_access_key=$(field AccessKey.SecretAccessKey)

[roleb]
role_arn = arn:aws:iam::222222222222:role/role-in-accountb
source_profile = accounta
INI
nobody

ok "--profile roleb is the role" -- aws sts get-caller-identity --profile roleb
check "caller account" "$(field Account)" "222222222222"
echo "seed 004" >test.txt
fails AccessDenied "aws s3 cp test.txt s3://cross-account-bucket --profile roleb" -- aws s3 cp test.txt s3://cross-account-bucket --profile roleb

root 222222222222
sed -e 's/"Action": \[/"Principal": {"AWS": "arn:aws:iam::222222222222:role\/role-in-accountb"},\n"Action": [/' role-policy.json >bucket-policy.json
fails MalformedPolicy "the same resource in a bucket policy" -- aws s3api put-bucket-policy --bucket cross-account-bucket --policy file://bucket-policy.json
grep -q "Policy has invalid resource" "$err"
check "MalformedPolicy message" "$?" "0"
sed -i 's#222222222222/cross-account-bucket#cross-account-bucket/*#' role-policy.json
ok "fix the role policy's resource" -- aws iam put-role-policy --role-name role-in-accountb --policy-name s3 --policy-document file://role-policy.json

nobody
ok "aws s3 cp test.txt s3://cross-account-bucket --profile roleb" -- aws s3 cp test.txt s3://cross-account-bucket --profile roleb
root 222222222222
ok "Account B reads it" -- aws s3 cp s3://cross-account-bucket/test.txt got.txt
check "body" "$(cat got.txt 2>/dev/null)" "seed 004"
finish
