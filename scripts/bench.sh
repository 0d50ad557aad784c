#!/usr/bin/env bash
# npm run bench: the render benchmark (compiled), then the live one on a local broker started and stopped for it,
# or on the broker KAFKA_BOOTSTRAP names.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
node build/js/bench/render.js
if [ -z "${KAFKA_BOOTSTRAP:-}" ]; then
  trap 'scripts/kafka-local.sh stop >/dev/null 2>&1 || true' EXIT
  scripts/kafka-local.sh start
  export KAFKA_BOOTSTRAP="127.0.0.1:${KAFKA_LOCAL_PORT:-9092}"
fi
npm run -s bench:live
