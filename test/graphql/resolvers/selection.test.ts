import { buildSchema, execute, parse, type DocumentNode, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldNames, selectedFieldNamesAt } from '../../../src/graphql/resolvers/selection.js';

// The lookahead a parent uses to read once what its children need: fragments followed, aliases and
// repeated fields merged, directives ignored (it may over-report a skipped field, never miss one).

const schema = buildSchema(`
  type Job { jobId: String description: String status: String counts: Counts }
  type Counts { queued: Int }
  type Query { job: Job }
`);

/** The names seen by each call of the `job` resolver, in call order. */
function namesPerCall(query: string): string[][] {
  const seen: string[][] = [];
  const result = execute({
    schema,
    document: parse(query),
    rootValue: {
      job: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        seen.push([...selectedFieldNames(info)].sort());
        return { jobId: 'j' };
      },
    },
  });
  expect(result).not.toHaveProperty('errors');
  return seen;
}

const namesFor = (query: string): string[] => namesPerCall(query)[0] ?? [];

describe('selectedFieldNames', () => {
  it('names the fields selected directly, not those of nested selections', () => {
    expect(namesFor('{ job { jobId counts { queued } } }')).toEqual(['counts', 'jobId']);
  });

  it('follows named and inline fragments, once each', () => {
    expect(
      namesFor(`fragment A on Job { description ...B } fragment B on Job { status ...A }
                { job { jobId ...A ... on Job { counts { queued } } } }`),
    ).toEqual(['counts', 'description', 'jobId', 'status']);
  });

  it('merges every occurrence of the field, keeps skipped fields, and tells aliases apart', () => {
    expect(
      namesPerCall('{ job { jobId } job { description @skip(if: true) } other: job { status } }'),
    ).toEqual([['description', 'jobId'], ['status']]);
  });
});

describe('selectedFieldNamesAt', () => {
  const pageSchema = buildSchema(`
    type Job { jobId: String description: String status: String }
    type Node { id: String job: Job }
    type Edge { cursor: String node: Node }
    type Page { edges: [Edge] }
    type Query { page: Page }
  `);

  function namesAt(query: string | DocumentNode, path: string[]): string[] {
    let seen: string[] = [];
    const result = execute({
      schema: pageSchema,
      document: typeof query === 'string' ? parse(query) : query,
      rootValue: {
        page: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
          seen = [...selectedFieldNamesAt(info, path)].sort();
          return { edges: [] };
        },
      },
    });
    expect(result).not.toHaveProperty('errors');
    return seen;
  }

  it('names the fields selected below a path, through fragments and repeated fields', () => {
    const query = `fragment N on Node { job { status } }
      { page { edges { cursor node { id job { jobId } ...N } } edges { node { ... on Node { job { description } } } } } }`;
    expect(namesAt(query, ['edges', 'node', 'job'])).toEqual(['description', 'jobId', 'status']);
    expect(namesAt(query, ['edges', 'node'])).toEqual(['id', 'job']);
    expect(namesAt(query, [])).toEqual(['edges']);
  });

  it('names nothing when the path is not selected', () => {
    expect(namesAt('{ page { edges { node { id } } } }', ['edges', 'node', 'job'])).toEqual([]);
  });

  it('keeps the answers for different paths of one parsed document apart', () => {
    const query = parse('{ page { edges { cursor node { job { jobId } } } } }');
    expect(namesAt(query, ['edges'])).toEqual(['cursor', 'node']);
    expect(namesAt(query, ['edges', 'node', 'job'])).toEqual(['jobId']);
    expect(namesAt(query, ['edges'])).toEqual(['cursor', 'node']);
  });
});
