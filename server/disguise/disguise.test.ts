/** The disguise rewrites names, ids and dates consistently on the way out and ids on the way back. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisguiseSection, ScenarioData } from '../engine/index.ts';
import { loadToyScenario } from '../engine/test-fixtures/load-toy.ts';
import { checkDisguise } from '../scenario-registry/check-disguise.ts';
import { dateForms } from './date-forms.ts';
import { Disguise, disguiseOf, UNKNOWN_ID } from './disguise.ts';

let toy: ScenarioData;
beforeAll(async () => { toy = (await loadToyScenario()).data; });

const SECTION: DisguiseSection = {
  title: 'Nimbus edge outage', summary: 'Errors at a fictional edge provider.', date: '2024-03-13',
  aliases: [
    { real: 'Cloudflare', alias: 'Nimbus' },
    { real: 'cloudflarestatus.com', alias: 'nimbusstatus.io' },
    { real: 'Bot Management', alias: 'Traffic Scoring' },
    { real: 'FL2', alias: 'Relay2' },
    { real: 'FL', alias: 'Relay' },
    { real: 'Access', alias: 'Gatekeeper', matchCase: true },
  ],
};

function disguised(section: DisguiseSection = SECTION, data: Partial<ScenarioData> = {}): Disguise {
  return new Disguise({ ...toy, date: '2025-11-18', ...data }, section);
}

describe('text and ids leave in the aliases', () => {
  it('replaces whole names in any case, following the case found', () => {
    const d = disguised();
    expect(d.string("Cloudflare's FL2 proxy and the old FL")).toBe("Nimbus's Relay2 proxy and the old Relay");
    expect(d.string('CLOUDFLARE and cloudflare')).toBe('NIMBUS and nimbus');
    expect(d.string('the Bot Management module')).toBe('the Traffic Scoring module');
    // Not inside longer words or numbers: "flag", "FL20" and "Cloudflared" stay.
    expect(d.string('a flag, FL20, Cloudflared')).toBe('a flag, FL20, Cloudflared');
  });

  it('rewrites host names and the ids that carry a name, in their id form', () => {
    const d = disguised();
    expect(d.string('www.cloudflarestatus.com is down; dash.cloudflare.com too')).toBe('www.nimbusstatus.io is down; dash.nimbus.com too');
    expect(d.string('module_bot_management')).toBe('module_traffic_scoring');
    expect(d.string('change_fl2_release')).toBe('change_relay2_release');
    expect(d.string('access_bypass')).toBe('gatekeeper_bypass');
    // An id inside a sentence is an id, even for a name matched in its exact case in prose.
    expect(d.string('"change" must be one of access_bypass, change_fl2_release')).toBe('"change" must be one of gatekeeper_bypass, change_relay2_release');
  });

  it('rewrites a name written with hyphens inside ids and host names as well as in prose', () => {
    const d = disguised({ ...SECTION, aliases: [...SECTION.aliases, { real: 'us-east-1', alias: 'central-2' }] }, { id: 'toy-us-east-1' });
    expect(d.string('cloudflare-us-east-1-2025-11-18')).toBe('nimbus-central-2-2024-03-13');
    expect(d.string('api.us-east-1.cloudflare.com')).toBe('api.central-2.nimbus.com');
    expect(d.string('Errors in US-EAST-1 and us-east-1')).toBe('Errors in CENTRAL-2 and central-2');
    // The id form still works, and ids come back as themselves.
    expect(d.string('region_us_east_1')).toBe('region_central_2');
    expect(d.string('toy-us-east-1')).toBe('toy-central-2');
    expect(d.realId('toy-central-2')).toBe('toy-us-east-1');
  });

  it('keeps a common word that matches a matchCase name in another case', () => {
    const d = disguised();
    expect(d.string('Access failures; access control on the tables')).toBe('Gatekeeper failures; access control on the tables');
    // A hyphenated compound is a word of its own: an access log, not the product.
    expect(d.string('Access-log sampling for Access-protected apps; Access login pages')).toBe('Access-log sampling for Access-protected apps; Gatekeeper login pages');
  });

  it('replaces the real date in every form, the weekday too', () => {
    const d = disguised();
    expect(d.string('2025-11-18')).toBe('2024-03-13');
    expect(d.string('On Tuesday 18 November 2025 (Nov 18, 2025), 18 Nov at 11:20')).toBe('On Wednesday 13 March 2024 (Mar 13, 2024), 13 Mar at 11:20');
    expect(dateForms('2025-11-18')).toHaveLength(dateForms('2024-03-13').length);
    expect(d.string('cloudflare-2025-11-18')).toBe('nimbus-2024-03-13');
  });

  it('shows the disguise title and summary instead of the real ones', () => {
    const d = disguised();
    expect(d.string(toy.title)).toBe(SECTION.title);
    expect(d.string(toy.summary)).toBe(SECTION.summary);
  });

  it('masks a whole payload, keys included, and leaves tokens and links alone', () => {
    const d = disguised();
    const payload = { sessionId: 'x_fl2_y', playerToken: 'Cloudflare-token', values: { access_bypass: 1, 'module_bot_management': 2 }, list: ['FL2', 3, null, { text: 'Cloudflare' }], links: { page: '/debrief/fl2' } };
    expect(d.mask(payload)).toEqual({
      sessionId: 'x_fl2_y', playerToken: 'Cloudflare-token', values: { gatekeeper_bypass: 1, module_traffic_scoring: 2 }, list: ['Relay2', 3, null, { text: 'Nimbus' }], links: { page: '/debrief/fl2' },
    });
    // Masking what is already masked changes nothing (a snapshot may pass the boundary twice).
    expect(d.mask(d.mask(payload))).toEqual(d.mask(payload));
  });
});

describe('commands come back in real ids', () => {
  it('maps disguised ids and option values back, and refuses the real ids a team was never shown', () => {
    const d = disguiseOf(toy)!;
    expect(d.string('restart_api')).toBe('restart_gateway');
    expect(d.realCommand({ type: 'act', action: 'restart_gateway', params: {} })).toEqual({ type: 'act', action: 'restart_api', params: {} });
    expect(d.realCommand({ type: 'investigate', investigation: 'logs', params: { service: 'gateway' } })).toEqual({ type: 'investigate', investigation: 'logs', params: { service: 'api' } });
    expect(d.realCommand({ type: 'act', action: 'restart_api' })).toEqual({ type: 'act', action: UNKNOWN_ID });
    // Free text stays as typed.
    expect(d.realCommand({ type: 'act', action: 'post_status', params: { message: 'The Gateway is fine' } })).toEqual({ type: 'act', action: 'post_status', params: { message: 'The Gateway is fine' } });
    expect(d.realCommand({ type: 'diagnose', trigger: 'settings_push', mechanism: 'bad_value', evidence: ['F3'] })).toEqual({ type: 'diagnose', trigger: 'config_push', mechanism: 'bad_value', evidence: ['F3'] });
  });
});

describe('a scenario\'s disguise is checked at load', () => {
  it('accepts the toy\'s', () => {
    expect(checkDisguise(toy, 'toy.json')).toEqual([]);
  });

  it('refuses an alias that holds a real name, one alias for two names, the real date, and a real title', () => {
    const bad: DisguiseSection = {
      title: toy.title, summary: 'ok', date: toy.date,
      aliases: [{ real: 'API', alias: 'API gateway' }, { real: 'config', alias: 'Gateway' }, { real: 'Workers', alias: 'gateway' }],
    };
    const problems = checkDisguise({ ...toy, disguise: bad }, 'toy.json').map((p) => `${p.field}: ${p.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^disguise\.aliases\[2\]\.alias: "gateway" already stands for aliases\[1\]/),
      'disguise.date: must differ from the real date 2025-01-01',
    ]);
    const worse = checkDisguise({ ...toy, disguise: { ...bad, date: '2024-01-01', aliases: bad.aliases.slice(0, 2) } }, 'toy.json').map((p) => p.field);
    expect(worse).toContain('disguise.aliases[0].alias');
    expect(worse).toContain('disguise.title');
  });

  it('refuses aliases that would make two ids travel as one', () => {
    const problems = checkDisguise({ ...toy, disguise: { ...SECTION, aliases: [{ real: 'api', alias: 'db' }] } }, 'toy.json');
    expect(problems.map((p) => p.message)).toContain('ids "api" and "db" would both travel as "db"');
  });
});
