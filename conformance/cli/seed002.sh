#!/usr/bin/env bash
# Seed 002: users of Account A reach buckets of Account B, first through
# the bucket policy directly, then through an 8-hour role.
. "$(dirname "$0")/lib.sh"
A=111111111111
B=222222222222

root $B
fails InvalidBucketName "SampleBucketA is not a valid bucket name" -- aws s3api create-bucket --bucket SampleBucketA
ok "create samplebucketa" -- aws s3api create-bucket --bucket samplebucketa
ok "create samplebucketb" -- aws s3api create-bucket --bucket samplebucketb

root $A
cat >user-policy.json <<'JSON'
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
            "Resource": ["arn:aws:s3:::samplebucketa/*", "arn:aws:s3:::samplebucketb/*"]
        }
    ]
}
JSON
for u in userA userB; do
	ok "create-user $u" -- aws iam create-user --user-name $u
	ok "put-user-policy $u" -- aws iam put-user-policy --user-name $u --policy-name s3 --policy-document file://user-policy.json
	ok "create-access-key $u" -- aws iam create-access-key --user-name $u
	printf '[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n' $u "$(field AccessKey.AccessKeyId)" "$(field AccessKey.SecretAccessKey)" >>"$AWS_SHARED_CREDENTIALS_FILE"
done

echo a >a.txt
nobody
fails AccessDenied "no bucket policy yet" -- aws s3api put-object --bucket samplebucketa --key a.txt --body a.txt --profile userA

root $B
cat >bucket-policy.json <<JSON
{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "AWS": [
                    "arn:aws:iam::$A:user/userA",
                    "arn:aws:iam::$A:user/userB"
                ]
            },
            "Action": [
                "s3:GetObject",
                "s3:PutObject",
                "s3:PutObjectAcl"
            ],
            "Resource": [
                "arn:aws:s3:::samplebucketa/*"
            ]
        }
    ]
}
JSON
ok "put-bucket-policy naming the users" -- aws s3api put-bucket-policy --bucket samplebucketa --policy file://bucket-policy.json
sed 's/userB/nobody/' bucket-policy.json >bad-policy.json
fails MalformedPolicy "a bucket policy naming a missing user" -- aws s3api put-bucket-policy --bucket samplebucketa --policy file://bad-policy.json

nobody
ok "userA puts" -- aws s3api put-object --bucket samplebucketa --key a.txt --body a.txt --profile userA
ok "userB gets" -- aws s3api get-object --bucket samplebucketa --key a.txt got.txt --profile userB
check "body" "$(cat got.txt 2>/dev/null)" "a"

root $A
ok "create-role with an 8-hour maximum" -- aws iam create-role --role-name assumed-accountb-role --max-session-duration 28800 \
	--assume-role-policy-document '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
	"Principal": {"AWS": ["arn:aws:iam::'$A':user/userA", "arn:aws:iam::'$A':user/userB"], "Service": "ec2.amazonaws.com"},
	"Action": "sts:AssumeRole"}]}'
ok "put-role-policy" -- aws iam put-role-policy --role-name assumed-accountb-role --policy-name s3 --policy-document file://user-policy.json
root $B
ok "bucket policy for the role" -- aws s3api put-bucket-policy --bucket samplebucketa --policy '{"Version": "2012-10-17",
	"Statement": [{"Sid": "allow-access-samplebucketA", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::'$A':role/assumed-accountb-role"]},
	"Action": "s3:*", "Resource": ["arn:aws:s3:::samplebucketa/*", "arn:aws:s3:::samplebucketa"]}]}'

nobody
fails ValidationError "more than the role's maximum" -- aws sts assume-role --duration-seconds 28801 --role-arn "arn:aws:iam::$A:role/assumed-accountb-role" --role-session-name Sarav-Session --profile userA
ok "assume-role for 8 hours" -- aws sts assume-role --duration-seconds 28800 --role-arn "arn:aws:iam::$A:role/assumed-accountb-role" --role-session-name Sarav-Session --profile userA
check "session name in the ARN" "$(field AssumedRoleUser.Arn)" "arn:aws:sts::$A:assumed-role/assumed-accountb-role/Sarav-Session"
hours=$(python3 -c 'import json,sys,datetime
e=datetime.datetime.fromisoformat(json.load(open(sys.argv[1]))["Credentials"]["Expiration"].replace("Z","+00:00"))
print(round((e-datetime.datetime.now(datetime.timezone.utc)).total_seconds()/3600))' "$out")
check "the session lasts 8 hours" "$hours" "8"
use_session
ok "the role session writes samplebucketa" -- aws s3 cp a.txt s3://samplebucketa/role.txt
fails AccessDenied "samplebucketb does not trust the role" -- aws s3api put-object --bucket samplebucketb --key role.txt --body a.txt
finish
