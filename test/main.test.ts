import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The README's first command, `npm start`, as a newcomer runs it: no settings at all gives the gateway on
// the embedded emulator with the demo fleet, one ready line, and a clean exit on SIGTERM.

const root = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('npm start (src/main.ts) with no configuration', () => {
  it('serves the demo fleet through the embedded emulator and exits 0 on SIGTERM', async () => {
    // PORT=0 only so the test never collides with a gateway a developer is running on 4000.
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, PORT: '0' },
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect.poll(() => stdout, { timeout: 30_000 }).toMatch(/ready at http:\/\/\S+/);
    const url = /ready at (http:\/\/\S+)/.exec(stdout)![1]!;
    expect(stdout).toMatch(/embedded emulator/);

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ thing(name: "thermostat-002") { jobExecutions { edges { node { jobId status job { description } } } } } }`,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data: { thing: { jobExecutions: { edges: { node: { jobId: string; status: string } }[] } } };
    };
    const statuses = body.data.thing.jobExecutions.edges.map(
      (edge) => `${edge.node.jobId}:${edge.node.status}`,
    );
    expect(statuses).toContain('firmware-update-v2:IN_PROGRESS');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
