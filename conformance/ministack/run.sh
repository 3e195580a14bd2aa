#!/usr/bin/env bash
# Run ministack's own S3, IAM and STS tests (tests/test_{s3,iam,sts}.py of
# github.com/ministackorg/ministack) against fakeaws. Not part of `go test`;
# a manual tool. The suite is written against ministack, not AWS: every
# failure is judged against AWS's recorded answers (docs/deviations.md,
# "ministackorg/ministack tests").
#
#   conformance/ministack/run.sh /path/to/ministack [pytest args...]
#   MINISTACK_TESTS="tests/test_s3.py" conformance/ministack/run.sh ...
#
# Needs python3 with boto3 and pytest (Debian: python3-pytest; boto3 from
# pip). The checkout is not modified: the suite's pyproject.toml asks for
# pytest-xdist (--dist=loadfile), so pytest runs with -c /dev/null from the
# tests directory's parent, and two stand-ins come from this directory:
# ms_shim.py gives xdist's worker_id fixture, and ministack/core/responses.py
# the in-process request-context setters the suite's conftest resets
# before each test (no-ops against a remote server).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
checkout=${1:?usage: run.sh /path/to/ministack [pytest args...]}
shift || true
checkout=$(cd "$checkout" && pwd)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log"

site=$(python3 -c 'import boto3, os; print(os.path.dirname(os.path.dirname(boto3.__file__)))')
python=${PYTHON:-python3}
if ! "$python" -c 'import pytest' 2>/dev/null; then python=/usr/bin/python3; fi
# MINISTACK_TESTS picks other test files; pytest args (-k, -rf, ...) follow.
read -r -a tests <<<"${MINISTACK_TESTS:-tests/test_s3.py tests/test_iam.py tests/test_sts.py}"
cd "$checkout"
MINISTACK_ENDPOINT=$FAKEAWS_URL PYTHONPATH="$here/stub:$site" \
  "$python" -m pytest -c /dev/null --rootdir "$checkout" -p ms_shim -p no:cacheprovider \
  -p no:pytest_httpserver -q --tb=line "${tests[@]}" "$@"
