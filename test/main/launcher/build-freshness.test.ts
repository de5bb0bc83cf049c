// `npm start` builds out/ only when it is missing or older than its sources: the decision from
// injected file facts, then the same decision read from real files in a temporary repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildOutputs,
  decideBuild,
  readBuildFacts,
  readStamp,
  scanInputs,
  stampFile,
  writeStamp,
  type BuildFacts,
} from '../../../main/launcher/build-freshness.mjs';

const builtAt = Date.UTC(2026, 11, 4, 12);
const fresh: BuildFacts = {
  stamp: { newestInputMs: builtAt, inputFiles: 3 },
  missingOutput: null,
  inputs: { newest: { path: 'main/core/a.ts', mtimeMs: builtAt }, files: 3 },
  rebuild: false,
};

describe('whether npm start builds (injected file facts)', () => {
  it('reuses out/ when nothing changed since the build', () => {
    expect(decideBuild(fresh)).toEqual({ build: false });
  });

  it('builds when no build ever finished (a fresh clone, or a build that failed half-way)', () => {
    expect(decideBuild({ ...fresh, stamp: null })).toEqual({ build: true, reason: 'no finished build in out/' });
  });

  it('builds when one of the outputs is gone', () => {
    expect(decideBuild({ ...fresh, missingOutput: 'chromium/main.js' })).toEqual({
      build: true,
      reason: 'out/chromium/main.js is missing',
    });
  });

  it('builds when a source is newer than what the last build saw, and names it', () => {
    const edited = { path: 'renderer/app/App.tsx', mtimeMs: builtAt + 1 };
    expect(decideBuild({ ...fresh, inputs: { newest: edited, files: 3 } })).toEqual({
      build: true,
      reason: 'renderer/app/App.tsx changed since the last build',
    });
  });

  it('builds when a source file was deleted or added with an old time', () => {
    expect(decideBuild({ ...fresh, inputs: { ...fresh.inputs, files: 2 } })).toEqual({
      build: true,
      reason: 'source files were added or deleted (3 → 2)',
    });
  });

  it('builds when asked (--rebuild), even when fresh', () => {
    expect(decideBuild({ ...fresh, rebuild: true })).toEqual({ build: true, reason: 'asked to (--rebuild)' });
  });
});

describe('the file facts of a repository', () => {
  let root = '';
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function file(relative: string, mtimeMs: number): void {
    const full = path.join(root, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, relative);
    fs.utimesSync(full, mtimeMs / 1000, mtimeMs / 1000);
  }

  function repo(): void {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-freshness-'));
    file('main/launcher/main.ts', builtAt - 3000);
    file('renderer/app/App.tsx', builtAt - 2000);
    file('package.json', builtAt - 1000);
    // Not inputs: what npm installs, and editors' and tools' dot-files.
    file('main/node_modules/x/index.js', builtAt + 5000);
    file('main/.cache/y', builtAt + 5000);
    for (const output of buildOutputs) file(path.join('out', output), builtAt);
  }

  it('counts the input files and finds the newest, skipping node_modules and dot-files', () => {
    repo();
    expect(scanInputs(root)).toEqual({ newest: { path: 'package.json', mtimeMs: builtAt - 1000 }, files: 3 });
  });

  it('reads back the stamp a build wrote, and no stamp from a file that is not one', () => {
    repo();
    const outDir = path.join(root, 'out');
    expect(readStamp(outDir)).toBeNull();
    writeStamp(outDir, { newestInputMs: 5, inputFiles: 2 });
    expect(readStamp(outDir)).toEqual({ newestInputMs: 5, inputFiles: 2 });
    fs.writeFileSync(path.join(outDir, stampFile), '{"newestInputMs":"soon"}');
    expect(readStamp(outDir)).toBeNull();
  });

  it('reuses a build stamped from the inputs it read, and builds after an edit, a deletion or a lost output', () => {
    repo();
    const facts = () => readBuildFacts(root, false);
    expect(decideBuild(facts())).toEqual({ build: true, reason: 'no finished build in out/' });

    const seen = scanInputs(root);
    writeStamp(path.join(root, 'out'), { newestInputMs: seen.newest!.mtimeMs, inputFiles: seen.files });
    expect(decideBuild(facts())).toEqual({ build: false });
    expect(decideBuild(readBuildFacts(root, true)).build).toBe(true);

    file('main/launcher/main.ts', builtAt);
    expect(decideBuild(facts())).toEqual({ build: true, reason: 'main/launcher/main.ts changed since the last build' });
    fs.utimesSync(path.join(root, 'main/launcher/main.ts'), (builtAt - 3000) / 1000, (builtAt - 3000) / 1000);
    expect(decideBuild(facts())).toEqual({ build: false });

    fs.rmSync(path.join(root, 'renderer/app/App.tsx'));
    expect(decideBuild(facts())).toEqual({ build: true, reason: 'source files were added or deleted (3 → 2)' });
    file('renderer/app/App.tsx', builtAt - 2000);

    fs.rmSync(path.join(root, 'out/launcher/main.js'));
    expect(decideBuild(facts())).toEqual({ build: true, reason: 'out/launcher/main.js is missing' });
  });
});
