#!/usr/bin/env bash
# IAM Access Analyzer's validate-policy through the real AWS CLI, on seed
# 004's world: the role policy's bucket ARN carries the account id.
# world: examples/seed004.json
. "$(dirname "$0")/lib.sh"

# first FIELD: a field of the first finding in $out.
first() {
	python3 -c 'import json,sys
f=json.load(open(sys.argv[1]))["findings"]
print(f[0][sys.argv[2]] if f else "none")' "$out" "$1"
}

root 222222222222
cat >role-policy.json <<'JSON'
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"],
            "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"
        }
    ]
}
JSON
ok "validate the seed's role policy" -- aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document file://role-policy.json
check "the bucket 222222222222 is not in the world" "$(first issueCode)" RESOURCE_NOT_FOUND_IN_WORLD

cat >typo.json <<'JSON'
{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "arn:aws:s3:::cross-account-bucket/*"}}
JSON
ok "validate a typo" -- aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document file://typo.json
check "s3:GetObjet is an invalid action" "$(first issueCode) $(first findingType)" "INVALID_ACTION ERROR"

cat >fixed.json <<'JSON'
{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::cross-account-bucket/*"}}
JSON
ok "validate the fixed policy" -- aws accessanalyzer validate-policy --policy-type IDENTITY_POLICY --policy-document file://fixed.json
check "no findings" "$(first issueCode)" none

fails ValidationException "an unknown policy type" -- aws accessanalyzer validate-policy --policy-type NOPE --policy-document file://fixed.json
finish
