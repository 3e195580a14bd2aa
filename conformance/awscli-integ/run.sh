#!/usr/bin/env bash
# Run the AWS CLI's, botocore's and boto3's own integration tests (written
# to pass against real AWS) against a fresh fakeaws. Not part of `go test`;
# a manual tool. Results and the triage of every failure:
# docs/deviations.md, "AWS CLI and botocore integration tests".
#
#   conformance/awscli-integ/run.sh [SUITE [pytest args...]]
#
# SUITE is cli, botocore, boto3 or all (default); with pytest args, they
# replace the suite's default selection. The tests are those of the git tag
# matching the installed package (aws-cli 1.45.11, botocore and boto3
# 1.43.11 when written), extracted from a git clone: $AWSCLI_GIT,
# $BOTOCORE_GIT, $BOTO3_GIT (a clone or bare git directory), else one made
# under ${SRC_CACHE:-~/.cache/fakeaws-awscli-integ} from GitHub.
# Needs python with awscli, botocore and boto3 installed ($PYTHON, default
# python3), pytest and pytest-timeout (Debian: python3-pytest
# python3-pytest-timeout; /usr/lib/python3/dist-packages is put on
# PYTHONPATH after the installed packages' own).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=${1:-all}
shift || true
python=${PYTHON:-python3}
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

version() { "$python" -c "import $1; print($1.__version__)"; }

# tests_of REPO TAG [GITDIR]: a directory holding REPO's tests/ at TAG.
tests_of() {
  local repo=$1 tag=$2 cache=${SRC_CACHE:-$HOME/.cache/fakeaws-awscli-integ}
  local clone=${3:-"$cache/${repo//\//+}"} out="$work/${repo//\//+}"
  if [ ! -d "$clone" ]; then
    mkdir -p "$cache"
    git clone -q --bare "https://github.com/$repo" "$clone"
  fi
  mkdir -p "$out"
  git -C "$clone" archive "refs/tags/$tag" tests | tar -x -C "$out"
  echo "$out"
}

# The world: bucket "mybucket" owned by another account, as on AWS, where
# test_fail_mb_rb expects `aws s3 mb s3://mybucket` to be BucketAlreadyExists.
cat >"$work/world.json" <<'JSON'
{"accounts": [{"id": "999999999999", "buckets": [{"name": "mybucket"}]}]}
JSON
start_fakeaws "$work" "$work/server.log" --config "$work/world.json"
port=$FAKEAWS_PORT

export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=test \
  AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
: >"$AWS_CONFIG_FILE"; : >"$AWS_SHARED_CREDENTIALS_FILE"
# awscli.testutils runs "python <PATH's aws>": the installed CLI first.
PATH="$(dirname "$(command -v "$python")"):$PATH"
export PYTHONPATH="$here:${PYTHONPATH:+$PYTHONPATH:}/usr/lib/python3/dist-packages"

pytest_in() {
  local dir=$1; shift
  echo "== $dir: $*"
  (cd "$dir" && "$python" -m pytest -p fakeawsinteg -p no:cacheprovider -W ignore \
    --timeout 120 -q -rfE "$@") || status=1
}

status=0
run_cli() {
  local d; d=$(tests_of aws/aws-cli "$(version awscli)" "${AWSCLI_GIT:-}")
  if [ $# -eq 0 ]; then
    pytest_in "$d" tests/integration/test_smoke.py -k 'iam or s3'
    set -- tests/integration/customizations/s3/test_plugin.py \
      tests/integration/test_cli.py::TestGlobalArgs tests/integration/test_assume_role.py
  fi
  pytest_in "$d" "$@"
}
run_botocore() {
  local d; d=$(tests_of boto/botocore "$(version botocore)" "${BOTOCORE_GIT:-}")
  [ $# -gt 0 ] || set -- tests/integration/test_s3.py tests/integration/test_sts.py \
    tests/integration/test_credentials.py tests/integration/test_client.py::TestResponseLog \
    tests/integration/test_client.py::TestClientMeta tests/integration/test_client.py::TestClientInjection \
    tests/integration/test_client.py::TestClientErrors::test_client_modeleded_exception_with_differing_code
  pytest_in "$d" "$@"
}
run_boto3() {
  local d; d=$(tests_of boto/boto3 "$(version boto3)" "${BOTO3_GIT:-}")
  [ $# -gt 0 ] || set -- tests/integration/test_s3.py
  pytest_in "$d" "$@"
}
case $suite in
  cli) run_cli "$@" ;;
  botocore) run_botocore "$@" ;;
  boto3) run_boto3 "$@" ;;
  all) run_cli; run_botocore; run_boto3 ;;
  *) echo "unknown suite $suite (cli, botocore, boto3, all)" >&2; exit 2 ;;
esac
exit $status
