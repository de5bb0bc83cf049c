// People who use the server without a window: a plain Socket.IO client, as a third-party
// client would. They fill a chat list quickly and say things at the moment a test needs.
import type { Message, User } from '../../../protocol/contract.js';
import { connect, postJson, register, request, type ClientSocket } from '../../support/clients.js';
import { password } from './ui.js';

let sent = 0;

export class Outsider {
  private constructor(
    readonly id: number,
    readonly name: string,
    readonly token: string,
    private socket: ClientSocket | null,
  ) {}

  /** Registers `name`; `online` connects a socket, so the others see them online. */
  static async register(serverUrl: string, name: string, options: { online?: boolean } = {}): Promise<Outsider> {
    const session = await register(serverUrl, name, password);
    const socket = options.online === false ? null : await connect(serverUrl, session.token);
    return new Outsider(session.user.id, session.user.name, session.token, socket);
  }

  /** Signs in as someone who already has an account (e.g. registered in a window). */
  static async signIn(serverUrl: string, name: string): Promise<Outsider> {
    const { status, body } = await postJson(`${serverUrl}/api/login`, { name, password });
    if (status !== 200) throw new Error(`login ${name}: ${status} ${JSON.stringify(body)}`);
    return new Outsider(body.user.id, body.user.name, body.token, await connect(serverUrl, body.token));
  }

  private get connected(): ClientSocket {
    if (!this.socket) throw new Error(`${this.name} is not connected`);
    return this.socket;
  }

  async users(): Promise<User[]> {
    const ack = await request(this.connected, 'users:list');
    if (!ack.ok) throw new Error(`users:list: ${JSON.stringify(ack)}`);
    return ack.users as User[];
  }

  async idOf(name: string): Promise<number> {
    const user = (await this.users()).find((u) => u.name === name);
    if (!user) throw new Error(`${name} is not on the server`);
    return user.id;
  }

  async send(to: number, content: string): Promise<Message> {
    const ack = await request(this.connected, 'message:send', {
      to,
      clientId: `e2e-${process.pid}-${++sent}`,
      content,
    });
    if (!ack.ok) throw new Error(`message:send: ${JSON.stringify(ack)}`);
    return ack.message as Message;
  }

  /** Every copy in this person's chat with `who`, oldest first (the server's truth). */
  async history(who: number): Promise<Message[]> {
    const all: Message[] = [];
    for (let after = 0; ;) {
      const ack = await request(this.connected, 'chat:history', { who, afterSeq: after, limit: 200 });
      if (!ack.ok) throw new Error(`chat:history: ${JSON.stringify(ack)}`);
      all.push(...(ack.messages as Message[]));
      if (!ack.hasMore || ack.messages.length === 0) return all;
      after = all.at(-1)!.seq;
    }
  }

  close(): void {
    this.socket?.close();
    this.socket = null;
  }
}
