import { readFileSync } from 'node:fs';
import { verifyGrantFile } from '../procedures/access/grant-verify.js';
import { splitArgs } from './args.js';

/**
 * `jifang grant verify <file> [--key signing.pub.pem]`: checks an access grant offline (no database, no
 * settings), as a VMS does before letting anyone view or export footage. Exit 0 valid and current, 1 invalid or
 * expired, 2 usage.
 */
type Out = Pick<NodeJS.WritableStream, 'write'>;

export function runGrant(argv: string[], out: Out, err: Out, now: Date = new Date()): number {
  if (argv[0] !== 'verify') return usage(err, 'unknown grant command');
  const args = splitArgs(argv.slice(1));
  if (typeof args === 'string') return usage(err, args);
  if (args.positional.length !== 1) return usage(err, 'give one grant file');
  let file: unknown;
  let publicKey: string | undefined;
  try {
    file = JSON.parse(readFileSync(args.positional[0], 'utf8'));
    if (args.flags.key) publicKey = readFileSync(args.flags.key, 'utf8');
  } catch (e) {
    err.write(`cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const res = verifyGrantFile(file, { publicKey, now });
  if (!res.ok) {
    out.write(`grant does NOT verify (${res.failure}): ${res.message}\n`);
    return 1;
  }
  const g = res.grant;
  const key = res.keyPinned ? `the trusted key ${res.keyId}` : `the file's own key ${res.keyId} — compare it with the published key (or pass --key)`;
  out.write(
    `grant OK: ${g.id} (${g.action}, art. ${g.basis}) for ${g.organisation}, ${g.cameras.length} camera(s), ` +
      `footage ${g.window.from} – ${g.window.to}, ${g.officials.length} official(s), at least ${g.officialsRequired} present; ` +
      `signed (${res.alg}) by ${key}; valid ${g.issuedAt} – ${g.expiresAt}\n`,
  );
  if (res.expired) {
    out.write('EXPIRED: the grant may no longer be used\n');
    return 1;
  }
  if (res.notYetValid) {
    out.write('NOT YET VALID: the grant was issued in the future (check the clock)\n');
    return 1;
  }
  return 0;
}

function usage(err: Out, why: string): number {
  err.write(`${why}\n  jifang grant verify <grant.json> [--key signing.pub.pem]\n`);
  return 2;
}
