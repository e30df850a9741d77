/** Which tool answers which investigation (evidence-*.ts); computed when the investigation completes. */
import type { EvidenceBody, ModelContext, ParamValues } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import { dnsLookup, enactorLogs, recordHistory, route53Health } from './evidence-dns.ts';
import { apiErrorsByService, changeLog, trafficAnalysis, triagePages } from './evidence-ops.ts';
import { capacityReport, dwfmStatus, ec2LaunchErrors, networkManagerStatus } from './evidence-ec2.ts';
import { lambdaHealth, nlbHealthHistory, nlbOverview } from './evidence-services.ts';

export function investigate(m: AwsState, inv: { id: string; params: ParamValues }, { t }: ModelContext): EvidenceBody {
  const p = inv.params;
  switch (inv.id) {
    case 'triage_pages': return triagePages(m);
    case 'dns_lookup': return dnsLookup(m, String(p.name), String(p.resolver), t);
    case 'api_errors_by_service': return apiErrorsByService(m, t);
    case 'change_log': return changeLog(m, t);
    case 'traffic_analysis': return trafficAnalysis(m, t);
    case 'route53_health': return route53Health(m, t);
    case 'ec2_launch_errors': return ec2LaunchErrors(m, t);
    case 'capacity_report': return capacityReport(m);
    case 'lambda_health': return lambdaHealth(m, t);
    case 'nlb_overview': return nlbOverview(m, t);
    case 'record_history': return recordHistory(m, String(p.window), t);
    case 'enactor_logs': return enactorLogs(m, String(p.window), t);
    case 'dwfm_status': return dwfmStatus(m, t);
    case 'network_manager_status': return networkManagerStatus(m, t);
    case 'nlb_health_history': return nlbHealthHistory(m, t);
    default: return { summary: 'Nothing found.', detail: `Unknown investigation ${inv.id}.` };
  }
}
