#!/usr/bin/env bash
# The real-Asterisk load run (BENCHMARKS.md): SIPp -> Asterisk 22 (the cached chroot) -> the gateway,
# 10-second calls at 10 calls/s for 2 minutes, with and without the gateway. Needs root, like ./run tests.
#   bench/real-asterisk-load.sh [RATE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-10}
seconds=${2:-120}
ASTERISK_CHROOT=$(tools/asterisk-chroot.sh | tail -n 1); export ASTERISK_CHROOT
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -pl gateway -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=RealAsteriskLoadBench -Dload.rate="$rate" -Dload.seconds="$seconds"
cat gateway/target/bench/real-asterisk-load.md
