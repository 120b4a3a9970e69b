import type { CallSignal } from '../../upstream/signal.js';
import type { GatewayContext } from '../../context.js';
import type { JobExecutionSummaryModel, Page } from '../../domain/commands.js';
import { encodeCursor, type ListPosition } from '../../domain/cursors.js';
import { readSlice, type PageRequest } from '../../domain/pagination.js';
import type { ListedJobExecution } from '../../domain/reads.js';
import type { JobExecutionStatus } from '../../domain/models.js';
import type { PageArgs } from '../../validation/reads.js';

// Relay connections over AWS lists: cursors from src/domain/cursors.ts, paging from src/domain/pagination.ts.

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: {
    hasNextPage: boolean;
    endCursor: string | null;
    hasPreviousPage: boolean;
    startCursor: string | null;
  };
}

/** Names one list with its filters; a cursor only works on the list it came from. */
export function listScope(
  list: 'thing-executions' | 'job-executions' | 'jobs',
  ...filters: (string | null | undefined)[]
) {
  return JSON.stringify([list, ...filters.map((f) => f ?? null)]);
}

/**
 * One page of a connection; each upstream page call runs within the request's concurrency budget.
 * `keep` (default: every row) drops rows the caller may not see after the list call, so such a page
 * can hold fewer than `first` edges; endCursor then points behind the last row read, hidden or not.
 */
export async function readConnection<T, N>(
  ctx: GatewayContext,
  scope: string,
  page: PageArgs,
  fetchPage: (request: PageRequest, signal: CallSignal | undefined) => Promise<Page<T>>,
  toNode: (item: T) => N,
  keep?: (item: T) => Promise<boolean>,
): Promise<Connection<N>> {
  const slice = await readSlice(
    (request) => ctx.loaders.limit((signal) => fetchPage(request, signal)),
    page.start,
    page.first,
  );
  const kept = keep ? await Promise.all(slice.items.map(({ item }) => keep(item))) : null;
  const visible = kept ? slice.items.filter((_, i) => kept[i]) : slice.items;
  const edges = visible.map(({ item, after }) => new Edge(scope, after, toNode(item)));
  // Resuming behind a hidden last row spares reading it again; slice.end is that row's position.
  const lastRowHidden = kept !== null && kept.length > 0 && !kept[kept.length - 1];
  const resume = slice.hasNextPage ? encodeCursor(scope, slice.end) : null;
  return {
    edges,
    pageInfo: {
      hasNextPage: slice.hasNextPage,
      // With no edge but more to come (empty upstream pages) the resume position still needs a cursor.
      endCursor: lastRowHidden && resume ? resume : (edges.at(-1)?.cursor ?? resume),
      hasPreviousPage: hasPreviousPage(page),
      startCursor: edges[0]?.cursor ?? null,
    },
  };
}

/** One edge; its cursor is encoded only when read: most screens select nodes, not every cursor. */
class Edge<N> {
  constructor(
    private readonly scope: string,
    private readonly after: ListPosition,
    readonly node: N,
  ) {}

  get cursor(): string {
    return encodeCursor(this.scope, this.after);
  }
}

const hasPreviousPage = (page: PageArgs) => page.start.token !== null || page.start.skip > 0;

/** A page with no edges and no upstream call, for a caller who may see nothing of the list. */
export function emptyConnection(page: PageArgs): Connection<never> {
  return {
    edges: [],
    pageInfo: {
      hasNextPage: false,
      endCursor: null,
      hasPreviousPage: hasPreviousPage(page),
      startCursor: null,
    },
  };
}

/** AWS request members of one page. */
export const pageMembers = (request: PageRequest) => ({
  maxResults: request.maxResults,
  ...(request.token === null ? {} : { nextToken: request.token }),
});

/** The status filter as AWS takes it (omitted, not null). */
export const statusFilter = (status: JobExecutionStatus | null | undefined) => (status ? { status } : {});

/** A list row as a JobExecution parent; its id needs the execution number, which AWS always sends. */
export function listedExecution(row: JobExecutionSummaryModel): ListedJobExecution {
  if (row.executionNumber === null) {
    throw new Error(`AWS listed an execution of job ${row.jobId} without its executionNumber`);
  }
  return {
    listed: true,
    jobId: row.jobId,
    thingName: row.thingName,
    status: row.status,
    queuedAt: row.queuedAt,
    startedAt: row.startedAt,
    lastUpdatedAt: row.lastUpdatedAt,
    executionNumber: row.executionNumber,
    versionNumber: row.versionNumber,
  };
}
