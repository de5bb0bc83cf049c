// Server: `--updates-dir` served read-only under /updates/<name> (docs/protocol.md "Updates"):
// the apps' update feed (latest*.yml) and installers, public, streamed, with byte ranges for
// electron-updater's differential downloads. Only plain files directly in the folder are served.
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { httpPaths } from '../../protocol/contract.js';
import { ProtocolError } from '../../protocol/errors.js';
import type { Handlers } from '../http/admin-api.js';
import type { Logger } from '../logger.js';
import { requestedRange } from '../files/download.js';

const noSuchFile = () => new ProtocolError('not_found', 'There is no such update file.');

const contentTypes: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.dmg': 'application/x-apple-diskimage',
  '.zip': 'application/zip',
  '.deb': 'application/vnd.debian.binary-package',
};

/** A plain file name, not `.`-led (dotfiles, `..`), without separators or control characters. */
export function updateFileName(encoded: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  if (name === '' || name.length > 255 || name.startsWith('.')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(name)) return undefined;
  return name;
}

/** Fails the start when the folder is missing: a typo would otherwise serve 404s silently. */
export async function checkUpdatesDir(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new Error(`--updates-dir ${dir} is not a folder.`);
}

export function updateRoutes(dir: string, logger: Logger): { at(path: string): Handlers | undefined } {
  return {
    at(urlPath) {
      if (!urlPath.startsWith(httpPaths.updates)) return undefined;
      const name = updateFileName(urlPath.slice(httpPaths.updates.length));
      if (name === undefined) return undefined;
      return { GET: (req, res) => serveUpdateFile(dir, name, logger, req, res) };
    },
  };
}

async function serveUpdateFile(
  dir: string,
  name: string,
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const file = await openInside(dir, name);
  try {
    const stat = await file.stat();
    if (!stat.isFile()) throw noSuchFile();
    const range = requestedRange(req, res, stat.size);
    const length = range ? range.end - range.start + 1 : stat.size;
    res.setHeader('content-type', contentTypes[path.extname(name).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('content-length', length);
    res.setHeader('accept-ranges', 'bytes');
    res.setHeader('etag', `"${stat.size.toString(16)}-${Math.trunc(stat.mtimeMs).toString(16)}"`);
    res.setHeader('last-modified', stat.mtime.toUTCString());
    // A feed replaced in place must be seen at the next check.
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-content-type-options', 'nosniff');
    if (range) res.setHeader('content-range', `bytes ${range.start}-${range.end}/${stat.size}`);
    res.writeHead(range ? 206 : 200);
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    const body = file.createReadStream({
      start: range?.start ?? 0,
      end: range?.end ?? stat.size - 1,
      autoClose: false,
    });
    await new Promise<void>((resolve) =>
      pipeline(body, res, (error) => {
        if (error && !res.writableFinished) logger.debug(`a download of update ${name} ended early: ${error.message}`);
        resolve();
      }),
    );
  } finally {
    await file.close();
  }
}

/** Opens `name` in `dir`, refusing a symlink that leads out of it. */
async function openInside(dir: string, name: string): Promise<fs.FileHandle> {
  const [root, real] = await Promise.all([fs.realpath(dir), fs.realpath(path.join(dir, name)).catch(() => undefined)]);
  if (real === undefined || path.dirname(real) !== root) throw noSuchFile();
  return fs.open(real, 'r').catch(() => {
    throw noSuchFile();
  });
}
