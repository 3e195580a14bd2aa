#!/usr/bin/env bash
# Centralized root access with the AWS CLI: the management account enables
# RootSessions, and its IAM user opens a privileged session in a member
# account to delete a bucket policy that locks everyone out, as "Perform a
# privileged task on an AWS Organizations member account" (IAM User Guide)
# describes.
. "$(dirname "$0")/lib.sh"

root 111111111111
ok "an organization" -- aws organizations create-organization --feature-set ALL
ok "a member account" -- aws organizations create-account --account-name prod --email prod@example.com
member=$(aws organizations describe-create-account-status --create-account-request-id "$(field CreateAccountStatus.Id)" \
	--query CreateAccountStatus.AccountId --output text)
fails ServiceAccessNotEnabledException "features need IAM's trusted access first" -- aws iam enable-organizations-root-sessions
ok "trusted access for IAM" -- aws organizations enable-aws-service-access --service-principal iam.amazonaws.com
ok "RootSessions" -- aws iam enable-organizations-root-sessions
ok "list-organizations-features" -- aws iam list-organizations-features
check "enabled features" "$(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["EnabledFeatures"]))' "$out")" "RootSessions"

root "$member"
ok "the member's bucket" -- aws s3 mb s3://prod-locked
ok "a bucket policy denying everyone" -- aws s3api put-bucket-policy --bucket prod-locked --policy '{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": ["arn:aws:s3:::prod-locked", "arn:aws:s3:::prod-locked/*"]}]}'
fails AccessDenied "locks the member's own administrators out" -- aws s3api list-objects-v2 --bucket prod-locked

root 111111111111
ok "an operator of the management account" -- aws iam create-user --user-name operator
ok "may assume root for the S3 unlock task" -- aws iam put-user-policy --user-name operator --policy-name privileged --policy-document '{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoot", "Resource": "arn:aws:iam::*:root",
    "Condition": {"StringEquals": {"sts:TaskPolicyArn": "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"}}}]}'
ok "its key" -- aws iam create-access-key --user-name operator
export AWS_ACCESS_KEY_ID=$(field AccessKey.AccessKeyId) AWS_SECRET_ACCESS_KEY=$(field AccessKey.SecretAccessKey)
fails AccessDenied "another task is not allowed" -- aws sts assume-root --target-principal "$member" \
	--task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials
ok "assume-root" -- aws sts assume-root --target-principal "$member" --duration-seconds 900 \
	--task-policy-arn arn=arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy
use_session
ok "the session" -- aws sts get-caller-identity
check "is the member's root user" "$(field Arn)" "arn:aws:iam::$member:root"
fails AccessDenied "the task policy allows nothing else" -- aws s3api list-objects-v2 --bucket prod-locked
ok "delete-bucket-policy" -- aws s3api delete-bucket-policy --bucket prod-locked

root "$member"
ok "the member's bucket is reachable again" -- aws s3api list-objects-v2 --bucket prod-locked
finish
