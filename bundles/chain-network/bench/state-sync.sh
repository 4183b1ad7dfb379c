#!/usr/bin/env bash
# State sync speed on loopback: keys/s of download + verification + import (see StateSyncBench).
# Usage: bundles/chain-network/bench/state-sync.sh [keys=100000,1000000] [chunkLeaves=4096]
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -ntp -o -q -pl bundles/chain-network -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
cd bundles/chain-network
exec java -Xmx4g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.hypertensor.chain.network.bench.StateSyncBench "$@"
