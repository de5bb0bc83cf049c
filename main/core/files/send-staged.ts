// Node runtime. A send naming staged files: they are set aside for it (so no other send can take
// them), handed to the outbox with the message, and staged no more — or given back if the
// message could not be queued.
import type { ChatMessage, SendInput } from '../../ipc/contract.js';
import type { ChatSession } from '../chats/chat-session.js';
import type { StagedFiles } from './staging.js';

export async function sendStaged(
  session: ChatSession,
  staged: StagedFiles,
  { to, content, attachments = [], replyTo }: SendInput,
): Promise<ChatMessage> {
  const stagedIds = attachments.map(({ stagedId }) => stagedId);
  const copies = staged.take(stagedIds);
  let message: ChatMessage;
  try {
    message = await session.send(
      to,
      content,
      copies.map(({ file, staged: { stagedId: _id, url: _url, ...facts } }) => ({ file, ...facts })),
      replyTo,
    );
  } catch (error) {
    staged.giveBack(stagedIds);
    throw error;
  }
  for (const stagedId of stagedIds) staged.release(stagedId);
  return message;
}
