#!/usr/bin/env bash
# Measures fakeaws against moto_server on this machine, in one run, with the
# same client (bench/loadgen), and writes docs/benchmarks.md.
#
#   bench/compare.sh [duration-per-figure] [objects-for-the-large-store]
#
# Both servers listen on free loopback ports. fakeaws keeps its data on disk
# with fsync on (the default); moto keeps everything in memory.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
objects=${2:-100000}
conc=64
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Built as the Dockerfile builds the shipped binary: static, stripped.
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$work/fakeaws" ./cmd/fakeaws
go build -o "$work/loadgen" ./bench/loadgen
go build -o "$work/fillstore" ./bench/fillstore
lg() { "$work/loadgen" "$@"; }
field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readline()).get(sys.argv[1], 0))' "$1"; }
port() { lg -op freeport | field port; }

# start NAME URL CMD...: starts a server through loadgen's startup timer;
# sets START_MS, START_RSS and records the pid.
start() {
  local url=$1; shift
  local line
  line=$(lg -op startup -endpoint "$url" -- "$@" 2>"$work/pid")
  pids+=("$(cat "$work/pid")")
  START_MS=$(echo "$line" | field ms)
  START_RSS=$(echo "$line" | field rss_mb)
  START_CPU=$(echo "$line" | field server_cpu_ms)
  LAST_PID=$(cat "$work/pid")
}
# start_median N URL CMD...: starts the server N times through start,
# stopping all but the last, which keeps running; "{n}" in CMD becomes the
# sample number, so each start of a fresh store gets its own empty
# directory. One start is one sample of a noisy figure (page cache,
# scheduling on a shared machine), so the median is the figure; sets
# START_MS and START_CPU to the medians and START_BEST to the fastest.
start_median() {
  local n=$1 url=$2; shift 2
  local ms=() cpu=() i
  for ((i = 1; i <= n; i++)); do
    start "$url" "${@//\{n\}/$i}"
    ms+=("$START_MS"); cpu+=("$START_CPU")
    if ((i < n)); then stop "$LAST_PID"; fi
  done
  START_BEST=$(printf '%s\n' "${ms[@]}" | sort -g | head -1)
  START_MS=$(median "${ms[@]}")
  START_CPU=$(median "${cpu[@]}")
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
# stop PID: SIGTERM, then wait for the graceful shutdown to finish (it
# writes the clean-shutdown marker the next start relies on).
stop() {
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
}
hwm() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

declare -A fa mo
measure() { # measure PID OP URL [loadgen flags...] → rate, p99, CPU per request
  local pid=$1 op=$2 url=$3; shift 3
  local line before
  before=$(cputicks "$pid")
  line=$(lg -op "$op" -endpoint "$url" -c "$conc" -d "$dur" "$@")
  echo "$line" >&2
  R_RATE=$(echo "$line" | field rate)
  R_P99=$(echo "$line" | field p99_ms)
  R_MS=$(echo "$line" | field ms)
  # CPU per answered request in microseconds: the server's (from its
  # /proc ticks) and the client's own, which runs on the same cores.
  R_CPU=$(python3 -c 'import sys,os; t,ok,cl=float(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); hz=os.sysconf("SC_CLK_TCK"); print(f"{t/hz/ok*1e6:.0f} / {cl*1e3/ok:.0f}" if ok else "-")' \
    "$(( $(cputicks "$pid") - before ))" "$(echo "$line" | field ok)" "$(echo "$line" | field client_cpu_ms)")
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
fport=$(port)
furl=http://127.0.0.1:$fport
start_median 7 "$furl" "$work/fakeaws" --addr "127.0.0.1:$fport" --data "$work/fa-empty-{n}"
fa[start]=$START_MS
fa[start_best]=$START_BEST
fa[start_cpu]=$START_CPU
fa[idle]=$(rss "$LAST_PID")
fa_pid=$LAST_PID

mport=$(port)
murl=http://127.0.0.1:$mport
start_median 3 "$murl" moto_server -p "$mport"
mo[start]=$START_MS
mo[start_best]=$START_BEST
mo[start_cpu]=$START_CPU
mo[idle]=$(rss "$LAST_PID")
mo_pid=$LAST_PID

for op in assumerole getsessiontoken putobject deleteobject getobject presigned; do
  measure "$fa_pid" "$op" "$furl"; fa[$op]=$R_RATE; fa[$op.p99]=$R_P99; fa[$op.cpu]=$R_CPU
  measure "$mo_pid" "$op" "$murl" -key AKIAIOSFODNN7EXAMPLE -secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  mo[$op]=$R_RATE; mo[$op.p99]=$R_P99; mo[$op.cpu]=$R_CPU
done
stop "$fa_pid"

# A store with many objects: fill it, restart on it, time start-up and list.
lport=$(port)
lurl=http://127.0.0.1:$lport
start "$lurl" "$work/fakeaws" --addr "127.0.0.1:$lport" --data "$work/fa-large"
lg -op fill -endpoint "$lurl" -c 32 -n "$objects" >&2
stop "$LAST_PID"
# meta.db holds each small body inline (100 bytes from loadgen fill). The
# second figure is the metadata alone: the file's pages up to its last one
# in use (bbolt grows the file by up to 16 MiB ahead of use; the file size
# counts that sparse tail, 0-170 bytes per object at 100,000 objects) less
# the bodies' own bytes (fillstore -stats counts both). What is left
# is records, keys, bbolt's element headers and page slack, and the inline
# bodies' keys.
metasize=$(stat -c %s "$work/fa-large/meta.db")
read -r metaused bodybytes < <("$work/fillstore" -stats -data "$work/fa-large" |
  python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["high_water_pages"]*s["page_size"], s["inline_body_bytes"])')
fa[metabytes]=$(( metasize / objects ))
fa[metaonly]=$(( (metaused - bodybytes) / objects ))
start_median 7 "$lurl" "$work/fakeaws" --addr "127.0.0.1:$lport" --data "$work/fa-large"
fa[start_large]=$START_MS
fa[start_large_best]=$START_BEST
sleep 1
fa[rss_large]=$(rss "$LAST_PID")
measure "$LAST_PID" list "$lurl"; fa[list]=$R_MS
kill "$LAST_PID"

# One 1 GiB upload: fakeaws streams it to disk; its peak RSS is the figure.
bport=$(port)
burl=http://127.0.0.1:$bport
start "$burl" "$work/fakeaws" --addr "127.0.0.1:$bport" --data "$work/fa-big"
lg -op bigput -endpoint "$burl" -size $((1 << 30)) >&2
fa[bigput_hwm]=$(hwm "$LAST_PID")
kill "$LAST_PID"

evalrate=$(go test -run XXX -bench 'BenchmarkEvaluateAllow$' -benchtime 2s ./evaluator 2>/dev/null |
  awk '/^BenchmarkEvaluateAllow/ {printf "%.0f", 1e9/$3}')

load_end=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{a/b:.1f}x" if b else "-")' "$1" "$2"; }
inv() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{b/a:.1f}x" if a else "-")' "$1" "$2"; }
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

# docs/benchmarks.md is this run's table, then the notes kept below the
# marker line (written by hand: what changed, earlier runs).
notes_marker='<!-- Written by hand below this line; bench/compare.sh keeps it. -->'
{
  echo "# Benchmarks"
  echo
  echo "fakeaws against moto_server, measured in one run by \`bench/compare.sh $dur $objects\` on"
  echo "$(date -u +%Y-%m-%d): $(nproc) cores ($(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs)),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr), $(go version | awk '{print $3}'),"
  echo "moto $(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo '?'). Both servers on loopback, driven by"
  echo "the same client (bench/loadgen, $conc connections, $dur per figure, SigV4 signed; each"
  echo "connection signs its request once and resends it for up to a minute, as AWS accepts a"
  echo "signed request for 15 minutes; see bench/loadgen). fakeaws"
  echo "enforces IAM and fsyncs every write; moto does neither. The machine is shared, so absolute"
  echo "figures move between runs; the ratios, taken in the same run, move less. Load average"
  echo "(1, 5, 15 min) at the start of the run: $load_start; at the end: $load_end."
  echo
  echo "| figure | fakeaws | moto | fakeaws/moto |"
  echo "|---|---|---|---|"
  for op in assumerole getsessiontoken putobject deleteobject getobject presigned; do
    row "$op (req/s)" "${fa[$op]}" "${mo[$op]}" "$(ratio "${fa[$op]}" "${mo[$op]}")"
    row "$op p99 (ms)" "${fa[$op.p99]}" "${mo[$op.p99]}" "$(inv "${fa[$op.p99]}" "${mo[$op.p99]}") faster"
    row "$op CPU per request, server / loadgen (µs)" "${fa[$op.cpu]}" "${mo[$op.cpu]}" "-"
  done
  row "start-up to first answer, empty (ms, median of 7; moto 3)" "${fa[start]}" "${mo[start]}" "$(inv "${fa[start]}" "${mo[start]}") faster"
  row "start-up to first answer, empty (ms, fastest)" "${fa[start_best]}" "${mo[start_best]}" "-"
  row "start-up CPU to first answer, empty (ms, all threads, median)" "${fa[start_cpu]}" "${mo[start_cpu]}" "-"
  row "idle RSS (MB)" "${fa[idle]}" "${mo[idle]}" "-"
  row "start-up with $objects objects (ms, median of 7)" "${fa[start_large]}" "-" "-"
  row "start-up with $objects objects (ms, fastest)" "${fa[start_large_best]}" "-" "-"
  row "RSS after start with $objects objects (MB)" "${fa[rss_large]}" "-" "-"
  row "meta.db bytes per small object" "${fa[metabytes]}" "-" "-"
  row "metadata bytes per small object (meta.db pages in use less the bodies' own bytes)" "${fa[metaonly]}" "-" "-"
  row "ListObjectsV2 page of 1,000 over $objects keys (ms, median)" "${fa[list]}" "-" "-"
  row "1 GiB PUT peak RSS (MB)" "${fa[bigput_hwm]}" "-" "-"
  row "evaluator decisions/s (one core)" "$evalrate" "-" "-"
  echo
  echo "moto keeps objects in memory and has no start-up state, so the large-store and 1 GiB rows"
  echo "are fakeaws only. Go benchmarks for the hot paths (with allocations):"
  echo "\`go test -run XXX -bench . -benchmem ./emulator ./emulator/sts ./emulator/sigv4 ./emulator/authz ./emulator/sessiontoken ./emulator/store ./evaluator\`."
  echo
  echo "$notes_marker"
  # Everything below the marker is written by hand and kept from run to run.
  if [[ -f docs/benchmarks.md ]]; then awk -v m="$notes_marker" 'kept {print} $0 == m {kept = 1}' docs/benchmarks.md; fi
} > "$work/benchmarks.md"
mv "$work/benchmarks.md" docs/benchmarks.md
cat docs/benchmarks.md
