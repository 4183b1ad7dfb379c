#!/usr/bin/env bash
# Node start-up and idle memory. Usage: runtime/bench/startup.sh [RUNS]   (after a build)
# - start to shell-ready: `hypertensor devnet` under tmux, from launching the command until the shell
#   prompt is on screen (JVM start, framework, all bundles, console) — what an operator waits for;
# - the launcher's own "ready in" figure (JVM start → every start level reached);
# - `run -c node:status` end to end (start, command, stop), as scripts use it;
# - resident memory (VmRSS) of an idle node after 30 s.
set -euo pipefail
runs=${1:-10}
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/runtime/target/hypertensor/bin/hypertensor"
[ -x "$bin" ] || { echo "build first: mvn -B -DskipTests install" >&2; exit 1; }
command -v tmux >/dev/null || { echo "needs tmux (apt-get install tmux)" >&2; exit 1; }
work=$(mktemp -d)
trap 'tmux kill-session -t bench 2>/dev/null || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
stats() { sort -n | awk '{a[NR]=$1; s+=$1} END {printf "median %d ms, min %d, max %d (n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

"$bin" run --home "$work/warm" -c "node:status" >/dev/null   # warm the OS file cache

: >"$work/shell"; : >"$work/ready"
for i in $(seq "$runs"); do
  home="$work/devnet-$i"
  t0=$(now_ms)
  tmux new-session -d -s bench -x 200 -y 50 "$bin devnet --home $home"
  until tmux capture-pane -p -t bench | grep -q '^hypertensor>'; do sleep 0.01; done
  echo $(( $(now_ms) - t0 )) >>"$work/shell"
  tmux capture-pane -p -t bench | sed -n 's/^Hypertensor node ready in \([0-9]*\) ms.*/\1/p' >>"$work/ready"
  tmux send-keys -t bench C-d
  while tmux has-session -t bench 2>/dev/null; do sleep 0.05; done
done
echo "start to shell prompt (devnet): $(stats <"$work/shell")"
echo "launcher 'ready in':            $(stats <"$work/ready")"

: >"$work/run"
for i in $(seq "$runs"); do
  t0=$(now_ms); "$bin" run --home "$work/run-$i" -c "node:status" >/dev/null; echo $(( $(now_ms) - t0 )) >>"$work/run"
done
echo "run -c node:status end to end:  $(stats <"$work/run")"

"$bin" start --home "$work/idle" >/dev/null 2>&1 &
pid=$!
sleep 30
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/used/ {print; exit}' || true)
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "idle RSS after 30 s:            $((rss / 1024)) MB  (${heap:-heap info unavailable})"
