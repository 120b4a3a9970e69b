// The SDK clients of the SDK baselines (B1, B2, hand-written list), built by the gateway's own
// factory from the same environment, so their configuration is identical to the gateway's.
import type { IoTClient } from '@aws-sdk/client-iot';
import { upstreamSettingsFor } from '../../src/bootstrap/settings.js';
import { loadConfig } from '../../src/config.js';
import { createClients } from '../../src/upstream/clients.js';

export interface BenchClients {
  control: IoTClient;
  destroy(): void;
}

export async function createBenchClients(env: NodeJS.ProcessEnv = process.env): Promise<BenchClients> {
  const config = loadConfig(env);
  if (config.upstream !== 'aws')
    throw new Error('the SDK baselines run with IOT_UPSTREAM=aws against the bench stub');
  const clients = createClients(upstreamSettingsFor(config));
  return { control: clients.control, destroy: () => clients.destroy() };
}
