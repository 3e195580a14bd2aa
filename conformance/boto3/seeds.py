"""The seed flows through boto3, against the fakeaws at AWS_ENDPOINT_URL.

Run by conformance/boto3_test.go with a fresh server, AWS_CONFIG_FILE and
AWS_SHARED_CREDENTIALS_FILE in a scratch directory. By hand:

    AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_CONFIG_FILE=/tmp/c \
      AWS_SHARED_CREDENTIALS_FILE=/tmp/k python3 conformance/boto3/seeds.py
"""

import io
import json
import os
import sys
import traceback
import urllib.request

import boto3
import botocore
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

EMRYS, ODIN, VENDOR = "111111111111", "222222222222", "333333333333"
ENDPOINT = os.environ["AWS_ENDPOINT_URL"]
CONFIG = Config(region_name="us-east-1", retries={"max_attempts": 1, "mode": "standard"})

passed = failed = 0


def session(key, secret="test", token=None):
    return boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                 aws_session_token=token, region_name="us-east-1")


def root(account):
    return session(account)


def client(sess, service, **kw):
    return sess.client(service, config=CONFIG, **kw)


def ok(desc, fn):
    """Runs fn; it must not raise. Returns its result."""
    global passed, failed
    try:
        result = fn()
    except Exception as e:  # noqa: BLE001 - report every failure
        failed += 1
        print(f"FAIL {desc}: {e!r}")
        return None
    passed += 1
    print(f"ok   {desc}")
    return result


def fails(code, desc, fn):
    """Runs fn; it must raise a ClientError with the AWS error code."""
    global passed, failed
    try:
        fn()
    except ClientError as e:
        got = e.response.get("Error", {}).get("Code")
        if got == code:
            passed += 1
            print(f"ok   {desc} ({code})")
            return e
        failed += 1
        print(f"FAIL {desc}: error {got}, want {code}: {e}")
        return e
    except Exception as e:  # noqa: BLE001
        failed += 1
        print(f"FAIL {desc}: {e!r}, want {code}")
        return e
    failed += 1
    print(f"FAIL {desc}: succeeded, want {code}")
    return None


def check(desc, got, want):
    global passed, failed
    if got == want:
        passed += 1
        print(f"ok   {desc}")
    else:
        failed += 1
        print(f"FAIL {desc}: got {got!r}, want {want!r}")


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trust(principal, **extra):
    s = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
    s.update(extra)
    return doc(s)


def new_user(account, name):
    iam = client(root(account), "iam")
    iam.create_user(UserName=name)
    k = iam.create_access_key(UserName=name)["AccessKey"]
    return session(k["AccessKeyId"], k["SecretAccessKey"]), k


def from_creds(out):
    c = out["Credentials"]
    return session(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])


def seed000():
    odin_iam, emrys_iam = client(root(ODIN), "iam"), client(root(EMRYS), "iam")
    role_arn = f"arn:aws:iam::{ODIN}:role/S3ReadWriteRoleEmrys"
    ok("000 create-role", lambda: odin_iam.create_role(RoleName="S3ReadWriteRoleEmrys",
                                                       AssumeRolePolicyDocument=trust(f"arn:aws:iam::{EMRYS}:root")))
    pol = ok("000 create-policy", lambda: odin_iam.create_policy(PolicyName="ReadOdinS3IAMPolicy", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::odin-bucket"},
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::odin-bucket/*"})))
    ok("000 attach-role-policy", lambda: odin_iam.attach_role_policy(RoleName="S3ReadWriteRoleEmrys", PolicyArn=pol["Policy"]["Arn"]))
    ok("000 odin creates its bucket", lambda: client(root(ODIN), "s3").create_bucket(Bucket="odin-bucket"))
    user, _ = ok("000 emrys creates MY_USER", lambda: new_user(EMRYS, "merlin"))
    sts = client(user, "sts")
    fails("AccessDenied", "000 assume-role without the identity policy",
          lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="s3-access"))
    p = ok("000 create-policy AssumeOdinRole", lambda: emrys_iam.create_policy(
        PolicyName="AssumeOdinRole", PolicyDocument=doc({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": role_arn})))
    ok("000 attach-user-policy", lambda: emrys_iam.attach_user_policy(UserName="merlin", PolicyArn=p["Policy"]["Arn"]))
    out = ok("000 assume-role", lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="s3-access"))
    check("000 assumed-role ARN", out["AssumedRoleUser"]["Arn"], f"arn:aws:sts::{ODIN}:assumed-role/S3ReadWriteRoleEmrys/s3-access")
    s3 = client(from_creds(out), "s3")
    ok("000 put", lambda: s3.put_object(Bucket="odin-bucket", Key="hello.txt", Body=b"hello Odin"))
    got = ok("000 get", lambda: s3.get_object(Bucket="odin-bucket", Key="hello.txt")["Body"].read())
    check("000 body", got, b"hello Odin")
    keys = ok("000 list", lambda: [o["Key"] for o in s3.list_objects_v2(Bucket="odin-bucket")["Contents"]])
    check("000 keys", keys, ["hello.txt"])
    fails("AccessDenied", "000 the user's own keys", lambda: client(user, "s3").get_object(Bucket="odin-bucket", Key="hello.txt"))


def seed002():
    s3b = client(root(ODIN), "s3")
    fails("InvalidBucketName", "002 SampleBucketA", lambda: s3b.create_bucket(Bucket="SampleBucketA"))
    ok("002 samplebucketa", lambda: s3b.create_bucket(Bucket="samplebucketa"))
    user_a, _ = new_user(EMRYS, "userA")
    client(root(EMRYS), "iam").put_user_policy(UserName="userA", PolicyName="s3", PolicyDocument=doc(
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"], "Resource": "arn:aws:s3:::samplebucketa/*"}))
    fails("AccessDenied", "002 no bucket policy yet", lambda: client(user_a, "s3").put_object(Bucket="samplebucketa", Key="a", Body=b"a"))
    ok("002 bucket policy naming userA", lambda: s3b.put_bucket_policy(Bucket="samplebucketa", Policy=doc(
        {"Effect": "Allow", "Principal": {"AWS": [f"arn:aws:iam::{EMRYS}:user/userA"]},
         "Action": ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"], "Resource": ["arn:aws:s3:::samplebucketa/*"]})))
    ok("002 userA puts", lambda: client(user_a, "s3").put_object(Bucket="samplebucketa", Key="a", Body=b"a"))
    iam = client(root(EMRYS), "iam")
    ok("002 8-hour role", lambda: iam.create_role(RoleName="assumed-accountb-role", MaxSessionDuration=28800,
                                                  AssumeRolePolicyDocument=trust([f"arn:aws:iam::{EMRYS}:user/userA"])))
    sts = client(user_a, "sts")
    arn = f"arn:aws:iam::{EMRYS}:role/assumed-accountb-role"
    fails("ValidationError", "002 28801 seconds", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="Sarav-Session", DurationSeconds=28801))
    out = ok("002 28800 seconds", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="Sarav-Session", DurationSeconds=28800))
    if out:
        import datetime
        left = out["Credentials"]["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
        check("002 lasts 8 hours", round(left.total_seconds() / 3600), 8)


def seed003():
    iam = client(root(ODIN), "iam")
    client(root(ODIN), "s3").create_bucket(Bucket="bucket-name")
    arn = f"arn:aws:iam::{ODIN}:role/third-party"
    ok("003 role with ExternalId", lambda: iam.create_role(RoleName="third-party", AssumeRolePolicyDocument=trust(
        [f"arn:aws:iam::{VENDOR}:root"], Condition={"StringEquals": {"sts:ExternalId": "Unique-Id-4242"}})))
    iam.put_role_policy(RoleName="third-party", PolicyName="access", PolicyDocument=doc(
        {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket-name"]},
        {"Effect": "Allow", "Action": "s3:*Object", "Resource": ["arn:aws:s3:::bucket-name/*"]}))
    svc, _ = new_user(VENDOR, "service")
    client(root(VENDOR), "iam").put_user_policy(UserName="service", PolicyName="assume", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": arn}))
    sts = client(svc, "sts")
    fails("AccessDenied", "003 no ExternalId", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="svc"))
    fails("AccessDenied", "003 wrong ExternalId", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="svc", ExternalId="wrong-id"))
    out = ok("003 right ExternalId", lambda: sts.assume_role(RoleArn=arn, RoleSessionName="svc", ExternalId="Unique-Id-4242"))
    s3 = client(from_creds(out), "s3")
    # upload_fileobj over the multipart threshold: a multipart upload.
    data = os.urandom(7 << 20)
    ok("003 multipart upload_fileobj", lambda: s3.upload_fileobj(io.BytesIO(data), "bucket-name", "big.bin",
                                                               Config=TransferConfig(multipart_threshold=5 << 20, multipart_chunksize=5 << 20)))
    buf = io.BytesIO()
    ok("003 download_fileobj", lambda: s3.download_fileobj("bucket-name", "big.bin", buf))
    check("003 round trip", buf.getvalue() == data, True)
    fails("AccessDenied", "003 GetBucketPolicy", lambda: s3.get_bucket_policy(Bucket="bucket-name"))


def seed004():
    iam_b = client(root(ODIN), "iam")
    client(root(ODIN), "s3").create_bucket(Bucket="cross-account-bucket")
    iam_b.create_role(RoleName="role-in-accountb", AssumeRolePolicyDocument=trust(f"arn:aws:iam::{EMRYS}:root"))
    bad = doc({"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:PutObjectAcl"],
               "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"})
    ok("004 IAM accepts the seed's resource", lambda: iam_b.put_role_policy(RoleName="role-in-accountb", PolicyName="s3", PolicyDocument=bad))
    _, k = new_user(EMRYS, "dev")
    client(root(EMRYS), "iam").put_user_policy(UserName="dev", PolicyName="assume", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{ODIN}:role/role-in-accountb"}))
    with open(os.environ["AWS_SHARED_CREDENTIALS_FILE"], "w") as f:
        f.write(f"[accounta]\naws_access_key_id={k['AccessKeyId']}\naws_secret_access_key={k['SecretAccessKey']}\n\n"
                "[roleb]\nrole_arn = arn:aws:iam::222222222222:role/role-in-accountb\nsource_profile = accounta\n")
    roleb = boto3.session.Session(profile_name="roleb", region_name="us-east-1")
    who = ok("004 profile roleb", lambda: client(roleb, "sts").get_caller_identity())
    check("004 roleb account", who and who["Account"], ODIN)
    s3 = client(roleb, "s3")
    fails("AccessDenied", "004 put with the seed's policy", lambda: s3.put_object(Bucket="cross-account-bucket", Key="test.txt", Body=b"x"))
    e = fails("MalformedPolicy", "004 the resource in a bucket policy", lambda: client(root(ODIN), "s3").put_bucket_policy(
        Bucket="cross-account-bucket", Policy=doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ODIN}:role/role-in-accountb"},
                                                   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::222222222222/cross-account-bucket"})))
    check("004 MalformedPolicy message", e and e.response["Error"].get("Message"), "Policy has invalid resource")
    iam_b.put_role_policy(RoleName="role-in-accountb", PolicyName="s3", PolicyDocument=bad.replace(
        "222222222222/cross-account-bucket", "cross-account-bucket/*"))
    ok("004 put after the fix", lambda: s3.put_object(Bucket="cross-account-bucket", Key="test.txt", Body=b"x"))


def auth():
    user, k = new_user(EMRYS, "hank")
    wrong = session(k["AccessKeyId"], "x" * 40)
    fails("SignatureDoesNotMatch", "auth wrong secret (s3)", lambda: client(wrong, "s3").list_buckets())
    fails("SignatureDoesNotMatch", "auth wrong secret (sts)", lambda: client(wrong, "sts").get_caller_identity())
    fails("InvalidClientTokenId", "auth unknown key (sts)", lambda: client(session("AKIAUNKNOWNKEY000000", "y" * 40), "sts").get_caller_identity())
    s3 = client(root(EMRYS), "s3")
    s3.create_bucket(Bucket="presign")
    s3.put_object(Bucket="presign", Key="k", Body=b"presigned")
    for style in ("path", "virtual"):
        c = root(EMRYS).client(
            "s3", config=Config(region_name="us-east-1", signature_version="s3v4", s3={"addressing_style": style}),
            endpoint_url=ENDPOINT.replace("127.0.0.1", "localhost") if style == "virtual" else ENDPOINT)
        url = c.generate_presigned_url("get_object", Params={"Bucket": "presign", "Key": "k"}, ExpiresIn=60)
        if style == "virtual":
            # BUCKET.localhost does not resolve everywhere: send it to 127.0.0.1
            # with the virtual host in the Host header.
            req = urllib.request.Request(url.replace("presign.localhost", "127.0.0.1"), headers={"Host": url.split("/")[2]})
        else:
            req = urllib.request.Request(url)
        body = ok(f"auth presigned GET ({style})", lambda: urllib.request.urlopen(req).read())
        check(f"auth presigned body ({style})", body, b"presigned")


def main():
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}")
    for fn in (seed000, seed002, seed003, seed004, auth):
        try:
            fn()
        except Exception:  # noqa: BLE001 - a step's setup broke
            global failed
            failed += 1
            print(f"FAIL {fn.__name__}: setup error")
            traceback.print_exc()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
