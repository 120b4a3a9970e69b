import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type EmulatedService, type Emulator, type EmulatorOptions, type SeedData } from './api.js';
import { ADMIN_PREFIX, handleAdmin } from './admin.js';
import { CallRecorder } from './calls.js';
import { systemClock } from './clock.js';
import { EmulatorError, internalFailure } from './errors.js';
import { JobEvents } from './events.js';
import { connectMqttSink } from './eventsMqtt.js';
import { FaultQueue } from './faults.js';
import { preempt } from './wire/faultReplies.js';
import { Store } from './model/store.js';
import { controlRoutes } from './ops/control.js';
import { dataRoutes } from './ops/data.js';
import { type OperationContext } from './ops/types.js';
import { applySeed, resolveSeed } from './seed.js';
import { isEmulatedService, parseBody, readBody, signingService } from './wire/request.js';
import { sendError, sendJson, sendText } from './wire/responses.js';
import { Router, type RouteMatch } from './wire/router.js';

interface Reply {
  status: number;
  text: string;
  headers: Record<string, string>;
}

/** Starts the emulator: one HTTP server answering both IoT Jobs planes, told apart by the SigV4 service. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const store = new Store({ clock: options.clock ?? systemClock, region, accountId });
  const jobEvents = new JobEvents(store);
  store.onExecutionChange = (change) => jobEvents.onChange(change);
  const faults = new FaultQueue();
  const calls = new CallRecorder();
  const routers: Record<EmulatedService, Router> = {
    iot: new Router(controlRoutes),
    'iot-jobs-data': new Router(dataRoutes),
  };
  const context: OperationContext = { store, region, accountId, jobsEndpoint: '' };
  const delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;

  const loadSeed = async (seed: unknown): Promise<void> => {
    const data = await resolveSeed(seed as SeedData);
    if (data !== undefined) applySeed(store, data);
  };
  const reset = (): void => {
    store.reset();
    faults.clear();
    calls.clear();
  };

  // Seeding before listening means a bad seed rejects without leaving a server open.
  await loadSeed(options.seed ?? 'none');
  const mqttSink = options.mqttUrl === undefined ? undefined : await connectMqttSink(options.mqttUrl);
  if (mqttSink) jobEvents.subscribe((topic, payload) => mqttSink.publish(topic, payload));

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          delays.delete(entry);
          resolve();
        }, ms).unref(),
      };
      delays.add(entry);
    });

  function execute(
    service: EmulatedService,
    method: string,
    rawPath: string,
    match: RouteMatch | undefined,
    query: URLSearchParams,
    bodyText: string,
  ): Reply {
    try {
      if (!match) {
        throw new EmulatorError(
          'UnknownOperationException',
          404,
          `No ${service} operation matches ${method} ${rawPath}.`,
        );
      }
      const output = match.route.handler({ params: match.params, query, body: parseBody(bodyText) }, context);
      return { status: 200, text: JSON.stringify(output), headers: { 'content-type': 'application/json' } };
    } catch (caught) {
      const error =
        caught instanceof EmulatorError
          ? caught
          : internalFailure(`Internal failure: ${(caught as Error).message}`);
      return {
        status: error.status,
        text: JSON.stringify({ ...error.extra, message: error.message }),
        headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': error.code },
      };
    }
  }

  async function servePlane(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    rawPath: string,
    query: URLSearchParams,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const service = signingService(req, query);
    if (service === null) {
      sendError(
        res,
        requestId,
        new EmulatorError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token'),
      );
      return;
    }
    if (!isEmulatedService(service)) {
      const message = `Credential should be scoped to correct service: 'iot' or 'iot-jobs-data' (got '${service}').`;
      sendError(res, requestId, new EmulatorError('InvalidSignatureException', 403, message));
      return;
    }
    let match: RouteMatch | undefined;
    let matchError: unknown;
    try {
      match = routers[service].match(method, rawPath);
    } catch (error) {
      matchError = error;
    }
    const call = calls.start(service, match?.route.operation ?? 'Unknown', method, rawPath);
    try {
      const bodyText = await readBody(req);
      const fault = faults.take(service, call.operation);
      if (fault && (await preempt(fault, service, req, res, requestId, sleep))) return;
      if (closed) return;
      store.sweep();
      const reply =
        matchError instanceof EmulatorError
          ? errorReply(matchError)
          : execute(service, method, rawPath, match, query, bodyText);
      if (fault?.mode === 'applyThenReset') {
        req.socket.destroy();
        return;
      }
      // A malformed reply is the real one cut short, so the operation has taken effect.
      const text =
        fault?.mode === 'malformedJson'
          ? reply.text.slice(0, Math.max(1, reply.text.length >> 1))
          : reply.text;
      const status = fault?.mode === 'malformedJson' ? 200 : reply.status;
      sendText(res, status, requestId, text, 'application/json', reply.headers);
    } finally {
      call.status = res.headersSent ? res.statusCode : 0;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const rawPath = q === -1 ? url : url.slice(0, q);
      const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
      if (rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`)) {
        const bodyText = await readBody(req);
        const { status, body } = await handleAdmin(req.method ?? 'GET', rawPath, query, bodyText, {
          faults,
          calls,
          reset,
          seed: loadSeed,
        });
        sendJson(res, status, requestId, body);
        return;
      }
      await servePlane(req, res, requestId, rawPath, query);
    } catch (caught) {
      // Nothing a request does may take the emulator down: every failure becomes a JSON error.
      const error =
        caught instanceof EmulatorError
          ? caught
          : internalFailure(`Internal failure: ${(caught as Error).message}`);
      sendError(res, requestId, error);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const reachable = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  const hostPort = reachable.includes(':') ? `[${reachable}]:${port}` : `${reachable}:${port}`;
  context.jobsEndpoint = hostPort;

  return {
    url: `http://${hostPort}`,
    port,
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    calls: (filter) => calls.list(filter),
    resetCalls: () => calls.clear(),
    reset,
    seed: loadSeed,
    onJobEvent: (listener) => jobEvents.subscribe(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      await mqttSink?.close();
      for (const delay of delays) {
        clearTimeout(delay.timer);
        delay.resolve();
      }
      delays.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function errorReply(error: EmulatorError): Reply {
  return {
    status: error.status,
    text: JSON.stringify({ ...error.extra, message: error.message }),
    headers: { 'x-amzn-ErrorType': error.code },
  };
}
