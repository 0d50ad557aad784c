#!/usr/bin/env bash
# npm run bench: the render benchmark (compiled), then the live one on a local broker started and stopped for it,
# or on the broker KAFKA_BOOTSTRAP names; then the design's headline figures on the local platform (three brokers,
# TLS), started and stopped for it on LOCAL_BASE_PORT (default 19000) unless one is already running.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
node build/js/bench/render.js
started_broker=""
if [ -z "${KAFKA_BOOTSTRAP:-}" ]; then
  trap 'scripts/kafka-local.sh stop >/dev/null 2>&1 || true' EXIT
  scripts/kafka-local.sh start
  started_broker=yes
  export KAFKA_BOOTSTRAP="127.0.0.1:${KAFKA_LOCAL_PORT:-9092}"
fi
npm run -s bench:live
# The single broker's memory and CPU go to the local platform next.
[ -z "$started_broker" ] || scripts/kafka-local.sh stop >/dev/null 2>&1 || true
if ! npm run -s local -- status >/dev/null 2>&1; then
  trap 'npm run -s local -- down >/dev/null 2>&1 || true' EXIT
  npm run -s local -- up --base-port "${LOCAL_BASE_PORT:-19000}"
fi
npm run -s bench:local
