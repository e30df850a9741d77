/** `npm run scenario:check` as a child process, as CI runs it: exit codes and messages. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'server/cli/scenario-check.ts');

function check(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scenario:check', () => {
  it('exits 1 on a directory with broken scenarios, naming file and field, and still checks the good one', () => {
    const { code, stdout, stderr } = check('server/scenario-registry/fixtures/mixed');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ok {6}toy-good: Toy: a bad config push$/m);
    expect(stdout).toMatch(/^ {8}reference {6}score +500\.4 {2}impact_start 10:05, resolved 10:30$/m);
    expect(stdout).toMatch(/^ {8}par realistic {2}score +\d+(\.\d)? {2}impact_start 10:05, resolved 10:1\d$/m);
    expect(stdout).toMatch(/^ {8}par guided {5}score +\d+(\.\d)? {2}impact_start 10:05, resolved 10:1\d$/m);
    expect(stdout).toMatch(/plan \(3 responders\): .*rollback_config/);
    // The toy replaces the generic failure classes with two of its own: the blind solver has no
    // signature to reason from, so it declares nothing, and says the scenario is not solved.
    expect(stdout).toMatch(/diagnosis declared: none/);
    expect(stdout).toMatch(/FAIL in realistic mode the solver held no right diagnosis its findings support/);
    const mixed = 'server/scenario-registry/fixtures/mixed';
    expect(stderr).toContain(`REFUSED ${mixed}/broken-bad-plan-action`);
    expect(stderr).toContain(`${mixed}/broken-bad-plan-action/scenario.json: referencePlan[3].action: unknown action "rollback_everything"`);
    expect(stderr).toContain(`${mixed}/broken-unknown-alert-signal/scenario.json: alerts[0].signal: unknown signal "error_ratio"`);
    expect(stderr).toContain(`${mixed}/broken-model-throws/model.ts: model.step: threw at 10:40:00`);
    expect(stderr).toContain(`${mixed}/broken-locked-tool/scenario.json: referencePlan[3]: action rollback_config can never be unlocked: it needs lead change_v42`);
    expect(stderr).toContain(`${mixed}/broken-briefing-window/scenario.json: briefing.situation: says "10:00 to 10:30" but the clock runs 10:00 to 11:00`);
    expect(stderr.match(/^REFUSED /gm)).toHaveLength(11);
  }, 120_000);

  it('exits 0 when every scenario is valid', () => {
    const { code, stdout, stderr } = check('server/engine/test-fixtures', '--no-par');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('ok      toy-config-push: Toy: a bad config push\nok      toy-page-storm: Toy: a dependency outage, a page storm and a queue that collapses\n');
  }, 120_000);

  it('exits 2 on a bad option', () => {
    const { code, stderr } = check('--fast');
    expect(code).toBe(2);
    expect(stderr).toMatch(/usage: npm run scenario:check/);
  }, 120_000);
});
