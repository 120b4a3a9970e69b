import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, type ListPosition } from '../../../src/domain/cursors.js';
import { MAX_PAGES_PER_SLICE, readSlice, type PageRequest } from '../../../src/domain/pagination.js';

// The cursor design on a fake AWS list: tokens mark page starts (like AWS's), a cursor is
// (token, items to skip), so `after` resumes exactly behind any edge, mid-page included.

/** An AWS-like list of `size` numbers whose nextToken encodes the offset of the next page. */
function fakeList(size: number, opts: { pageCap?: number } = {}) {
  const requests: PageRequest[] = [];
  const fetchPage = (request: PageRequest) => {
    requests.push(request);
    const offset = request.token === null ? 0 : Number(request.token.slice('tok-'.length));
    const end = Math.min(size, offset + Math.min(request.maxResults, opts.pageCap ?? MAX_PAGE_SIZE));
    const items = Array.from({ length: end - offset }, (_, i) => offset + i);
    return Promise.resolve({ items, nextToken: end < size ? `tok-${end}` : null });
  };
  return { fetchPage, requests };
}

const START: ListPosition = { token: null, skip: 0 };

async function readAll(size: number, first: number, pageCap?: number) {
  const list = fakeList(size, { pageCap });
  const seen: number[] = [];
  let position = START;
  for (;;) {
    const slice = await readSlice(list.fetchPage, position, first);
    seen.push(...slice.items.map((i) => i.item));
    if (!slice.hasNextPage) break;
    position = slice.end;
  }
  return { seen, requests: list.requests };
}

describe('readSlice', () => {
  it('pages through 600 items with first 250: each item once, one AWS page per slice', async () => {
    const { seen, requests } = await readAll(600, 250);
    expect(seen).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(requests).toEqual([
      { token: null, maxResults: 250 },
      { token: 'tok-250', maxResults: 250 },
      { token: 'tok-500', maxResults: 250 },
    ]);
  });

  it.each([
    [1, 7],
    [3, 10],
    [7, 7],
    [50, 120],
    [249, 1000],
  ])('first %i over %i items returns every item exactly once', async (first, size) => {
    const { seen } = await readAll(size, first);
    expect(seen).toEqual(Array.from({ length: size }, (_, i) => i));
  });

  it('resumes exactly behind an edge in the middle of an AWS page, with one call', async () => {
    const list = fakeList(20);
    const firstSlice = await readSlice(list.fetchPage, START, 5);
    const third = firstSlice.items[2]!;
    expect(third).toEqual({ item: 2, after: { token: null, skip: 3 } });
    const resumed = await readSlice(list.fetchPage, third.after, 4);
    expect(resumed.items.map((i) => i.item)).toEqual([3, 4, 5, 6]);
    expect(list.requests.at(-1)).toEqual({ token: null, maxResults: 7 });
    expect(list.requests).toHaveLength(2);
  });

  it("gives a page's last edge the next page's token, so resuming there re-reads nothing", async () => {
    const list = fakeList(10);
    const slice = await readSlice(list.fetchPage, START, 4);
    expect(slice.items.at(-1)!.after).toEqual({ token: 'tok-4', skip: 0 });
    expect(slice.end).toEqual({ token: 'tok-4', skip: 0 });
    expect(slice.hasNextPage).toBe(true);
  });

  it('crosses AWS pages when the upstream returns fewer items than asked', async () => {
    const list = fakeList(30, { pageCap: 4 });
    const slice = await readSlice(list.fetchPage, { token: 'tok-4', skip: 2 }, 9);
    expect(slice.items.map((i) => i.item)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(slice.hasNextPage).toBe(true);
    const again = await readSlice(list.fetchPage, slice.end, 100);
    expect(again.items[0]!.item).toBe(15);
  });

  it('asks for at most 250 items even when skip + first is larger', async () => {
    const list = fakeList(600);
    const slice = await readSlice(list.fetchPage, { token: null, skip: 200 }, 250);
    expect(slice.items.map((i) => i.item)).toEqual(Array.from({ length: 250 }, (_, i) => 200 + i));
    expect(list.requests.map((r) => r.maxResults)).toEqual([250, 200]);
  });

  it('reports no next page at the end of the list', async () => {
    const list = fakeList(5);
    const slice = await readSlice(list.fetchPage, START, 5);
    expect(slice.hasNextPage).toBe(false);
    const empty = await readSlice(list.fetchPage, START, 10);
    expect(empty.items).toHaveLength(5);
    expect(empty.hasNextPage).toBe(false);
  });

  it('stops after a bounded number of pages when the upstream keeps answering empty pages', async () => {
    let calls = 0;
    const slice = await readSlice(
      () => {
        calls += 1;
        return Promise.resolve({ items: [], nextToken: `tok-${calls}` });
      },
      START,
      10,
    );
    expect(calls).toBe(MAX_PAGES_PER_SLICE);
    expect(slice.items).toEqual([]);
    expect(slice.hasNextPage).toBe(true);
    expect(slice.end).toEqual({ token: `tok-${calls}`, skip: 0 });
  });
});

describe('cursors', () => {
  const scope = '["thing-executions","dev:1",null]';

  it('round-trip a position and are opaque base64url', () => {
    const cursor = encodeCursor(scope, { token: 'AWS/token+=', skip: 17 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(scope, cursor)).toEqual({ ok: true, position: { token: 'AWS/token+=', skip: 17 } });
  });

  it('refuse a cursor issued for another list', () => {
    const cursor = encodeCursor(scope, { token: null, skip: 1 });
    const decoded = decodeCursor('["thing-executions","dev:2",null]', cursor);
    expect(decoded).toMatchObject({ ok: false, message: expect.stringContaining('another list') });
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, l: scope, t: null, s: 1 })).toString('base64url')],
    [
      'a negative skip',
      Buffer.from(JSON.stringify({ v: 1, l: scope, t: null, s: -1 })).toString('base64url'),
    ],
    [
      'a skip beyond a page',
      Buffer.from(JSON.stringify({ v: 1, l: scope, t: null, s: 251 })).toString('base64url'),
    ],
    ['an empty token', Buffer.from(JSON.stringify({ v: 1, l: scope, t: '', s: 1 })).toString('base64url')],
    ['a huge cursor', 'A'.repeat(10_000)],
  ])('refuse %s', (_label, cursor) => {
    expect(decodeCursor(scope, cursor)).toMatchObject({ ok: false });
  });
});
