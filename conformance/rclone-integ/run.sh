#!/usr/bin/env bash
# Run rclone's own integration tests for its S3 backend against a fresh
# fakeaws and print a summary. Not part of `go test`; a manual tool.
#
#   conformance/rclone-integ/run.sh /path/to/rclone [package...]
#
# The packages default to rclone's per-remote suites for S3 as its
# fstest/test_all runs them: backend/s3 (fstests: put, chunked and
# streamed uploads, server-side copy, listing, metadata, mime types,
# encodings of odd names, versions), fs/operations and fs/sync. Each is
# built from the checkout (`go test -c`, modules through the Go proxy; the
# checkout is not modified) and run with `-remote TestS3:`, a remote of
# provider AWS pointed at fakeaws (path style, us-east-1, test/test).
# use_unsigned_payload is set because the endpoint is plain http: without it
# aws-sdk-go-v2 must hash a streamed PutObject body before sending it and
# refuses ("request stream is not seekable"); over https, as on AWS, rclone
# sends UNSIGNED-PAYLOAD by default. See docs/deviations.md
# "Clients' own test suites".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=${1:?usage: run.sh /path/to/rclone [package...]}
shift || true
suite=$(cd "$suite" && pwd)
packages=("$@")
[ ${#packages[@]} -gt 0 ] || packages=(backend/s3 fs/operations fs/sync)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

start_fakeaws "$work" "$work/server.log" || exit 2

cat >"$work/rclone.conf" <<CONF
[TestS3]
type = s3
provider = AWS
access_key_id = test
secret_access_key = test
region = us-east-1
endpoint = $FAKEAWS_URL
force_path_style = true
use_unsigned_payload = true
CONF

status=0
for pkg in "${packages[@]}"; do
  bin="$work/$(echo "$pkg" | tr / _).test"
  echo "== $pkg: building"
  (cd "$suite" && go test -c -o "$bin" "./$pkg") || { status=1; continue; }
  echo "== $pkg: running (up to 25 minutes)"
  set +e
  (cd "$suite/$pkg" && env -u AWS_CA_BUNDLE RCLONE_CONFIG="$work/rclone.conf" \
    timeout 1500 "$bin" -remote TestS3: -test.v -test.timeout 24m) >"$work/out.txt" 2>&1
  rc=$?
  set -e
  echo "$pkg: exit $rc, $(grep -c -- '--- PASS' "$work/out.txt") passed," \
    "$(grep -c -- '--- FAIL' "$work/out.txt") failed, $(grep -c -- '--- SKIP' "$work/out.txt") skipped"
  grep -- '--- FAIL' "$work/out.txt" || true
  [ "$rc" -eq 0 ] || status=1
done
exit "$status"
