"""Drives boto3 against fakeaws for conformance/clients_more_test.go, one
S3 call per run, the way the tools in conformance/clients_test.go are
driven through their command lines:

    python3 tool.py CLIENT ENDPOINT OP ARGS...

CLIENT is boto3 (SigV4) or boto3-sigv2 (signature_version "s3", botocore's
SigV2). Credentials and a session token come from the AWS_* variables. An
error prints "ERROR code=CODE status=STATUS: message" and exits 1.
"""
import json
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

PART = 5 * 1024 * 1024  # the smallest part: 20 MiB goes up in 4 parts


def meta_args(args):
    return dict(kv.split("=", 1) for kv in args)


def main():
    client, endpoint, op, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    sig = {"boto3": "s3v4", "boto3-sigv2": "s3"}[client]
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      config=Config(signature_version=sig, s3={"addressing_style": "path"},
                                    retries={"max_attempts": 1}))
    transfer = TransferConfig(multipart_threshold=PART, multipart_chunksize=PART, max_concurrency=2)
    if op == "mb":
        s3.create_bucket(Bucket=args[0])
    elif op == "put":
        s3.upload_file(args[2], args[0], args[1], Config=transfer, ExtraArgs={"Metadata": meta_args(args[3:])})
    elif op == "putobject":
        with open(args[2], "rb") as f:
            s3.put_object(Bucket=args[0], Key=args[1], Body=f.read(), Metadata=meta_args(args[3:]))
    elif op == "get":
        s3.download_file(args[0], args[1], args[2], Config=transfer)
    elif op == "getobject":
        with open(args[2], "wb") as f:
            f.write(s3.get_object(Bucket=args[0], Key=args[1])["Body"].read())
    elif op == "ls":
        for o in s3.list_objects_v2(Bucket=args[0]).get("Contents", []):
            print(o["Key"])
    elif op == "cp":
        s3.copy_object(Bucket=args[0], Key=args[2], CopySource={"Bucket": args[0], "Key": args[1]})
    elif op == "rm":
        s3.delete_object(Bucket=args[0], Key=args[1])
    elif op == "presign":
        print(s3.generate_presigned_url("get_object", Params={"Bucket": args[0], "Key": args[1]}, ExpiresIn=3600))
    elif op == "head":
        print(json.dumps(s3.head_object(Bucket=args[0], Key=args[1])["Metadata"]))
    else:
        raise SystemExit("unknown op " + op)


if __name__ == "__main__":
    try:
        main()
    except ClientError as e:
        err = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "")
        print(f"ERROR code={err.get('Code')} status={status}: {e}", file=sys.stderr)
        sys.exit(1)
