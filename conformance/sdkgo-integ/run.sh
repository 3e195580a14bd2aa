#!/usr/bin/env bash
# Run aws-sdk-go-v2's own integration tests (build tag `integration`,
# written to pass against real AWS) against a fresh fakeaws. Not part of
# `go test`; a manual tool. Results and the triage of every failure:
# docs/deviations.md, "aws-sdk-go-v2 integration tests (conformance/sdkgo-integ)".
#
#   conformance/sdkgo-integ/run.sh [PACKAGE [go test args...]]
#
# PACKAGE is one of
#   s3, s3control, sts, iam   service/internal/integrationtest/PACKAGE, from
#                             $SDKGO_SRC (a checkout of aws-sdk-go-v2, or its
#                             service/internal/integrationtest directory),
#                             else a sparse clone at the tag of the service/s3
#                             version fakeaws's go.mod pins, made under
#                             ${SRC_CACHE:-~/.cache/fakeaws-sdkgo-integ}
#   manager                   feature/s3/manager's integ_*_test.go, at the
#                             version fakeaws's go.mod pins
#   transfermanager           feature/s3/transfermanager's *_integ_test.go
#                             ($TRANSFERMANAGER_VERSION, default v0.5.11)
#   all                       (default) every one of them.
# With go test args, they replace the package's default selection (-run).
# The feature modules come from the Go module proxy (their zips hold their
# integration tests). Every SDK replace directive pointing into an SDK
# checkout (../../../) is dropped: the tests build against published
# modules, the integrationtest module against those fakeaws's go.mod pins.
#
# Adaptations, none of which changes an assertion:
# - The endpoint is `endpoint_url` in a shared config file of the run's own
#   (AWS_CONFIG_FILE), read by config.LoadDefaultConfig for every client,
#   as for any endpoint override; not AWS_ENDPOINT_URL, which
#   TestInteg_EndpointURL sets and then unsets for the tests after it.
#   Credentials test/test. No Region: each test's default applies
#   (us-west-2; us-east-1 for IAM), as on AWS.
# - HTTPS: tlsfront (this directory) serves TLS and plain HTTP on one port
#   in front of fakeaws with a certificate made for the run (SSL_CERT_FILE,
#   AWS_CA_BUNDLE). Over plain HTTP the SDK refuses to send unseekable
#   bodies with a checksum ("unseekable stream is not supported without
#   TLS"), which TestInteg_ObjectChecksums expects only for its one
#   "without TLS" case.
# - s3's TestMain creates two S3 access points (S3 Control
#   CreateAccessPoint) for TestInteg_AccessPoint_* and, in later versions,
#   an S3 Express directory bucket for TestExpress*; fakeaws has neither, so
#   the copy's s3shared set-up and clean-up of them return at once and
#   those tests are not run.
# - S3 Control prefixes the host with the account id (ACCOUNT.127.0.0.1),
#   a name nothing resolves here: S3 Control's endpoint is fakeaws itself
#   (plain HTTP), reached through HTTP_PROXY (fakeaws reads the
#   absolute-form request as AWS reads it on
#   ACCOUNT.s3-control.REGION.amazonaws.com); the copy of s3control's
#   TestMain gives its transport Proxy: http.ProxyFromEnvironment.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pkg=${1:-all}
shift || true
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK
tlspid=
suite_cleanup() {
  if [ -n "$tlspid" ]; then kill "$tlspid" 2>/dev/null || true; fi
}

# pinned MODULE: the version fakeaws's go.mod pins.
pinned() { (cd "$root" && go list -m -f '{{.Version}}' "$1"); }

# integ_src: service/internal/integrationtest of $SDKGO_SRC or of a sparse
# clone at tag service/s3/VERSION.
integ_src() {
  if [ -n "${SDKGO_SRC:-}" ]; then
    [ -f "$SDKGO_SRC/go.mod" ] && [ -d "$SDKGO_SRC/s3" ] && { echo "$SDKGO_SRC"; return; }
    echo "$SDKGO_SRC/service/internal/integrationtest"
    return
  fi
  local tag clone
  tag=service/s3/$(pinned github.com/aws/aws-sdk-go-v2/service/s3)
  clone=${SRC_CACHE:-$HOME/.cache/fakeaws-sdkgo-integ}/${tag//\//+}
  if [ ! -d "$clone" ]; then
    git clone -q --depth 1 --filter=blob:none --sparse --branch "$tag" \
      https://github.com/aws/aws-sdk-go-v2 "$clone"
    git -C "$clone" sparse-checkout set service/internal/integrationtest
  fi
  echo "$clone/service/internal/integrationtest"
}

# integ_module: a copy of the integrationtest module (s3, s3shared,
# s3control, sts, iam) built against fakeaws's pinned SDK modules.
integ_module() {
  local src mod=$work/integrationtest
  [ -d "$mod" ] && { echo "$mod"; return; }
  src=$(integ_src)
  [ -f "$src/go.mod" ] || { echo "no integrationtest module at $src" >&2; return 1; }
  mkdir -p "$mod"
  cp "$src"/*.go "$mod"/
  for d in s3 s3shared s3control sts iam; do cp -r "$src/$d" "$mod/"; done
  # Its go.mod replaces every SDK module with the checkout (../../../):
  # start again from the module line and fakeaws's pinned versions.
  printf 'module github.com/aws/aws-sdk-go-v2/service/internal/integrationtest\n\ngo 1.24\n' >"$mod/go.mod"
  (cd "$root" && go list -m -f '{{.Path}}@{{.Version}}' all) | grep '^github.com/aws/' |
    while read -r mv; do (cd "$mod" && go mod edit -require "$mv"); done
  (cd "$mod" && GOFLAGS=-mod=mod go mod tidy -e >/dev/null 2>&1)
  # No access points or directory buckets to set up or clean up.
  sed -i -E 's/^(func (SetupAccessPoint|CleanupAccessPoint|SetupExpressBucket)\(.*\) error \{)$/\1\n\treturn nil \/\/ fakeaws: none/' \
    "$mod/s3shared/integ_test_setup.go"
  sed -i 's/TLSClientConfig: tlsCfg,/TLSClientConfig: tlsCfg, Proxy: http.ProxyFromEnvironment,/' \
    "$mod/s3control/setup_test.go"
  echo "$mod"
}

# module_copy MODULE VERSION: a writable copy of MODULE@VERSION from the Go
# module proxy, built against the published modules it requires.
module_copy() {
  local dir out=$work/${1//\//+}
  dir=$(cd "$root" && GOFLAGS=-mod=mod go mod download -json "$1@$2" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "cannot download $1@$2" >&2; return 1; }
  cp -r "$dir" "$out" && chmod -R u+w "$out"
  sed -i '/^replace /d' "$out/go.mod"
  (cd "$out" && GOFLAGS=-mod=mod go mod tidy -e >/dev/null 2>&1)
  echo "$out"
}

start_fakeaws "$work" "$work/server.log"
(cd "$root" && go build -o "$work/tlsfront" ./conformance/sdkgo-integ/tlsfront)
"$work/tlsfront" -target "$FAKEAWS_URL" -cert "$work/cert.pem" >"$work/tlsfront.log" 2>&1 &
tlspid=$!
front=
for _ in $(seq 1 100); do
  front=$(sed -n '1s/^tlsfront listening on //p' "$work/tlsfront.log")
  [ -n "$front" ] && break
  sleep 0.1
done
[ -n "$front" ] || { cat "$work/tlsfront.log" >&2; exit 1; }

cat >"$work/config" <<EOF
[default]
endpoint_url = https://$front
services = fakeaws

[services fakeaws]
s3_control =
  endpoint_url = $FAKEAWS_URL
EOF
: >"$work/credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_REGION AWS_DEFAULT_REGION \
  AWS_ENDPOINT_URL AWS_ENDPOINT_URL_S3 AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM \
  AWS_ENDPOINT_URL_S3_CONTROL

# run_in DIR PKG ARGS...: the tests of DIR/PKG, offline (modules are in
# the cache), with the run's credentials, endpoints and certificate.
status=0
run_in() {
  local dir=$1 p=$2
  shift 2
  echo "== $p ($dir): $*"
  (cd "$dir" && env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test \
    AWS_CONFIG_FILE="$work/config" AWS_SHARED_CREDENTIALS_FILE="$work/credentials" \
    SSL_CERT_FILE="$work/cert.pem" AWS_CA_BUNDLE="$work/cert.pem" \
    HTTP_PROXY="$FAKEAWS_URL" http_proxy="$FAKEAWS_URL" HTTPS_PROXY= https_proxy= NO_PROXY= no_proxy= \
    GOFLAGS=-mod=mod GOPROXY=off go test -count=1 -tags integration "./$p" "$@") || status=1
}
run_pkg() {
  local p=$1 m=github.com/aws/aws-sdk-go-v2/feature/s3 dir
  shift
  case $p in
    manager) dir=$(module_copy $m/manager "$(pinned $m/manager)") && run_in "$dir" . "$@" ;;
    transfermanager) dir=$(module_copy $m/transfermanager "${TRANSFERMANAGER_VERSION:-v0.5.11}") && run_in "$dir" . "$@" ;;
    *) dir=$(integ_module) && run_in "$dir" "$p" "$@" ;;
  esac
}

# The default selection: every test but those that cannot pass through an
# endpoint override or need what fakeaws does not serve (docs/deviations.md
# lists them with why).
s3_run='^TestInteg_(00_ListBuckets|WriteToObject|CopyObject|ObjectChecksums|RequireChecksum|RequireChecksumWithoutRequestAlgorithmMember|PresignURL|PresigPost|XSIType|EndpointURL)$'
packages="s3 s3control sts iam manager transfermanager"
run_default() {
  case $1 in
    s3) run_pkg s3 -run "$s3_run" -v ;;
    s3control|sts|iam) run_pkg "$1" -v ;;
    manager|transfermanager) run_pkg "$1" -run '^TestInteg_' -v ;;
    *) echo "unknown package $1 ($packages, all)" >&2; exit 2 ;;
  esac
}
if [ "$pkg" = all ]; then
  for p in $packages; do run_default "$p"; done
elif [ $# -gt 0 ]; then
  run_pkg "$pkg" "$@"
else
  run_default "$pkg"
fi
exit $status
