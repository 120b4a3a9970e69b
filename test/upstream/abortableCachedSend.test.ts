import { getEventListeners } from 'node:events';
import type { Agent } from 'node:http';
import { CancelJobExecutionCommand, DescribeEndpointCommand } from '@aws-sdk/client-iot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { createClients, type Clients } from '../../src/upstream/clients.js';

// Sends that carry an AbortSignal must still use the SDK's cached middleware stack, and aborting
// must still reject the call and tear down its HTTP request (see src/upstream/abortableCachedSend.ts).

let emulator: Emulator;
let clients: Clients;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
  clients = createClients({
    region: 'us-east-1',
    controlEndpoint: emulator.url,
    dataEndpoint: emulator.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 3,
    retryMode: 'standard',
    timeoutMs: 60_000,
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  clients.destroy();
  await emulator.close();
});

const describeEndpoint = (signal?: AbortSignal) =>
  clients.control.send(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }), { abortSignal: signal });

function openSockets(): number {
  const agent = (clients.control.config.requestHandler as unknown as { config?: { httpAgent?: Agent } })
    .config?.httpAgent;
  return Object.values(agent?.sockets ?? {}).reduce((sum, sockets) => sum + (sockets?.length ?? 0), 0);
}

describe('sends with an AbortSignal', () => {
  it('resolve the middleware stack once per command type, not once per call', async () => {
    const resolve = vi.spyOn(DescribeEndpointCommand.prototype, 'resolveMiddleware');
    for (let i = 0; i < 5; i += 1) await describeEndpoint(new AbortController().signal);
    await describeEndpoint();
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(emulator.calls({ operation: 'DescribeEndpoint' })).toHaveLength(6);
  });

  it('reject with AbortError and destroy the in-flight request when the signal fires', async () => {
    emulator.injectFault({ operation: 'DescribeEndpoint', mode: 'delay', delayMs: 120_000 });
    const controller = new AbortController();
    const pending = describeEndpoint(controller.signal);
    await vi.waitFor(() => expect(openSockets()).toBe(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(openSockets()).toBe(0));
  });

  it('make no upstream call when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(describeEndpoint(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(emulator.calls()).toHaveLength(0);
  });

  it('put one listener on a signal shared by many calls, and end every one of them when it fires', async () => {
    emulator.injectFault({ operation: 'CancelJobExecution', mode: 'delay', delayMs: 120_000, count: 5 });
    const request = new AbortController();
    const calls = Array.from({ length: 5 }, (_, i) =>
      clients.control.send(new CancelJobExecutionCommand({ jobId: 'job-1', thingName: `dev-${i}` }), {
        abortSignal: request.signal,
      }),
    );
    await vi.waitFor(() => expect(openSockets()).toBe(5));
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);
    request.abort();
    for (const call of calls) await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(openSockets()).toBe(0));
  });

  it('forget a finished call, so a later abort of its signal touches nothing', async () => {
    const request = new AbortController();
    await describeEndpoint(request.signal);
    await describeEndpoint(request.signal);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);
    request.abort();
    // The next call on the aborted signal is refused without reaching the emulator.
    await expect(describeEndpoint(request.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(emulator.calls({ operation: 'DescribeEndpoint' })).toHaveLength(2);
  });

  it('keep the signal of each concurrent call to itself', async () => {
    emulator.injectFault({ operation: 'CancelJobExecution', mode: 'delay', delayMs: 120_000, count: 1 });
    const aborted = new AbortController();
    const cancel = (thingName: string, signal: AbortSignal) =>
      clients.control.send(new CancelJobExecutionCommand({ jobId: 'job-1', thingName }), {
        abortSignal: signal,
      });
    const slow = cancel('dev-slow', aborted.signal);
    await vi.waitFor(() => expect(openSockets()).toBe(1));
    const other = cancel('dev-other', new AbortController().signal);
    aborted.abort();
    await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
    // The other call reaches the emulator and gets its own answer (no such thing), not an abort.
    await expect(other).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
