#!/usr/bin/env bash
# Seed 003: a third party assumes a role in our account with an ExternalId
# and reads and writes a bucket.
. "$(dirname "$0")/lib.sh"
OURS=222222222222
THEIRS=333333333333

root $OURS
ok "our bucket" -- aws s3 mb s3://bucket-name
cat >access.json <<'JSON'
{
"Version": "2012-10-17",
"Statement": [
{
"Sid": "ListObjectsInBucket",
"Effect": "Allow",
"Action": ["s3:ListBucket"],
"Resource": ["arn:aws:s3:::bucket-name"]
},
{
"Sid": "AllObjectActions",
"Effect": "Allow",
"Action": "s3:*Object",
"Resource": ["arn:aws:s3:::bucket-name/*"]
}
]
}
JSON
cat >trust.json <<JSON
{
"Version": "2012-10-17",
"Statement": [
{
"Effect": "Allow",
"Principal": {
"AWS": [
"arn:aws:iam::$THEIRS:root"
]
},
"Action": "sts:AssumeRole",
"Condition": {"StringEquals": {"sts:ExternalId": "Unique-Id-4242"}}
}
]
}
JSON
ok "create-role" -- aws iam create-role --role-name third-party --assume-role-policy-document file://trust.json
ok "put-role-policy" -- aws iam put-role-policy --role-name third-party --policy-name access --policy-document file://access.json

root $THEIRS
ok "their service user" -- aws iam create-user --user-name service
ok "may assume our role" -- aws iam put-user-policy --user-name service --policy-name assume \
	--policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::'$OURS':role/third-party"}]}'
ok "its key" -- aws iam create-access-key --user-name service
export AWS_ACCESS_KEY_ID=$(field AccessKey.AccessKeyId) AWS_SECRET_ACCESS_KEY=$(field AccessKey.SecretAccessKey)

fails AccessDenied "without an ExternalId" -- aws sts assume-role --role-arn arn:aws:iam::$OURS:role/third-party --role-session-name svc
fails AccessDenied "with the wrong ExternalId" -- aws sts assume-role --role-arn arn:aws:iam::$OURS:role/third-party --role-session-name svc --external-id nope
ok "with the ExternalId" -- aws sts assume-role --role-arn arn:aws:iam::$OURS:role/third-party --role-session-name svc --external-id Unique-Id-4242
use_session
echo "a,b" >f.csv
ok "write" -- aws s3 cp f.csv s3://bucket-name/in/f.csv
ok "list" -- aws s3 ls s3://bucket-name/in/
ok "read" -- aws s3 cp s3://bucket-name/in/f.csv back.csv
check "body" "$(cat back.csv 2>/dev/null)" "a,b"
fails AccessDenied "no bucket-level actions beyond ListBucket" -- aws s3api get-bucket-policy --bucket bucket-name
finish
