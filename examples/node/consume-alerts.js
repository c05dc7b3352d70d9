// Prints Customs Sentinel's alerts: one line per alert record, "<alert id> <status> <rule> <severity> <summary>".
//
//   npm ci                       # in this folder: kafkajs, lz4js, @confluentinc/schemaregistry
//   node consume-alerts.js       # the local stack's defaults; override with the variables below
//
// KAFKA_BOOTSTRAP      brokers, comma-separated            (default 127.0.0.1:9092)
// SCHEMA_REGISTRY_URL  Confluent-API registry base URL     (default http://127.0.0.1:8081/apis/ccompat/v7)
// ALERTS_TOPIC         topic to read                       (default customs.alerts)
// GROUP_ID             consumer group                      (default ops-alerts-example)
// EXIT_WHEN_IDLE_MS    exit 0 once no record came for this long (default: run until Ctrl-C)
const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');
const lz4 = require('lz4js');
const { SchemaRegistryClient, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

// Customs Sentinel's producers and streams app compress with lz4; kafkajs has no LZ4 codec of its own and, without
// one, cannot read a single batch of these topics.
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  async compress(encoder) {
    return Buffer.from(lz4.compress(encoder.buffer));
  },
  async decompress(buffer) {
    return Buffer.from(lz4.decompress(buffer));
  },
});

const brokers = (process.env.KAFKA_BOOTSTRAP || '127.0.0.1:9092').split(',');
const registryUrl = process.env.SCHEMA_REGISTRY_URL || 'http://127.0.0.1:8081/apis/ccompat/v7';
const topic = process.env.ALERTS_TOPIC || 'customs.alerts';
const idleMs = Number(process.env.EXIT_WHEN_IDLE_MS || 0);

const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });
const avro = new AvroDeserializer(registry, SerdeType.VALUE, {});
const consumer = new Kafka({ clientId: 'customs-sentinel-example', brokers, logLevel: logLevel.WARN })
  // read_committed: records of an aborted transaction of the exactly-once streams app stay invisible.
  .consumer({ groupId: process.env.GROUP_ID || 'ops-alerts-example', readUncommitted: false });

let lastRecord = Date.now();

async function main() {
  // A batch kafkajs cannot decompress (a codec it lacks) crashes the consumer inside its fetch loop; say so and stop
  // rather than leave a silent process behind.
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    console.error(`cannot read ${topic}: ${payload.error.name}: ${payload.error.message}`);
    process.exit(1);
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      lastRecord = Date.now();
      let alert;
      try {
        alert = await avro.deserialize(topic, message.value);
      } catch (e) {
        // An unknown schema id, a registry that is down, or bytes that are not Confluent-framed Avro: name the record.
        console.error(`cannot decode ${topic} partition ${partition} offset ${message.offset}: ${e.message}`);
        return;
      }
      // ruleId names every rule, those added after this client too; alerts written before it existed carry only rule.
      console.log(`${alert.alertId} ${alert.status} ${alert.ruleId || alert.rule} ${alert.severity} ${alert.summary}`);
    },
  });
  if (idleMs > 0) {
    const timer = setInterval(async () => {
      if (Date.now() - lastRecord >= idleMs) {
        clearInterval(timer);
        await consumer.disconnect();
        process.exit(0);
      }
    }, 250);
  }
}

main().catch((e) => {
  console.error(`cannot read ${topic}: ${e.message}`);
  process.exit(1);
});
