#!/usr/bin/env bash
# Run minio/mint's functional suites against a fresh fakeaws, the way a
# user must run them against AWS today. Not part of `go test`; a manual
# (or CI, when the tools are there) tool. See docs/deviations.md
# "minio/mint" for the last result and every failure's reason.
#
#   conformance/mint/run.sh /path/to/mint [suite...]
#
# The suite is not vendored: check out github.com/minio/mint yourself.
# Suites (default: all that this machine can run):
#   awscli        run/core/awscli/test.sh       needs aws (CLI v1 or v2), jq, python
#   s3cmd         run/core/s3cmd/test.sh        needs s3cmd, jq
#   aws-sdk-go-v2 run/core/aws-sdk-go-v2        needs go and its module proxy
#   versioning    build/versioning              needs go and its module proxy
#   minio-go      minio-go's functional_tests.go (MINIO_GO_VERSION, default v7.4.1)
# Not run: healthcheck (MinIO's /minio/health endpoints), mc, minio-js,
# minio-py, s3select (MinIO clients or S3 Select, which fakeaws does not
# run), aws-sdk-java-v2/php/ruby (toolchains this runner does not set up).
#
# Differences from mint's own run.sh files, each so that a failure is a
# test's own and not the end of the run:
# - awscli: each test function of main() runs on its own (mint stops at
#   the first failure); the CLI's config lives in a temporary directory.
# - aws-sdk-go-v2: failures log at error level instead of Fatal (which
#   exits), so every test runs.
# - versioning: as aws-sdk-go-v2 (Error, not Fatal), and awstoday.go.txt
#   is added: cleanup retries a delete without
#   x-amz-bypass-governance-retention where AWS refuses it.
# - minio-go: RUN_ON_FAIL=1, and MINT_DATA_DIR unset for it: its checksum
#   tests compare with values of its own generated data.
# SSE-C tests need HTTPS (ENABLE_HTTPS=0 here), as on AWS: they skip.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mint=${1:?usage: run.sh /path/to/mint [suite...]}
shift || true
mint=$(cd "$mint" && pwd)
suites=${*:-awscli s3cmd aws-sdk-go-v2 versioning minio-go}
. "$root/conformance/fakeaws.sh"
suite_scratch
work=$WORK

logs=${MINT_LOG_DIR:-$work/log}
mkdir -p "$logs"
start_fakeaws "$work" "$logs/server.log" || exit 1
url=$FAKEAWS_URL

export SERVER_ENDPOINT=${url#http://} ACCESS_KEY=test SECRET_KEY=test \
  ENABLE_HTTPS=0 ENABLE_VIRTUAL_STYLE=0 MINT_MODE=full SERVER_REGION=us-east-1 \
  MINT_DATA_DIR=$work/data RUN_ON_FAIL=1
mkdir -p "$MINT_DATA_DIR"

make_data() {
  local f
  for f in datafile-0-b:0 datafile-1-b:1 datafile-1-kB:1K datafile-10-kB:10K \
    datafile-33-kB:33K datafile-100-kB:100K datafile-1.03-MB:1056K datafile-1-MB:1M \
    datafile-5-MB:5M datafile-5243880-b:5243880 datafile-6-MB:6M datafile-10-MB:10M \
    datafile-11-MB:11M datafile-65-MB:65M datafile-129-MB:129M; do
    shred -n 1 -s "${f#*:}" - >"$MINT_DATA_DIR/${f%%:*}"
  done
}
make_data

have() { command -v "$1" >/dev/null 2>&1; }

run_awscli() {
  have aws && have jq && have python || { echo "awscli: skipped (needs aws, jq, python)"; return; }
  export AWS_CONFIG_FILE=$work/aws/config AWS_SHARED_CREDENTIALS_FILE=$work/aws/credentials
  export BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE=true
  aws configure set aws_access_key_id "$ACCESS_KEY"
  aws configure set aws_secret_access_key "$SECRET_KEY"
  aws configure set default.region "$SERVER_REGION"
  local dir=$mint/run/core/awscli fns
  sed '$d' "$dir/test.sh" >"$work/awscli-lib.sh" # all but "_init && main"
  fns=$(sed -n '/^main() {/,/^}/p' "$dir/test.sh" | grep -v '^\s*#' | grep -o 'test_[a-z0-9_]*')
  (. "$work/awscli-lib.sh" && _init "http://$SERVER_ENDPOINT" &&
    for f in $fns; do $f; done) >"$logs/awscli.json" 2>"$logs/awscli.err"
}

run_s3cmd() {
  have s3cmd && have jq || { echo "s3cmd: skipped (needs s3cmd, jq)"; return; }
  "$mint/run/core/s3cmd/test.sh" >"$logs/s3cmd.json" 2>"$logs/s3cmd.err"
}


run_aws_sdk_go_v2() {
  rm -rf "$work/src" && cp -r "$mint/run/core/aws-sdk-go-v2" "$work/src" &&
    sed -i 's/\.Fatal()/.Error()/g' "$work/src/main.go" &&
    (cd "$work/src" && CGO_ENABLED=0 go build -o "$work/aws-sdk-go-v2" .) ||
    { echo "aws-sdk-go-v2: skipped (build failed)"; return; }
  timeout 900 "$work/aws-sdk-go-v2" >"$logs/aws-sdk-go-v2.json" 2>"$logs/aws-sdk-go-v2.err"
}

run_versioning() {
  rm -rf "$work/src" && cp -r "$mint/build/versioning" "$work/src" &&
    cp "$here/awstoday.go.txt" "$work/src/awstoday.go" &&
    sed -i 's/\.Fatal()/.Error()/g' "$work/src"/*.go &&
    sed -i 's/_, err := s3Client.DeleteObject(ctx, input)/_, err := deleteObjectAWSToday(ctx, input)/' "$work/src/main.go" &&
    (cd "$work/src" && CGO_ENABLED=0 go build -o "$work/versioning" .) ||
    { echo "versioning: skipped (build failed)"; return; }
  timeout 1200 "$work/versioning" >"$logs/versioning.json" 2>"$logs/versioning.err"
}

run_minio_go() {
  local v=${MINIO_GO_VERSION:-v7.4.1} d
  d=$(cd "$work" && go mod download -json "github.com/minio/minio-go/v7@$v" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  [ -n "$d" ] || { echo "minio-go: skipped (module not downloadable)"; return; }
  rm -rf "$work/src" && mkdir "$work/src" &&
    sed '1{/go:build mint/d}' "$d/functional_tests.go" >"$work/src/main.go" &&
    tail -n +34 "$mint/run/core/minio-go/versioning_test.go" >>"$work/src/main.go" &&
    sed -i '/testStatObjectWithVersioning()/a\
		testBucketVersioningExcludedPrefixes()
' "$work/src/main.go" &&
    printf 'module mint.minio.io/minio-go\n\ngo 1.26\n\nrequire github.com/minio/minio-go/v7 %s\n' "$v" >"$work/src/go.mod" &&
    (cd "$work/src" && go mod tidy >/dev/null 2>&1 && CGO_ENABLED=0 go build -o "$work/minio-go" .) ||
    { echo "minio-go: skipped (build failed)"; return; }
  MINT_DATA_DIR= timeout 1800 "$work/minio-go" >"$logs/minio-go.json" 2>"$logs/minio-go.err"
}

# The programs write files where they run (minio-go's FGetObject tests).
mkdir -p "$work/cwd" && cd "$work/cwd" || exit 1
for s in $suites; do
  echo "== $s"
  case $s in
  awscli) run_awscli ;;
  s3cmd) run_s3cmd ;;
  aws-sdk-go-v2) run_aws_sdk_go_v2 ;;
  versioning) run_versioning ;;
  minio-go) run_minio_go ;;
  *) echo "unknown suite $s" ;;
  esac
done

echo
echo "== summary (PASS/FAIL/NA per suite; logs in $logs)"
# One JSON object a line; a line that is not JSON (mint's awscli logs an
# error text with quotes unescaped) counts as a failure with its text.
entries='fromjson? // {status: "FAIL", function: "(log line not JSON)", error: .} | select(type=="object")'
total_fail=0
for s in $suites; do
  f=$logs/$s.json
  [ -s "$f" ] || { echo "$s: no results"; continue; }
  echo "$s: $(jq -R -r "$entries | .status" "$f" | sort | uniq -c | tr -s ' \n' ' ')"
  jq -R -r "$entries | select(.status==\"FAIL\") |
    \"  FAIL \\(.function|tostring|.[0:70]) — \\((((.message // .alert // \"\")|tostring) + \" \" + ((.error // \"\")|tostring)) | gsub(\"\\n\";\" \") | .[0:160])\"" "$f" | sort | uniq -c
  total_fail=$((total_fail + $(jq -R -r "$entries | select(.status==\"FAIL\") | 1" "$f" | wc -l)))
done
kill -0 "$FAKEAWS_PID" 2>/dev/null || { echo "fakeaws is no longer running; its log:"; cat "$logs/server.log"; }
[ -z "${MINT_LOG_DIR:-}" ] && echo "(set MINT_LOG_DIR to keep the logs)"
[ "$total_fail" -eq 0 ]
