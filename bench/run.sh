#!/usr/bin/env bash
# Benchmarks of the recording gateway on this machine (see BENCHMARKS.md at the repository root).
#   bench/run.sh [latency|concurrency|filing|pg-filing|gateways|segment|retention|sealed|sealed-parts|all] [--rows N] [--callers N] [--rate N] [--seconds N] [--playback-ms N] [--steps N,N]
#     [--shape real|short] [--no-filing] [--audio-seconds S] [--talk-ms N] [--burst] [--plaintext]
#     [--ami-events filtered|unfiltered|bench[,...]]   (default filtered; BENCHMARKS.md, "How to run")
# Builds everything (mvn -o -q -DskipTests package, online only if the offline build fails), then runs the harness. Every server under test runs
# in its own JVM; the load generator talks to it over 127.0.0.1 only and stops by itself.
# Results: printed, and written to bench/target/results/<scenario>.md.
# Server JVM flags: BENCH_SERVER_JVM (default "-XX:+UseZGC -XX:SoftMaxHeapSize=256m -Xss256k", the flags ./run and deploy/bin use).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
"$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]' || { echo "bench: needs JDK 25 in JAVA_HOME (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2; exit 1; }
command -v sox >/dev/null || { echo "bench: needs sox (apt-get install sox)" >&2; exit 1; }
# 10,000 concurrent sessions need 10,000 sockets in the generator and in the server (children inherit this).
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt 12000 ]; then
  echo "bench: open-file limit $(ulimit -n) is below 12000; the concurrency scenario would fail for lack of sockets" >&2
fi
# Offline first (the local Maven cache is normally warm); only when that fails (a dependency not yet cached) online.
if ! mvn -o -B -q -DskipTests package 2>/dev/null; then
  echo "bench: offline build failed (a dependency is not in the local Maven cache yet); building online" >&2
  mvn -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx2g --enable-native-access=ALL-UNNAMED \
  -Dbench.serverJvm="${BENCH_SERVER_JVM:--XX:+UseZGC -XX:SoftMaxHeapSize=256m -Xss256k}" \
  -cp "bench/target/classes:bench/target/lib/*" org.recgateway.bench.BenchMain "$@"
