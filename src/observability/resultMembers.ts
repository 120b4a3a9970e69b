import { defaultTypeResolver, isUnionType, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';

/** Root field name → the __typename of the union member it returned. */
export type ResultMembers = ReadonlyMap<string, string>;

// Kept on the context object itself: a WeakMap keyed by one context per request costs every garbage
// collection. Apollo copies the context once per operation, before resolvers and plugins see it.
const MEMBERS = Symbol('resultMembers');
type Recording = { [MEMBERS]?: Map<string, string> };
const NONE: ResultMembers = new Map<string, string>();

/**
 * Makes every union type of `schema` remember which member a root field returned, keyed by the
 * request's context object. graphql-js calls resolveType once per union value, so this costs one map
 * write per root field instead of the per-field wrapping that Apollo's willResolveField causes.
 * Mutates and returns `schema`.
 */
export function trackResultMembers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isUnionType(type)) continue;
    const resolve: GraphQLTypeResolver<unknown, unknown> = type.resolveType ?? defaultTypeResolver;
    type.resolveType = (value: unknown, context: unknown, info, abstractType) => {
      const member = resolve(value, context, info, abstractType);
      // Only root fields: nested unions say nothing about the operation's outcome.
      if (info.path.prev === undefined && typeof context === 'object' && context !== null) {
        const record = (name: string | undefined) => {
          if (name === undefined) return;
          const recording = context as Recording;
          (recording[MEMBERS] ??= new Map<string, string>()).set(info.fieldName, name);
        };
        if (typeof member === 'string' || member === undefined) record(member);
        else void member.then(record, () => undefined);
      }
      return member;
    };
  }
  return schema;
}

/** The members recorded for the request whose context object is `context` (empty when none). */
export function resultMembersOf(context: object): ResultMembers {
  return (context as Recording)[MEMBERS] ?? NONE;
}
