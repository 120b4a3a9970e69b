import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatSubscriptionError } from '../../src/subscriptions/server.js';

describe('formatSubscriptionError', () => {
  it('keeps refusals, masks unexpected failures and reports them for the log', () => {
    const masked: GraphQLError[] = [];
    const onMasked = (e: GraphQLError) => masked.push(e);
    const forbidden = new GraphQLError('no', {
      extensions: { code: 'FORBIDDEN' },
      path: ['jobExecutionChanged'],
    });
    expect(formatSubscriptionError(forbidden, { onMasked })).toMatchObject({
      message: 'no',
      extensions: { code: 'FORBIDDEN' },
    });
    const crash = new GraphQLError('secret arn:aws:iot:...', {
      path: ['jobExecutionChanged'],
      originalError: new TypeError('x'),
    });
    expect(formatSubscriptionError(crash, { onMasked })).toEqual({
      message: 'Unexpected error',
      path: ['jobExecutionChanged'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(masked).toEqual([crash]);
  });

  it('marks bad variables as BAD_USER_INPUT and hides "Did you mean" hints in production', () => {
    const variables = new GraphQLError('Variable "$jobId" of required type "String!" was not provided.');
    expect(formatSubscriptionError(variables).extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const invalid = new GraphQLError(
      'Cannot query field "stat" on type "JobExecution". Did you mean "status"?',
      {
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    );
    expect(formatSubscriptionError(invalid, { production: true }).message).toBe(
      'Cannot query field "stat" on type "JobExecution".',
    );
    expect(formatSubscriptionError(invalid).message).toContain('Did you mean');
  });
});
