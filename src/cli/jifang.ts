import { loadConfig } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { generateOpenApi } from '../platform/http/openapi.js';
import { runLedgerVerify } from './ledger-verify.js';
import { runCheckProof, runExportProof, runLedgerCheckpoint } from './ledger-proof.js';
import { runGrant } from './grant.js';
import { SYSTEM_ACTOR } from '../platform/access/actor.js';
import { systemClock } from '../platform/clock.js';
import { recomputeAllFindings } from '../procedures/registry/findings.recompute.js';
import { progressReporter } from './progress.js';
import { runImport } from './import.js';
import { runExport } from './export.js';
import { runSeedScale } from './seed-scale.js';
import { runDeadlines } from './deadlines.js';
import { runProjects } from './projects.js';
import { runQualification } from './qualification.js';
import { openDatabase, serve } from './server.js';

const USAGE = `jifang — 技防 platform command

  jifang serve [--demo]    start the server (--demo: demo data into an empty database)
  jifang migrate           apply database migrations
  jifang ledger verify     verify the whole tamper-evident ledger and the access register against it (exit 1 naming the first bad entry or row)
  jifang ledger checkpoint                 sign a checkpoint (origin, size, Merkle root) of the ledger now
  jifang ledger export-proof <seq> [--out file] [--checkpoint id]   inclusion-proof bundle for one entry
  jifang ledger check-proof <bundle> [--key public.pem]   verify a bundle offline (no database)
  jifang grant verify <grant.json> [--key signing.pub.pem]   verify an access grant offline (no database)
  jifang registry recompute  recompute every site's compliance findings (after a catalogue change)
  jifang deadlines recompute recompute open deadlines on the calendar in force (after a calendar revision)
  jifang openapi           print the OpenAPI document
  jifang projects settle   deemed acceptance (行政许可法32) and company eligibility flags (art. 14(2), 16)
  jifang qualification settle  deemed acceptance (行政许可法32) of qualification applications
  jifang seed-scale --sites N --devices M [--data-dir DIR] [--seed S] [--append]   generate a realistic province
  jifang import <sites|systems|devices> <file.xlsx|file.csv> --as <username> [--mode dry_run|all_or_nothing|valid_rows_only] [--report <n>]
  jifang export <sites|findings|devices> --as <username> [--out file.xlsx] [--division 440106] [--category 4] [--article 10] …
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, sub] = argv;
  if (cmd === 'serve') {
    await serve({ demo: argv.includes('--demo') });
    return -1; // keep running
  }
  if (cmd === 'migrate') {
    const db = openDatabase(loadConfig());
    const applied = await migrateToLatest(db.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
    await db.close();
    return 0;
  }
  // No database and no settings: runs on an inspector's machine with only the bundle.
  if (cmd === 'grant') return runGrant(argv.slice(1), process.stdout, process.stderr);
  if (cmd === 'ledger' && sub === 'check-proof') return runCheckProof(argv.slice(2), process.stdout, process.stderr);
  if (cmd === 'ledger' && (sub === 'checkpoint' || sub === 'export-proof')) {
    const config = loadConfig();
    const db = openDatabase(config);
    try {
      await migrateToLatest(db.db);
      if (sub === 'checkpoint') return await runLedgerCheckpoint(db.db, config, systemClock.now(), process.stdout, process.stderr);
      return await runExportProof(db.db, config, systemClock.now(), argv.slice(2), process.stdout, process.stderr);
    } finally {
      await db.close();
    }
  }
  if (cmd === 'ledger' && sub === 'verify') {
    const db = openDatabase(loadConfig());
    try {
      await migrateToLatest(db.db);
      return await runLedgerVerify(db.db, process.stdout);
    } finally {
      await db.close();
    }
  }
  if (cmd === 'registry' && sub === 'recompute') {
    const config = loadConfig();
    const db = openDatabase(config);
    try {
      await migrateToLatest(db.db);
      const progress = progressReporter('recompute');
      const r = await recomputeAllFindings(db.db, { actor: SYSTEM_ACTOR, clock: systemClock, config }, progress.update);
      progress.finish();
      console.log(`findings recomputed: ${r.sites} sites, ${r.opened} opened, ${r.resolved} resolved`);
      return 0;
    } finally {
      await db.close();
    }
  }
  if (cmd === 'import') return runImport(argv.slice(1));
  if (cmd === 'seed-scale') return runSeedScale(argv.slice(1));
  if (cmd === 'deadlines') return runDeadlines(argv.slice(1));
  if (cmd === 'export') return runExport(argv.slice(1));
  if (cmd === 'projects') return runProjects(argv.slice(1));
  if (cmd === 'qualification') return runQualification(argv.slice(1));
  if (cmd === 'openapi') {
    process.stdout.write(await generateOpenApi());
    return 0;
  }
  process.stdout.write(USAGE);
  return cmd ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
