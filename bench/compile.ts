// Every subject runs as plain JavaScript, as it would in production: the gateway from its build
// (`npm run build`: dist/main.js, which starts the esbuild bundle) and the stub and baselines bundled
// here the same way, so no subject pays for a TypeScript loader the others do not.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** Where the compiled stub and baselines go (inside node_modules, so their packages resolve). */
const OUT_DIR = root('node_modules/.cache/iot-jobs-graphql-bench');

export const COMPILED = {
  stub: `${OUT_DIR}/awsStub.js`,
  B0: `${OUT_DIR}/rawJson.js`,
  B1: `${OUT_DIR}/sdkProxy.js`,
  B2: `${OUT_DIR}/directSdk.js`,
  BA: `${OUT_DIR}/apolloFloor.js`,
  BJ: `${OUT_DIR}/apolloFloor.js`,
  G: root('dist/main.js'),
} as const;

/** The gateway as `npm start` runs it (TypeScript through tsx), for the cold-start comparison. */
export const GATEWAY_SOURCE = root('src/main.ts');

/** Builds the gateway (`npm run build`) and bundles the stub and the baselines. */
export async function compileSubjects(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: root('.'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await build({
    entryPoints: {
      awsStub: root('bench/stub/awsStub.ts'),
      rawJson: root('bench/servers/rawJson.ts'),
      sdkProxy: root('bench/servers/sdkProxy.ts'),
      directSdk: root('bench/servers/directSdk.ts'),
      apolloFloor: root('bench/servers/apolloFloor.ts'),
    },
    outdir: OUT_DIR,
    bundle: true,
    // Packages load from node_modules like any deployed Node service; only the bench's own code is bundled.
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    logLevel: 'warning',
  });
}
