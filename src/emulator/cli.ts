// Standalone emulator: `npm run emulator -- --port 4566 --seed demo|none|<file> [--host 127.0.0.1] [--mqtt mqtt://127.0.0.1:1883]`.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator.js';

/** Default port; LocalStack uses the same one, so pass --port when both run. */
const DEFAULT_PORT = 4566;
const USAGE =
  'usage: emulator [--port <0-65535>] [--host <address>] [--seed demo|none|<file.json>] [--mqtt <mqtt://host:port>]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseOptions(): { port: number; host: string; seed: string; mqttUrl: string | undefined } {
  let values: { port?: string; host?: string; seed?: string; mqtt?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        mqtt: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(`emulator: ${(error as Error).message} (${USAGE})`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || port > 65_535) {
    fail(`emulator: --port must be an integer from 0 to 65535, got '${values.port}'`, 2);
  }
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'none' && !existsSync(seed)) {
    fail(`emulator: --seed must be demo, none or an existing JSON file, got '${seed}'`, 2);
  }
  // Job events go to a real broker only when asked: AWS publishes them over MQTT, tests and demos may not need it.
  const mqttUrl = values.mqtt;
  if (mqttUrl !== undefined && !/^mqtts?:\/\/[^\s/]+/.test(mqttUrl)) {
    fail(`emulator: --mqtt must be an mqtt:// or mqtts:// URL, got '${mqttUrl}'`, 2);
  }
  return { port, host: values.host ?? '127.0.0.1', seed, mqttUrl };
}

const { port, host, seed, mqttUrl } = parseOptions();
try {
  const emulator = await startEmulator({ port, host, seed, ...(mqttUrl === undefined ? {} : { mqttUrl }) });
  const events = mqttUrl === undefined ? '' : `, job events to ${mqttUrl}`;
  process.stdout.write(`IoT Jobs emulator listening on ${emulator.url} (seed: ${seed}${events})\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  fail(`emulator: cannot start: ${(error as Error).message}`, 1);
}
