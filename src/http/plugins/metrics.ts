import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { Logger } from '../../logger.js';
import type { GatewayMetrics } from '../../observability/metrics.js';
import { resultMembersOf } from '../../observability/resultMembers.js';

// Label values for requests that did not select exactly one schema root field.
const NO_OPERATION = '(none)';
const SEVERAL_FIELDS = '(multiple)';
const INTROSPECTION = '(introspection)';
const SAFE_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** The distinct schema root fields an operation selects (aliases resolved, fragments followed). */
function rootFieldsOf(selectionSet: SelectionSetNode, document: DocumentNode | undefined): Set<string> {
  const fields = new Set<string>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document?.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) visit(fragment.selectionSet, seen);
      }
    }
  };
  visit(selectionSet, new Set());
  return fields;
}

// The label depends only on the operation's selections: computed once per parsed document, which
// Apollo's document store hands out again for the same query text.
const labels = new WeakMap<OperationDefinitionNode, string>();

function labelOf(operation: OperationDefinitionNode | undefined, document: DocumentNode | undefined): string {
  if (!operation) return NO_OPERATION;
  let label = labels.get(operation);
  if (label === undefined) {
    label = operationLabel(rootFieldsOf(operation.selectionSet, document));
    labels.set(operation, label);
  }
  return label;
}

function operationLabel(fields: Set<string> | undefined): string {
  if (!fields) return NO_OPERATION;
  const own = [...fields].filter((name) => !name.startsWith('__'));
  if (own.length === 0) return fields.size > 0 ? INTROSPECTION : NO_OPERATION;
  return own.length === 1 ? own[0]! : SEVERAL_FIELDS;
}

function errorCode(errors: readonly { extensions?: Record<string, unknown> }[]): string {
  const code = errors[0]?.extensions?.code;
  return typeof code === 'string' && SAFE_CODE.test(code) ? code : 'UNKNOWN_ERROR';
}

/**
 * Counts and times every GraphQL request by its root field and outcome, and writes one access-log
 * line with the request's child logger. Uses only requestDidStart/willSendResponse: per-field hooks
 * would make Apollo wrap every resolver.
 */
export function metricsPlugin(metrics: GatewayMetrics, logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>) {
          const { response, contextValue, operation, document } = requestContext;
          const label = labelOf(operation, document);
          const members = resultMembersOf(contextValue);
          for (const [field, member] of members) metrics.resultMembers.inc({ field, member });

          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const errors = result?.errors ?? [];
          const hasData = result?.data !== undefined && result.data !== null;
          let outcome: string;
          if (errors.length > 0 && !hasData) outcome = errorCode(errors);
          else if (label !== SEVERAL_FIELDS && members.has(label)) outcome = members.get(label)!;
          else outcome = errors.length > 0 ? errorCode(errors) : 'ok';

          const seconds = (performance.now() - started) / 1000;
          metrics.requests.inc({ operation: label, outcome });
          metrics.requestDuration.observe({ operation: label, outcome }, seconds);
          // The access line is info: skip building it (and the request's child logger) when it is off.
          if (!logger.isLevelEnabled('info')) return;
          (contextValue.log ?? logger).info(
            {
              operationName: requestContext.operationName ?? undefined,
              operation: label,
              outcome,
              status: response.http.status ?? 200,
              durationMs: Math.round(seconds * 1000),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
