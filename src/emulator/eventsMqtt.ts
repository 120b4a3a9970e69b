// Publishes the emulator's job messages to a real MQTT broker (e.g. Mosquitto), as AWS IoT Core would.
import { connect, type MqttClient } from 'mqtt';

export interface MqttEventSink {
  /** Sends one message at QoS 0; dropped while the broker is unreachable, as AWS drops them for offline clients. */
  publish(topic: string, payload: string): void;
  close(): Promise<void>;
}

/** Longest wait for the first connection before the emulator starts anyway (the client keeps retrying). */
const FIRST_CONNECT_WAIT_MS = 5000;

/** Connects to `url` (mqtt://, mqtts://, ws:// or wss://); resolves once connected or after 5 s. */
export async function connectMqttSink(url: string): Promise<MqttEventSink> {
  const client: MqttClient = connect(url, {
    clientId: `iot-jobs-emulator-${Math.random().toString(36).slice(2, 10)}`,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    // Nothing is replayed after an outage: subscribers must catch up themselves, as with AWS IoT.
    queueQoSZero: false,
  });
  // Without a listener an unreachable broker would crash the process with an unhandled 'error'.
  client.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    publish(topic, payload) {
      if (client.connected) client.publish(topic, payload, { qos: 0 });
    },
    close: () => client.endAsync(true).then(() => undefined),
  };
}
