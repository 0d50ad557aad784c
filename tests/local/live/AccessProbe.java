// Runs access cases through Kafka's own Java client, each as its service would: consume, produce, use a group, create topics.
// Input: a JSON file {"seed": {properties of an identity allowed to write everywhere}, "cases": [...]}; output: one JSON line per case.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.*;
import org.apache.kafka.common.serialization.*;

public class AccessProbe {
    static final ObjectMapper JSON = new ObjectMapper();
    static Properties seed;

    public static void main(String[] args) throws Exception {
        JsonNode input = JSON.readTree(new File(args[0]));
        seed = properties(input.get("seed"));
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(args.length > 1 ? args[1] : "8"));
        List<Future<String>> results = new ArrayList<>();
        for (JsonNode c : input.get("cases")) results.add(pool.submit(() -> run(c)));
        for (Future<String> r : results) {
            System.out.println(r.get());
            System.out.flush();
        }
        pool.shutdown();
        System.exit(0);
    }

    static String run(JsonNode c) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", c.get("name").asText());
        long started = System.nanoTime();
        try {
            String kind = c.get("kind").asText();
            Properties props = properties(c.get("properties"));
            List<String> topics = new ArrayList<>();
            if (c.has("topics")) c.get("topics").forEach(t -> topics.add(t.asText()));
            switch (kind) {
                case "consume" -> consume(props, topics);
                case "read" -> read(props, topics.get(0));
                case "produce" -> produce(props, topics, c.has("transactionalId") ? c.get("transactionalId").asText() : null);
                case "committed-only" -> committedOnly(props, properties(c.get("producerProperties")), c.get("transactionalId").asText(), topics.get(0));
                case "create-topic" -> admin(props, a -> a.createTopics(List.of(new NewTopic(topics.get(0), 1, (short) 3))).all().get(30, TimeUnit.SECONDS));
                case "describe-configs" -> admin(props, a -> a.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.get(0)))).all().get(30, TimeUnit.SECONDS));
                case "describe-group" -> admin(props, a -> a.describeConsumerGroups(List.of(props.getProperty("group.id"))).all().get(30, TimeUnit.SECONDS));
                default -> throw new IllegalArgumentException("unknown case kind " + kind);
            }
            out.put("outcome", "ok");
        } catch (Throwable error) {
            out.put("outcome", classify(error));
            out.put("detail", String.valueOf(root(error)));
        }
        out.put("ms", (System.nanoTime() - started) / 1_000_000);
        return out.toString();
    }

    interface AdminCall { void call(Admin admin) throws Exception; }

    static void admin(Properties props, AdminCall call) throws Exception {
        props.put("default.api.timeout.ms", "30000");
        props.put("request.timeout.ms", "20000");
        try (Admin admin = Admin.create(props)) {
            call.call(admin);
        }
    }

    /** Joins the group, makes sure a fresh record sits in every topic, reads one from each and commits. */
    static void consume(Properties props, List<String> topics) throws Exception {
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(topics);
            long deadline = System.currentTimeMillis() + 120_000;
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(200));
                if (System.currentTimeMillis() > deadline) throw new org.apache.kafka.common.errors.TimeoutException("no partitions assigned within 120s");
            }
            // Fix every position before the markers go out, so auto.offset.reset=latest cannot skip them.
            for (TopicPartition tp : consumer.assignment()) consumer.position(tp);
            String marker = UUID.randomUUID().toString();
            int partitionsPerTopic = 0;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(seed))) {
                for (String topic : topics) {
                    partitionsPerTopic = producer.partitionsFor(topic).size();
                    // One marker per partition: whichever partitions this consumer holds, it sees one.
                    for (int p = 0; p < partitionsPerTopic; p++) producer.send(new ProducerRecord<>(topic, p, marker, marker));
                }
                producer.flush();
            }
            Set<String> seen = new HashSet<>();
            while (seen.size() < topics.size()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) if (marker.equals(r.key())) seen.add(r.topic());
                if (seen.size() < topics.size() && System.currentTimeMillis() > deadline) throw new org.apache.kafka.common.errors.TimeoutException("read markers from " + seen + " of " + topics + " within 120s");
            }
            consumer.commitSync(Duration.ofSeconds(30));
        }
    }

    /** Reads a topic's first partition directly, as MirrorMaker or a registry does: done when a fresh marker comes back, refused when Kafka says so. */
    static void read(Properties props, String topic) throws Exception {
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("default.api.timeout.ms", "20000");
        String marker = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(seed))) {
            producer.send(new ProducerRecord<>(topic, 0, marker, marker)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.currentTimeMillis() + 60_000;
            for (;;) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) if (marker.equals(r.key())) return;
                if (System.currentTimeMillis() > deadline) throw new org.apache.kafka.common.errors.TimeoutException("neither read nor refused within 60s");
            }
        }
    }

    /** The producer aborts one transaction and commits the next; the consumer, as configured, must see only the second. */
    static void committedOnly(Properties props, Properties producerProps, String transactionalId, String topic) throws Exception {
        String aborted = "aborted-" + UUID.randomUUID();
        String committed = "committed-" + UUID.randomUUID();
        Properties p = producerProps(producerProps);
        p.put("transactional.id", transactionalId);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, aborted, aborted));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, committed, committed));
            producer.commitTransaction();
        }
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.currentTimeMillis() + 60_000;
            for (;;) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (aborted.equals(r.key())) throw new IllegalStateException("read a record of an aborted transaction");
                    if (committed.equals(r.key())) return;
                }
                if (System.currentTimeMillis() > deadline) throw new org.apache.kafka.common.errors.TimeoutException("the committed record did not arrive within 60s");
            }
        }
    }

    static void produce(Properties props, List<String> topics, String transactionalId) throws Exception {
        Properties p = producerProps(props);
        if (transactionalId != null) p.put("transactional.id", transactionalId);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            if (transactionalId != null) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String topic : topics) sent.add(producer.send(new ProducerRecord<>(topic, "access-probe", "access-probe")));
            if (transactionalId != null) producer.commitTransaction();
            for (Future<RecordMetadata> f : sent) f.get(30, TimeUnit.SECONDS);
        }
    }

    /** The design's producer settings: idempotent, acks from all in-sync replicas, LZ4. */
    static Properties producerProps(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", "lz4");
        p.put("max.block.ms", "20000");
        p.put("delivery.timeout.ms", "30000");
        p.put("request.timeout.ms", "15000");
        return p;
    }

    static Properties properties(JsonNode node) {
        Properties p = new Properties();
        node.fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        return p;
    }

    static Throwable root(Throwable error) {
        Throwable t = error;
        while (!(t instanceof AuthorizationException || t instanceof AuthenticationException) && t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    static String classify(Throwable error) {
        Throwable t = root(error);
        if (t instanceof AuthorizationException) return "denied:" + t.getClass().getSimpleName();
        if (t instanceof AuthenticationException) return "unauthenticated:" + t.getClass().getSimpleName();
        return "error:" + t.getClass().getSimpleName();
    }
}
