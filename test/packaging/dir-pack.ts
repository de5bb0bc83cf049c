// Node, test helper: electron-builder's own packaging step, offline. `--linux dir` with a
// stand-in Electron distribution (electronDist) builds the real resources/app.asar from this
// config without downloading anything; the installers themselves need an online machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './built-app.js';
import type { BuilderConfig } from './builder-config.js';

export interface PackedApp {
  /** Every path inside app.asar, relative and with /, files only. */
  files: string[];
  read(file: string): Buffer;
  /** The folder the pack was written to; remove it when done. */
  root: string;
}

/** Packs the app for Linux into a temporary folder and reads back its app.asar. */
export async function packDir(config: BuilderConfig): Promise<PackedApp> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-pack-'));
  const electronDist = path.join(root, 'electron-dist');
  fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
  fs.writeFileSync(path.join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(electronDist, 'LICENSE'), '');
  const packConfig: BuilderConfig = {
    ...config,
    electronDist,
    directories: { ...config.directories, output: path.join(root, 'dist') },
  };
  // Fuses are bits inside the real Electron binary; the stand-in has none to flip.
  delete packConfig.electronFuses;
  const configPath = path.join(root, 'electron-builder.json');
  fs.writeFileSync(configPath, JSON.stringify(packConfig));

  const cli = path.join(
    path.dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')),
    'cli.js',
  );
  await run(process.execPath, [cli, '--linux', 'dir', '--config', configPath]);
  const asar = path.join(root, 'dist', 'linux-unpacked', 'resources', 'app.asar');
  return { root, ...readAsar(asar) };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: 'true' },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`electron-builder failed (${signal ?? `status ${code}`}):\n${output}`));
    });
  });
}

interface AsarNode {
  files?: Record<string, AsarNode>;
  offset?: string;
  size?: number;
  unpacked?: boolean;
}

/**
 * An asar archive: a pickled header (uint32 4, uint32 header size, then a pickled string of
 * JSON), followed by the file contents at the offsets the header gives.
 */
function readAsar(file: string): Omit<PackedApp, 'root'> {
  const bytes = fs.readFileSync(file);
  const headerSize = bytes.readUInt32LE(4);
  const jsonLength = bytes.readUInt32LE(12);
  const header = JSON.parse(bytes.toString('utf8', 16, 16 + jsonLength)) as AsarNode;
  const contentStart = 8 + headerSize;
  const entries = new Map<string, AsarNode>();
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const relative = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, relative);
      else entries.set(relative, child);
    }
  };
  walk(header, '');
  return {
    files: [...entries.keys()].sort(),
    read(name) {
      const entry = entries.get(name);
      if (!entry || entry.unpacked || entry.offset === undefined || entry.size === undefined)
        throw new Error(`${name} is not inside app.asar`);
      const start = contentStart + Number(entry.offset);
      return bytes.subarray(start, start + entry.size);
    },
  };
}
