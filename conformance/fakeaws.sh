# Sourced by the suite runners (conformance/*/run.sh): one way to make a
# runner's scratch directory and to start the fakeaws a suite runs against.
#
#   suite_scratch [mktemp template]
#
# sets WORK to a new scratch directory and arms an EXIT trap that stops the
# fakeaws start_fakeaws started (also one whose start was interrupted),
# runs the runner's own suite_cleanup function when it defines one
# (unmounting, removing /etc/hosts lines, stopping helper servers), and
# removes WORK.
#
#   start_fakeaws DIR LOG [fakeaws flags...]
#
# builds fakeaws from this repository into DIR, starts it with an
# ephemeral store on a loopback port of its own (127.0.0.1:0, so two
# suites running at once never answer for each other) with its output in
# LOG, and waits until it answers. It sets FAKEAWS (the binary),
# FAKEAWS_PID, FAKEAWS_URL (http://127.0.0.1:PORT) and FAKEAWS_PORT, and
# returns non-zero, with the log, when the server does not come up.
# suite_scratch's trap stops it.

suite_scratch() {
  WORK=$(mktemp -d "$@")
  trap _suite_exit EXIT
}

_suite_exit() {
  if [ -n "${FAKEAWS_PID:-}" ]; then kill "$FAKEAWS_PID" 2>/dev/null || true; fi
  if declare -F suite_cleanup >/dev/null; then suite_cleanup || true; fi
  rm -rf "$WORK"
}

start_fakeaws() {
  local dir=$1 log=$2
  shift 2
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  FAKEAWS="$dir/fakeaws"
  (cd "$root" && go build -o "$FAKEAWS" ./cmd/fakeaws) || return 1
  "$FAKEAWS" --ephemeral --addr 127.0.0.1:0 --log-level error "$@" >"$log" 2>&1 &
  FAKEAWS_PID=$!
  FAKEAWS_URL=
  for _ in $(seq 1 100); do
    FAKEAWS_URL=$(sed -n '1s/^fakeaws listening on //p' "$log")
    if [ -n "$FAKEAWS_URL" ] && "$FAKEAWS" health --endpoint "$FAKEAWS_URL" >/dev/null 2>&1; then
      FAKEAWS_PORT=${FAKEAWS_URL##*:}
      return 0
    fi
    sleep 0.2
  done
  echo "fakeaws did not start:" >&2
  cat "$log" >&2
  return 1
}
