import type { Config } from '../config.js';
import type { Closable } from '../http/app.js';
import { createUpstream, type Upstream } from '../upstream/index.js';
import { upstreamSettingsFor } from './settings.js';

export interface Bootstrapped {
  upstream: Upstream;
  /** Set in emulator mode: the in-process emulator, closed with the gateway. */
  emulator?: Closable;
}

/** Picks the upstream for IOT_UPSTREAM; the emulator module is loaded only when it is used. */
export async function bootstrap(config: Config): Promise<Bootstrapped> {
  if (config.upstream === 'emulator') {
    const { startLocalUpstream } = await import('./local.js');
    return startLocalUpstream(config);
  }
  return { upstream: createUpstream(upstreamSettingsFor(config)) };
}
