import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';

// The committed printed schema is the reviewable contract: it must match both the SDL sources and
// the runtime schema, so a forgotten `npm run codegen` fails here.

const root = join(import.meta.dirname, '..', '..');
const committed = readFileSync(join(root, 'src/graphql/schema.generated.graphql'), 'utf8').replace(
  /^#.*\n\n/,
  '',
);
const print = (schema: Parameters<typeof lexicographicSortSchema>[0]) =>
  printSchema(lexicographicSortSchema(schema));

describe('printed schema', () => {
  it('src/graphql/schema.generated.graphql is up to date with schema/*.graphql (else run `npm run codegen`)', () => {
    const dir = join(root, 'schema');
    const sdl = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(print(makeExecutableSchema({ typeDefs: sdl }))).toBe(committed);
  });

  it('the runtime schema prints exactly the committed contract', () => {
    expect(print(createSchema())).toBe(committed);
  });

  it('matches the snapshot of the public contract', async () => {
    await expect(committed).toMatchFileSnapshot('__snapshots__/schema.graphql.snap');
  });
});

describe('schema shape', () => {
  const schema = createSchema();
  const members = (name: string) => {
    const type = schema.getType(name);
    if (!isUnionType(type)) throw new Error(`${name} is not a union`);
    return type
      .getTypes()
      .map((t) => t.name)
      .sort();
  };

  it('each result union has its success type plus exactly the errors the AWS operation can raise', () => {
    expect(members('CancelJobExecutionResult')).toEqual(
      [
        'AccessDeniedError',
        'CancelJobExecutionSuccess',
        'InvalidRequestError',
        'InvalidStateTransitionError',
        'ResourceNotFoundError',
        'ServiceUnavailableError',
        'ThrottlingError',
        'VersionConflictError',
      ].sort(),
    );
    expect(members('DeleteJobExecutionResult')).toEqual(
      [
        'AccessDeniedError',
        'DeleteJobExecutionSuccess',
        'InvalidRequestError',
        'InvalidStateTransitionError',
        'ResourceNotFoundError',
        'ServiceUnavailableError',
        'ThrottlingError',
      ].sort(),
    );
    expect(members('UpdateJobExecutionResult')).toEqual(
      [
        'AccessDeniedError',
        'CertificateValidationError',
        'InvalidRequestError',
        'InvalidStateTransitionError',
        'ResourceNotFoundError',
        'ServiceUnavailableError',
        'ThrottlingError',
        'UpdateJobExecutionSuccess',
        'VersionConflictError',
      ].sort(),
    );
  });

  it('every error member implements Error and has retryable and upstreamRequestId', () => {
    const errorTypes = Object.values(schema.getTypeMap()).filter(
      (t) => isObjectType(t) && t.name.endsWith('Error') && t.name !== 'FieldError',
    );
    expect(errorTypes.length).toBe(8);
    for (const type of errorTypes) {
      if (!isObjectType(type)) continue;
      expect(type.getInterfaces().map((i) => i.name)).toContain('Error');
      expect(String(type.getFields().retryable?.type)).toBe('Boolean!');
      expect(String(type.getFields().upstreamRequestId?.type)).toBe('String');
    }
  });

  it('every type, field, argument and enum value has a description', () => {
    const missing: string[] = [];
    const check = (what: string, description: string | null | undefined) => {
      if (!description?.trim()) missing.push(what);
    };
    const own = (t: GraphQLNamedType) => !isIntrospectionType(t) && !isSpecifiedScalarType(t);
    for (const type of Object.values(schema.getTypeMap()).filter(own)) {
      check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          check(`${type.name}.${field.name}`, field.description);
      }
      if (isEnumType(type))
        for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    }
    expect(missing).toEqual([]);
  });
});
