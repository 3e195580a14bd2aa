#!/usr/bin/env bash
# A CI job's web identity flow, as GitHub Actions runs it against AWS: an
# OIDC provider (fakeaws's own issuer, /_fakeaws/oidc), a role whose trust
# policy names the provider and conditions on aud and sub, and then the
# AWS CLI and boto3 with nothing but AWS_ROLE_ARN and
# AWS_WEB_IDENTITY_TOKEN_FILE (or a profile's web_identity_token_file):
# the SDKs call AssumeRoleWithWebIdentity themselves, unsigned.
. "$(dirname "$0")/lib.sh"

issuer_host=${AWS_ENDPOINT_URL#http://}/_fakeaws/oidc
provider=arn:aws:iam::111111111111:oidc-provider/$issuer_host
# token SUB AUD FILE: a token from fakeaws's issuer.
token() {
	curl -sf -X POST --data-urlencode "sub=$1" --data-urlencode "aud=$2" "$AWS_ENDPOINT_URL/_fakeaws/oidc/token" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["id_token"])' >"$3"
}

root 111111111111
ok "register the issuer (IAM wants https://)" -- aws iam create-open-id-connect-provider --url "https://$issuer_host" \
	--client-id-list sts.amazonaws.com --thumbprint-list 0000000000000000000000000000000000000000
check "provider ARN" "$(field OpenIDConnectProviderArn)" "$provider"
cat >trust.json <<JSON
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"Federated": "$provider"},
  "Action": "sts:AssumeRoleWithWebIdentity",
  "Condition": {"StringEquals": {"$issuer_host:aud": "sts.amazonaws.com"},
                "StringLike": {"$issuer_host:sub": "repo:octo-org/app:*"}}}]}
JSON
ok "the deploy role trusts the repository's tokens" -- aws iam create-role --role-name ci-deploy --assume-role-policy-document file://trust.json
ok "which may write one bucket" -- aws iam put-role-policy --role-name ci-deploy --policy-name artifacts --policy-document '{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::ci-artifacts/*"}]}'
ok "the artifacts bucket" -- aws s3 mb s3://ci-artifacts
ok "another bucket" -- aws s3 mb s3://ci-other

token "repo:octo-org/app:ref:refs/heads/main" sts.amazonaws.com main.jwt
token "repo:someone-else/app:ref:refs/heads/main" sts.amazonaws.com other-repo.jwt
token "repo:octo-org/app:ref:refs/heads/main" not-sts other-aud.jwt
check "tokens minted" "$(wc -l <main.jwt)$(wc -l <other-repo.jwt)$(wc -l <other-aud.jwt)" "111"

nobody
export AWS_ROLE_ARN=arn:aws:iam::111111111111:role/ci-deploy AWS_ROLE_SESSION_NAME=gha-run-1
export AWS_WEB_IDENTITY_TOKEN_FILE=$PWD/main.jwt
ok "the CLI assumes the role from the environment" -- aws sts get-caller-identity
check "the session" "$(field Arn)" "arn:aws:sts::111111111111:assumed-role/ci-deploy/gha-run-1"
echo "build 1" >artifact.txt
ok "aws s3 cp into the artifacts bucket" -- aws s3 cp artifact.txt s3://ci-artifacts/build-1.txt
fails AccessDenied "the role may not write another bucket" -- aws s3api put-object --bucket ci-other --key x --body artifact.txt
ok "boto3 takes the same variables" -- python3 -c 'import boto3
print(boto3.client("sts").get_caller_identity()["Arn"])
print(boto3.client("s3").get_object(Bucket="ci-artifacts", Key="build-1.txt")["Body"].read().decode().strip())'
check "boto3's session and read" "$(tr '\n' ' ' <"$out")" "arn:aws:sts::111111111111:assumed-role/ci-deploy/gha-run-1 build 1 "

# The CLI caches the session under ~/.aws/cli/cache, keyed by the role and
# session name, not the token: a new name asks STS again.
export AWS_WEB_IDENTITY_TOKEN_FILE=$PWD/other-repo.jwt AWS_ROLE_SESSION_NAME=gha-run-2
fails AccessDenied "another repository's token does not match the trust policy's sub" -- aws sts get-caller-identity
grep -q "Not authorized to perform sts:AssumeRoleWithWebIdentity" "$err"
check "AWS's message" "$?" "0"
export AWS_WEB_IDENTITY_TOKEN_FILE=$PWD/other-aud.jwt AWS_ROLE_SESSION_NAME=gha-run-3
fails InvalidIdentityToken "a token for another audience" -- aws sts get-caller-identity
grep -q "Incorrect token audience" "$err"
check "AWS's message" "$?" "0"
unset AWS_ROLE_ARN AWS_ROLE_SESSION_NAME AWS_WEB_IDENTITY_TOKEN_FILE

cat >"$AWS_CONFIG_FILE" <<INI
[profile deploy]
role_arn = arn:aws:iam::111111111111:role/ci-deploy
web_identity_token_file = $PWD/main.jwt
role_session_name = from-profile
INI
ok "a profile's web_identity_token_file" -- aws sts get-caller-identity --profile deploy
check "the profile's session" "$(field Arn)" "arn:aws:sts::111111111111:assumed-role/ci-deploy/from-profile"
ok "and its read" -- aws s3 cp s3://ci-artifacts/build-1.txt got.txt --profile deploy
check "body" "$(cat got.txt 2>/dev/null)" "build 1"
finish
