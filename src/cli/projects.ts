import { settleProjects } from '../procedures/projects/settle.actions.js';
import { runSettle } from './settle-runner.js';

/**
 * `jifang projects settle`: deemed acceptance (行政许可法32) and eligibility flags (art. 14(2), 16),
 * as the system actor — the same work the server does at start and hourly. Ctrl-C stops between
 * projects; a rerun finishes the rest.
 */
export async function runProjects(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (argv[0] !== 'settle') {
    err.write('usage: jifang projects settle\n');
    return 2;
  }
  return runSettle(
    out,
    settleProjects,
    (r) => `projects settled: ${r.deemedAccepted} deemed accepted, ${r.checked} checked for eligibility, ${r.flagged} flagged, ${r.cleared} cleared`,
  );
}
