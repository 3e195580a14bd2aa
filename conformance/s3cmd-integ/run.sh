#!/usr/bin/env bash
# Run s3cmd's own test suite (run-tests.py, which its maintainers run
# against AWS) against a fresh fakeaws. Not part of `go test`; a manual tool.
#
#   conformance/s3cmd-integ/run.sh /path/to/s3cmd [run-tests.py args...]
#
# The checkout is copied, not modified, and run-tests.py drives the s3cmd
# of that checkout (python s3cmd), with Debian's python3-dateutil and
# python3-magic. Three things make it runnable here, none changing a test:
# - It runs as `nobody`: the suite checks that unreadable files are
#   reported, which root can read.
# - The configuration is virtual-hosted (host_bucket %(bucket)s.localhost),
#   as s3cmd's is for AWS (%(bucket)s.s3.amazonaws.com); the suite checks
#   the virtual-hosted URLs s3cmd prints and fetches with curl. The
#   buckets' names are added to /etc/hosts for the run (so this needs root)
#   and removed afterwards: Python does not resolve *.localhost.
# - `python` on PATH is /usr/bin/python3.
# See docs/deviations.md "Clients' own test suites".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
suite=$(cd "${1:?usage: run.sh /path/to/s3cmd [run-tests.py args...]}" && pwd)
shift || true
[ "$(id -u)" -eq 0 ] || { echo "run.sh: needs root (/etc/hosts, setpriv)" >&2; exit 2; }
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK
chmod 755 "$work"
prefix=fk$$
hosts_marker="# fakeaws s3cmd-integ $$"
suite_cleanup() {
  sed -i "/$hosts_marker\$/d" /etc/hosts
}

start_fakeaws "$work" "$work/server.log" || exit 2

for i in 1 2 3; do
  echo "127.0.0.1 ${prefix}s3cmd-autotest-$i.localhost $hosts_marker" >>/etc/hosts
done
mkdir "$work/bin" && ln -s /usr/bin/python3 "$work/bin/python"
(cd "$suite" && git archive --format=tar HEAD 2>/dev/null || tar cf - --exclude=.git .) |
  (mkdir "$work/s3cmd" && cd "$work/s3cmd" && tar xf -)
cat >"$work/s3cmd/s3cfg" <<CONF
[default]
access_key = test
secret_key = test
host_base = localhost:$FAKEAWS_PORT
host_bucket = %(bucket)s.localhost:$FAKEAWS_PORT
use_https = False
signature_v2 = False
bucket_location = us-east-1
CONF
chown -R nobody:nogroup "$work/s3cmd"
set +e
(cd "$work/s3cmd" && setpriv --reuid=nobody --regid=nogroup --clear-groups \
  env -u AWS_CA_BUNDLE HOME="$work/s3cmd" PATH="$work/bin:/usr/bin:/bin" \
  PYTHONPATH=/usr/lib/python3/dist-packages LANG=C.UTF-8 \
  timeout 1200 /usr/bin/python3 run-tests.py -c s3cfg -p "$prefix" "$@") 2>&1 |
  sed 's/\x1b\[[0-9;]*m//g' | tee "$work/out.txt"
status=${PIPESTATUS[0]}
set -e
echo
echo "== $(grep -cE '^ *[0-9]+ .* OK$' "$work/out.txt") OK," \
  "$(grep -cE '^ *[0-9]+ .* SKIP$' "$work/out.txt") skipped, failed:"
grep -E '^ *[0-9]+ .* FAIL' "$work/out.txt" || true
exit "$status"
