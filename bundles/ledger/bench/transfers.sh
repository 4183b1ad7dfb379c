#!/usr/bin/env bash
# Transfers/s imported and persisted vs the Ed25519 verification limit (see TransferThroughputBench).
# Usage: bundles/ledger/bench/transfers.sh [accounts=20000] [transfers per block=10000] [blocks=5]
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -ntp -o -q -pl bundles/ledger -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd bundles/ledger
exec java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.hypertensor.ledger.bench.TransferThroughputBench "$@"
