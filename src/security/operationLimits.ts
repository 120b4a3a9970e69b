// Limits on GraphQL documents, checked before any resolver runs: graphql-armor rules, a variable-aware
// cost limit and Apollo's own options.
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import { costLimitPlugin } from './costLimit.js';

/** Document limits; every field is optional and has the stated default. */
export interface OperationLimitsOptions {
  /** Deepest field nesting, fragments flattened; default 8 (the schema's deepest useful selection is about 6). */
  maxDepth?: number;
  /** Most aliases in one operation; default 15. */
  maxAliases?: number;
  /** Most directives in one operation; default 50. */
  maxDirectives?: number;
  /** Most lexical tokens in a document, enforced by the parser itself; default 2000. */
  maxTokens?: number;
  /**
   * Highest cost with the operation's variables (src/security/costLimit.ts: every field 1, children
   * times `first`, default 50, or times the length of a list argument); default 50 000.
   */
  maxCost?: number;
  /** Validation stops after this many errors; default 5. */
  maxValidationErrors?: number;
  /**
   * Production hardening: no "Did you mean" hints, no limit values in messages, introspection queries
   * measured like any other. Default false.
   */
  production?: boolean;
}

export const DEFAULT_OPERATION_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxCost: 50_000,
  maxValidationErrors: 5,
  production: false,
} as const satisfies Required<OperationLimitsOptions>;

/** The Apollo Server options this module owns; spread them into the ApolloServer config. */
export type LimitApolloOptions = Pick<
  ApolloServerOptions<BaseContext>,
  | 'allowBatchedHttpRequests'
  | 'parseOptions'
  | 'validationOptions'
  | 'maxRecursiveSelections'
  | 'hideSchemaDetailsFromClientErrors'
>;

export interface OperationLimits<TContext extends BaseContext> {
  plugins: ApolloServerPlugin<TContext>[];
  validationRules: ValidationRule[];
  apolloOptions: LimitApolloOptions;
}

/** Builds the plugins, validation rules and Apollo options that enforce the limits. */
export function createOperationLimits<TContext extends BaseContext = BaseContext>(
  options: OperationLimitsOptions = {},
): OperationLimits<TContext> {
  const o = { ...DEFAULT_OPERATION_LIMITS, ...definedOnly(options) };
  const exposeLimits = !o.production;
  const ignoreIntrospection = !o.production;
  const armor = new ApolloArmor({
    // Without exposeLimits armor uses errorMessage: say which limit, never its value.
    maxDepth: {
      n: o.maxDepth,
      flattenFragments: true,
      ignoreIntrospection,
      exposeLimits,
      errorMessage: 'Query depth limit exceeded.',
    },
    maxAliases: { n: o.maxAliases, exposeLimits, errorMessage: 'Too many aliases.' },
    maxDirectives: { n: o.maxDirectives, exposeLimits, errorMessage: 'Too many directives.' },
    // Armor's cost limit ignores variables (`first: $n` would pass): costLimitPlugin replaces it.
    costLimit: { enabled: false },
    // graphql-js counts tokens while parsing (parseOptions.maxTokens); armor's copy would lex twice.
    maxTokens: { enabled: false },
    // Apollo's hideSchemaDetailsFromClientErrors removes the same hints; armor's mask is kept for other messages.
    blockFieldSuggestion: { enabled: o.production },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: [
      ...(plugins as ApolloServerPlugin<TContext>[]),
      costLimitPlugin<TContext>({ maxCost: o.maxCost, hideLimits: !exposeLimits }),
    ],
    validationRules,
    apolloOptions: {
      allowBatchedHttpRequests: false,
      parseOptions: { maxTokens: o.maxTokens },
      validationOptions: { maxErrors: o.maxValidationErrors },
      // Apollo's guard against exponential fragment fan-out (10 million selections).
      maxRecursiveSelections: true,
      hideSchemaDetailsFromClientErrors: o.production,
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
