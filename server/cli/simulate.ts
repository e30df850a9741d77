/**
 * `npm run simulate -- <scenarioId> [options]`: a headless run of a scenario (simulate-command.ts
 * says what each option does and which go together).
 */
import { simulateCommand } from './simulate-command.ts';

simulateCommand(process.argv.slice(2)).then((result) => {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}, (err: unknown) => {
  process.stderr.write(`simulate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
