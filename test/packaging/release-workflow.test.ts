// .github/workflows/release.yml checked here, not on the first tag: action-validator (GitHub's
// workflow schema, from npm) must accept it and reject a broken copy, and the release's own
// rules hold: a v* tag starts it, the tests and the smoke test run before any installer is
// built, all three systems are built, and signing material comes only from `secrets.`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/process.js';

const workflowPath = path.join(projectRoot, '.github', 'workflows', 'release.yml');
const workflowText = fs.readFileSync(workflowPath, 'utf8');
const validator = path.join(projectRoot, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Job {
  needs?: string | string[];
  'runs-on': string;
  steps: Step[];
  strategy?: { matrix: { include: { os: string; platform: string }[] } };
  env?: Record<string, string>;
}
const workflow = yaml.load(workflowText) as { on: { push: { tags: string[] } }; jobs: Record<string, Job> };

function validate(file: string) {
  return spawnSync(process.execPath, [validator, file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const needsOf = (job: Job) => [job.needs ?? []].flat();
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe('release.yml against the workflow schema (action-validator)', () => {
  it('is valid', () => {
    const result = validate(workflowPath);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('rejects a copy with a misspelt key (so the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-workflow-'));
    try {
      const broken = path.join(dir, 'release.yml');
      fs.writeFileSync(broken, workflowText.replace('runs-on: ${{ matrix.os }}', 'run-on: ${{ matrix.os }}'));
      const result = validate(broken);
      expect(result.status).toBe(1);
      expect(result.stdout + result.stderr).toMatch(/Additional property 'run-on' is not allowed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the release', () => {
  const { test, release, build } = workflow.jobs;

  it('starts on a v* tag', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
  });

  it('tests on Linux first: npm ci, Electron fetched, npm test and the smoke test under xvfb-run', () => {
    expect(test!['runs-on']).toMatch(/^ubuntu/);
    const script = runs(test!);
    const order = [
      'npm ci',
      'node node_modules/electron/install.js',
      'xvfb-run --auto-servernum npm test',
      '--smoke-test',
    ];
    const positions = order.map((part) => script.indexOf(part));
    expect(
      positions.every((position) => position >= 0),
      script,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(script).toMatch(/xvfb-run .*electron .*--smoke-test/);
  });

  it('builds installers only after the tests passed', () => {
    expect(needsOf(release!)).toContain('test');
    expect(needsOf(build!)).toContain('test');
  });

  it('builds Windows (NSIS), macOS and Linux with electron-builder, without publishing on its own', () => {
    const matrix = build!.strategy!.matrix.include;
    expect(matrix.map((entry) => entry.platform).sort()).toEqual(['--linux', '--mac', '--win']);
    expect(matrix.map((entry) => entry.os.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows']);
    expect(runs(build!)).toMatch(
      /electron-builder --config electron-builder\.yml \$\{\{ matrix\.platform \}\} --publish never/,
    );
    expect(runs(build!)).toMatch(/gh release upload/);
    const artifact = build!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(artifact).toBeDefined();
  });

  it('takes signing and notarization material only from secrets, and can go without it', () => {
    const secretNames = [
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
    ];
    for (const name of secretNames) expect(build!.env![name]).toBe(`\${{ secrets.${name} }}`);
    // Every expression that reads a secret reads it as secrets.NAME, nothing computed.
    const expressions = workflowText.match(/\$\{\{[^}]*\}\}/g) ?? [];
    for (const expression of expressions.filter((text) => /secret/i.test(text)))
      expect(expression).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    expect(runs(build!)).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false');
  });
});
