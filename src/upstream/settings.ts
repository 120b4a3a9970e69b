/** How the upstream layer reaches AWS (or the emulator); built from Config by the bootstrap. */
export interface UpstreamSettings {
  region: string;
  /** Control-plane endpoint URL; undefined = the SDK's regional default. */
  controlEndpoint: string | undefined;
  /** Data-plane endpoint URL; undefined = discovered once with DescribeEndpoint(iot:Jobs). */
  dataEndpoint: string | undefined;
  /** Static credentials (the emulator's dummy pair); undefined = the SDK's default chain. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** SDK attempts per call, first try included. */
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  /** Per-attempt request timeout in ms (connection setup gets at most 2 s of it). */
  timeoutMs: number;
  /** Sockets per origin shared by both clients; default 100. The gateway passes UPSTREAM_MAX_CONCURRENCY. */
  maxSockets?: number;
}
