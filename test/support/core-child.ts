// A process that runs only the client core, so a test can kill it -9 mid-send.
// argv: profileDir; stdin: one JSON send request per line ({"to":2,"content":"x"}), which may
// name files to attach ({"to":2,"content":"","files":["/tmp/a.png"]}: staged as the renderer does).
// stdout: "ready", then "queued <clientId> <content>" once each message is on disk, and
// "uploading <clientId> <bytes>" as its attachments go up.
import fs from 'node:fs';
import readline from 'node:readline';
import type { ChatMessage } from '../../main/ipc/contract.js';
import { fileLimits } from '../../main/ipc/files-contract.js';
import { openProfileLog } from '../../main/core/log/profile-log.js';
import { MessengerCore } from '../../main/core/messenger-core.js';
import { profilePaths } from '../../main/core/profile.js';

const [profileDir] = process.argv.slice(2);
if (!profileDir) throw new Error('usage: core-child <profileDir>');
// The profile's log, as a shell opens it: synchronous lines survive the kill -9.
const { logger } = openProfileLog(profilePaths(profileDir).log);
const bridge = await MessengerCore.open({ profileDir, defaultServerUrl: 'http://127.0.0.1:4860', logger });
bridge.subscribe((event, payload) => {
  if (event === 'connection') process.stdout.write(`connection ${payload as string}\n`);
  if (event === 'messages') {
    for (const message of (payload as { messages: ChatMessage[] }).messages) {
      const sent = message.attachments?.reduce((sum, attachment) => sum + (attachment.sent ?? 0), 0);
      if (sent) process.stdout.write(`uploading ${message.clientId} ${sent}\n`);
    }
  }
});
process.stdout.write('ready\n');

async function request(name: string, payload: unknown): Promise<any> {
  const result = await bridge.request(name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
  return result.value;
}

async function stage(file: string): Promise<{ stagedId: string }> {
  const bytes = fs.readFileSync(file);
  const { stagedId } = await request('beginFile', { name: file.split('/').pop(), size: bytes.length });
  for (let at = 0; at < bytes.length; at += fileLimits.pieceBytes) {
    await request('appendFile', { stagedId, data: bytes.subarray(at, at + fileLimits.pieceBytes).toString('base64') });
  }
  await request('finishFile', { stagedId });
  return { stagedId };
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { files, ...send } = JSON.parse(line) as { to: number; content: string; files?: string[] };
  const attachments = files ? await Promise.all(files.map(stage)) : undefined;
  const result = await bridge.request('send', attachments ? { ...send, attachments } : send);
  if (!result.ok) process.stdout.write(`refused ${result.error.code}\n`);
  else {
    const message = result.value as { clientId: string; content: string };
    process.stdout.write(`queued ${message.clientId} ${message.content}\n`);
  }
}
