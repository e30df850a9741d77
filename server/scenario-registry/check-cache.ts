/**
 * The model checks (check-model.ts, check-unlockable.ts) replay a scenario's reference plan several
 * times: the costliest part of a server's start, paid again by every restart, failover and test
 * that spawns a server. A scenario that passed them is remembered under a hash of everything their
 * outcome depends on: every file of its folder, and the sources of the engine and of these
 * checks. Any change to one of those gives another hash, so the scenario is checked again; a
 * scenario that fails is never remembered, so a refusal is always worked out afresh.
 *
 * One small file per scenario in the cache directory (`SCENARIO_CHECK_CACHE`, default
 * node_modules/.cache/incident-tabletop/scenario-checks; `off` disables it). A cache that cannot be
 * read or written only costs the checks.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface CheckCache {
  /** True when the scenario in this folder passed the model checks with exactly this content. */
  passed(folder: string, hash: string): Promise<boolean>;
  remember(folder: string, hash: string): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
export const DEFAULT_CHECK_CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'incident-tabletop', 'scenario-checks');
/** Sources whose change can change a check's outcome (tests excluded). */
const CODE_DIRS = [path.join(ROOT, 'server', 'engine'), path.join(ROOT, 'server', 'scenario-registry')];

/** The cache the environment asks for: `SCENARIO_CHECK_CACHE` (a directory, or `off`). */
export function checkCacheFromEnv(env: NodeJS.ProcessEnv = process.env): CheckCache | null {
  const setting = env.SCENARIO_CHECK_CACHE;
  if (setting === 'off') return null;
  return directoryCheckCache(setting ? path.resolve(setting) : DEFAULT_CHECK_CACHE_DIR);
}

export function directoryCheckCache(dir: string): CheckCache {
  const fileOf = (folder: string, hash: string) => path.join(dir, `${path.basename(folder)}-${hash}.json`);
  return {
    async passed(folder, hash) {
      try {
        const entry = JSON.parse(await readFile(fileOf(folder, hash), 'utf8')) as { hash?: unknown };
        return entry.hash === hash;
      } catch {
        return false;
      }
    },
    async remember(folder, hash) {
      try {
        await mkdir(dir, { recursive: true });
        const file = fileOf(folder, hash);
        // Written whole then renamed: a server starting meanwhile reads the old file or the new one.
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, `${JSON.stringify({ scenario: path.basename(folder), hash, checkedAt: new Date().toISOString() })}\n`);
        await rename(temp, file);
        // Entries for earlier contents of the same folder can never match again.
        const stale = (await readdir(dir)).filter((f) => f.startsWith(`${path.basename(folder)}-`) && f.endsWith('.json') && path.join(dir, f) !== file);
        await Promise.all(stale.map((f) => rm(path.join(dir, f), { force: true })));
      } catch {
        // Read-only or missing cache directory: the checks simply run again next time.
      }
    },
  };
}

/** Every file under `dir` (recursively), sorted, as [relative path, content]. */
async function filesOf(dir: string, keep: (name: string) => boolean = () => true): Promise<[string, Buffer][]> {
  const out: [string, Buffer][] = [];
  const walk = async (sub: string) => {
    const entries = (await readdir(path.join(dir, sub), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const rel = path.join(sub, e.name);
      if (e.isDirectory()) await walk(rel);
      else if (e.isFile() && keep(e.name)) out.push([rel, await readFile(path.join(dir, rel))]);
    }
  };
  await walk('');
  return out;
}

let codeHash: Promise<string> | null = null;

/** The engine's and the checks' sources, hashed once per process. */
function hashOfCode(): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash('sha256');
    for (const dir of CODE_DIRS) {
      for (const [rel, content] of await filesOf(dir, (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
        hash.update(`${path.basename(dir)}/${rel}\0${content.length}\0`).update(content);
      }
    }
    return hash.digest('hex');
  })();
  return codeHash;
}

/** The hash a scenario folder's checks are remembered under: its files, plus the engine and check sources. */
export async function checksHash(folder: string): Promise<string> {
  const hash = createHash('sha256').update(await hashOfCode());
  for (const [rel, content] of await filesOf(folder)) hash.update(`\0${rel}\0${content.length}\0`).update(content);
  return hash.digest('hex').slice(0, 32);
}
