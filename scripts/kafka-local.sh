#!/usr/bin/env bash
# Runs a throwaway Apache Kafka 3.6 broker (KRaft, combined mode) on 127.0.0.1 for tests and benchmarks.
#
#   scripts/kafka-local.sh start|stop|status|classpath
#
# Environment:
#   KAFKA_LOCAL_PORT   client port (default 9092); the controller listens on PORT+1 and a SASL/PLAIN
#                      listener on PORT+2 (user "admin", password "admin-secret"). A second cluster
#                      runs beside the first with another port, e.g. KAFKA_LOCAL_PORT=9192.
#   KAFKA_LOCAL_HOME   where downloaded jars and broker state live (default .kafka-local in the repo).
#   KAFKA_LOCAL_HEAP   broker heap (default 512m).
set -euo pipefail

KAFKA_VERSION="3.6.2"
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
PORT="${KAFKA_LOCAL_PORT:-9092}"
CONTROLLER_PORT=$((PORT + 1))
SASL_PORT=$((PORT + 2))
HOME_DIR="${KAFKA_LOCAL_HOME:-$REPO_DIR/.kafka-local}"
LIB_DIR="$HOME_DIR/lib-$KAFKA_VERSION"
STATE_DIR="$HOME_DIR/broker-$PORT"
PID_FILE="$STATE_DIR/pid"
LOG_FILE="$STATE_DIR/server.log"
HEAP="${KAFKA_LOCAL_HEAP:-512m}"
START_TIMEOUT_S=90

die() { echo "kafka-local: $*" >&2; exit 1; }
say() { echo "kafka-local: $*"; }

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH; install Java 17 (apt-get install openjdk-17-jre-headless)"
  local major
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [[ -n "$major" && "$major" -ge 11 ]] || die "Java 11 or later is needed (found: $(java -version 2>&1 | head -1))"
}

# Kafka's jars come from Maven Central through the pom beside this script; mvn caches them in ~/.m2.
fetch_kafka() {
  [[ -f "$LIB_DIR/.complete" ]] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH; it downloads Kafka $KAFKA_VERSION (apt-get install maven)"
  say "downloading Kafka $KAFKA_VERSION jars into $LIB_DIR"
  rm -rf "$LIB_DIR"
  mkdir -p "$LIB_DIR"
  if ! mvn -q -B -f "$SCRIPT_DIR/kafka-local/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIB_DIR" >"$HOME_DIR/download.log" 2>&1; then
    rm -rf "$LIB_DIR"
    die "could not download Kafka $KAFKA_VERSION from Maven Central (see $HOME_DIR/download.log)"
  fi
  ls "$LIB_DIR"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "download finished but kafka_2.13-$KAFKA_VERSION.jar is missing in $LIB_DIR"
  touch "$LIB_DIR/.complete"
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_config() {
  local data_dir="$1"
  cat >"$STATE_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT,SASL_PLAINTEXT://127.0.0.1:$SASL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="admin-secret";
log.dirs=$data_dir
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
EOF
  cat >"$STATE_DIR/log4j.properties" <<EOF
log4j.rootLogger=WARN, file
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG_FILE
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

start() {
  require_java
  if pid="$(running_pid)"; then say "already running on 127.0.0.1:$PORT (pid $pid)"; return 0; fi
  port_open "$PORT" && die "port $PORT is taken by another process; set KAFKA_LOCAL_PORT to a free port"
  fetch_kafka
  mkdir -p "$STATE_DIR"
  local data_dir
  data_dir="$(mktemp -d "${TMPDIR:-/tmp}/kafka-local-$PORT.XXXXXX")"
  echo "$data_dir" >"$STATE_DIR/data-dir"
  write_config "$data_dir"
  : >"$LOG_FILE"
  local log4j="-Dlog4j.configuration=file:$STATE_DIR/log4j.properties"
  java -cp "$LIB_DIR/*" "$log4j" kafka.tools.StorageTool format \
    -t "$(java -cp "$LIB_DIR/*" "$log4j" kafka.tools.StorageTool random-uuid)" \
    -c "$STATE_DIR/server.properties" >"$STATE_DIR/format.log" 2>&1 \
    || die "formatting storage failed (see $STATE_DIR/format.log)"
  nohup java -Xms256m -Xmx"$HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true "$log4j" \
    -cp "$LIB_DIR/*" kafka.Kafka "$STATE_DIR/server.properties" >"$STATE_DIR/stdout.log" 2>&1 &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + START_TIMEOUT_S))
  until grep -q "Kafka Server started" "$LOG_FILE" 2>/dev/null && port_open "$PORT"; do
    running_pid >/dev/null || { tail -20 "$STATE_DIR/stdout.log" "$LOG_FILE" >&2; die "broker exited while starting (logs in $STATE_DIR)"; }
    if ((SECONDS >= deadline)); then stop >/dev/null; die "broker did not answer within ${START_TIMEOUT_S}s (logs in $STATE_DIR)"; fi
    sleep 0.5
  done
  say "Kafka $KAFKA_VERSION running on 127.0.0.1:$PORT (SASL/PLAIN on $SASL_PORT, pid $(cat "$PID_FILE"), data $data_dir)"
}

remove_data_dir() {
  if [[ -f "$STATE_DIR/data-dir" ]]; then rm -rf "$(cat "$STATE_DIR/data-dir")"; rm -f "$STATE_DIR/data-dir"; fi
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    remove_data_dir
    say "not running on port $PORT"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  remove_data_dir
  say "stopped the broker on port $PORT (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)" && port_open "$PORT"; then say "running on 127.0.0.1:$PORT (pid $pid)"; return 0; fi
  say "not running on port $PORT"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  # The classpath of Kafka's own tools, for benchmarks that run them beside ours.
  classpath) require_java; fetch_kafka; echo "$LIB_DIR/*" ;;
  *) die "usage: scripts/kafka-local.sh start|stop|status|classpath (KAFKA_LOCAL_PORT picks the port, default 9092)" ;;
esac
