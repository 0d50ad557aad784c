// The design's JMX exporter rules and log4j settings, as the ConfigMaps the Kafka resource points at.

export const KAFKA_METRICS_RULES = `lowercaseOutputName: true
rules:
- pattern: kafka.server<type=(.+), name=(.+), clientId=(.+), topic=(.+), partition=(.*)><>Value
  name: kafka_server_$1_$2
  type: GAUGE
  labels:
   clientId: "$3"
   topic: "$4"
   partition: "$5"
- pattern: kafka.server<type=(.+), name=(.+), clientId=(.+), brokerHost=(.+), brokerPort=(.+)><>Value
  name: kafka_server_$1_$2
  type: GAUGE
  labels:
   clientId: "$3"
   broker: "$4:$5"
- pattern: kafka.server<type=(.+), name=(.+)><>Value
  name: kafka_server_$1_$2
  type: GAUGE
- pattern: kafka.controller<type=(.+), name=(.+)><>Value
  name: kafka_controller_$1_$2
  type: GAUGE
`;

export const ZOOKEEPER_METRICS_RULES = `lowercaseOutputName: true
rules:
- pattern: "org.apache.ZooKeeperService<name0=ReplicatedServer_id(\\\\d+)><>(\\\\w+)"
  name: "zookeeper_$2"
  type: GAUGE
`;

/**
 * The design's console appender. Its second appender wrote to /var/log/kafka/server.log for a fluentd
 * sidecar; brokers log to stdout instead, and Cloud Logging routes that to the log bucket.
 */
export const KAFKA_LOG4J = `log4j.rootLogger=INFO, CONSOLE

# Console appender
log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender
log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout
log4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} %p %c: %m%n
`;

export function metricsConfigMapData(): Record<string, string> {
    return { "kafka-metrics-config.yml": KAFKA_METRICS_RULES, "zookeeper-metrics-config.yml": ZOOKEEPER_METRICS_RULES };
}
