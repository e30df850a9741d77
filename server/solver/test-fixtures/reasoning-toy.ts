/**
 * The engine's toy (a bad config at 10:05 makes 40% of requests fail until it is rolled back),
 * dressed as a real scenario for the solver's reasoning: a change list of three changes, the
 * generic catalogue of triggers and failure classes, components to name, evidence as plain data
 * (log lines, tables with times) and the observations that support each part of the diagnosis.
 *
 * Two readings of the same symptoms, so a test can show the solver follows the data:
 * - `over-limit` (the answer): the 10:05 config grew the API's connection table past its 4096
 *   slots; the workers panic on an index out of range while loading it.
 * - `certificate`: the edge certificate was rotated at 10:04 and the workers fail TLS with an
 *   expired certificate; config v42 went out at 08:30 and the connection table never grew. (The
 *   toy's model still cures it with the config rollback: use this reading for reasoning only.)
 */
import { clock, scenarioDataSchema, type EvidenceBody, type Scenario, type ScenarioData } from '../../engine/index.ts';
import { loadToyScenario } from '../../engine/test-fixtures/load-toy.ts';

export type ToyReading = 'over-limit' | 'certificate';

const CHANGE_LEADS = ['change_api_release', 'change_cert_rotation', 'change_config_v42'];

export async function loadReasoningToy(reading: ToyReading = 'over-limit'): Promise<Scenario> {
  const toy = await loadToyScenario();
  const json = JSON.parse(JSON.stringify(toy.data)) as Record<string, unknown> & ScenarioData;
  const certAt = reading === 'certificate' ? '10:04' : '09:20';
  const configAt = reading === 'certificate' ? '08:30' : '10:05';
  const data = scenarioDataSchema.parse({
    ...json,
    leads: [
      { id: 'change_api_release', kind: 'change', label: 'API release 3.2 (yesterday 17:00)' },
      { id: 'change_cert_rotation', kind: 'change', label: `Edge certificate rotation (${certAt})` },
      { id: 'change_config_v42', kind: 'change', label: `Config v42: API connection table settings (${configAt})` },
      { id: 'svc_api', kind: 'component', label: 'API workers' },
      { id: 'svc_db', kind: 'component', label: 'Database' },
      { id: 'artefact_conn_table', kind: 'artefact', label: 'API connection table (loaded from config)' },
    ],
    observations: [
      { id: 'change_listed', label: 'The 10:05 config change in the change list', source: 'toy' },
      { id: 'api_crash', label: 'API workers panic loading the connection table', source: 'toy' },
      { id: 'table_over_limit', label: 'Connection table entries past the 4096 slots', source: 'toy' },
    ],
    investigations: [
      ...json.investigations,
      {
        id: 'config_history', title: 'Inspect the API config versions', description: 'Versions of the config the API workers load, with what each holds.',
        durationMinutes: 2, requires: { anyOf: ['svc_api'] },
      },
    ],
    diagnosis: {
      correct: { trigger: 'change_config_v42', component: ['svc_api', 'artefact_conn_table'], mechanism: 'generated_file_over_limit' },
      support: { trigger: { anyOf: ['change_listed'] }, component: { anyOf: ['api_crash', 'table_over_limit'] }, mechanism: { allOf: ['table_over_limit'] } },
    },
    referencePlan: [
      { at: '10:15', action: 'post_status', params: { message: 'Investigating errors' } },
      { at: '10:20', investigate: 'recent_changes' },
      { at: '10:20', investigate: 'logs', params: { service: 'api' } },
      { at: '10:23', investigate: 'config_history' },
      { at: '10:25', diagnose: { trigger: 'change_config_v42', component: 'svc_api', mechanism: 'generated_file_over_limit', evidence: ['recent_changes', 'config_history'] } },
      { at: '10:25', action: 'rollback_config' },
    ],
  });
  return {
    data,
    model: {
      ...toy.model,
      investigate: (m, inv, ctx): EvidenceBody => {
        const bad = (m as { badConfig: boolean }).badConfig;
        const now = (offset: number) => { const s = ctx.t - offset; return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`; };
        switch (inv.id) {
          case 'recent_changes': return {
            summary: '3 changes in the last 24 hours.', detail: 'From the change log.',
            table: { columns: ['id', 'time', 'change', 'status'], rows: [['CHG-101', 'yesterday 17:00', 'API release 3.2', 'complete'], ['CHG-102', certAt, 'Edge certificate rotation', 'complete'], ['CHG-103', configAt, 'Config v42: API connection table settings', 'complete']] },
            leads: CHANGE_LEADS, shows: ['change_listed'],
          };
          case 'logs': {
            if (inv.params.service === 'db') return { summary: 'Database logs, last 5 minutes.', detail: '', table: { columns: ['time', 'message'], rows: [[now(40), 'checkpoint complete']] }, leads: ['svc_db'] };
            if (!bad || ctx.t < clock('10:05')) return { summary: 'API worker logs, last 5 minutes.', detail: '', table: { columns: ['time', 'message'], rows: [[now(30), 'GET /checkout 200']] } };
            const line = reading === 'over-limit'
              ? 'panic: runtime error: index out of range [4096] with length 4096 (conntable.Load)'
              : 'tls: failed to verify certificate: x509: certificate has expired or is not yet valid';
            return {
              summary: 'API worker logs, last 5 minutes.', detail: '',
              table: { columns: ['time', 'worker', 'message'], rows: [[now(12), 'api-3', line], [now(31), 'api-7', line], [now(47), 'api-1', line]] },
              leads: ['svc_api'], ...(reading === 'over-limit' ? { shows: ['api_crash'] } : {}),
            };
          }
          case 'config_history': {
            const grew = reading === 'over-limit';
            const rows: (string | number)[][] = [['v40', '07:00', 'CHG-091', 1810], ['v41', '07:40', 'CHG-095', 1822]];
            if (ctx.t >= clock(configAt)) rows.push(['v42', configAt, 'CHG-103', grew ? 5120 : 1830]);
            return {
              summary: 'API config versions, newest last.', detail: 'Loaded by every API worker at start and on change.',
              table: { columns: ['version', 'deployed', 'change', 'connection table entries'], rows },
              leads: ['artefact_conn_table'], ...(grew && ctx.t >= clock('10:05') ? { shows: ['table_over_limit'] } : {}),
            };
          }
          default: return toy.model.investigate(m, inv, ctx);
        }
      },
    },
  };
}
