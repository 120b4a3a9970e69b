// How the gateway connects to AWS IoT Core for job events: the data endpoint, and either a presigned
// WebSocket URL (SigV4, credentials from the default chain) or mutual TLS with a client certificate.
import { readFile } from 'node:fs/promises';
import { DescribeEndpointCommand, IoTClient } from '@aws-sdk/client-iot';
import type { IClientOptions } from 'mqtt';
import { presignIotMqttUrl, type SigV4Credentials } from './iotEventsSigV4.js';

export interface IotEventsSettings {
  region: string;
  /** Data endpoint host (…-ats.iot.<region>.amazonaws.com); undefined = DescribeEndpoint(iot:Data-ATS). */
  endpoint: string | undefined;
  /** Control-plane endpoint for the discovery call; undefined = the SDK's regional default. */
  controlEndpoint: string | undefined;
  auth: { kind: 'sigv4' } | { kind: 'mtls'; certFile: string; keyFile: string; caFile: string | undefined };
  /** Credentials for discovery and SigV4; default the SDK's default chain (environment, profile, container or instance role). */
  credentials?: () => Promise<SigV4Credentials>;
}

export interface IotEventsConnection {
  url: string;
  options: IClientOptions;
  /** Stops the credential refresh. */
  dispose(): void;
}

/** Credentials are re-read this often; the SDK's provider refreshes temporary ones before they expire. */
const CREDENTIAL_REFRESH_MS = 60_000;

/** Resolves the endpoint and the authentication; call again after a failure (e.g. discovery unreachable). */
export async function createIotEventsConnection(settings: IotEventsSettings): Promise<IotEventsConnection> {
  const client = new IoTClient({
    region: settings.region,
    ...(settings.controlEndpoint ? { endpoint: settings.controlEndpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
  });
  try {
    const endpoint = settings.endpoint ?? (await discoverDataEndpoint(client));
    if (settings.auth.kind === 'mtls') {
      const { certFile, keyFile, caFile } = settings.auth;
      const [cert, key, ca] = await Promise.all([
        readFile(certFile),
        readFile(keyFile),
        caFile ? readFile(caFile) : undefined,
      ]);
      // Port 8883 is MQTT over TLS with a client certificate; Node's CA bundle includes Amazon Root CA 1.
      return {
        url: `mqtts://${endpoint}:8883`,
        options: { cert, key, ...(ca ? { ca } : {}) },
        dispose: () => undefined,
      };
    }
    const provider = () => client.config.credentials();
    let current = await provider();
    // transformWsUrl must answer synchronously on every reconnect, so fresh credentials are kept at hand.
    const refresh = setInterval(() => {
      provider().then(
        (next) => (current = next),
        () => undefined,
      );
    }, CREDENTIAL_REFRESH_MS);
    refresh.unref();
    return {
      url: `wss://${endpoint}/mqtt`,
      options: {
        // Signed anew for each (re)connection: a signature is only valid for a few minutes.
        transformWsUrl: () => presignIotMqttUrl({ endpoint, region: settings.region, credentials: current }),
      },
      dispose: () => clearInterval(refresh),
    };
  } finally {
    // Only its sockets go: the credential provider taken from its config keeps working.
    client.destroy();
  }
}

async function discoverDataEndpoint(client: IoTClient): Promise<string> {
  const { endpointAddress } = await client.send(
    new DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }),
  );
  if (!endpointAddress) throw new Error('DescribeEndpoint(iot:Data-ATS) returned no endpointAddress');
  return endpointAddress;
}
