// `npm run schema:check [-- --released <file> --current <file>]`: fails (exit 1) when the schema the
// server runs is not compatible with the last released one (contract/released/schema.graphql).
// `npm run schema:release` records the current schema as the released one (do it when shipping).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { checkCompatibility, describeChanges } from './schemaCompatibility.js';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { released: { type: 'string' }, current: { type: 'string' }, release: { type: 'boolean' } },
  strict: true,
});

async function currentSdl(): Promise<string> {
  if (values.current) return readFileSync(values.current, 'utf8');
  // The executable schema itself, not the SDL sources: what clients really talk to.
  const { createSchema } = await import('../src/graphql/schema.js');
  return printSchema(lexicographicSortSchema(createSchema()));
}

const releasedPath = values.released ?? join(root, 'contract', 'released', 'schema.graphql');
const RELEASED_HEADER =
  '# The contract as released: `npm run schema:check` fails on any change that breaks clients built against it.\n\n';

if (values.release) {
  writeFileSync(releasedPath, `${RELEASED_HEADER}${await currentSdl()}\n`);
  process.stdout.write(`schema:release: wrote ${relative(process.cwd(), releasedPath)}\n`);
  process.exit(0);
}
const report = await checkCompatibility(readFileSync(releasedPath, 'utf8'), await currentSdl());
const lines = [
  ...describeChanges('BREAKING', report.breaking),
  ...describeChanges('DANGEROUS', report.dangerous),
];
if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
if (report.breaking.length > 0) {
  process.stderr.write(
    `schema:check: ${report.breaking.length} breaking change(s) against the released schema. ` +
      'Keep the old shape (deprecate instead of removing; add a new field or mutation instead of a new result-union member), ' +
      'or release a new major version of the contract.\n',
  );
  process.exit(1);
}
process.stdout.write(
  `schema:check: compatible with the released schema (${report.safe.length + report.dangerous.length} change(s)).\n`,
);
