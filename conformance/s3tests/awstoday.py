"""pytest plugin: run ceph/s3-tests the way a user must against AWS today.

Since April 2023 a new S3 bucket has Object Ownership BucketOwnerEnforced
(ACLs off) and Block Public Access on, so a CreateBucket that carries a
canned ACL or grants is refused. ceph/s3-tests predates that. This plugin
does what a user does on AWS: every CreateBucket made by the suite is sent
without its ACL, then the bucket gets ObjectWriter ownership (unless the
test asked for an ownership itself), its Public Access Block is deleted,
and the ACL, if any, is applied with PutBucketAcl.

The suite's cleanup (nuke_bucket) sends DeleteObjects with
BypassGovernanceRetention=True to every bucket; AWS refuses that on a
bucket without Object Lock (400 InvalidArgument, LocalStack
test_s3_api.snapshot.json TestS3ObjectLock::test_delete_object_with_no_locking,
recorded against AWS), so the cleanup is retried without the flag.

Load it with `-p awstoday` and this folder on PYTHONPATH (run.sh does).
"""

from botocore.client import BaseClient
from botocore.exceptions import ClientError

_ACL_PARAMS = ("ACL", "GrantFullControl", "GrantRead", "GrantReadACP",
               "GrantWrite", "GrantWriteACP")

_orig = BaseClient._make_api_call


def _make_api_call(self, operation_name, api_params):
    if self.meta.service_model.service_name != "s3":
        return _orig(self, operation_name, api_params)
    if operation_name == "DeleteObjects" and api_params.get("BypassGovernanceRetention"):
        try:
            return _orig(self, operation_name, api_params)
        except ClientError as e:
            if "only applicable to Object Lock" not in str(e):
                raise
        params = dict(api_params)
        del params["BypassGovernanceRetention"]
        return _orig(self, operation_name, params)
    if operation_name != "CreateBucket":
        return _orig(self, operation_name, api_params)
    params = dict(api_params)
    acl = {k: params.pop(k) for k in _ACL_PARAMS if k in params}
    res = _orig(self, operation_name, params)
    bucket = params["Bucket"]
    if "ObjectOwnership" not in params:
        _orig(self, "PutBucketOwnershipControls", {
            "Bucket": bucket,
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}})
    _orig(self, "DeletePublicAccessBlock", {"Bucket": bucket})
    if acl:
        acl["Bucket"] = bucket
        _orig(self, "PutBucketAcl", acl)
    return res


BaseClient._make_api_call = _make_api_call
