"""Seed 000's flow with boto3: Emrys's user assumes a role in Odin, writes
Odin's bucket, and is denied a delete the role does not allow."""

import json

import boto3
import botocore.exceptions

EMRYS, ODIN = "111111111111", "222222222222"
ROLE_ARN = f"arn:aws:iam::{ODIN}:role/S3ReadWriteRoleEmrys"


def client(service, endpoint, key, secret="test", token=None):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        aws_session_token=token)


def test_cross_account_role_flow(fakeaws_endpoint):
    odin_iam = client("iam", fakeaws_endpoint, ODIN)
    client("s3", fakeaws_endpoint, ODIN).create_bucket(Bucket="odin-bucket")
    odin_iam.create_role(RoleName="S3ReadWriteRoleEmrys", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                "Principal": {"AWS": f"arn:aws:iam::{EMRYS}:root"}}]}))
    odin_iam.put_role_policy(RoleName="S3ReadWriteRoleEmrys", PolicyName="rw", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
                                                "Resource": "arn:aws:s3:::odin-bucket/*"}]}))

    emrys_iam = client("iam", fakeaws_endpoint, EMRYS)
    emrys_iam.create_user(UserName="merlin")
    emrys_iam.put_user_policy(UserName="merlin", PolicyName="assume", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ROLE_ARN}]}))
    key = emrys_iam.create_access_key(UserName="merlin")["AccessKey"]

    merlin_sts = client("sts", fakeaws_endpoint, key["AccessKeyId"], key["SecretAccessKey"])
    creds = merlin_sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName="pytest")["Credentials"]
    session_s3 = client("s3", fakeaws_endpoint, creds["AccessKeyId"], creds["SecretAccessKey"],
                        creds["SessionToken"])
    session_s3.put_object(Bucket="odin-bucket", Key="from-emrys.txt", Body=b"written by Emrys")
    body = session_s3.get_object(Bucket="odin-bucket", Key="from-emrys.txt")["Body"].read()
    assert body == b"written by Emrys"

    try:
        session_s3.delete_object(Bucket="odin-bucket", Key="from-emrys.txt")
    except botocore.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == "AccessDenied"
    else:
        raise AssertionError("DeleteObject was allowed; the role does not allow s3:DeleteObject")


if __name__ == "__main__":
    # Without pytest: python3 test_role_flow.py runs the same test.
    from fakeaws_server import running_fakeaws
    with running_fakeaws() as endpoint:
        test_cross_account_role_flow(endpoint)
    print("role flow OK, denial OK")
