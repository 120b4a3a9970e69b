import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { DescribeEndpointCommand, ListThingsCommand } from '@aws-sdk/client-iot';
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { requireService } from '../support/services.js';
import { controlClient, dataClient } from '../support/sdk.js';

// The standalone emulator as a user runs it (`npm run emulator -- …`): one ready line, real SDK traffic,
// clean exit on signals, one clear line and exit 2 on bad arguments.

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

function runCli(args: string[]): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => ({ stdout, stderr }) };
}

async function readyUrl(run: ReturnType<typeof runCli>): Promise<string> {
  await expect.poll(() => run.output().stdout, { timeout: 20_000 }).toMatch(/listening on http:\/\/\S+/);
  return /listening on (http:\/\/\S+)/.exec(run.output().stdout)![1]!;
}

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('npm run emulator', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints one ready line, serves the SDK, exits 0 on %s',
    async (signal) => {
      const run = runCli(['--port', '0', '--seed', 'demo']);
      const url = await readyUrl(run);
      expect(run.output().stdout.trim().split('\n')).toHaveLength(1);
      expect(run.output().stdout).toContain('(seed: demo)');

      const control = controlClient(url);
      const things = await control.send(new ListThingsCommand({}));
      expect(things.things?.length).toBeGreaterThan(0);
      const endpoint = await control.send(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }));
      expect(`http://${endpoint.endpointAddress}`).toBe(url);

      run.child.kill(signal);
      const [code] = await once(run.child, 'exit');
      expect(code).toBe(0);
    },
  );

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--seed', 'no-such-seed-file.json'], /--seed must be demo, none or an existing JSON file/],
    [['--mqtt', 'http://broker'], /--mqtt must be an mqtt:\/\/ or mqtts:\/\/ URL/],
    [['--bogus'], /emulator: .*usage: emulator/],
  ])('refuses %j with one line on stderr and exit 2', async (args, message) => {
    const run = runCli(args);
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(2);
    expect(run.output().stderr).toMatch(message);
    expect(run.output().stderr.trim().split('\n')).toHaveLength(1);
  });

  it('publishes job events to the MQTT broker given with --mqtt', async () => {
    const broker = await requireService('Mosquitto (MQTT)', '127.0.0.1', 1883);
    if (!broker.available) return;
    const run = runCli(['--port', '0', '--seed', 'demo', '--mqtt', 'mqtt://127.0.0.1:1883']);
    const url = await readyUrl(run);
    expect(run.output().stdout).toContain('job events to mqtt://127.0.0.1:1883');

    const subscriber = await mqtt.connectAsync('mqtt://127.0.0.1:1883', {
      clientId: `cli-test-${process.pid}`,
    });
    try {
      const received: { topic: string; payload: Record<string, unknown> }[] = [];
      subscriber.on('message', (topic, payload) =>
        received.push({ topic, payload: JSON.parse(payload.toString()) }),
      );
      await subscriber.subscribeAsync('$aws/events/jobExecution/#');

      // A device finishes its IN_PROGRESS execution: AWS publishes a terminal jobExecution event.
      await dataClient(url).send(
        new UpdateJobExecutionCommand({
          jobId: 'firmware-update-v2',
          thingName: 'thermostat-002',
          status: 'SUCCEEDED',
        }),
      );
      await expect
        .poll(
          () => received.find((m) => m.topic === '$aws/events/jobExecution/firmware-update-v2/succeeded'),
          {
            timeout: 10_000,
          },
        )
        .toBeDefined();
      const event = received.find((m) => m.topic.endsWith('/succeeded'))!.payload;
      expect(event).toMatchObject({
        eventType: 'JOB_EXECUTION',
        jobId: 'firmware-update-v2',
        status: 'SUCCEEDED',
      });
      expect(String(event.thingArn)).toMatch(/:thing\/thermostat-002$/);
    } finally {
      await subscriber.endAsync();
    }
    run.child.kill('SIGTERM');
    const [code] = await once(run.child, 'exit');
    expect(code).toBe(0);
  });
});
