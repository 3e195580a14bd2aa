#!/usr/bin/env bash
# Run versity/versitygw's Go integration suite (tests/integration) against a
# fresh fakeaws and print a summary. Not part of `go test`; a manual tool.
#
#   conformance/versity/run.sh /path/to/versitygw [runner args...]
#   conformance/versity/run.sh /path/to/versitygw -only PutObject_success,GetObject_success
#
# The suite is not vendored: check out github.com/versity/versitygw yourself.
# The runner (runner.go) is built inside that checkout's module, so fakeaws's
# go.mod gains nothing; the checkout is not modified (the teardown fix in
# teardown.go.txt is applied with `go build -overlay`). The selection is
# TestFullFlow's (versioning disabled), less versitygw's admin-API groups;
# see docs/deviations.md "versity/versitygw integration tests".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=${1:?usage: run.sh /path/to/versitygw [runner args...]}
shift || true
suite=$(cd "$suite" && pwd)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

# Build overlay: teardown sends x-amz-bypass-governance-retention only to
# Object Lock buckets (as it must on AWS), and one helper file.
utils="$suite/tests/integration/utils.go"
grep -q 'BypassGovernanceRetention: aws.Bool(true),' "$utils" ||
  { echo "run.sh: teardown in $utils changed; update the overlay" >&2; exit 2; }
sed 's/BypassGovernanceRetention: aws.Bool(true),/BypassGovernanceRetention: fakeawsTeardownBypass(s3client, bucket),/' \
  "$utils" >"$work/utils.go"
cp "$here/teardown.go.txt" "$work/fakeaws_teardown.go"
cat >"$work/overlay.json" <<JSON
{"Replace": {
  "$utils": "$work/utils.go",
  "$suite/tests/integration/fakeaws_teardown.go": "$work/fakeaws_teardown.go"
}}
JSON

(cd "$suite" && go build -overlay "$work/overlay.json" -o "$work/runner" "$here/runner.go")

start_fakeaws "$work" "$work/server.log" || exit 2
endpoint=$FAKEAWS_URL

# AWS_CA_BUNDLE makes the SDK refuse the suite's own *http.Client.
set +e
env -u AWS_CA_BUNDLE "$work/runner" -suite "$suite" -endpoint "$endpoint" \
  -access test -secret test "$@" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | tee "$work/out.txt"
status=${PIPESTATUS[0]}
set -e
echo
echo "== failures =="
grep -E '^(FAIL |.*: failed to delete the bucket)' "$work/out.txt" | sed 's/: .*//' | sort -u || true
exit "$status"
