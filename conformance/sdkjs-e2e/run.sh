#!/usr/bin/env bash
# Run the end-to-end tests that aws-sdk-js-v3 ships to run against real AWS
# (*.e2e.spec.ts) against a fresh fakeaws. Not part of `go test`; a manual
# tool. Selection, adaptations, results and the triage of every failure:
# docs/deviations.md, "aws-sdk-js-v3 end-to-end tests".
#
#   conformance/sdkjs-e2e/run.sh /path/to/aws-sdk-js-v3 [vitest args...]
#
# The path is a checkout of aws/aws-sdk-js-v3 (only the spec files below
# are read from it). The specs are copied, unchanged, into a scratch
# directory and run by vitest (vitest.config.mjs maps their imports of the
# SDK's own sources and private helpers to the npm packages pinned in
# package-lock.json, installed with `npm ci` on first use). Extra args go to
# vitest (e.g. a file name filter, or -t 'test name').
#
# SDKJS_ADDRESSING=virtual points the SDK at http://localhost:PORT
# instead of http://127.0.0.1:PORT, so it addresses buckets virtual-hosted
# (BUCKET.localhost:PORT; shim/localhost-dns.cjs resolves those names to
# 127.0.0.1). The default, path, is what the SDK does for an IP endpoint.
# In virtual mode the region-redirect specs fail by design: fakeaws reads
# BUCKET.localhost as S3's global virtual host (docs/deviations.md, Regions).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${1:?usage: run.sh /path/to/aws-sdk-js-v3 [vitest args...]}
shift

# The specs run (paths in aws-sdk-js-v3). Not run, and why: deviations.md.
specs=(
  clients/client-s3/test/e2e/S3.e2e.spec.ts
  clients/client-s3/test/e2e/helpers.ts
  clients/client-s3/test/e2e/features.e2e.spec.ts
  clients/client-s3/test/e2e/s3-object-features.e2e.spec.ts
  clients/client-s3/test/e2e/s3-bucket-features.e2e.spec.ts
  clients/client-sts/test/sts-features.e2e.spec.ts
  lib/lib-storage/src/lib-storage.e2e.spec.ts
  packages/middleware-flexible-checksums/src/middleware-flexible-checksums.e2e.spec.ts
  packages/middleware-flexible-checksums/src/middleware-md5-fallback.e2e.spec.ts
  packages/middleware-sdk-s3/src/region-redirect-middleware.e2e.spec.ts
  packages/middleware-sdk-s3/src/s3-expires-middleware.e2e.spec.ts
  packages/middleware-sdk-s3/src/throw-200-exceptions.e2e.spec.ts
  packages/s3-presigned-post/src/createPresignedPost.e2e.spec.ts
)

. "$root/conformance/fakeaws.sh"
suite_scratch /tmp/sdkjs-e2e-XXXXXX
work=$WORK

[ -d "$here/node_modules" ] || (cd "$here" && npm ci --no-audit --no-fund)
mkdir -p "$work/specs"
for f in "${specs[@]}"; do
  if [ -f "$src/$f" ]; then
    mkdir -p "$work/specs/$(dirname "$f")"
    cp "$src/$f" "$work/specs/$f"
  else
    echo "missing in $src: $f" >&2
  fi
done
ln -s "$here/node_modules" "$work/specs/node_modules"

start_fakeaws "$work" "$work/server.log"

endpoint=$FAKEAWS_URL
case ${SDKJS_ADDRESSING:-path} in
  path) ;;
  virtual)
    endpoint="http://localhost:$FAKEAWS_PORT"
    export NODE_OPTIONS="--require $here/shim/localhost-dns.cjs ${NODE_OPTIONS:-}" ;;
  *) echo "SDKJS_ADDRESSING must be path or virtual" >&2; exit 2 ;;
esac
export AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
  AWS_REGION=us-east-1 AWS_SMOKE_TEST_REGION=us-west-2 \
  AWS_SMOKE_TEST_BUCKET="sdkreleasev3integtest-fakeaws-$(date +%s)"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION
export AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials"
: >"$AWS_CONFIG_FILE"; : >"$AWS_SHARED_CREDENTIALS_FILE"

status=0
(cd "$work/specs" && "$here/node_modules/.bin/vitest" run --config "$here/vitest.config.mjs" \
  --root "$work/specs" "$@") || status=$?
exit $status
