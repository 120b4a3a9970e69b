// A cost limit that sees variables: list fields weigh by the page size they ask for, literal or variable.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLField } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/** The page size a list field gets when `first` is absent or null (the schema's default). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * How many times a field's children are read: its `first` argument (DEFAULT_PAGE_SIZE when absent),
 * else the length of a list argument such as `things(names)`, else once. Never below 1, so a negative
 * or zero `first` cannot make an expensive sibling look cheap.
 */
export function fanOut(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (field.args.some((arg) => arg.name === 'first')) {
    const first = args.first;
    return typeof first === 'number' && Number.isFinite(first)
      ? Math.max(1, Math.ceil(first))
      : DEFAULT_PAGE_SIZE;
  }
  const lengths = Object.values(args).flatMap((value) => (Array.isArray(value) ? [value.length] : []));
  return Math.max(1, ...lengths);
}

/** Every field costs 1, plus its children's cost once per item it fans out to. */
export const gatewayEstimator: ComplexityEstimator = ({ field, args, childComplexity }) =>
  1 + fanOut(field, args) * childComplexity;

export interface CostLimitOptions {
  /** Highest cost an operation may have. */
  maxCost: number;
  /** Leave the cost and the limit out of the message (production). Default false. */
  hideLimits?: boolean;
}

const rejection = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Measures the operation once it is resolved, with its variables, before any resolver runs: a refused
 * operation is HTTP 400 BAD_USER_INPUT and calls nothing upstream.
 */
export function costLimitPlugin<TContext extends BaseContext>(
  options: CostLimitOptions,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(operationName ? { operationName } : {}),
              estimators: [gatewayEstimator],
            });
          } catch (err) {
            // Variables that do not fit their types, or a document with too many selections to measure.
            throw rejection(err instanceof Error ? err.message : 'The query cost could not be measured.');
          }
          if (cost <= options.maxCost) return;
          throw rejection(
            options.hideLimits
              ? 'Query cost limit exceeded.'
              : `Query cost limit exceeded: the cost is ${cost}, the limit ${options.maxCost}.`,
          );
        },
      };
    },
  };
}
