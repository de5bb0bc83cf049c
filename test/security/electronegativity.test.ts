// The security gate: @doyensec/electronegativity over the built main process and preload
// (and the renderer's index.html for its CSP). It always exits 0, so its findings are read
// back and every HIGH or MEDIUM one must be explained, one line each, in
// electronegativity-allow.txt; an allow-list line that matches nothing fails too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltApp } from '../packaging/built-app.js';
import {
  allowListFile,
  judge,
  parseAllowList,
  scan,
  stageBuiltApp,
  type Finding,
  type Scan,
} from './electronegativity-scan.js';

const staged: string[] = [];
let app: Scan;
let canary: Scan;

/** An insecure window, scanned on its own: proves the scanner sees what it should. */
const insecureWindow = `
const { BrowserWindow, shell } = require('electron');
const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
win.loadURL('http://example.com/');
shell.openExternal(process.argv[2]);
`;

beforeAll(async () => {
  await ensureBuiltApp();
  const built = stageBuiltApp();
  const canaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-electronegativity-canary-'));
  fs.writeFileSync(path.join(canaryDir, 'insecure-window.js'), insecureWindow);
  staged.push(built.dir, canaryDir);
  [app, canary] = await Promise.all([scan(built.dir, built.original), scan(canaryDir)]);
}, 300_000);

afterAll(() => {
  for (const dir of staged) fs.rmSync(dir, { recursive: true, force: true });
});

function listing(findings: readonly Finding[]): string {
  return findings
    .map(
      (finding) =>
        `${finding.id} ${finding.severity} ${finding.file}:${finding.line} ${finding.sample.trim().slice(0, 120)}`,
    )
    .join('\n');
}

describe('electronegativity over the built app', () => {
  it('parses every file it is given (a file it cannot parse is a file it did not check)', () => {
    expect(app.parseErrors).toEqual([]);
  });

  it('writes the same findings into its SARIF report', () => {
    expect(app.sarifResults).toEqual(app.findings.map((finding) => [finding.id, finding.file]));
  });

  it('finds nothing of HIGH or MEDIUM severity that the allow-list does not explain', () => {
    const { unexplained } = judge(app.findings, parseAllowList(fs.readFileSync(allowListFile, 'utf8')));
    expect(
      unexplained,
      `add a fix, or a line with a reason to ${path.basename(allowListFile)}:\n${listing(unexplained)}`,
    ).toEqual([]);
  });

  it('has no allow-list line that no longer matches a finding', () => {
    const { unused } = judge(app.findings, parseAllowList(fs.readFileSync(allowListFile, 'utf8')));
    expect(unused.map((entry) => `line ${entry.line}: ${entry.id} ${entry.file}`)).toEqual([]);
  });

  it('still catches an insecure window when it sees one', () => {
    expect(canary.parseErrors).toEqual([]);
    const { unexplained } = judge(canary.findings, []);
    const caught = new Set(unexplained.map((finding) => `${finding.id} ${finding.severity}`));
    for (const expected of [
      'CONTEXT_ISOLATION_JS_CHECK HIGH',
      'SANDBOX_JS_CHECK MEDIUM',
      'HTTP_RESOURCES_JS_CHECK MEDIUM',
      'LIMIT_NAVIGATION_GLOBAL_CHECK HIGH',
    ]) {
      expect(caught).toContain(expected);
    }
  });
});

describe('the allow-list rules', () => {
  const finding = (id: string, severity: Finding['severity'] = 'HIGH'): Finding => ({
    id,
    severity,
    file: 'out/main/main.js',
    line: 1,
    confidence: 'FIRM',
    description: '',
    sample: '',
  });
  const entry = (id: string) => parseAllowList(`${id} out/main/main.js because of a reason given in words`)[0]!;

  it('lets one line explain one finding only', () => {
    const { unexplained, unused } = judge(
      [finding('SANDBOX_JS_CHECK'), finding('SANDBOX_JS_CHECK')],
      [entry('SANDBOX_JS_CHECK')],
    );
    expect(unexplained).toHaveLength(1);
    expect(unused).toEqual([]);
  });

  it('ignores LOW and INFORMATIONAL findings, and reports lines left over', () => {
    const { unexplained, unused } = judge([finding('CSP_GLOBAL_CHECK', 'LOW')], [entry('SANDBOX_JS_CHECK')]);
    expect(unexplained).toEqual([]);
    expect(unused.map((left) => left.id)).toEqual(['SANDBOX_JS_CHECK']);
  });

  it('refuses a line without a file or a reason', () => {
    expect(() => parseAllowList('SANDBOX_JS_CHECK out/main/main.js')).toThrow(/reason/);
    expect(() => parseAllowList('SANDBOX_JS_CHECK out/main/main.js ok')).toThrow(/reason/);
    expect(parseAllowList('# comment\n\n')).toEqual([]);
  });

  it('reads the committed allow-list', () => {
    expect(() => parseAllowList(fs.readFileSync(allowListFile, 'utf8'))).not.toThrow();
  });
});
