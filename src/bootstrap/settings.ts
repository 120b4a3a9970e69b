import type { Config } from '../config.js';
import type { UpstreamSettings } from '../upstream/settings.js';

// The emulator accepts any SigV4 signature; a fixed pair keeps the SDK off the real credential chain.
const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };

/**
 * How to reach the upstream. With `emulatorUrl` (IOT_UPSTREAM=emulator) both planes point at the
 * emulator unless AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE says otherwise; with AWS, the endpoint
 * variables apply and credentials come from the SDK's default chain.
 */
export function upstreamSettingsFor(config: Config, emulatorUrl?: string): UpstreamSettings {
  const common = {
    region: config.aws.region,
    maxAttempts: config.aws.maxAttempts,
    retryMode: config.aws.retryMode,
    timeoutMs: config.aws.timeoutMs,
    // One socket per call the bulkhead lets through: calls then wait in the bulkhead (bounded, deadline-aware)
    // and never in the HTTP agent's own queue, which knows neither.
    maxSockets: config.security.bulkhead.maxConcurrent,
  };
  if (config.upstream === 'emulator') {
    if (emulatorUrl === undefined)
      throw new Error('IOT_UPSTREAM=emulator needs the embedded emulator (src/bootstrap/local.ts)');
    return {
      ...common,
      controlEndpoint: emulatorUrl,
      dataEndpoint: config.aws.dataEndpoint,
      credentials: EMULATOR_CREDENTIALS,
    };
  }
  return {
    ...common,
    controlEndpoint: config.aws.controlEndpoint ?? config.aws.endpoint,
    dataEndpoint: config.aws.dataEndpoint ?? config.aws.endpoint,
    credentials: undefined,
  };
}
