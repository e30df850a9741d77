export { firingAlerts } from '../../server/protocol/firing-alerts.ts';
