import { settleQualification } from '../procedures/qualification/settle.actions.js';
import { runSettle } from './settle-runner.js';

/**
 * `jifang qualification settle`: deemed acceptance (行政许可法32) of qualification applications, as
 * the system actor — the same work the server does at start and hourly. Ctrl-C stops between
 * applications; a rerun finishes the rest.
 */
export async function runQualification(argv: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (argv[0] !== 'settle' || argv.length > 1) {
    err.write('usage: jifang qualification settle\n');
    return 2;
  }
  return runSettle(out, settleQualification, (r) => `qualification settled: ${r.deemedAccepted} deemed accepted`);
}
