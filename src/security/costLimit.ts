// A cost limit that sees variables: list fields weigh by the page size they ask for, literal or variable.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

import { DEFAULT_PAGE_SIZE } from '../validation/reads.js';

/** The page size a list field gets when `first` is absent or null (the schema's default). */
export { DEFAULT_PAGE_SIZE };

/**
 * How many times a field's children are read: its `first` argument (DEFAULT_PAGE_SIZE when absent),
 * else the length of a list argument such as `things(names)`, else once. Never below 1, so a negative
 * or zero `first` cannot make an expensive sibling look cheap.
 */
function fanOut(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
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
 * True when a variable can change the cost: it feeds `first`, a list argument (fanOut counts its
 * length) or a directive (@skip/@include prune selections). Other variables (ids, inputs) cannot.
 */
export function costDependsOnVariables(document: DocumentNode): boolean {
  const listVariables = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = variable.type.kind === Kind.NON_NULL_TYPE ? variable.type.type : variable.type;
      if (type.kind === Kind.LIST_TYPE) listVariables.add(variable.variable.name.value);
    }
  }
  let dependent = false;
  visit(document, {
    Directive(node) {
      if (node.arguments?.some((arg) => arg.value.kind !== Kind.BOOLEAN)) dependent = true;
    },
    Argument(node) {
      if (node.value.kind !== Kind.VARIABLE) return;
      if (node.name.value === 'first' || listVariables.has(node.value.name.value)) dependent = true;
    },
  });
  return dependent;
}

interface DocumentCosts {
  readonly dependsOnVariables: boolean;
  /** Cost per operation name ('' for the only, anonymous one) once measured. */
  readonly byOperation: Map<string, number>;
}

// Keyed by the parsed document, which Apollo's document store hands out again for the same query text.
const documentCosts = new WeakMap<DocumentNode, DocumentCosts>();

function costsOf(document: DocumentNode): DocumentCosts {
  let costs = documentCosts.get(document);
  if (!costs) {
    costs = { dependsOnVariables: costDependsOnVariables(document), byOperation: new Map() };
    documentCosts.set(document, costs);
  }
  return costs;
}

/** What measureCost needs: the operation, its variables and the limit. */
export interface CostQuestion {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown>;
  operationName?: string | null;
  maxCost: number;
  /** Leave the cost and the limit out of the message (production). */
  hideLimits: boolean;
}

/**
 * Why the operation may not run (its cost is over the limit, or its variables do not fit), or
 * undefined when it may: the one cost rule of HTTP requests and WebSocket subscriptions.
 */
export function costProblem(question: CostQuestion): string | undefined {
  const { schema, document, variables, operationName, maxCost } = question;
  const costs = costsOf(document);
  // A repeated document whose cost no variable can change is measured once (the full walk
  // with type info was the gateway's largest graphql cost per request). Its variables are not
  // coerced here a second time: Apollo does so before any resolver, answering 400 BAD_USER_INPUT.
  let cost = costs.dependsOnVariables ? undefined : costs.byOperation.get(operationName ?? '');
  if (cost === undefined) {
    try {
      cost = getComplexity({
        schema,
        query: document,
        variables,
        ...(operationName ? { operationName } : {}),
        estimators: [gatewayEstimator],
      });
    } catch (err) {
      // Variables that do not fit their types, or a document with too many selections to measure.
      return err instanceof Error ? err.message : 'The query cost could not be measured.';
    }
    if (!costs.dependsOnVariables) costs.byOperation.set(operationName ?? '', cost);
  }
  if (cost <= maxCost) return undefined;
  return question.hideLimits
    ? 'Query cost limit exceeded.'
    : `Query cost limit exceeded: the cost is ${cost}, the limit ${maxCost}.`;
}

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
          const problem = costProblem({
            schema,
            document,
            variables: request.variables ?? {},
            operationName,
            maxCost: options.maxCost,
            hideLimits: options.hideLimits ?? false,
          });
          if (problem !== undefined) throw rejection(problem);
        },
      };
    },
  };
}
