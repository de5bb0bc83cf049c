// Test support: uploads and downloads as a third-party client makes them (docs/protocol.md,
// "Files and avatars"), and small files whose type the server recognises by their bytes.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { request, type ClientSocket } from './clients.js';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The body as JSON, when it is JSON. */
  json: any;
}

/** One request over a fresh connection, with the body written whole (or not at all). */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: Buffer },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            json: isJson ? JSON.parse(body.toString()) : undefined,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function uploadFile(
  base: string,
  token: string,
  bytes: Buffer,
  name: string,
  headers: Record<string, string | number> = {},
): Promise<HttpAnswer> {
  return httpRequest(`${base}/api/files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-length': bytes.length,
      'x-file-name': encodeURIComponent(name),
      ...headers,
    },
    body: bytes,
  });
}

/** Uploads and expects 201: the Attachment. */
export async function uploaded(base: string, token: string, bytes: Buffer, name: string): Promise<any> {
  const answer = await uploadFile(base, token, bytes, name);
  if (answer.status !== 201) throw new Error(`upload ${name}: ${answer.status} ${answer.body.toString()}`);
  return answer.json;
}

export function download(
  base: string,
  id: string,
  token: string | undefined,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<HttpAnswer> {
  return httpRequest(`${base}/api/files/${id}`, {
    method,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
  });
}

/**
 * An upload whose body stops after `sent` of `size` bytes and stays open: `answer` settles when
 * the server answers or the connection ends; `cut()` drops the connection.
 */
export function stalledUpload(base: string, token: string, size: number, sent: Buffer, name = 'stalled.bin') {
  return stalledRequest(
    `${base}/api/files`,
    'POST',
    {
      authorization: `Bearer ${token}`,
      'content-length': size,
      'x-file-name': encodeURIComponent(name),
    },
    sent,
  );
}

/** A request that sends its headers and `sent`, then waits (see stalledUpload). */
export function stalledRequest(url: string, method: string, headers: Record<string, string | number>, sent: Buffer) {
  const req = http.request(url, { method, agent: false, headers });
  const answer = new Promise<HttpAnswer | Error>((resolve) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: safeJson(body) });
      });
      res.on('error', resolve);
    });
    req.on('error', resolve);
  });
  const written = new Promise<void>((resolve) => req.write(sent, () => resolve()));
  req.flushHeaders();
  return { answer, written, cut: () => req.destroy(), request: req };
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return undefined;
  }
}

/** A PNG as far as any sniffer can tell: the signature and an IHDR of this size, then filler. */
export function png(width: number, height: number, extra = 64): Buffer {
  const head = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return Buffer.concat([head, Buffer.alloc(extra, 7)]);
}

/** A GIF header of this size. */
export function gif(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(32);
  bytes.write('GIF89a', 0, 'ascii');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

export const pdf = () =>
  Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
export const html = () => Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>\n');

/** Every file under `folder` (relative paths), empty folders left out; [] when it does not exist. */
export function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return (fs.readdirSync(folder, { recursive: true }) as string[])
    .filter((entry) => fs.statSync(path.join(folder, entry)).isFile())
    .sort();
}

/** Bytes with a recognisable pattern, so a range can be checked against its offsets. */
export function patterned(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
}

/** message:send of the sender's uploads with a caption; the ack as it came. */
export function sendFiles(
  socket: ClientSocket,
  to: number,
  clientId: string,
  ids: string[],
  caption = '',
): Promise<any> {
  return request(socket, 'message:send', { to, clientId, content: caption, attachments: ids.map((id) => ({ id })) });
}
