import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { createIotEventsConnection } from '../../src/upstream/iotEvents.js';
import { startTestEmulator } from './support.js';

// How the gateway would connect to AWS IoT Core; discovery runs against the emulator's DescribeEndpoint.

let emulator: Emulator;
const credentials = async () => ({
  accessKeyId: 'AKIDTEST',
  secretAccessKey: 'secret',
  sessionToken: 'session',
});

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe('createIotEventsConnection', () => {
  it('discovers the iot:Data-ATS endpoint and signs a fresh WebSocket URL for every connection', async () => {
    const connection = await createIotEventsConnection({
      region: 'eu-west-1',
      endpoint: undefined,
      controlEndpoint: emulator.url,
      auth: { kind: 'sigv4' },
      credentials,
    });
    try {
      const { host } = new URL(connection.url);
      expect(connection.url).toBe(`wss://${host}/mqtt`);
      expect(host).toMatch(/-ats\.iot\.[a-z0-9-]+\.amazonaws\.com$/);
      const signed = connection.options.transformWsUrl!(connection.url, {}, undefined as never);
      expect(signed).toMatch(
        new RegExp(
          `^wss://${host.replace(/\./g, '\\.')}/mqtt\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDTEST%2F\\d{8}%2Feu-west-1%2Fiotdevicegateway%2Faws4_request&`,
        ),
      );
      expect(signed).toMatch(/&X-Amz-Signature=[0-9a-f]{64}&X-Amz-Security-Token=session$/);
      expect(emulator.calls({ operation: 'DescribeEndpoint' })).toHaveLength(1);
    } finally {
      connection.dispose();
    }
  });

  it('uses mutual TLS on port 8883 with the configured certificate files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iot-mtls-'));
    try {
      await writeFile(join(dir, 'cert.pem'), 'CERT');
      await writeFile(join(dir, 'key.pem'), 'KEY');
      const connection = await createIotEventsConnection({
        region: 'eu-west-1',
        endpoint: 'abc-ats.iot.eu-west-1.amazonaws.com',
        controlEndpoint: emulator.url,
        auth: {
          kind: 'mtls',
          certFile: join(dir, 'cert.pem'),
          keyFile: join(dir, 'key.pem'),
          caFile: undefined,
        },
        credentials,
      });
      expect(connection.url).toBe('mqtts://abc-ats.iot.eu-west-1.amazonaws.com:8883');
      expect(String(connection.options.cert)).toBe('CERT');
      expect(String(connection.options.key)).toBe('KEY');
      expect(connection.options.transformWsUrl).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
