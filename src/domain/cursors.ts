// Relay cursors over AWS pagination. AWS hands out a nextToken per page, not per item, so a cursor
// names a position as "the page that starts at `token`, after its first `skip` items": `after` then
// resumes exactly behind any edge, even in the middle of a page.

/** Where a list continues: re-read from `token` (null = the first page) and drop `skip` items. */
export interface ListPosition {
  token: string | null;
  skip: number;
}

/** AWS maxResults ceiling of every list operation, and so the largest skip a position can need. */
export const MAX_PAGE_SIZE = 250;

/** Longer cursors are refused unread; AWS tokens are far shorter. */
export const MAX_CURSOR_LENGTH = 8192;

const VERSION = 1;

interface CursorBody {
  v: number;
  /** The list (and its filters) the position belongs to. */
  l: string;
  t: string | null;
  s: number;
}

/** Opaque cursor: base64url JSON of the list scope and the position. */
export function encodeCursor(scope: string, position: ListPosition): string {
  const body: CursorBody = { v: VERSION, l: scope, t: position.token, s: position.skip };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export type DecodedCursor = { ok: true; position: ListPosition } | { ok: false; message: string };

/** The position a cursor names, if it is well formed and was issued for this very list. */
export function decodeCursor(scope: string, cursor: string): DecodedCursor {
  const invalid = { ok: false as const, message: 'is not a cursor returned by this connection' };
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    return invalid;
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid;
  }
  if (!isCursorBody(body)) return invalid;
  if (body.l !== scope) {
    return { ok: false, message: 'belongs to another list (other parent or filters); restart without after' };
  }
  return { ok: true, position: { token: body.t, skip: body.s } };
}

function isCursorBody(value: unknown): value is CursorBody {
  if (value === null || typeof value !== 'object') return false;
  const body = value as Partial<CursorBody>;
  return (
    body.v === VERSION &&
    typeof body.l === 'string' &&
    (body.t === null || (typeof body.t === 'string' && body.t.length > 0)) &&
    typeof body.s === 'number' &&
    Number.isInteger(body.s) &&
    body.s >= 0 &&
    body.s <= MAX_PAGE_SIZE
  );
}
