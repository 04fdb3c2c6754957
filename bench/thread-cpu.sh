#!/usr/bin/env bash
# CPU by OS thread of the gateway under test in a bench run (BENCHMARKS.md, issue 13 session 7), e.g.
#   bench/run.sh latency ... > run.log 2>&1 & bench/thread-cpu.sh $! run.log out/      (snapshots)
#   bench/thread-cpu.sh --sum out/1-after.start out/1-after.last 10000              (ms per call by thread)
# Snapshots every GatewayMain child of the bench process: utime+stime of each /proc/<pid>/task at the start of its
# measured window (the "<server>: N calls/s for S s, playback" line) and the last full sample before it exits.
# Files are <n>-after (this checkout) or <n>-before (a --before checkout whose path contains "before").
set -euo pipefail
if [ "${1:-}" = "--sum" ]; then
  start=$2 last=$3 calls=$4
  awk -F'|' -v calls="$calls" '
    { name=$1; sub(/[-#]?[0-9]+$/, "", name) }
    FNR==NR { a[name]+=$2; next }
    { b[name]+=$2 }
    END { for (k in b) { d=b[k]-a[k]; t+=d; v[k]=d }
          printf "total %.1f s, %.2f ms per call\n", t/100, t*10/calls
          for (k in v) if (v[k] > 0) printf "%5.1f%% %7.3f ms per call  %s\n", v[k]*100/t, v[k]*10/calls, k }' "$start" "$last" | sort -rn
  exit 0
fi
bench=$1 log=$2 out=$3
mkdir -p "$out"
snap() { for t in /proc/$1/task/*; do
           comm=$(cat "$t/comm" 2>/dev/null) || continue; st=$(cat "$t/stat" 2>/dev/null) || continue
           rest=${st##*) }; set -- $rest; echo "${comm}|$((${12} + ${13}))"; done; }
n=0
while kill -0 "$bench" 2>/dev/null; do
  pid=$(pgrep -P "$bench" -f "GatewayMain run" | head -1 || true)
  if [ -z "$pid" ]; then sleep 0.3; continue; fi
  n=$((n + 1)); name=after; label=gateway
  if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "-before"; then name=before; label=gateway-before; fi
  started=0
  while kill -0 "$pid" 2>/dev/null; do
    if [ $started = 0 ] && grep -q "^  $label: [0-9]* calls/s for [0-9]* s, playback" "$log"; then
      snap "$pid" > "$out/$n-$name.start"; started=1
    fi
    s=$(snap "$pid" || true); c=$(echo "$s" | grep -c . || true); prev=$(grep -c . "$out/$n-$name.last" 2>/dev/null || echo 0)
    # a sample taken while the JVM exits lacks threads: keep the last full one
    if [ "$c" -ge $((prev * 8 / 10)) ] && echo "$s" | grep -q "^ForkJoinPool"; then echo "$s" > "$out/$n-$name.last"; fi
    sleep 1
  done
done
