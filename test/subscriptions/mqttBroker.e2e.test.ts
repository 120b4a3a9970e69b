import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { requireService } from '../support/services.js';
import {
  deviceUpdate,
  EXECUTION_CHANGED,
  fleet,
  startReplica,
  startTestEmulator,
  statusesOf,
  subscribe,
  type Replica,
} from './support.js';

// The emulator publishes the AWS IoT job topics to a real Mosquitto broker, the gateway subscribes to it
// (EMULATOR_MQTT_URL). The broker here is this test's own, on a free port, so it can be killed and restarted.

// CI provides Mosquitto (the system broker on 1883 proves it is installed); locally the tests skip without it.
const mosquitto = await requireService('Mosquitto', '127.0.0.1', 1883);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}

async function startBroker(port: number): Promise<ChildProcess> {
  const child = spawn('mosquitto', ['-p', String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100 && child.exitCode === null && !(await accepts(port)); i += 1)
    await new Promise((r) => setTimeout(r, 50));
  if (child.exitCode !== null || !(await accepts(port)))
    throw new Error(`mosquitto did not start on port ${port}`);
  return child;
}

async function stopBroker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

describe.skipIf(!mosquitto.available)('job events through an MQTT broker', () => {
  let port: number;
  let broker: ChildProcess;
  let emulator: Emulator;
  let replica: Replica;

  beforeAll(async () => {
    port = await freePort();
    broker = await startBroker(port);
    const url = `mqtt://127.0.0.1:${port}`;
    emulator = await startTestEmulator({ seed: fleet({ 'job-1': ['dev-1'] }), mqttUrl: url });
    // No in-process feed and an hour between periodic reconciliations: only MQTT, and the catch-up
    // after a reconnect, can deliver anything here.
    replica = await startReplica(emulator, {
      withEmulator: false,
      env: { EMULATOR_MQTT_URL: url, SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: '3600000' },
    });
    await replica.gateway.subscriptions.ready();
  });
  afterAll(async () => {
    await replica?.gateway.stop();
    await emulator?.close();
    if (broker) await stopBroker(broker);
  });

  it('delivers every transition once and in order, and loses nothing across a broker restart', async () => {
    const hub = replica.gateway.subscriptions.hub;
    const received = subscribe(replica.wsUrl, EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
    try {
      await received.waitForEvents(1);
      await deviceUpdate(emulator, 'dev-1', 'job-1', 'IN_PROGRESS');
      await received.waitForEvents(2);
      expect(hub.stats.reconciles).toBe(0);

      await stopBroker(broker);
      // Published while the broker is down: AWS IoT would not replay it either.
      await deviceUpdate(emulator, 'dev-1', 'job-1', 'SUCCEEDED');
      broker = await startBroker(port);

      await received.waitForEvents(3, 20_000);
      expect(statusesOf(received)).toEqual(['QUEUED', 'IN_PROGRESS', 'SUCCEEDED']);
      expect(hub.stats.reconciles).toBeGreaterThanOrEqual(1);
      expect(received.errors).toEqual([]);
    } finally {
      await received.dispose();
    }
  });
});
