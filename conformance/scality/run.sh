#!/usr/bin/env bash
# Run scality/cloudserver's functional S3 tests (tests/functional/aws-node-sdk,
# mocha + AWS SDK for JavaScript v2) in their AWS mode (AWS_ON_AIR=true: the
# tests AWS would fail are skipped upstream) against a fresh fakeaws and
# print pass/fail counts. Not part of `go test`; a manual tool.
#
#   conformance/scality/run.sh /path/to/cloudserver [mocha args...]
#   SCALITY_TESTS="test/object/get.js" conformance/scality/run.sh ...
#
# The suite is not vendored: check out github.com/scality/cloudserver
# yourself (docs/deviations.md names the commit last judged). The checkout
# is not modified: its tests/, constants.js and the one lib file the tests
# read are copied to a scratch directory, the npm packages the tests
# import are installed there, and shim/ stands in for what cloudserver's
# own tests reach past S3 (arsenal, lib/Config, cloudserver's metadata);
# see shim/*.js. Credentials: profile default is account 111111111111,
# lisa (the suite's "other account") 222222222222, both secret "test".
# Left out: directories and files about cloudserver-only features
# (multipleBackend, mdSearch, quota, website endpoints, metadata rewrites);
# see EXCLUDE_FILES and EXCLUDE_TITLES below and docs/deviations.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
checkout=${1:?usage: run.sh /path/to/cloudserver [mocha args...]}
shift || true
checkout=$(cd "$checkout" && pwd)
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

# Files left out: cloudserver-only features, or tests that read or rewrite
# cloudserver's metadata/KMS directly.
EXCLUDE_FILES=(
  test/object/websiteGet.js test/object/websiteGetWithACL.js
  test/object/websiteHead.js test/object/websiteHeadWithACL.js
  test/object/websiteRuleMixing.js
  test/object/mpuVersion.js test/object/putVersion.js
  test/object/encryptionHeaders.js test/bucket/getBucketEncryption.js
  test/bucket/getBucketQuota.js test/bucket/deleteBucketQuota.js
  test/bucket/updateBucketQuota.js
)
# Test titles left out (mocha --grep, inverted): cloudserver's cold-storage
# states faked in its metadata (test/utils/init.js).
EXCLUDE_TITLES='archived|transitioning|transition in progress|cold location'

cs="$work/cs"
sdk="$cs/tests/functional/aws-node-sdk"
mkdir -p "$cs/lib/api/apiUtils/object" "$work/home/.aws"
cp -r "$checkout/tests" "$cs/"
cp "$checkout/constants.js" "$cs/"
cp "$checkout/lib/api/apiUtils/object/continueToken.js" "$cs/lib/api/apiUtils/object/"
cp "$here/shim/Config.js" "$cs/lib/Config.js"
cp "$cs/tests/unit/helpers.js" "$cs/tests/unit/helpers.orig.js"
cp "$here/shim/helpers.js" "$cs/tests/unit/helpers.js"
cp "$here/shim/objectLock-util.js" "$cs/tests/utilities/objectLock-util.js"
cp "$here/shim/init.js" "$sdk/test/utils/init.js"
cp "$here/shim/multipleBackend-utils.js" "$sdk/test/multipleBackend/utils.js"
cp "$here/shim/setup.js" "$cs/setup.js"

cat >"$cs/package.json" <<'JSON'
{"name": "cloudserver-ft-fakeaws", "private": true, "dependencies": {
  "aws-sdk": "2.905.0", "async": "~2.5.0", "bluebird": "^3.3.1",
  "mocha": "^10.2.0", "moment": "^2.26.0", "uuid": "^8.3.2",
  "xml2js": "~0.4.16", "tv4": "^1.2.7"
}}
JSON
(cd "$cs" && npm install --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) ||
  { cat "$work/npm.log" >&2; exit 2; }
cp -r "$here/shim/arsenal" "$cs/node_modules/"

start_fakeaws "$work" "$work/server.log" || exit 2

cat >"$work/home/.aws/scality" <<INI
[default]
aws_access_key_id = 111111111111
aws_secret_access_key = test
[lisa]
aws_access_key_id = 222222222222
aws_secret_access_key = test
[replication]
aws_access_key_id = 111111111111
aws_secret_access_key = test
INI

# The presigned-URL tests (test/legacy/auth*QueryTests.js) fetch their URLs,
# which name s3.amazonaws.com, with curl: every curl connection goes to
# fakeaws, the URL's host kept.
echo "connect-to = \"::127.0.0.1:$FAKEAWS_PORT\"" >"$work/home/.curlrc"

if [ -n "${SCALITY_TESTS:-}" ]; then
  read -r -a files <<<"$SCALITY_TESTS"
else
  mapfile -t files < <(cd "$sdk" && find test/bucket test/object test/versioning \
    test/legacy test/service -name '*.js' | sort)
fi
selected=()
for f in "${files[@]}"; do
  skip=
  for x in "${EXCLUDE_FILES[@]}"; do [ "$f" = "$x" ] && skip=1; done
  [ -z "$skip" ] && selected+=("$f")
done

set +e
(cd "$sdk" && env -u AWS_CA_BUNDLE -u AWS_PROFILE -u AWS_ACCESS_KEY_ID \
  -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN \
  HOME="$work/home" AWS_ON_AIR=true AWS_REGION=us-east-1 \
  FAKEAWS_URL="$FAKEAWS_URL" \
  "$cs/node_modules/.bin/mocha" --require "$cs/setup.js" \
  --timeout 60000 --exit --reporter spec --grep "$EXCLUDE_TITLES" --invert \
  "${selected[@]}" "$@") 2>&1 | tee "$work/out.txt"
status=${PIPESTATUS[0]}
set -e
echo
echo "== summary =="
grep -E '^ +[0-9]+ (passing|failing|pending)' "$work/out.txt" || true
pass=$(sed -n 's/^ *\([0-9]*\) passing.*/\1/p' "$work/out.txt" | tail -1)
fail=$(sed -n 's/^ *\([0-9]*\) failing.*/\1/p' "$work/out.txt" | tail -1)
pend=$(sed -n 's/^ *\([0-9]*\) pending.*/\1/p' "$work/out.txt" | tail -1)
echo "scality: ${pass:-0} passed, ${fail:-0} failed, ${pend:-0} skipped"
if [ -n "${SCALITY_OUT:-}" ]; then cp "$work/out.txt" "$SCALITY_OUT"; fi
exit "$status"
