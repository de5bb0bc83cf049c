// The wire contract binds both ends at compile time: a wrong event name, payload or result is
// a type error in the client core and in the server. `tsc -b` checks the @ts-expect-error
// lines below (each must be an error); the runtime part only keeps the file in the suite.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Connection } from '../../main/core/connection/connection.js';
import type { Chat, ChatsRequest, Message, RequestOf, ResultOf, UsersPage } from '../../protocol/contract.js';
import { serverEvents } from '../../protocol/contract.js';
import type { requests } from '../../server/socket/requests.js';

function clientCalls(connection: Connection): void {
  void connection.request('chat:open', { who: 2 });
  void connection.request('chats:list');
  // @ts-expect-error: no such request
  void connection.request('chat:opne', { who: 2 });
  // @ts-expect-error: chat:open takes { who }
  void connection.request('chat:open', { to: 2 });
  void connection.request('chats:list', { after: '7', limit: 100 });
  // @ts-expect-error: chats:list takes { after?, limit? }
  void connection.request('chats:list', { who: 2 });
  // @ts-expect-error: a users:list cursor is a string
  void connection.request('users:list', { after: 7 });
  // @ts-expect-error: chat:close takes no optional payload
  void connection.request('chat:close');
  // @ts-expect-error: message:send needs a clientId
  connection.notify('message:send', { to: 2, content: 'hi' });
}

describe('the typed contract', () => {
  it('types each result from the Requests map, on the client and in the server table', () => {
    expectTypeOf<ResultOf<'chat:open'>>().toEqualTypeOf<{ chat: Chat }>();
    expectTypeOf<ResultOf<'message:send'>>().toEqualTypeOf<{ message: Message }>();
    expectTypeOf<RequestOf<'chats:list'>>().toEqualTypeOf<ChatsRequest | undefined>();
    expectTypeOf<ResultOf<'users:list'>>().toEqualTypeOf<UsersPage>();
    expectTypeOf<Awaited<ReturnType<Connection['request']>>>().not.toBeAny();
    expectTypeOf<Awaited<ReturnType<(typeof requests)['chat:read']>>>().toEqualTypeOf<{ chat: Chat | null }>();
    // @ts-expect-error: the server's handler for chat:open must answer { chat }
    const wrong: (typeof requests)['chat:open'] = async () => ({ chats: [] });
    expect(typeof clientCalls).toBe('function');
    expect(typeof wrong).toBe('function');
  });

  it('lists every server event once', () => {
    expect(new Set(serverEvents).size).toBe(serverEvents.length);
    expect([...serverEvents].sort()).toEqual([
      'chat:deleted',
      'chat:updated',
      'message:new',
      'presence',
      'server:closing',
      'typing',
      'user:updated',
    ]);
  });
});
