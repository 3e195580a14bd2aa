#!/usr/bin/env bash
# Run moto's AWS-verified tests (getmoto/moto tests marked aws_verified:
# tests/test_s3, tests/test_iam, tests/test_sts) against a fresh fakeaws.
# Their assertions are AWS's answers: moto's maintainers run them against
# AWS with MOTO_TEST_ALLOW_AWS_REQUEST=true, which is how this runner
# runs them, with boto3 sent to fakeaws by AWS_ENDPOINT_URL. Not part of
# `go test`; a manual tool.
#
#   conformance/moto-verified/run.sh /path/to/moto [pytest args...]
#
# Test files that import what the installed moto lacks (its Lambda
# helpers) fail to collect and are reported; the rest run.
# /path/to/moto is a checkout of getmoto/moto (only its tests/ are used;
# the moto package itself comes from the installed moto). Needs pytest,
# pytest-timeout and freezegun (Debian: python3-pytest
# python3-pytest-timeout python3-freezegun), appended to the path after
# the installed packages so that Debian's older boto3 neighbours do not
# shadow them. See docs/deviations.md "moto's AWS-verified tests".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=$(cd "${1:?usage: run.sh /path/to/moto [pytest args...]}" && pwd)
shift || true
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-m aws_verified tests/test_s3 tests/test_iam tests/test_sts)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log" || exit 2

echo "== moto aws_verified tests against $FAKEAWS_URL (up to 20 minutes)"
set +e
(cd "$suite" && env -u AWS_PROFILE -u AWS_SESSION_TOKEN -u AWS_CA_BUNDLE \
  PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 MOTO_TEST_ALLOW_AWS_REQUEST=true \
  AWS_ENDPOINT_URL="$FAKEAWS_URL" AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
  AWS_DEFAULT_REGION=us-east-1 timeout 1200 python3 -c '
import sys
sys.path.append("/usr/lib/python3/dist-packages")
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-p", "pytest_timeout",
                      "--timeout=120", "-rfE", "--continue-on-collection-errors"] + sys.argv[1:]))' "${args[@]}") >"$work/out.txt" 2>&1
rc=$?
set -e
grep -E '^(FAILED|ERROR) ' "$work/out.txt" || true
tail -1 "$work/out.txt"
exit "$rc"
