/** `npm run scenario:check`: validate every scenario in scenarios/; non-zero exit on a broken one. */
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { formatProblem } from '../scenario-registry/scenario-problems.ts';

const dir = process.argv[2];
const catalog = await loadScenarios(dir);
for (const [id, scenario] of catalog.scenarios) {
  process.stdout.write(`ok      ${id}: ${scenario.data.title}\n`);
}
for (const refused of catalog.refused) {
  process.stdout.write(`REFUSED ${refused.folder}\n${refused.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
}
if (catalog.refused.length > 0) process.exit(1);
