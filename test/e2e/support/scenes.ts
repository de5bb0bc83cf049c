// Scenes several tests start from: two people in two windows, signed up, maybe talking.
import type { Page } from '@playwright/test';
import { expect, type App, type ServerControl } from './fixtures.js';
import { createAccount, message, sendAndWait, startChatWith } from './ui.js';

export interface TwoPeople {
  alice: Page;
  bob: Page;
  aliceApp: App;
  bobApp: App;
}

export async function twoPeople(launch: (profile: string) => Promise<App>, server: ServerControl): Promise<TwoPeople> {
  const [aliceApp, bobApp] = await Promise.all([launch('alice'), launch('bob')]);
  await createAccount(aliceApp.page, server.url, 'Alice');
  await createAccount(bobApp.page, server.url, 'Bob');
  return { alice: aliceApp.page, bob: bobApp.page, aliceApp, bobApp };
}

/** Both have the chat open and have said something to each other. */
export async function talking(
  launch: (profile: string) => Promise<App>,
  server: ServerControl,
  lines: string[],
): Promise<TwoPeople> {
  const people = await twoPeople(launch, server);
  await startChatWith(people.alice, 'Bob');
  await startChatWith(people.bob, 'Alice');
  for (const [i, line] of lines.entries()) {
    const [from, to] = i % 2 === 0 ? [people.alice, people.bob] : [people.bob, people.alice];
    await sendAndWait(from, line);
    await expect(message(to, line)).toHaveCount(1);
  }
  return people;
}
