import type { CallSignal } from './signal.js';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DescribeEndpointCommand, IoTClient } from '@aws-sdk/client-iot';
import { IoTJobsDataPlaneClient } from '@aws-sdk/client-iot-jobs-data-plane';
import type { Logger } from '@smithy/types';
import { UpstreamShapeError } from './normalize.js';
import { createEndpointResolver, endpointUrlFromAddress } from './endpoint.js';
import { sendAbortablyFromCache } from './abortableCachedSend.js';
import { observeUpstreamCalls } from './middleware.js';
import type { UpstreamSettings } from './settings.js';

export interface Clients {
  readonly control: IoTClient;
  /** The data-plane client, created on first use once its endpoint is known. */
  readonly data: () => Promise<IoTJobsDataPlaneClient>;
  /** The data-plane endpoint URL (discovering it if needed). */
  readonly dataEndpoint: () => Promise<string>;
  /** One DescribeEndpoint call: resolves when AWS IoT answers with these credentials (readiness). */
  readonly checkReachable: (signal?: CallSignal) => Promise<void>;
  readonly destroy: () => void;
}

const DEFAULT_MAX_SOCKETS = 100;

// The SDK's logger middleware copies every call's input and output through the sensitive-data
// filter whenever its logger has an `info` method, even a no-op one (~3% of the CPU of a 100-item
// list), and dumps every failed call (input, error, stack) through its `error` method. This logger
// has neither: the gateway logs each failed call itself, once, structured and with the request id
// (src/upstream/middleware.ts). `debug` must stay (the credential chain calls it unguarded) and
// warnings (e.g. socket capacity) still reach stderr as with the SDK's default.
const sdkLogger = {
  debug: () => undefined,
  warn: (message: unknown) => console.warn(message),
} as unknown as Logger;
const MAX_CONNECTION_TIMEOUT_MS = 2000;

/** One control-plane and one data-plane client per process, sharing one HTTP handler. */
export function createClients(settings: UpstreamSettings): Clients {
  const maxSockets = settings.maxSockets ?? DEFAULT_MAX_SOCKETS;
  const common = {
    region: settings.region,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    // Resolves the middleware stack once per client instead of on every send (~30% less CPU).
    cacheMiddleware: true,
    logger: sdkLogger,
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  };
  const control = new IoTClient({
    ...common,
    ...(settings.controlEndpoint ? { endpoint: settings.controlEndpoint } : {}),
    requestHandler: {
      // Loopback emulators are plain http: both agents need sizing, not only the https one.
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      connectionTimeout: Math.min(settings.timeoutMs, MAX_CONNECTION_TIMEOUT_MS),
      requestTimeout: settings.timeoutMs,
      // Without it a breached requestTimeout only logs a warning and the call hangs on.
      throwOnRequestTimeout: true,
    },
  });
  observeUpstreamCalls(control, 'iot');
  // The upstream functions pass { abortSignal }, which would otherwise bypass cacheMiddleware.
  sendAbortablyFromCache(control);

  const dataEndpoint = settings.dataEndpoint
    ? () => Promise.resolve(settings.dataEndpoint as string)
    : createEndpointResolver(async () => {
        const { endpointAddress } = await control.send(
          new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }),
        );
        if (!endpointAddress) throw new UpstreamShapeError('DescribeEndpoint returned no endpointAddress');
        return endpointUrlFromAddress(endpointAddress, settings.controlEndpoint);
      });

  let dataClient: IoTJobsDataPlaneClient | undefined;
  const data = async () => {
    if (dataClient) return dataClient;
    const endpoint = await dataEndpoint();
    // Same handler instance: one socket pool and one set of timeouts for both planes.
    if (dataClient) return dataClient;
    dataClient = new IoTJobsDataPlaneClient({
      ...common,
      endpoint,
      requestHandler: control.config.requestHandler,
    });
    observeUpstreamCalls(dataClient, 'iot-jobs-data');
    sendAbortablyFromCache(dataClient);
    return dataClient;
  };

  return {
    control,
    data,
    dataEndpoint,
    checkReachable: async (signal) => {
      await control.send(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }), { abortSignal: signal });
    },
    destroy: () => {
      dataClient?.destroy();
      control.destroy();
    },
  };
}
