#!/usr/bin/env bash
# Run s3fs-fuse's own integration tests (test/small-integration-test.sh,
# which its maintainers run against S3 and S3Proxy) with Debian's s3fs
# against a fresh fakeaws. Not part of `go test`; a manual tool.
#
#   conformance/s3fs-integ/run.sh /path/to/s3fs-fuse [git-ref]
#
# The ref defaults to the tag of the installed s3fs (`s3fs --version`).
# Its test/ directory is exported to a scratch directory (the checkout is
# not modified) with ../src/s3fs pointing at /usr/bin/s3fs, and run with
# S3PROXY_BINARY empty (no S3Proxy) and S3_URL at fakeaws; the mount uses
# the suite's own options (path style, createbucket, use_xattr). Needs root
# and /dev/fuse, setfattr (Debian's attr) and python2 on PATH for two tests.
# See docs/deviations.md "Clients' own test suites".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=$(cd "${1:?usage: run.sh /path/to/s3fs-fuse [git-ref]}" && pwd)
ref=${2:-v$(s3fs --version | sed -n '1s/.*V\([0-9.]*\).*/\1/p')}
[ "$(id -u)" -eq 0 ] && [ -e /dev/fuse ] || { echo "run.sh: needs root and /dev/fuse" >&2; exit 2; }
command -v setfattr >/dev/null || { echo "run.sh: needs setfattr (apt-get install attr)" >&2; exit 2; }
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK
suite_cleanup() {
  if grep -q " $work/" /proc/mounts; then umount -l "$work"/test/s3fs-integration-test; fi
}

start_fakeaws "$work" "$work/server.log" || exit 2

git -C "$suite" archive "$ref" test | tar xf - -C "$work"
mkdir "$work/src" && ln -s "$(command -v s3fs)" "$work/src/s3fs"
echo "test:test" >"$work/test/passwd-s3fs"
set +e
(cd "$work/test" && env -u AWS_CA_BUNDLE S3PROXY_BINARY= S3_URL="$FAKEAWS_URL" \
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
  LC_ALL=C.UTF-8 timeout 1800 bash small-integration-test.sh) >"$work/out.txt" 2>&1
status=$?
set -e
echo "s3fs-fuse $ref: exit $status, $(grep -c '^PASS: ' "$work/out.txt") passed, $(grep -c '^FAIL: ' "$work/out.txt") failed"
grep '^FAIL: ' "$work/out.txt" || true
exit "$status"
