import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../scripts/schemaCompatibility.js';

// The compatibility checker against fixture schemas, each one change away from fixtures/released.graphql.

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const sdl = (name: string) => readFileSync(fixture(name), 'utf8');
const types = (changes: readonly { type: string }[]) => changes.map((change) => change.type);

describe('schema compatibility check', () => {
  it('fails when a field is removed', async () => {
    const report = await checkCompatibility(sdl('released.graphql'), sdl('removed-field.graphql'));
    expect(types(report.breaking)).toEqual(['FIELD_REMOVED']);
    expect(report.breaking[0]?.path).toBe('Execution.status');
  });

  it('fails when an existing result union gains a member (graphql-inspector only calls it dangerous)', async () => {
    const report = await checkCompatibility(sdl('released.graphql'), sdl('new-union-member.graphql'));
    expect(types(report.breaking)).toEqual(['UNION_MEMBER_ADDED']);
    expect(report.breaking[0]?.criticality.level).toBe('DANGEROUS');
  });

  it('passes new optional fields, new query fields and members of a brand-new union', async () => {
    const report = await checkCompatibility(sdl('released.graphql'), sdl('new-optional-field.graphql'));
    expect(report.breaking).toEqual([]);
    expect(types(report.safe)).toEqual(expect.arrayContaining(['FIELD_ADDED', 'TYPE_ADDED']));
  });

  it('passes an unchanged schema with no changes at all', async () => {
    const report = await checkCompatibility(sdl('released.graphql'), sdl('released.graphql'));
    expect([...report.breaking, ...report.dangerous, ...report.safe]).toEqual([]);
  });

  it('the schema:check script exits 1 on a breaking change and 0 on a compatible one', async () => {
    const run = (current: string) =>
      promisify(execFile)(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/schema-check.ts',
          '--released',
          fixture('released.graphql'),
          '--current',
          fixture(current),
        ],
        { cwd: join(import.meta.dirname, '..', '..') },
      );
    await expect(run('new-union-member.graphql')).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining("Member 'Throttled' was added to Union type 'CancelResult'"),
    });
    const ok = await run('new-optional-field.graphql');
    expect(ok.stdout).toContain('compatible with the released schema');
  });
});
