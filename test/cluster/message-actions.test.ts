// Acting on a message in a cluster (issue 15): two nodes on one PostgreSQL and one Redis. A recall
// and an edit made through node one reach the peer's sockets on node two as message:new, node two
// reads the changed originals, and the recalled file is gone on both nodes.
import { afterEach, expect, it } from 'vitest';
import type { Message } from '../../protocol/contract.js';
import { connect, register, request, uniqueName, type ClientSocket } from '../support/clients.js';
import { download, png, sendFiles, uploaded } from '../support/files.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = undefined;
});

it('a recall and an edit on node one are seen on node two, live and in history', async () => {
  server = await startTestCluster({ port: 0, host: '127.0.0.1', sendRate: 0, dataDir: tempDir() }, 2);
  const [one, two] = server.nodes as [TestServer['nodes'][0], TestServer['nodes'][0]];
  const alice = await register(one.url, uniqueName('alice'));
  const bob = await register(two.url, uniqueName('bob'));
  const aliceSocket = await connect(one.url, alice.token);
  const bobSocket = await connect(two.url, bob.token);
  sockets.push(aliceSocket, bobSocket);
  const next = () => new Promise<{ message: Message }>((resolve) => bobSocket.once('message:new', resolve));

  const image = await uploaded(one.url, alice.token, png(6, 6), 'pic.png');
  let heard = next();
  const sent = await sendFiles(aliceSocket, bob.user.id, 'f1', [image.id], 'look');
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  await heard;
  heard = next();
  const text = await request(aliceSocket, 'message:send', { to: bob.user.id, clientId: 't1', content: 'teh' });
  await heard;
  expect((await download(two.url, image.id, bob.token)).status).toBe(200);

  heard = next();
  const recall = await request(aliceSocket, 'message:recall', {
    who: bob.user.id,
    id: sent.message.id,
    clientId: 'r1',
  });
  expect(recall.ok, JSON.stringify(recall)).toBe(true);
  expect((await heard).message).toMatchObject({ id: recall.message.id, kind: 'recall', target: sent.message.id });
  heard = next();
  const edit = await request(aliceSocket, 'message:edit', {
    who: bob.user.id,
    id: text.message.id,
    clientId: 'e1',
    content: 'the',
  });
  expect(edit.ok, JSON.stringify(edit)).toBe(true);
  expect((await heard).message).toMatchObject({ kind: 'edit', target: text.message.id, text: 'the' });

  const history = await request(bobSocket, 'chat:history', { who: alice.user.id });
  expect(history.messages.map((m: Message) => [m.seq, m.kind ?? null])).toEqual([
    [1, null],
    [2, null],
    [3, 'recall'],
    [4, 'edit'],
  ]);
  expect(history.messages[0]).toMatchObject({ recalled: true, content: '' });
  expect(history.messages[0].attachments).toBeUndefined();
  expect(history.messages[1]).toMatchObject({ content: 'the', editedAt: edit.message.date });
  for (const node of [one, two]) expect((await download(node.url, image.id, bob.token)).status).toBe(404);
  // A repeat through node two answers the first copy.
  const bobsAlice = await connect(two.url, alice.token);
  sockets.push(bobsAlice);
  const again = await request(bobsAlice, 'message:recall', { who: bob.user.id, id: sent.message.id, clientId: 'r1' });
  expect(again).toEqual(recall);
});
