// The Kafka client properties of a KafkaUser on the local platform: bootstrap, protocol, stores or JAAS login.
import { LocalListener, propertiesText } from "./plan";

export interface UserCredentials {
    user: string;
    authentication: "tls" | "scram-sha-512";
    /** TLS users: PKCS#12 keystore and its password, plus PEM certificate and key for clients that want them. */
    keystore?: string;
    keystorePassword?: string;
    cert?: string;
    key?: string;
    /** SCRAM users. */
    password?: string;
}

/** The listener a user of this authentication connects to: the first one that authenticates that way. */
export function listenerFor(authentication: string, listeners: LocalListener[]): LocalListener {
    const listener = listeners.find((l) => l.authentication === authentication);
    if (!listener) throw new Error(`the render has no listener with ${authentication} authentication for its ${authentication} users`);
    return listener;
}

export function clientProperties(credentials: UserCredentials, listener: LocalListener, clusterCaCert: string): Record<string, string> {
    const properties: Record<string, string> = {
        "bootstrap.servers": listener.bootstrap,
        "security.protocol": listener.protocol,
    };
    if (listener.protocol === "SSL" || listener.protocol === "SASL_SSL") {
        properties["ssl.truststore.type"] = "PEM";
        properties["ssl.truststore.location"] = clusterCaCert;
    }
    if (credentials.authentication === "tls") {
        properties["ssl.keystore.type"] = "PKCS12";
        properties["ssl.keystore.location"] = credentials.keystore!;
        properties["ssl.keystore.password"] = credentials.keystorePassword!;
    } else {
        properties["sasl.mechanism"] = "SCRAM-SHA-512";
        properties["sasl.jaas.config"] = `org.apache.kafka.common.security.scram.ScramLoginModule required username="${credentials.user}" password="${credentials.password}";`;
    }
    return properties;
}

export function clientPropertiesText(credentials: UserCredentials, listener: LocalListener, clusterCaCert: string): string {
    return `# Kafka client settings for ${credentials.user} on the local platform (any Kafka tool: --command-config / --consumer.config / --producer.config)\n`
        + propertiesText(clientProperties(credentials, listener, clusterCaCert));
}
