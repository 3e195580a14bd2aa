#!/usr/bin/env bash
# Seed 000: account Emrys reads and writes the bucket of account Odin through
# a role in Odin, with the commands of the seed as written ([default] is
# Emrys, [odin] is Odin).
. "$(dirname "$0")/lib.sh"
EMRYS_ID=111111111111
ODIN_ID=222222222222
MY_USER=merlin

cat >"$AWS_SHARED_CREDENTIALS_FILE" <<INI
[default]
aws_access_key_id = $EMRYS_ID
aws_secret_access_key = test

[odin]
aws_access_key_id = $ODIN_ID
aws_secret_access_key = test
INI

ok "create-role in Odin trusting Emrys" -- aws iam create-role --role-name S3ReadWriteRoleEmrys --assume-role-policy-document '{
"Version": "2012-10-17",
"Statement": [
{
"Effect": "Allow",
"Principal": {
"AWS": "arn:aws:iam::'$EMRYS_ID':root"
} ,
"Action": "sts:AssumeRole"
}
]
}' --profile odin
check "role ARN" "$(field Role.Arn)" "arn:aws:iam::$ODIN_ID:role/S3ReadWriteRoleEmrys"

cat >emrys-policy.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::odin-bucket"},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::odin-bucket/*"}
  ]
}
JSON
ok "create-policy ReadOdinS3IAMPolicy" -- aws iam create-policy --policy-name ReadOdinS3IAMPolicy --policy-document file://emrys-policy.json --profile odin
ok "attach-role-policy" -- aws iam attach-role-policy --role-name S3ReadWriteRoleEmrys --policy-arn arn:aws:iam::$ODIN_ID:policy/ReadOdinS3IAMPolicy --profile odin
ok "Odin makes its bucket" -- aws s3 mb s3://odin-bucket --profile odin

ok "Emrys creates MY_USER" -- aws iam create-user --user-name $MY_USER
ok "Emrys creates MY_USER's access key" -- aws iam create-access-key --user-name $MY_USER
cat >>"$AWS_SHARED_CREDENTIALS_FILE" <<INI

[$MY_USER]
aws_access_key_id = $(field AccessKey.AccessKeyId)
aws_secret_access_key = $(field AccessKey.SecretAccessKey)
INI

fails AccessDenied "assume-role before the user may" -- aws sts assume-role \
	--role-arn arn:aws:iam::$ODIN_ID:role/S3ReadWriteRoleEmrys --role-session-name s3-access --profile $MY_USER

cat >assume-account-odin-role.json <<JSON
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::$ODIN_ID:role/S3ReadWriteRoleEmrys"}]}
JSON
ok "create-policy AssumeOdinRole" -- aws iam create-policy \
	--policy-name AssumeOdinRole \
	--policy-document file://assume-account-odin-role.json
ok "attach-user-policy" -- aws iam attach-user-policy \
	--user-name $MY_USER \
	--policy-arn arn:aws:iam::$EMRYS_ID:policy/AssumeOdinRole
fails AccessDenied "Emrys's root cannot assume roles" -- aws sts assume-role \
	--role-arn arn:aws:iam::$ODIN_ID:role/S3ReadWriteRoleEmrys --role-session-name root

ok "assume-role" -- aws sts assume-role \
	--role-arn arn:aws:iam::$ODIN_ID:role/S3ReadWriteRoleEmrys \
	--role-session-name s3-access --profile $MY_USER
check "AssumedRoleUser.Arn" "$(field AssumedRoleUser.Arn)" "arn:aws:sts::$ODIN_ID:assumed-role/S3ReadWriteRoleEmrys/s3-access"

# "Just paste the output of this into your AWS environment variables."
use_session
ok "get-caller-identity with the session" -- aws sts get-caller-identity
check "caller" "$(field Arn)" "arn:aws:sts::$ODIN_ID:assumed-role/S3ReadWriteRoleEmrys/s3-access"
echo "hello Odin" >hello.txt
ok "s3 cp into Odin's bucket" -- aws s3 cp hello.txt s3://odin-bucket/hello.txt
ok "s3 cp out of Odin's bucket" -- aws s3 cp s3://odin-bucket/hello.txt got.txt
check "downloaded body" "$(cat got.txt 2>/dev/null)" "hello Odin"
ok "s3 ls Odin's bucket" -- aws s3 ls s3://odin-bucket
check "listing" "$(awk '{print $4}' "$out")" "hello.txt"
fails AccessDenied "the session cannot delete (not in the role's policy)" -- aws s3api delete-object --bucket odin-bucket --key hello.txt

nobody
# s3 cp starts with HeadObject, whose 403 has no body: the CLI shows "(403)".
fails 403 "MY_USER's own keys cannot read Odin's bucket" -- aws s3 cp s3://odin-bucket/hello.txt - --profile $MY_USER
finish
