import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

// Custom scalars of schema/base.graphql. Input errors are GraphQLErrors, so Apollo reports them as
// BAD_USER_INPUT before any resolver (or AWS call) runs.

/**
 * graphql-tools copies every enumerable property of a scalar implementation onto the SDL's type,
 * an undefined description included; hiding it keeps the SDL description (the contract's source).
 */
function keepSdlDescription<T extends GraphQLScalarType>(scalar: T): T {
  Object.defineProperty(scalar, 'description', { value: undefined, enumerable: false, writable: true });
  return scalar;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && ISO_8601.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError('DateTime must be an ISO-8601 string with a time zone, e.g. 2024-05-01T12:00:00Z');
}

export const DateTimeScalar = keepSdlDescription(
  new GraphQLScalarType<Date, string>({
    name: 'DateTime',
    serialize(value) {
      const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
      if (date === null || Number.isNaN(date.getTime()))
        throw new GraphQLError('DateTime cannot represent this value');
      return date.toISOString();
    },
    parseValue: parseDateTime,
    parseLiteral(ast) {
      return parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined);
    },
  }),
);

// Accepts any integral number so out-of-range values reach src/validation, which names the field.
function parseLong(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new GraphQLError('Long must be an integer');
}

export const LongScalar = keepSdlDescription(
  new GraphQLScalarType<number, number>({
    name: 'Long',
    serialize(value) {
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      throw new GraphQLError('Long cannot represent a non-integer or unsafe value');
    },
    parseValue: parseLong,
    parseLiteral(ast) {
      return parseLong(ast.kind === Kind.INT ? Number(ast.value) : undefined);
    },
  }),
);

function literalToJson(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literalToJson(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    case Kind.ENUM:
      return ast.value;
    default:
      throw new GraphQLError('JSON cannot represent this literal');
  }
}

export const JSONScalar = keepSdlDescription(
  new GraphQLScalarType<unknown, unknown>({
    name: 'JSON',
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral: literalToJson,
  }),
);
