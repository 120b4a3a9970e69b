/** Settings read at start-up from config.json beside index.html, so one build serves any gateway. */
export interface RuntimeConfig {
  /** The gateway's GraphQL URL; default "/graphql" (the dev and preview servers proxy it to the gateway). */
  graphqlUrl: string;
}

const DEFAULTS: RuntimeConfig = { graphqlUrl: '/graphql' };

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  if (!response.ok) return DEFAULTS;
  const loaded = (await response.json()) as Partial<RuntimeConfig>;
  return { ...DEFAULTS, ...loaded };
}
