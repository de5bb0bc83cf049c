// The server goes away and comes back; an app restarts with no server to answer it.
import { expect, test } from './support/fixtures.js';
import { talking } from './support/scenes.js';
import { screenshot } from './support/screenshots.js';
import {
  chatRow,
  connectionBanner,
  mainNav,
  message,
  messages,
  openChatRow,
  recordDeliveryStates,
  send,
  sendAndWait,
} from './support/ui.js';

/** Reconnecting backs off up to 10 s (with jitter) while the server is away. */
const reconnect = { timeout: 30_000 };

test('the server stops mid-conversation: offline banner, sending, then delivered exactly once', async ({
  launch,
  server,
  people,
}) => {
  test.setTimeout(90_000);
  const { alice, bob } = await talking(launch, server, ['Are you there?', 'Yes, go ahead']);

  await server.stop();
  await expect(connectionBanner(alice)).toBeVisible();
  await expect(connectionBanner(bob)).toBeVisible();

  const fromAlice = 'Sent while the server was down';
  const fromBob = 'Me too, while it was down';
  await send(alice, fromAlice);
  await send(bob, fromBob);
  const pending = message(alice, fromAlice);
  await expect(pending).toHaveAttribute('data-state', 'sending');
  await expect(message(bob, fromBob)).toHaveAttribute('data-state', 'sending');
  const alicesStates = await recordDeliveryStates(alice, fromAlice);
  const bobsStates = await recordDeliveryStates(bob, fromBob);
  await screenshot(alice, 'offline-sending');
  // The last moment the server is down: nothing has reached the other side.
  await expect(message(bob, fromAlice)).toHaveCount(0);
  await expect(message(alice, fromBob)).toHaveCount(0);

  await server.start();
  await expect(connectionBanner(alice)).toBeHidden(reconnect);
  await expect(connectionBanner(bob)).toBeHidden(reconnect);
  await expect(pending).toHaveAttribute('data-state', 'sent', reconnect);
  await expect(message(bob, fromBob)).toHaveAttribute('data-state', 'sent', reconnect);
  await expect(message(bob, fromAlice)).toHaveCount(1, reconnect);
  await expect(message(alice, fromBob)).toHaveCount(1, reconnect);
  // Delivery is the barrier: all the time the server was away (reconnecting included), both
  // messages waited as "sending" and were never given up.
  expect(await alicesStates()).toEqual(['sending', 'sent']);
  expect(await bobsStates()).toEqual(['sending', 'sent']);

  // The conversation goes on, and a late duplicate would have shown up by now.
  await sendAndWait(alice, 'Back online');
  await expect(message(bob, 'Back online')).toHaveCount(1);
  for (const page of [alice, bob]) {
    await expect(messages(page)).toHaveCount(5);
    await expect(message(page, fromAlice)).toHaveCount(1);
    await expect(message(page, fromBob)).toHaveCount(1);
  }
  // The server's records agree: one copy in each person's chat.
  const bobOnServer = await people.signIn('Bob');
  const aliceOnServer = await people.signIn('Alice');
  const bobsCopies = await bobOnServer.history(aliceOnServer.id);
  const alicesCopies = await aliceOnServer.history(bobOnServer.id);
  for (const copies of [bobsCopies, alicesCopies]) {
    expect(copies.filter((m) => m.content === fromAlice)).toHaveLength(1);
    expect(copies.filter((m) => m.content === fromBob)).toHaveLength(1);
    expect(copies).toHaveLength(5);
  }
});

test('a restarted app shows its chats and history from the cache while the server is down', async ({
  launch,
  server,
}) => {
  test.setTimeout(90_000);
  const lines = ['Meeting moved to 3pm', 'OK, which room?', 'Room 4B', 'See you there'];
  const { aliceApp, bob } = await talking(launch, server, lines);

  await aliceApp.close();
  await server.stop();
  const alice = (await launch('alice')).page;

  // No server answers: the app opens signed in, from its cache, and says it is offline.
  await expect(mainNav(alice)).toBeVisible();
  await expect(connectionBanner(alice)).toBeVisible();
  await expect(chatRow(alice, 'Bob')).toBeVisible();
  await openChatRow(alice, 'Bob');
  await expect(messages(alice)).toHaveCount(lines.length);
  for (const line of lines) await expect(message(alice, line)).toBeVisible();
  await screenshot(alice, 'offline-from-cache');

  // The server comes back: the same history, no copies twice, and new messages arrive.
  await server.start();
  await expect(connectionBanner(alice)).toBeHidden(reconnect);
  await expect(connectionBanner(bob)).toBeHidden(reconnect);
  await sendAndWait(bob, 'Welcome back');
  await expect(message(alice, 'Welcome back')).toHaveCount(1);
  await expect(messages(alice)).toHaveCount(lines.length + 1);
});
