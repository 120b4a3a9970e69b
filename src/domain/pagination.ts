import { MAX_PAGE_SIZE, type ListPosition } from './cursors.js';

// Reads `first` items of an AWS list from a cursor position, fetching as few pages as possible.

export interface PageRequest {
  token: string | null;
  maxResults: number;
}

export interface FetchedPage<T> {
  items: T[];
  nextToken: string | null;
}

export interface SliceItem<T> {
  item: T;
  /** The position just behind this item: its cursor. */
  after: ListPosition;
}

export interface Slice<T> {
  items: SliceItem<T>[];
  hasNextPage: boolean;
  /** Where the next slice starts; equals the last item's `after` when there is one. */
  end: ListPosition;
}

/** Pages one slice may fetch at most, so an upstream answering empty pages with tokens cannot loop us. */
export const MAX_PAGES_PER_SLICE = 10;

/**
 * Fetches from `start` until `first` items are collected or the list ends. The first request asks
 * for `skip + first` items (at most 250) so a mid-page cursor costs one call, like a page-aligned one.
 */
export async function readSlice<T>(
  fetchPage: (request: PageRequest) => Promise<FetchedPage<T>>,
  start: ListPosition,
  first: number,
): Promise<Slice<T>> {
  const items: SliceItem<T>[] = [];
  let position = start;
  for (let pages = 0; pages < MAX_PAGES_PER_SLICE; pages += 1) {
    const need = first - items.length;
    const page = await fetchPage({
      token: position.token,
      maxResults: Math.min(MAX_PAGE_SIZE, position.skip + need),
    });
    const taken = page.items.slice(position.skip, position.skip + need);
    taken.forEach((item, index) => {
      const consumed = position.skip + index + 1;
      // Behind a page's last item the next page's token says the same thing more cheaply.
      const after =
        consumed === page.items.length && page.nextToken !== null
          ? { token: page.nextToken, skip: 0 }
          : { token: position.token, skip: consumed };
      items.push({ item, after });
    });
    const consumed = position.skip + taken.length;
    if (items.length === first) {
      const end = items[items.length - 1]?.after ?? position;
      return { items, hasNextPage: consumed < page.items.length || page.nextToken !== null, end };
    }
    if (page.nextToken === null) {
      return { items, hasNextPage: false, end: { token: position.token, skip: consumed } };
    }
    // A page shorter than the skip (items removed since) carries the rest of the skip over.
    position = { token: page.nextToken, skip: Math.max(0, position.skip - page.items.length) };
  }
  return { items, hasNextPage: true, end: position };
}
