/**
 * Evidence: what each tool shows, computed from the hidden state when the investigation completes
 * (`t`) over the window it covered (from the request, `requestedAt`). Data only — log lines, query
 * results, metric tables and change records with their times — never a conclusion the real
 * responders reached afterwards. Red herrings are real data that point away from the cause.
 * `leads` are what a responder learns to look at next and `shows` the observations the data
 * really holds (docs/model.md, "Evidence graph").
 */
import type { EvidenceBody, InvestigationCall, ModelContext } from '../../server/engine/index.ts';
import { changeLog } from './change-log.ts';
import { botScores, bgp, cpuProfile, maintenance, statusPageHost, trafficAnalysis } from './evidence-edge.ts';
import { clickhouseCluster, fileHistory, generationQuery } from './evidence-pipeline.ts';
import { fl2Logs, flLogs, kvTrace } from './evidence-proxy.ts';
import type { CfState } from './model-state.ts';

export function investigate(m: CfState, inv: InvestigationCall, { t }: ModelContext): EvidenceBody {
  const from = Math.min(inv.requestedAt, t);
  switch (inv.id) {
    case 'traffic_analysis': return trafficAnalysis(m, from, t);
    case 'status_page_host': return statusPageHost(m, from, t);
    case 'datacenter_maintenance': return maintenance(m, from, t);
    case 'kv_gateway_errors': return kvTrace(m, from, t);
    case 'proxy_logs': return inv.params.proxy === 'fl' ? flLogs(m, from, t) : fl2Logs(m, from, t);
    case 'feature_file_history': return fileHistory(m, t);
    case 'change_log': return changeLog(m, t);
    case 'generation_query': return generationQuery(m, t);
    case 'clickhouse_cluster': return clickhouseCluster(m, t);
    case 'cpu_profile': return cpuProfile(m, from, t);
    case 'bgp_routing': return bgp(m, from, t);
    case 'bot_score_distribution': return botScores(m, from, t);
    default: return { summary: 'Nothing found.', detail: `No such investigation: ${inv.id}.` };
  }
}
