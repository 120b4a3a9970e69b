// Re-renders the markdown report of a saved run: `npx tsx bench/report/render.ts bench-results.json`.
import { readFileSync } from 'node:fs';
import { renderReport, type Report } from './markdown.js';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/report/render.ts <results.json>');
const saved = JSON.parse(readFileSync(file, 'utf8')) as Report & { command: string; recordedAt?: string };
process.stdout.write(
  `${renderReport(saved, saved.command, saved.recordedAt ? new Date(saved.recordedAt) : undefined)}\n`,
);
