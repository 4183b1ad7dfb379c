#!/usr/bin/env bash
# Four validators on loopback: finality latency and finalized transfers/s (see FinalityBench).
# Usage: bundles/chain-network/bench/finality.sh [heights=30] [transfers=8000] [perBlock=1000]
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -B -ntp -o -q -pl bundles/chain-network -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd bundles/chain-network
exec java -Xmx3g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.hypertensor.chain.network.bench.FinalityBench "$@"
