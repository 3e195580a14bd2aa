#!/usr/bin/env bash
# Measures fakeaws (and moto_server, when installed) with the same signed
# load: S3 GetObject and STS GetCallerIdentity. Also runs the Go benchmarks.
#   bench/run.sh [duration]
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-5s}
go build -o /tmp/fakeaws-bench ./cmd/fakeaws
go build -o /tmp/loadgen ./bench/loadgen

/tmp/fakeaws-bench --addr 127.0.0.1:4590 --ephemeral >/dev/null 2>&1 &
fa=$!
trap 'kill $fa 2>/dev/null || true; [ -n "${moto:-}" ] && kill $moto 2>/dev/null || true' EXIT
sleep 0.3
echo "== fakeaws"
/tmp/loadgen -endpoint http://127.0.0.1:4590 -op getobject -d "$dur"
/tmp/loadgen -endpoint http://127.0.0.1:4590 -op callerid -d "$dur"

if command -v moto_server >/dev/null; then
  moto_server -p 4591 >/dev/null 2>&1 &
  moto=$!
  sleep 2
  echo "== moto_server (no IAM enforcement)"
  /tmp/loadgen -endpoint http://127.0.0.1:4591 -op getobject -d "$dur" -key AKIAIOSFODNN7EXAMPLE
  /tmp/loadgen -endpoint http://127.0.0.1:4591 -op callerid -d "$dur" -key AKIAIOSFODNN7EXAMPLE
fi

echo "== go benchmarks"
go test -run XXX -bench . -benchmem ./evaluator ./emulator/sigv4 ./emulator
