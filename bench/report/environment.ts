// Machine, runtime and dependency versions, printed with every report so figures stay comparable.
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

const PACKAGES = [
  '@apollo/server',
  'graphql',
  '@aws-sdk/client-iot',
  '@smithy/node-http-handler',
  '@aws-sdk/client-iot-jobs-data-plane',
  'dataloader',
  'autocannon',
];

function version(name: string): string {
  try {
    const text = readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

export function describeEnvironment(command: string, recordedAt = new Date()): string[] {
  const cores = cpus();
  return [
    `- Date: ${recordedAt.toISOString()}`,
    `- Machine: ${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}`,
    `- Node ${process.versions.node}; ${PACKAGES.map((name) => `${name} ${version(name)}`).join(', ')}`,
    `- Command: \`${command}\``,
  ];
}
