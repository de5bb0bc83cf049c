// Node, child process of the security gate (electronegativity.test.ts). Runs electronegativity
// through its documented programmatic API on one folder, has it write its SARIF report, and
// writes what it returned ({ errors, issues }) as JSON next to it.
//   node --import tsx test/security/electronegativity-child.ts <input dir> <out.sarif> <out.json> <electron version>
// Why not the CLI: it always exits 0, and its CSV writer truncates or overwrites its own rows
// (the header and the rows are two unsynchronised writes), so severities cannot be read from
// it reliably; the SARIF report has no severities at all.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Level {
  name: string;
}

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: Level;
  confidence: Level;
  description: string;
  sample?: string;
  manualReview?: boolean;
}

interface RawResult {
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: RawIssue[];
}

type Run = (options: Record<string, unknown>) => Promise<RawResult>;

const [input, sarifFile, jsonFile, electronVersion] = process.argv.slice(2);
if (!input || !sarifFile || !jsonFile || !electronVersion) {
  process.stderr.write('usage: electronegativity-child.ts <input dir> <out.sarif> <out.json> <electron version>\n');
  process.exit(2);
}

const loaded = createRequire(import.meta.url)('@doyensec/electronegativity') as { default?: Run } | Run;
const run = typeof loaded === 'function' ? loaded : loaded.default;
if (!run) throw new Error('@doyensec/electronegativity exports no run function');

const result = await run({
  input,
  output: sarifFile,
  isSarif: true,
  isRelative: true,
  // The option the runner reads (its README says `electronVersion`, which it ignores).
  electronVersionOverride: electronVersion,
  // Downloads Electron's release list from GitHub: no network in CI, and the version is
  // checked by the checklist test instead.
  excludeFromScan: ['availablesecurityfixesglobalcheck'],
});

writeFileSync(
  jsonFile,
  JSON.stringify({
    errors: result.errors,
    issues: result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      description: issue.description,
      sample: issue.sample ?? '',
      manualReview: issue.manualReview ?? false,
    })),
  }),
);
