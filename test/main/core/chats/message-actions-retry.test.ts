// An action asked again after its answer was lost is the same action: it goes with the same
// clientId (the server answers a repeat with its first copy); a refusal ends it.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../protocol/contract.js';
import { MessageActions } from '../../../../main/core/chats/message-actions.js';
import { failure } from '../../../../main/core/failure.js';
import { stderrLogger } from '../../../../main/core/log/profile-log.js';

function actions(answers: Array<'offline' | 'forbidden' | 'ok'>) {
  const sent: Array<{ event: string; payload: any }> = [];
  const acked: Message[] = [];
  const copy: Message = { id: 9, clientId: 'x', user: 1, name: 'A', date: 1, content: 'A recalled a message', seq: 3 };
  const connection = {
    state: 'online' as const,
    request: async (event: string, payload: any) => {
      sent.push({ event, payload });
      const answer = answers.shift();
      if (answer === 'offline') throw failure('offline', 'The connection dropped.');
      if (answer === 'forbidden') throw failure('forbidden', 'The time to recall this message has passed.');
      return { message: { ...copy, clientId: payload.clientId } };
    },
  };
  const subject = new MessageActions({
    connection: connection as never,
    cache: { messages: async () => [] },
    chats: () => [],
    keepChat: async () => undefined,
    acked: async (_who, message) => void acked.push(message),
    keepPage: async () => undefined,
    announce: () => undefined,
    logger: stderrLogger,
  });
  return { subject, sent, acked };
}

describe('retrying an action', () => {
  it('sends the same clientId until the server answers, then a new one for a new action', async () => {
    const { subject, sent, acked } = actions(['offline', 'ok', 'ok']);
    await expect(subject.recall({ who: 2, id: 5 })).rejects.toMatchObject({ failure: { code: 'offline' } });
    await subject.recall({ who: 2, id: 5 });
    await subject.recall({ who: 2, id: 5 });
    const ids = sent.map((s) => s.payload.clientId as string);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(acked.map((m) => m.clientId)).toEqual([ids[1], ids[2]]);
  });

  it('forgets the clientId of an action the server refused', async () => {
    const { subject, sent } = actions(['forbidden', 'ok']);
    await expect(subject.editMessage({ who: 2, id: 5, content: 'x' })).rejects.toMatchObject({
      failure: { code: 'forbidden' },
    });
    await subject.editMessage({ who: 2, id: 5, content: 'x' });
    expect(sent[0]!.payload.clientId).not.toBe(sent[1]!.payload.clientId);
  });
});
