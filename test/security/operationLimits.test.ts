import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOperationLimits,
  DEFAULT_OPERATION_LIMITS,
  type OperationLimitsOptions,
} from '../../src/security/operationLimits.js';
import { startHarness, type Harness } from './apolloHarness.js';

async function limitedHarness(options: OperationLimitsOptions = {}): Promise<Harness> {
  const limits = createOperationLimits(options);
  return startHarness({
    plugins: limits.plugins,
    validationRules: limits.validationRules,
    ...limits.apolloOptions,
  });
}

/** `{ thing(name:"t") { child { child { ... name } } } }` with `depth` levels of fields. */
function nested(depth: number): string {
  let selection = 'name';
  for (let i = 0; i < depth - 2; i += 1) selection = `child { ${selection} }`;
  return `{ thing(name: "t") { ${selection} } }`;
}

describe('operation limits (development defaults)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await limitedHarness();
  });
  afterAll(() => h.stop());

  it('runs an ordinary query', async () => {
    const before = h.resolverCalls();
    const res = await h.post({ query: '{ thing(name: "a") { name tags child { name } } }' });
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ thing: { name: 'a', tags: ['a', 'b'], child: { name: 'a-child' } } });
    expect(h.resolverCalls()).toBe(before + 1);
  });

  it('accepts the depth limit and rejects one level more, also through fragments', async () => {
    const max = DEFAULT_OPERATION_LIMITS.maxDepth;
    expect((await h.post({ query: nested(max) })).status).toBe(200);
    const before = h.resolverCalls();
    const tooDeep = [
      nested(max + 1),
      `query { thing(name: "t") { ...F } } fragment F on Thing { ${nested(max).slice(21, -4)} }`.replace(
        '...F',
        `child { ...F }`,
      ),
      `query { thing(name: "t") { ... on Thing { ${'child { '.repeat(max - 1)}name${' }'.repeat(max - 1)} } } }`,
      `query { thing(name: "t") { ...__schema } } fragment __schema on Thing { ${'child { '.repeat(max)}name${' }'.repeat(max)} }`,
    ];
    for (const query of tooDeep) {
      const res = await h.post({ query });
      expect(res.status, query).toBe(400);
      expect(res.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.json.data).toBeUndefined();
    }
    expect(h.resolverCalls()).toBe(before);
  });

  it('rejects more aliases than allowed', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ping`).join(' ')} }`;
    expect((await h.post({ query: aliases(DEFAULT_OPERATION_LIMITS.maxAliases) })).status).toBe(200);
    const before = h.resolverCalls();
    const res = await h.post({ query: aliases(101) });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.message).toMatch(/aliases/i);
    expect(h.resolverCalls()).toBe(before);
  });

  it('rejects directive overloading', async () => {
    const res = await h.post({ query: `{ thing(name: "t") { ${'name @include(if: true) '.repeat(60)} } }` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.some((e) => /directives/i.test(e.message))).toBe(true);
  });

  it('stops parsing at the token limit (field duplication flood)', async () => {
    const before = h.resolverCalls();
    const res = await h.post({ query: `{ ${'__typename '.repeat(5000)} }` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.json.errors?.[0]?.message).toMatch(/tokens/);
    expect(h.resolverCalls()).toBe(before);
  });

  it('rejects fragment cycles', async () => {
    const res = await h.post({
      query:
        '{ thing(name: "t") { ...A } } fragment A on Thing { child { ...B } } fragment B on Thing { child { ...A } }',
    });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('caps the number of validation errors', async () => {
    const res = await h.post({ query: `{ ${Array.from({ length: 50 }, (_, i) => `nope${i}`).join(' ')} }` });
    expect(res.status).toBe(400);
    expect(res.json.errors!.length).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxValidationErrors + 1);
  });

  it('refuses batched (array) requests', async () => {
    const before = h.resolverCalls();
    const res = await h.post(Array.from({ length: 10 }, () => ({ query: '{ ping }' })));
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.message).toMatch(/batching/i);
    expect(h.resolverCalls()).toBe(before);
  });

  it('keeps "Did you mean" hints outside production', async () => {
    const res = await h.post({ query: '{ pong }' });
    expect(res.json.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('operation limits (production, custom numbers)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await limitedHarness({ production: true, maxCost: 40, maxDepth: 4, maxTokens: 200 });
  });
  afterAll(() => h.stop());

  it('hides schema suggestions and the limit values', async () => {
    const misspelled = await h.post({ query: '{ pong }' });
    expect(misspelled.status).toBe(400);
    expect(JSON.stringify(misspelled.json)).not.toMatch(/Did you mean|ping/);
    const deep = await h.post({ query: nested(5) });
    expect(deep.status).toBe(400);
    expect(deep.json.errors?.[0]?.message).toMatch(/Query depth limit exceeded\.$/);
    expect(deep.json.errors?.[0]?.message).not.toMatch(/\d/);
  });

  it('applies the cost limit without naming the cost or the limit', async () => {
    const cheap = await h.post({ query: '{ thing(name: "a") { name } }' });
    expect(cheap.status).toBe(200);
    const before = h.resolverCalls();
    // 10 × (thing 1 + name 1 + tags 1 + child 1 + name 1) = 50 > 40
    const expensive = await h.post({
      query: `{ ${Array.from({ length: 10 }, (_, i) => `t${i}: thing(name: "a") { name tags child { name } }`).join(' ')} }`,
    });
    expect(expensive.status).toBe(400);
    expect(expensive.json.errors).toEqual([
      { message: 'Query cost limit exceeded.', extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(h.resolverCalls()).toBe(before);
  });

  it('measures introspection like any other query', async () => {
    const res = await h.post({
      query: '{ __schema { types { fields { type { ofType { ofType { name } } } } } } }',
    });
    expect(res.status).toBe(400);
  });

  it('uses the configured token limit', async () => {
    const res = await h.post({ query: `{ ${'ping '.repeat(250)} }` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });
});
