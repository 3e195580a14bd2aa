# Generates the SigV2 presigned URLs in sigv2_test.go (TestSigV2PresignedTemporaryCredentials)
# with botocore at a fixed time: python3 gen_sigv2_presign.py
import boto3, botocore, time
from unittest import mock
from botocore.config import Config
s = boto3.session.Session(aws_access_key_id="ASIAFAKEAWSTEMPKEY01", aws_secret_access_key="tempsecret/Example+Key", aws_session_token="FQoGZXIvYXdzEXAMPLETOKEN+/=", region_name="us-east-1")
c = s.client("s3", endpoint_url="http://127.0.0.1:4566", config=Config(signature_version="s3", s3={"addressing_style": "path"}))
with mock.patch("time.time", return_value=1767225600):  # 2026-01-01T00:00:00Z
    print(c.generate_presigned_url("get_object", Params={"Bucket": "links", "Key": "report 1.txt"}, ExpiresIn=3600))
    print(c.generate_presigned_url("put_object", Params={"Bucket": "links", "Key": "up.txt", "Metadata": {"owner": "alice"}, "ContentType": "text/plain"}, ExpiresIn=3600))
print(botocore.__version__)
