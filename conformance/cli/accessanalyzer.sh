#!/usr/bin/env bash
# IAM Access Analyzer's validate-policy and custom policy checks through
# the real AWS CLI, on seed 004's world: the role policy's bucket ARN
# carries the account id.
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

# The custom policy checks, with the CLI reference's examples
# (awscli/examples/accessanalyzer/check-access-not-granted.rst,
# check-no-new-access.rst, check-no-public-access.rst).
# answer EXPR: a Python expression over the answer r in $out.
answer() {
	python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$out" "$1"
}
cat >existing.json <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
 "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}]}
JSON
cat >new.json <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectAcl", "s3:ListBucket"],
 "Resource": ["arn:aws:s3:::DOC-EXAMPLE-BUCKET", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*"]}]}
JSON
ok "check-access-not-granted, the reference's example" -- aws accessanalyzer check-access-not-granted --policy-document file://existing.json \
	--access actions=s3:DeleteBucket,s3:GetBucketLocation --policy-type IDENTITY_POLICY
check "the policy does not grant them" "$(answer 'r["result"], r["message"]')" \
	"('PASS', 'The policy document does not grant access to perform the listed actions or resources.')"
ok "check-access-not-granted on a listed resource" -- aws accessanalyzer check-access-not-granted --policy-document file://existing.json \
	--access 'actions=s3:GetObject,resources=arn:aws:s3:::DOC-EXAMPLE-BUCKET/report.csv' --policy-type IDENTITY_POLICY
check "statement 0 grants it" "$(answer 'r["result"], r["reasons"]')" \
	"('FAIL', [{'description': 'One or more of the listed actions or resources in the statement with index: 0.', 'statementIndex': 0}])"
ok "check-no-new-access, the reference's example" -- aws accessanalyzer check-no-new-access --existing-policy-document file://existing.json \
	--new-policy-document file://new.json --policy-type IDENTITY_POLICY
check "s3:GetObjectAcl is new access" "$(answer 'r["result"], r["message"], r["reasons"][0]["description"]')" \
	"('FAIL', 'The modified permissions grant new access compared to your existing policy.', 'New access in the statement with index: 0.')"
cat >bucket-policy.json <<'JSON'
{"Version": "2012-10-17", "Statement": [{"Sid": "CheckNoPublicAccess", "Effect": "Allow",
 "Principal": {"AWS": "arn:aws:iam::111122223333:user/JohnDoe"}, "Action": ["s3:GetObject"]}]}
JSON
ok "check-no-public-access, the reference's example" -- aws accessanalyzer check-no-public-access --policy-document file://bucket-policy.json \
	--resource-type AWS::S3::Bucket
check "JohnDoe is not the public" "$(answer 'r["result"], r["message"]')" \
	"('PASS', 'The resource policy does not grant public access for the given resource type.')"
fails ValidationException "an unknown resource type" -- aws accessanalyzer check-no-public-access --policy-document file://bucket-policy.json \
	--resource-type AWS::EC2::Instance
fails InvalidParameterException "a document that is not JSON" -- aws accessanalyzer check-no-new-access --existing-policy-document '{' \
	--new-policy-document file://new.json --policy-type IDENTITY_POLICY
finish
