// A process that runs only the client core, so a test can kill it -9 mid-send.
// argv: profileDir; stdin: one JSON send request per line ({"to":2,"content":"x"}).
// stdout: "ready", then "queued <clientId> <content>" once each message is on disk.
import readline from 'node:readline';
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
});
process.stdout.write('ready\n');
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const result = await bridge.request('send', JSON.parse(line));
  if (!result.ok) process.stdout.write(`refused ${result.error.code}\n`);
  else {
    const message = result.value as { clientId: string; content: string };
    process.stdout.write(`queued ${message.clientId} ${message.content}\n`);
  }
}
