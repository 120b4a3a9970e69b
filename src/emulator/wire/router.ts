import { invalidRequest } from '../errors.js';
import { type Route } from '../ops/types.js';

interface CompiledRoute {
  route: Route;
  /** A literal segment, or null for a {label} segment. */
  literals: (string | null)[];
  labels: (string | null)[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Matches method + path against AWS path templates; routes are bucketed by method and segment count. */
export class Router {
  private buckets = new Map<string, CompiledRoute[]>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const segments = route.path.split('/').slice(1);
      const labels = segments.map((s) => (s.startsWith('{') ? s.slice(1, -1) : null));
      const compiled: CompiledRoute = {
        route,
        literals: segments.map((s, i) => (labels[i] ? null : s)),
        labels,
      };
      const key = `${route.method} ${segments.length}`;
      const bucket = this.buckets.get(key) ?? [];
      // Literal segments win over labels (PUT .../jobs/$next before a {jobId} route of the same shape).
      bucket.push(compiled);
      bucket.sort((a, b) => countLabels(a) - countLabels(b));
      this.buckets.set(key, bucket);
    }
  }

  /** @param rawPath the still-encoded path, without the query string. */
  match(method: string, rawPath: string): RouteMatch | undefined {
    const rawSegments = rawPath.split('/').slice(1);
    const bucket = this.buckets.get(`${method} ${rawSegments.length}`);
    if (!bucket) return undefined;
    const segments = rawSegments.map(decodeSegment);
    for (const candidate of bucket) {
      if (candidate.literals.every((literal, i) => literal === null || literal === segments[i])) {
        const params: Record<string, string> = {};
        candidate.labels.forEach((label, i) => {
          if (label) params[label] = segments[i]!;
        });
        return { route: candidate.route, params };
      }
    }
    return undefined;
  }
}

function countLabels(route: CompiledRoute): number {
  return route.labels.filter((l) => l !== null).length;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidRequest(`Malformed percent-encoding in path segment ${segment}`);
  }
}
