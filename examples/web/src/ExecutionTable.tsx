import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { ThingExecutionsQuery } from './gql/graphql';
import { CancelExecution, ThingExecutions, UpdateExecution } from './operations';
import { describeCancel, describeRequestFailure, describeUpdate, type ResultMessage } from './resultMessages';

type Execution = NonNullable<
  NonNullable<NonNullable<ThingExecutionsQuery['thing']>['jobExecutions']>['edges'][number]['node']
>;

// After these members the list is stale: the execution changed behind the user's back.
const STALE_MEMBERS = new Set(['VersionConflictError', 'InvalidStateTransitionError']);

export function ExecutionTable({ thingName }: { thingName: string }) {
  const { data, loading, error, refetch } = useQuery(ThingExecutions, {
    variables: { thingName },
    // Keep the executions that did load when a nested field fails (it arrives in errors[]).
    errorPolicy: 'all',
  });
  const [cancel] = useMutation(CancelExecution);
  const [update] = useMutation(UpdateExecution);
  const [busy, setBusy] = useState<string | undefined>();
  const [message, setMessage] = useState<ResultMessage | undefined>();

  async function run(
    execution: Execution,
    action: () => Promise<{ typename: string; message: ResultMessage }>,
  ) {
    setBusy(execution.id);
    try {
      const outcome = await action();
      setMessage(outcome.message);
      if (STALE_MEMBERS.has(outcome.typename)) await refetch();
    } catch (failure) {
      setMessage(describeRequestFailure(failure));
    } finally {
      setBusy(undefined);
    }
  }

  const onCancel = (execution: Execution) =>
    run(execution, async () => {
      const { data: result } = await cancel({
        variables: {
          input: {
            jobId: execution.jobId,
            thingName: execution.thingName,
            expectedVersion: execution.versionNumber,
          },
        },
      });
      if (!result) throw new Error('The gateway sent no result.');
      return {
        typename: result.cancelJobExecution.__typename,
        message: describeCancel(result.cancelJobExecution),
      };
    });

  const onUpdate = (execution: Execution, status: 'SUCCEEDED' | 'FAILED') =>
    run(execution, async () => {
      const { data: result } = await update({
        variables: {
          input: {
            jobId: execution.jobId,
            thingName: execution.thingName,
            status,
            expectedVersion: execution.versionNumber,
          },
        },
      });
      if (!result) throw new Error('The gateway sent no result.');
      return {
        typename: result.updateJobExecution.__typename,
        message: describeUpdate(result.updateJobExecution),
      };
    });

  const edges = data?.thing?.jobExecutions?.edges ?? [];
  return (
    <section aria-labelledby="executions-heading">
      <h2 id="executions-heading">
        Job executions on <code>{thingName}</code>
      </h2>
      {message && (
        <p className={`message ${message.tone}`} role="status" data-testid="result-message">
          <strong>{message.title}:</strong> {message.detail}
        </p>
      )}
      {error && (
        <p className="message error" role="alert" data-testid="query-error">
          <strong>Could not load everything:</strong> {error.message}
        </p>
      )}
      {loading && !data ? (
        <p>Loading…</p>
      ) : edges.length === 0 ? (
        <p>No job executions on this thing.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
              <th scope="col">Details</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ cursor, node }) =>
              node ? (
                <tr key={node.id} data-job-id={node.jobId}>
                  <td className="job-id">{node.jobId}</td>
                  <td>
                    <span className={`status status-${node.status.toLowerCase()}`} data-testid="status">
                      {node.status}
                    </span>
                  </td>
                  <td data-testid="version">{node.versionNumber ?? '–'}</td>
                  <td className="details">
                    {node.statusDetails.map((d) => `${d.key}=${d.value}`).join(', ') || '–'}
                  </td>
                  <td>
                    <div className="actions">
                      <button type="button" disabled={busy !== undefined} onClick={() => void onCancel(node)}>
                        Cancel
                      </button>
                      <button
                        type="button"
                        disabled={busy !== undefined}
                        onClick={() => void onUpdate(node, 'SUCCEEDED')}
                      >
                        Mark succeeded
                      </button>
                      <button
                        type="button"
                        disabled={busy !== undefined}
                        onClick={() => void onUpdate(node, 'FAILED')}
                      >
                        Mark failed
                      </button>
                    </div>
                  </td>
                </tr>
              ) : (
                <tr key={cursor}>
                  <td colSpan={5} className="muted">
                    This execution could not be read.
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
