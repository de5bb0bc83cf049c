// Files in a cluster (issue 14): two nodes on one PostgreSQL and one Redis, sharing one files
// folder. Each node serves, by range and by signed link, what was uploaded through the other, and
// a send with files on one node reaches the receiver on the other with both copies carrying them.
import { afterEach, expect, it } from 'vitest';
import { connect, register, request, uniqueName, type ClientSocket } from '../support/clients.js';
import { download, httpRequest, patterned, pdf, png, uploaded, sendFiles } from '../support/files.js';
import { startTestCluster, tempDir, type TestServer } from '../support/server.js';

let server: TestServer | undefined;
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = undefined;
});

it('serves on each node the files uploaded through the other', async () => {
  server = await startTestCluster({ port: 0, host: '127.0.0.1', sendRate: 0, dataDir: tempDir() }, 2);
  const [one, two] = server.nodes as [TestServer['nodes'][0], TestServer['nodes'][0]];
  const alice = await register(one.url, uniqueName('alice'));
  const bob = await register(two.url, uniqueName('bob'));
  const aliceSocket = await connect(one.url, alice.token);
  const bobSocket = await connect(two.url, bob.token);
  sockets.push(aliceSocket, bobSocket);
  const bobHears = new Promise<any>((resolve) => bobSocket.once('message:new', resolve));

  const bytes = patterned(300_000);
  const fromOne = await uploaded(one.url, alice.token, bytes, 'data.bin');
  const imageFromOne = await uploaded(one.url, alice.token, png(20, 10), 'pic.png');
  const ack = await request(aliceSocket, 'message:send', {
    to: bob.user.id,
    clientId: 'x1',
    content: '',
    attachments: [{ id: fromOne.id }, { id: imageFromOne.id }],
  });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  expect((await bobHears).message.attachments).toEqual([fromOne, imageFromOne]);

  const whole = await download(two.url, fromOne.id, bob.token);
  expect(whole.status).toBe(200);
  expect(whole.body.equals(bytes)).toBe(true);
  const part = await download(two.url, fromOne.id, bob.token, { range: 'bytes=150000-150099' });
  expect(part.status).toBe(206);
  expect(part.body.equals(bytes.subarray(150_000, 150_100))).toBe(true);

  // The other way round: uploaded through node two, read through node one.
  const fromTwo = await uploaded(two.url, bob.token, pdf(), 'reply.pdf');
  expect((await sendFiles(bobSocket, alice.user.id, 'y1', [fromTwo.id], 'here')).ok).toBe(true);
  const back = await download(one.url, fromTwo.id, alice.token);
  expect(back.status).toBe(200);
  expect(back.body.equals(pdf())).toBe(true);

  // A link made on one node reads on the other (the signing key is shared through the store).
  const link = await httpRequest(`${one.url}/api/files/${imageFromOne.id}/link`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bob.token}` },
  });
  expect(link.status).toBe(200);
  const viaLink = await httpRequest(`${two.url}${link.json.url}`, {});
  expect(viaLink.status).toBe(200);
  expect(viaLink.body.equals(png(20, 10))).toBe(true);

  // An avatar set through one node is served by the other.
  const avatar = await httpRequest(`${two.url}/api/me/avatar`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${bob.token}`, 'content-length': png(8, 8).length },
    body: png(8, 8),
  });
  expect(avatar.status).toBe(200);
  const image = await httpRequest(`${one.url}/api/avatars/${avatar.json.avatar}`, {
    headers: { authorization: `Bearer ${alice.token}` },
  });
  expect(image.status).toBe(200);
  expect(image.body.equals(png(8, 8))).toBe(true);

  // Someone else gets 404 from both nodes.
  const carol = await register(one.url, uniqueName('carol'));
  for (const node of [one, two]) expect((await download(node.url, fromOne.id, carol.token)).status).toBe(404);
});
