import type { Config } from '../config.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { createUpstream, type Upstream } from '../upstream/index.js';
import { upstreamSettingsFor } from './settings.js';

// The only gateway file that imports the emulator: production (IOT_UPSTREAM=aws) never loads it.

export interface LocalUpstream {
  emulator: Emulator;
  upstream: Upstream;
}

/** Starts the embedded emulator (loopback only, seeded per EMULATOR_SEED) and SDK clients aimed at it. */
export async function startLocalUpstream(config: Config): Promise<LocalUpstream> {
  const emulator = await startEmulator({
    host: '127.0.0.1',
    port: config.emulator.port,
    seed: config.emulator.seed,
    region: config.aws.region,
    // EMULATOR_MQTT_URL: the emulator also publishes the AWS IoT job topics to that broker.
    ...(config.subscriptions.emulatorMqttUrl ? { mqttUrl: config.subscriptions.emulatorMqttUrl } : {}),
  });
  return { emulator, upstream: createUpstream(upstreamSettingsFor(config, emulator.url)) };
}
