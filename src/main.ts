// Entry point of `npm start` and `node dist/main.js`: loads src/start.ts, bundled when it can be.
import { existsSync } from 'node:fs';
import type { start as startGateway } from './start.js';

// `npm run build` also writes dist/bundle/start.js (scripts/bundle.ts): one file instead of ~2,000
// modules, which halves a cold start on Node 20. Tracing needs the modules themselves, since
// OpenTelemetry patches packages as they load; these are the variables src/config.ts reads for it.
const traced = Boolean(
  process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT,
);
const bundle = new URL('./bundle/start.js', import.meta.url);
const { start } = (
  !traced && existsSync(bundle) ? await import(bundle.href) : await import('./start.js')
) as { start: typeof startGateway };
start();
