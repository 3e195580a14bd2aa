#!/usr/bin/env bash
# Run restic's own S3 backend test suite (internal/backend/s3
# TestBackendS3: save, load, list, cancel, wrong hashes, delete, through
# minio-go) against a fresh fakeaws. Not part of `go test`; a manual tool.
#
#   conformance/restic-integ/run.sh /path/to/restic
#
# The test is built from the checkout (`go test -c`, modules through the Go
# proxy; the checkout is not modified) and given the RESTIC_TEST_S3_*
# variables restic's maintainers set for a run against AWS, with the
# repository at s3:http://127.0.0.1:PORT/restictest (test/test). See
# docs/deviations.md "Clients' own test suites".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=$(cd "${1:?usage: run.sh /path/to/restic}" && pwd)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log" || exit 2

echo "== internal/backend/s3: building"
(cd "$suite" && go test -c -o "$work/s3.test" ./internal/backend/s3)
echo "== internal/backend/s3: running TestBackendS3 (up to 15 minutes)"
set +e
(cd "$suite/internal/backend/s3" && env -u AWS_CA_BUNDLE RESTIC_TEST_S3_KEY=test \
  RESTIC_TEST_S3_SECRET=test RESTIC_TEST_S3_REPOSITORY="s3:$FAKEAWS_URL/restictest" \
  timeout 900 "$work/s3.test" -test.run 'TestBackendS3$' -test.v -test.timeout 14m) >"$work/out.txt" 2>&1
rc=$?
set -e
echo "exit $rc, $(grep -c -- '--- PASS' "$work/out.txt") passed, $(grep -c -- '--- FAIL' "$work/out.txt") failed," \
  "$(grep -c -- '--- SKIP' "$work/out.txt") skipped"
grep -- '--- FAIL' "$work/out.txt" || true
exit "$rc"
