// Node, test helper: runs electronegativity over the built main process and preload, and
// decides which findings the committed allow-list explains.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { outDir, projectRoot } from '../packaging/built-app.js';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface Finding {
  id: string;
  /** The file as it is in the project (out/main/main.js), "N/A" for app-wide findings. */
  file: string;
  line: number;
  severity: Severity;
  confidence: string;
  description: string;
  sample: string;
}

export interface Scan {
  findings: Finding[];
  /** Files electronegativity could not parse, and so did not check. */
  parseErrors: string[];
  /** [ruleId, file] of each result in the SARIF report, in order. */
  sarifResults: Array<[string, string]>;
}

export const gatedSeverities: ReadonlySet<string> = new Set(['HIGH', 'MEDIUM']);
export const allowListFile = path.join(projectRoot, 'test', 'security', 'electronegativity-allow.txt');
const childScript = path.join(projectRoot, 'test', 'security', 'electronegativity-child.ts');

/**
 * Copies what gets scanned into a fresh folder: the built JavaScript of main and preload, and
 * the renderer's index.html for its CSP. Electronegativity reads only *.js (not .cjs) and its
 * 2019 parsers stop at class private fields, so the code is first lowered to ES2017 by
 * TypeScript — same calls, same object literals, older syntax.
 */
export function stageBuiltApp(): { dir: string; original: Map<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-electronegativity-'));
  const original = new Map<string, string>();
  const stage = (from: string, to: string, lower: boolean) => {
    const code = fs.readFileSync(from, 'utf8');
    const target = path.join(dir, to);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, lower ? lowered(code) : code);
    original.set(to, path.relative(projectRoot, from).split(path.sep).join('/'));
  };
  for (const part of ['main', 'preload']) {
    for (const file of fs.readdirSync(path.join(outDir, part), { recursive: true, encoding: 'utf8' })) {
      if (!/\.[cm]?js$/.test(file)) continue;
      const name = file.split(path.sep).join('/');
      stage(path.join(outDir, part, file), `${part}/${name.endsWith('.js') ? name : `${name}.js`}`, true);
    }
  }
  stage(path.join(outDir, 'renderer', 'index.html'), 'renderer/index.html', false);
  return { dir, original };
}

function lowered(code: string): string {
  return ts.transpileModule(code, {
    fileName: 'bundle.js',
    compilerOptions: { allowJs: true, target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.ESNext, sourceMap: false },
  }).outputText;
}

/** The installed Electron's version, which decides the defaults electronegativity assumes. */
export function electronVersion(): string {
  const manifest = createRequire(import.meta.url)('electron/package.json') as { version: string };
  return manifest.version;
}

interface ChildOutput {
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Array<Omit<Finding, 'severity'> & { severity: string }>;
}

/** Scans `dir` in a child process (electronegativity sets globals and logs freely). */
export async function scan(dir: string, original: ReadonlyMap<string, string> = new Map()): Promise<Scan> {
  const sarif = path.join(dir, '..', `${path.basename(dir)}.sarif`);
  const json = path.join(dir, '..', `${path.basename(dir)}.json`);
  await runChild([childScript, dir, sarif, json, electronVersion()]);
  const output = JSON.parse(fs.readFileSync(json, 'utf8')) as ChildOutput;
  const report = JSON.parse(fs.readFileSync(sarif, 'utf8')) as {
    runs: Array<{
      results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    }>;
  };
  fs.rmSync(sarif, { force: true });
  fs.rmSync(json, { force: true });
  const projectFile = (file: string) => original.get(file) ?? file;
  return {
    findings: output.issues.map((issue) => ({
      ...issue,
      file: projectFile(issue.file),
      severity: issue.severity as Severity,
    })),
    parseErrors: output.errors
      .filter((error) => !error.tolerable)
      .map((error) => `${projectFile(path.relative(dir, error.file))}: ${error.message}`),
    sarifResults: (report.runs[0]?.results ?? []).map((result) => {
      const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? '';
      return [result.ruleId, uri === 'file:///' ? 'N/A' : projectFile(uri)];
    }),
  };
}

function runChild(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // Fetching translations is its only network use; offline it gives up within seconds.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`electronegativity failed (${signal ?? `status ${code}`}):\n${output}`));
    });
  });
}

export interface AllowEntry {
  id: string;
  file: string;
  reason: string;
  line: number;
}

/** One finding per line: `CHECK_ID file reason…`; blank lines and # comments are skipped. */
export function parseAllowList(text: string): AllowEntry[] {
  const entries: AllowEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) return;
    const match = /^([A-Z0-9_]+)\s+(\S+)\s+(.+)$/.exec(content);
    if (!match || match[3]!.trim().split(/\s+/).length < 5) {
      throw new Error(
        `allow-list line ${index + 1}: expected "CHECK_ID file reason" with a real reason, got "${content}"`,
      );
    }
    entries.push({ id: match[1]!, file: match[2]!, reason: match[3]!.trim(), line: index + 1 });
  });
  return entries;
}

/** Each entry explains exactly one gated finding; what is left on either side is a failure. */
export function judge(
  findings: readonly Finding[],
  allowList: readonly AllowEntry[],
): { unexplained: Finding[]; unused: AllowEntry[] } {
  const unused = [...allowList];
  const unexplained: Finding[] = [];
  for (const finding of findings.filter((candidate) => gatedSeverities.has(candidate.severity))) {
    const index = unused.findIndex((entry) => entry.id === finding.id && entry.file === finding.file);
    if (index === -1) unexplained.push(finding);
    else unused.splice(index, 1);
  }
  return { unexplained, unused };
}
