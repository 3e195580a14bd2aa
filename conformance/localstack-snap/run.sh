#!/usr/bin/env bash
# Run LocalStack's own pytest suites (tests/aws/services/{s3,iam,sts}) against
# fakeaws with snapshot verification: every snapshot.match compares the
# response with the one LocalStack recorded from real AWS
# (*.snapshot.json, dated in *.validation.json). Not part of `go test`;
# a manual tool.
#
#   conformance/localstack-snap/run.sh /path/to/localstack [pytest args...]
#
# Nothing is vendored. Needs:
# - a checkout of github.com/localstack/localstack (the runner adds no file
#   to it);
# - LSSNAP_PATH: colon-separated directories holding the pure-Python
#   packages LocalStack's test plugins import and Debian 12 lacks or has
#   too old: localstack_snapshot (localstack/localstack-snapshot), rolo
#   (localstack/rolo), plux (localstack/plux), pytest_httpserver
#   (csernazs/pytest-httpserver), cbor2 5.x (agronholm/cbor2 at tag 5.9.0,
#   the last pure-Python one) - each repository's package directory;
# - a Python >= 3.13 (LocalStack's source uses its syntax and library):
#   PYTHON, by default python3.13 or pyenv's 3.13. Packages it lacks come
#   from LSSNAP_SITE (default: the site-packages of the `python3` that has
#   boto3; boto3, botocore, werkzeug, requests, jsonpath-ng, moto are pure
#   Python) and from Debian (apt-get install python3-pytest python3-deepdiff
#   python3-cachetools python3-psutil python3-semver python3-dnslib
#   python3-xmltodict python3-dotenv python3-asn1crypto).
# For example, with the repositories fetched as bare git directories:
#   mkdir deps && for r in localstack-snapshot:localstack_snapshot rolo:rolo \
#       plux:plux pytest-httpserver:pytest_httpserver; do
#     git --git-dir=.../${r%%:*}.git archive HEAD ${r#*:} | tar x -C deps; done
#   git --git-dir=.../cbor2.git archive 5.9.0 cbor2 | tar x -C deps
#   LSSNAP_PATH=$PWD/deps conformance/localstack-snap/run.sh /path/to/localstack
#
# LocalStack's split IAM tests (tests/aws/services/iam/test_iam_<area>.py,
# from localstack b04c14ce, March 2026) need more: the testing fixtures of
# the same commit (localstack-core/localstack/testing/pytest/fixtures.py and
# testing/snapshots/transformer_utility.py; use a checkout of that commit,
# or copy them with the test files into a scratch copy of an older one),
# Debian's python3-pyotp, and `cryptography` for their conftest.py. The
# abi3 build of cryptography that the `python3` with boto3 has loads in
# 3.13 too, given a _cffi_backend built for 3.13 (cffi's C source:
# `gcc -shared -fPIC -I$(pyenv root)/versions/3.13.0/include/python3.13
# $(pkg-config --cflags libffi) src/c/_cffi_backend.c -lffi
# -o deps13/_cffi_backend.cpython-313-x86_64-linux-gnu.so`, with a link to
# that cryptography package in deps13); add deps13 to LSSNAP_PATH and pass
# the files (about 40 s for all of them and test_iam.py).
#
# LSSNAP_STRICT=1 ignores LocalStack's `skip_snapshot_verify` markers (its
# own list of known differences from AWS), comparing every path.
# Default pytest arguments: test_s3_api.py, test_s3_list_operations.py,
# test_s3_cors.py and test_s3_preconditions.py (about a minute); pass others
# as arguments (tests/aws/services/s3/test_s3.py: 3 minutes;
# tests/aws/services/iam/test_iam.py, tests/aws/services/sts/test_sts.py).
# Always: tests marked aws_validated (run against AWS by LocalStack), less
# deselect.txt (services fakeaws does not serve, LocalStack-only variants).
# Results and the judgement of each failure: docs/deviations.md, "LocalStack's
# snapshot tests".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
checkout=${1:?usage: run.sh /path/to/localstack [pytest args...]}
shift || true
checkout=$(cd "$checkout" && pwd)
: "${LSSNAP_PATH:?set LSSNAP_PATH to the fetched packages (see run.sh)}"
python=${PYTHON:-}
if [ -z "$python" ]; then
  for c in python3.13 "$(pyenv root 2>/dev/null)"/versions/3.13*/bin/python; do
    if "$c" -c 'import sys; assert sys.version_info >= (3, 13)' 2>/dev/null; then python=$c; break; fi
  done
fi
: "${python:?no Python >= 3.13 found: set PYTHON}"
if [ -z "${LSSNAP_SITE:-}" ]; then
  LSSNAP_SITE=$(python3 -c 'import boto3, os; print(os.path.dirname(os.path.dirname(boto3.__file__)))')
fi
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log"
port=$FAKEAWS_PORT

export LSSNAP_PATH LSSNAP_SITE LSSNAP_PORT=$port
export TEST_SKIP_LOCALSTACK_START=1 TEST_TARGET=LOCALSTACK
export LOCALSTACK_HOST=localhost.localstack.cloud:$port GATEWAY_LISTEN=127.0.0.1:$port
# The secondary account (000000000002) is that account's root in fakeaws
# with the secret `test` (LocalStack's default secret for it is test2).
export SECONDARY_TEST_AWS_SECRET_ACCESS_KEY=test
export AWS_DEFAULT_REGION=us-east-1
# The tests run as an IAM user with AdministratorAccess in account
# 000000000000 (made here), as LocalStack's runs against AWS do: AWS refuses
# an account's root some calls the tests make (sts:AssumeRole).
# LSSNAP_IDENTITY=root runs them as that account's root, test/test.
if [ "${LSSNAP_IDENTITY:-user}" = user ]; then
  keys=$(python3 - "$FAKEAWS_URL" <<'PY'
import sys, boto3
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="test", aws_secret_access_key="test")
iam.create_user(UserName="lssnap-admin")
iam.attach_user_policy(UserName="lssnap-admin", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
k = iam.create_access_key(UserName="lssnap-admin")["AccessKey"]
print(k["AccessKeyId"], k["SecretAccessKey"])
PY
)
  read -r TEST_AWS_ACCESS_KEY_ID TEST_AWS_SECRET_ACCESS_KEY <<<"$keys"
  export TEST_AWS_ACCESS_KEY_ID TEST_AWS_SECRET_ACCESS_KEY
fi

if [ $# -eq 0 ]; then
  set -- tests/aws/services/s3/test_s3_api.py tests/aws/services/s3/test_s3_list_operations.py \
    tests/aws/services/s3/test_s3_cors.py tests/aws/services/s3/test_s3_preconditions.py
fi
deselect=()
while read -r id _; do
  case $id in ''|'#'*) continue ;; esac
  deselect+=(--deselect "$id")
done <"$here/deselect.txt"
cd "$checkout"
"$python" "$here/launch.py" -m aws_validated "${deselect[@]}" -p no:cacheprovider \
  -W ignore --show-capture=no -o log_level=WARNING -q -rfE "$@"
