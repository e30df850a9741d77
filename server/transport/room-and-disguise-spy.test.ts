/**
 * Whole sessions watched from outside, frame by frame:
 * - No verdict before the end (issue 18): until the session ends, nothing a responder receives and
 *   nothing the room screen fetches holds a score, rank, points, milestone credit or diagnosis
 *   verdict; once it has ended, the room shows the ranking.
 * - Disguised play: a disguised session's responder and room payloads contain none of the
 *   scenario's real names (its declared aliases plus a fixed list per scenario), in any case, ids
 *   included, over the whole reference replay, which the spy plays in the disguised ids it was shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../engine/index.ts';
import type { Debrief } from '../protocol/debrief.ts';
import type { RoomView } from '../protocol/views.ts';
import { loadScenarios, type ScenarioCatalog } from '../scenario-registry/load-scenarios.ts';
import { playSpySession, type SpyFrame, type SpySession } from './spy-session.ts';
import { toyCatalog } from './test-support.ts';

/** Keys that would carry a grade: none may appear in anything a responder or the room gets before the end. */
const GRADE_KEYS = [
  'score', 'scores', 'rank', 'points', 'total', 'totals', 'milestone', 'milestones', 'milestonesReached', 'credit', 'verdict',
  'correct', 'triggerRight', 'componentRight', 'mechanismRight', 'support', 'supported', 'penalty', 'penalties', 'vsReal', 'vsReference',
];
const GRADE_WORDS = /\b(?:in)?correct diagnosis\b|\bdiagnosis (?:is )?(?:right|wrong|correct)\b|\bmilestones? reached\b/i;

/** Values the server hands out as they are (tokens, ids, links): random, so never scanned for words. */
const OPAQUE = new Set(['sessionId', 'parentSessionId', 'playerToken', 'code', 'parentCode', 'joinUrl', 'hostUrl', 'page', 'json', 'markdown', 'clientActionId']);

/** Every key and every string value in a frame, but the opaque ones and `skip`. */
function strings(value: unknown, skip: ReadonlySet<string> = new Set(), out: { keys: string[]; values: string[] } = { keys: [], values: [] }) {
  if (typeof value === 'string') out.values.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, skip, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.keys.push(k);
      if (!OPAQUE.has(k) && !skip.has(k)) strings(v, skip, out);
    }
  }
  return out;
}

function gradesIn(frame: SpyFrame): string[] {
  const { keys, values } = strings(frame.payload, new Set(['ranking']));
  const found = keys.filter((k) => GRADE_KEYS.includes(k));
  if (frame.event === 'room' && (frame.payload as RoomView).ranking !== null) found.push('ranking');
  return [...found, ...values.filter((v) => GRADE_WORDS.test(v))];
}

function beforeEnd(session: SpySession): SpyFrame[] {
  const end = session.frames.findIndex((f) => f.event === 'session:ended');
  expect(end).toBeGreaterThan(0);
  const room = session.roomFrames.filter((f) => (f.payload as RoomView).clock.status !== 'ended');
  return [...session.frames.slice(0, end), ...room];
}

function expectNoVerdictBeforeEnd(session: SpySession): void {
  const frames = beforeEnd(session);
  // The scan looks at real traffic: deltas, the lobby, acknowledgements, the room during play.
  for (const event of ['team:delta', 'session:lobby', 'ack:player:join', 'room']) expect(frames.some((f) => f.event === event), event).toBe(true);
  expect(frames.some((f) => f.event === 'ack:team:diagnose')).toBe(true);
  for (const [i, frame] of frames.entries()) expect(gradesIn(frame), `frame ${i} (${frame.event})`).toEqual([]);
  // After the end the room ranks the team, from its debrief.
  const last = session.roomFrames.at(-1)!.payload as RoomView;
  expect(last.clock.status).toBe('ended');
  expect(last.ranking).toEqual([expect.objectContaining({ teamId: 't1', rank: 1, score: expect.any(Number) })]);
}

/** Names no disguised payload may hold, beyond the scenario's declared aliases: what a post-mortem reader would spot. */
const FIXED_NAMES: Record<string, string[]> = {
  'cloudflare-2025-11-18': [
    'Cloudflare', 'ClickHouse', 'Bot Management', 'FL2', 'Workers KV', 'Turnstile', 'WARP', 'Access', 'Zero Trust', 'cloudflarestatus',
    '2025-11-18', '18 November', 'November 18', '18 Nov', 'Nov 18',
  ],
  'cloudflare-2025-12-05': [
    'Cloudflare', 'FL1', 'FL2', 'killswitch', 'kill switch', 'cloudflarestatus', 'CVE-2025-55182', '2025-12-05', '5 December', 'December 5', '5 Dec', 'Dec 5',
  ],
  'aws-us-east-1-2025-10-20': [
    'AWS', 'Amazon', 'amazonaws.com', 'DynamoDB', 'EC2', 'DWFM', 'DropletWorkflow', 'droplet', 'droplets', 'Route 53', 'Route53', 'Enactor', 'Enactors', 'Planner',
    'NLB', 'ELB', 'Lambda', 'SQS', 'STS', 'IAM', 'ECS', 'EKS', 'Fargate', 'Connect', 'Redshift', 'CloudTrail', 'us-east-1', 'N. Virginia', 'Virginia', 'use1',
    'InsufficientInstanceCapacity', 'RequestLimitExceeded', 'RunInstances', 'Seattle', '2025-10-20', '20 October', 'October 20', '20 Oct', 'Oct 20', '19 Oct',
  ],
};

interface Name { name: string; matchCase: boolean }

function realNames(scenario: Scenario): Name[] {
  const declared = scenario.data.disguise?.aliases ?? [];
  expect(declared.length).toBeGreaterThan(0);
  const exact = new Set(declared.filter((a) => a.matchCase).map((a) => a.real));
  return [
    ...declared.map((a) => ({ name: a.real, matchCase: a.matchCase ?? false })),
    ...FIXED_NAMES[scenario.data.id]!.map((name) => ({ name, matchCase: exact.has(name) })),
    { name: scenario.data.title, matchCase: false },
  ];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ID_LIKE = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Where a real name shows in a string: whole words in any case; a name that is also a common word
 * (declared `matchCase`, e.g. the product "Access") in its exact case in prose outside hyphenated
 * compounds ("Access-log"), in any case in ids.
 */
function leakFinder(names: readonly Name[]): (text: string) => string[] {
  // A name that is also a common word is that word inside a hyphenated compound ("Access-log").
  const word = (n: Name) => ({
    name: n.name,
    re: n.matchCase ? new RegExp(`(?<![A-Za-z0-9])(?<![A-Za-z]-)${escape(n.name)}(?![A-Za-z0-9])(?!-[A-Za-z])`) : new RegExp(`(?<![A-Za-z0-9])${escape(n.name)}(?![A-Za-z0-9])`, 'i'),
  });
  const idWord = (n: Name) => ({ name: n.name, re: new RegExp(`(?<![a-z0-9])${escape(n.name.toLowerCase().replace(/[^a-z0-9.]+/g, '_'))}(?![a-z0-9])`) });
  const words = names.map(word);
  const ids = names.map(idWord);
  const seen = new Map<string, string[]>();
  return (text) => {
    const hit = seen.get(text);
    if (hit) return hit;
    const idParts = ID_LIKE.test(text) ? [text] : [...text.matchAll(/[a-z0-9]+(?:_[a-z0-9]+)+/g)].map((m) => m[0]);
    const found = [...words.filter((w) => w.re.test(text)), ...ids.filter((w) => idParts.some((id) => w.re.test(id)))].map((w) => w.name);
    seen.set(text, found);
    return found;
  };
}

function leaksIn(frame: SpyFrame, leaks: (text: string) => string[]): string[] {
  // After the end the room says what each alias stood for: that part is the reveal.
  const { keys, values } = strings(frame.payload, new Set(['reveal']));
  return [...new Set([...keys, ...values].flatMap(leaks))];
}

describe('no score, rank or verdict before the end; the ranking after', () => {
  it('the toy, played whole by a spy: responder frames, the lobby and the room', async () => {
    const catalog = await toyCatalog();
    const session = await playSpySession(catalog, catalog.scenarios.get('toy-config-push')!, 'realistic', { room: true });
    expectNoVerdictBeforeEnd(session);
  }, 60_000);
});

describe('a disguised session shows none of the real names', () => {
  let catalog: ScenarioCatalog;
  beforeAll(async () => { catalog = await loadScenarios(); });

  it.each(Object.keys(FIXED_NAMES))('%s: the reference replay, played in disguised ids, to the responder and the room; no verdict before the end either', async (scenarioId) => {
    const scenario = catalog.scenarios.get(scenarioId)!;
    const session = await playSpySession(catalog, scenario, 'realistic', { disguise: true, room: true, keepOpen: true });
    let debrief: Debrief;
    let markdown: string;
    try {
      const base = `${session.server!.url}/api/sessions/${session.sessionId}`;
      debrief = (await (await fetch(`${base}/debrief.json`)).json()) as Debrief;
      markdown = await (await fetch(`${base}/debrief.md`)).text();
    } finally {
      await session.server?.close();
    }
    const leaks = leakFinder(realNames(scenario));
    // The names are real ones: the host, who sees the truth, gets them.
    const hostLeaks = new Set(session.hostFrames.flatMap((f) => leaksIn(f, leaks)));
    expect(hostLeaks.size).toBeGreaterThan(3);
    // Every command of the plan went in disguised ids (the spy's and its teammates'), and every one was accepted.
    expect(session.accepted).toBe(scenario.data.referencePlan.length);
    expect(session.frames.filter((f) => f.event.startsWith('ack:team:')).length).toBeGreaterThan(0);
    const frames = [...session.frames, ...session.roomFrames];
    expect(frames.map((f) => f.json).join('\n')).toContain(scenario.data.disguise!.aliases[0]!.alias);
    for (const [i, frame] of frames.entries()) expect(leaksIn(frame, leaks), `frame ${i} (${frame.event})`).toEqual([]);

    expectNoVerdictBeforeEnd(session);
    const room = session.roomFrames.at(-1)!.payload as RoomView;
    expect(room.reveal?.aliases).toEqual(scenario.data.disguise!.aliases.map((a) => ({ real: a.real, alias: a.alias })));

    // The log kept the real ids: the debrief replays every command, in the real names, and reveals the aliases.
    expect(debrief.teams[0]!.refused).toEqual([]);
    expect(debrief.scenario.title).toBe(scenario.data.title);
    expect(debrief.disguise?.title).toBe(scenario.data.disguise!.title);
    expect(markdown).toContain('## The disguise');
    expect(markdown).toContain(`| ${scenario.data.disguise!.aliases[0]!.alias} | ${scenario.data.disguise!.aliases[0]!.real} |`);
  }, 240_000);
});
