/**
 * Resolves the data-plane endpoint once and caches it. Discovery is lazy (the gateway starts while
 * AWS is unreachable), concurrent callers share one in-flight attempt, and a failure is not cached
 * so the next call tries again.
 */
export function createEndpointResolver(discover: () => Promise<string>): () => Promise<string> {
  let resolved: string | undefined;
  let inFlight: Promise<string> | undefined;
  return () => {
    if (resolved !== undefined) return Promise.resolve(resolved);
    inFlight ??= discover().then(
      (url) => {
        resolved = url;
        inFlight = undefined;
        return url;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };
}

/**
 * DescribeEndpoint returns a bare host; the scheme follows the control plane's, so a local
 * http:// emulator gets http:// and AWS gets https://.
 */
export function endpointUrlFromAddress(address: string, controlEndpoint: string | undefined): string {
  if (/^https?:\/\//i.test(address)) return address;
  const scheme = controlEndpoint?.toLowerCase().startsWith('http://') ? 'http' : 'https';
  return `${scheme}://${address}`;
}
