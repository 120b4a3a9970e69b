// Bundles dist/start.js and everything it imports into dist/bundle/start.js (plus lazily loaded chunks), which `node dist/main.js`
// loads when tracing is off. Node 20 spends most of a cold start resolving ~2,000 module files and
// scanning CommonJS packages for their exports; one file starts in about half the time. Tracing needs
// the unbundled modules (OpenTelemetry patches packages as they load), so src/main.ts keeps both.
import { build } from 'esbuild';

await build({
  entryPoints: { start: 'dist/start.js' },
  outdir: 'dist/bundle',
  // Dynamic imports (Redis, MQTT, tracing, the embedded emulator) stay separate files, loaded when used.
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  // No source maps: they would triple the image; the unbundled dist/ keeps its own for debugging.
  sourcemap: false,
  logLevel: 'warning',
  // Bundled CommonJS packages call require(); give the ES module bundle one.
  banner: {
    js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
  },
});
