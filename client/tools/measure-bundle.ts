/**
 * Client bundle budget: the JavaScript a browser downloads to show each page, gzipped (level 9),
 * following the Vite manifest from the entry through the page's lazily loaded chunk.
 * Run after `npm run build`: `npx tsx client/tools/measure-bundle.ts` (exits 1 over budget).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
const dist = path.resolve(import.meta.dirname, '../../dist/client');

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const gzipped = new Map<string, number>();
const sizeOf = (file: string) => {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return size;
};

/** Every JS file statically reachable from a chunk (what loads before it runs). */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
if (!entryKey) throw new Error('no entry chunk in the Vite manifest: build first');
const entry = closure(entryKey);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const total = (keys: Iterable<string>) => [...keys].reduce((sum, k) => sum + sizeOf(manifest[k]?.file ?? ''), 0);

const rows: [string, number][] = [['entry (router, shared code)', total(entry)]];
for (const page of manifest[entryKey]?.dynamicImports ?? []) {
  const keys = new Set([...entry, ...closure(page)]);
  rows.push([page, total(keys)]);
}
let worst = 0;
for (const [name, bytes] of rows) {
  worst = Math.max(worst, bytes);
  console.log(`${kb(bytes).padStart(7)} KB gzip  ${name}`);
}
console.log(`largest page: ${kb(worst)} KB gzip of JavaScript (budget ${BUDGET_KB} KB)`);
if (worst > BUDGET_KB * 1024) process.exit(1);
