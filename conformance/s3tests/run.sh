#!/usr/bin/env bash
# Run ceph/s3-tests against fakeaws the way a user must run it against AWS
# today (see awstoday.py). Not part of `go test`; a manual tool.
#
#   conformance/s3tests/run.sh /path/to/s3-tests [pytest args...]
#
# The suite is not vendored: check out github.com/ceph/s3-tests yourself.
# Needs python3 with boto3, pytest, pytest-timeout, munch, isodate, pytz,
# httplib2, lxml (Debian: python3-pytest python3-pytest-timeout
# python3-munch python3-isodate python3-tz python3-httplib2 python3-lxml).
# Default pytest arguments: the S3 tests without lifecycle, SSE/KMS,
# S3 Select, website, logging, cloud tiering and RGW-only features.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=${1:?usage: run.sh /path/to/s3-tests [pytest args...]}
shift || true
suite=$(cd "$suite" && pwd)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log" --config "$here/world.json"
port=$FAKEAWS_PORT

# Canonical user ids as fakeaws reports them (the suite compares ACL
# grantees with the config's user_id).
export AWS_DEFAULT_REGION=us-east-1
canon() {
  python3 - "$port" "$1" "$2" <<'PY'
import sys, boto3
c = boto3.client("s3", endpoint_url="http://127.0.0.1:%s" % sys.argv[1],
                 aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
print(c.list_buckets()["Owner"]["ID"])
PY
}
main_id=$(canon AKIAS3TESTSMAIN00001 s3tests/main/SECRETKEY0000000000000000)
alt_id=$(canon AKIAS3TESTSALT000001 s3tests/alt/SECRETKEY0000000000000000)
tenant_id=$(canon AKIAS3TESTSTENANT001 s3tests/tenant/SECRETKEY0000000000000000)

cat >"$work/s3tests.conf" <<CONF
[DEFAULT]
host = 127.0.0.1
port = $port
is_secure = False
ssl_verify = False

[fixtures]
bucket prefix = s3t-{random}-

[s3 main]
display_name = main
user_id = $main_id
email = main@example.com
api_name = us-east-1
access_key = AKIAS3TESTSMAIN00001
secret_key = s3tests/main/SECRETKEY0000000000000000

[s3 alt]
display_name = alt
user_id = $alt_id
email = alt@example.com
access_key = AKIAS3TESTSALT000001
secret_key = s3tests/alt/SECRETKEY0000000000000000

[s3 tenant]
display_name = tenant
user_id = $tenant_id
email = tenant@example.com
access_key = AKIAS3TESTSTENANT001
secret_key = s3tests/tenant/SECRETKEY0000000000000000
tenant = testx

[iam]
email = iam@example.com
user_id = iam
access_key = AKIAS3TESTSIAM000001
secret_key = s3tests/iam/SECRETKEY0000000000000000
display_name = iam

[iam root]
access_key = AKIAS3TESTSIAMROOT01
secret_key = s3tests/root/555555555555/SECRETKEY00000
user_id = 555555555555
email = root1@example.com

[iam alt root]
access_key = AKIAS3TESTSIAMROOT02
secret_key = s3tests/root/666666666666/SECRETKEY00000
user_id = 666666666666
email = root2@example.com
CONF

export S3TEST_CONF="$work/s3tests.conf"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
if [ $# -eq 0 ]; then
  set -- s3tests/functional/test_s3.py -k 'not lifecycle and not sse and not encryption and not kms and not s3select and not website and not logging and not cloud and not appendobject and not restore' \
    -m 'not fails_on_aws' --timeout 60 -q -rf
fi
cd "$suite"
python3 -m pytest -p awstoday "$@"
