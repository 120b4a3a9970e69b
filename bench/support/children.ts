// Each measured server runs in its own child process pinned to one core, so its CPU time can be
// read from /proc and it never competes with the load generator.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface PinnedChild {
  name: string;
  pid: number;
  port: number;
  url: string;
  /** How many times the child printed the AWS SDK's socket-capacity warning. */
  socketWarnings(): number;
  /** The last lines the child wrote (stdout and stderr), for failure messages. */
  tail(): string;
  /** True once the process has exited. */
  exited(): boolean;
  stop(): Promise<void>;
}

export interface PinnedChildOptions {
  name: string;
  /** CPU core to pin to with taskset; undefined leaves the child unpinned. */
  core: number | undefined;
  /** Entry point: a .ts file runs through the tsx loader, a .js file (a build) runs as is. */
  entry: string;
  env: Record<string, string>;
  /** Extra node flags, e.g. --expose-gc. */
  nodeFlags?: string[];
}

const SOCKET_WARNING = /socket usage at capacity/i;
const TAIL_BYTES = 8_192;

/** A free loopback port (bound then released: good enough for a bench on a quiet machine). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** Spawns the child; the caller decides how to wait for readiness (see waitUntil). */
export async function spawnPinned(options: PinnedChildOptions): Promise<PinnedChild> {
  const port = Number(options.env.PORT ?? (await freePort()));
  const nodeArgs = nodeArguments(options);
  const [command, args] =
    options.core === undefined
      ? [process.execPath, nodeArgs]
      : ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgs]];
  const child: ChildProcess = spawn(command, args, {
    env: { ...baseEnv(), ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let warnings = 0;
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    if (SOCKET_WARNING.test(text)) warnings += 1;
    output = (output + text).slice(-TAIL_BYTES);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = once(child, 'exit');
  if (child.pid === undefined) throw new Error(`${options.name}: spawn failed`);
  return {
    name: options.name,
    pid: child.pid,
    port,
    url: `http://127.0.0.1:${port}`,
    socketWarnings: () => warnings,
    tail: () => output,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `probe` every `intervalMs` until it resolves true; a probe that throws counts as "not yet"
 * (connection refused). Throws after `timeoutMs`, or at once when `stopIf` says waiting is pointless.
 */
export async function waitUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 10,
  stopIf?: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stop = stopIf?.();
    if (stop !== undefined) throw new Error(stop);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs a child to completion and returns its stdout (for one-shot runners such as B2). */
export async function runPinnedToCompletion(options: PinnedChildOptions): Promise<string> {
  const nodeArgs = nodeArguments(options);
  const [command, args] =
    options.core === undefined
      ? [process.execPath, nodeArgs]
      : ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    env: { ...baseEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-TAIL_BYTES)));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${options.name} exited with ${code}: ${stderr}`);
  return stdout;
}

// Children get a clean environment so no AWS profile, credential or proxy setting of the caller leaks in.
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  return Object.fromEntries(
    keep.flatMap((key) => (process.env[key] === undefined ? [] : [[key, process.env[key]]])),
  );
}

function nodeArguments(options: PinnedChildOptions): string[] {
  const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return [...(options.nodeFlags ?? []), ...loader, options.entry];
}
