// engine.io spoken by hand over HTTP long-polling and a raw WebSocket, as a client written from
// docs/protocol.md alone would: for tests about the transport itself, where socket.io-client
// would hide what the server really sent.
import crypto from 'node:crypto';
import net from 'node:net';

export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

/** The engine.io record separator between packets of one polling payload. */
export const packetSeparator = '\x1e';

/** A long-polling session opened by hand: GET and POST against its `sid`. */
export class PollingSession {
  private constructor(
    readonly url: string,
    readonly sid: string,
  ) {}

  /** Polling handshake (`GET /socket.io/?EIO=4&transport=polling`); throws unless it is 200 with an open packet. */
  static async open(url: string): Promise<PollingSession> {
    const response = await fetch(`${url}/socket.io/?EIO=4&transport=polling`);
    const text = await response.text();
    if (response.status !== 200 || !text.startsWith('0')) throw new Error(`handshake: ${response.status} ${text}`);
    return new PollingSession(url, (JSON.parse(text.slice(1)) as { sid: string }).sid);
  }

  get path(): string {
    return `/socket.io/?EIO=4&transport=polling&sid=${this.sid}`;
  }

  /** Waits for the server's next payload, split into packets. */
  async poll(): Promise<{ status: number; packets: string[] }> {
    const response = await fetch(`${this.url}${this.path}`);
    const text = await response.text();
    return { status: response.status, packets: text === '' ? [] : text.split(packetSeparator) };
  }

  /** Sends packets in one POST. */
  async post(...packets: string[]): Promise<RawResponse> {
    const response = await fetch(`${this.url}${this.path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: packets.join(packetSeparator),
    });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  }

  /** Connects to the `/` namespace with this auth and resolves with the server's answer packet. */
  async connect(auth: object): Promise<string> {
    const posted = await this.post(`40${JSON.stringify(auth)}`);
    if (posted.status !== 200) throw new Error(`connect: ${posted.status} ${posted.body}`);
    for (;;) {
      const { packets } = await this.poll();
      const answer = packets.find((packet) => packet.startsWith('40') || packet.startsWith('44'));
      if (answer) return answer;
    }
  }
}

export interface Frame {
  opcode: number;
  /** Text of a text frame, reason of a close frame. */
  text: string;
  /** Status code of a close frame. */
  closeCode?: number;
}

/**
 * One raw TCP connection that asks to upgrade `path` to WebSocket. Resolves with the HTTP answer;
 * on 101 the connection stays open for frames.
 */
export class RawWebSocket {
  private buffer = Buffer.alloc(0);
  private readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  private ended = false;

  private constructor(private readonly socket: net.Socket) {}

  static async upgrade(
    url: string,
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ response: RawResponse; ws: RawWebSocket }> {
    const { hostname, port } = new URL(url);
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    const ws = new RawWebSocket(socket);
    socket.on('data', (chunk: Buffer) => ws.received(chunk));
    socket.on('close', () => ws.end());
    socket.on('error', () => ws.end());
    const request = [
      `GET ${path} HTTP/1.1`,
      `host: ${new URL(url).host}`,
      'upgrade: websocket',
      'connection: Upgrade',
      `sec-websocket-key: ${crypto.randomBytes(16).toString('base64')}`,
      'sec-websocket-version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${request.join('\r\n')}\r\n\r\n`);
    return { response: await ws.readResponse(), ws };
  }

  /** Sends each text as one masked text frame, as clients must, all in one write. */
  send(...texts: string[]): void {
    this.socket.write(Buffer.concat(texts.map((text) => RawWebSocket.frame(text))));
  }

  private static frame(text: string): Buffer {
    const payload = Buffer.from(text);
    const mask = crypto.randomBytes(4);
    let head: Buffer;
    if (payload.length < 126) head = Buffer.from([0x81, 0x80 | payload.length]);
    else if (payload.length < 65_536) {
      head = Buffer.alloc(4);
      head.writeUInt8(0x81, 0);
      head.writeUInt8(0x80 | 126, 1);
      head.writeUInt16BE(payload.length, 2);
    } else {
      head = Buffer.alloc(10);
      head.writeUInt8(0x81, 0);
      head.writeUInt8(0x80 | 127, 1);
      head.writeBigUInt64BE(BigInt(payload.length), 2);
    }
    const masked = payload.map((byte, i) => byte ^ mask[i % 4]!);
    return Buffer.concat([head, mask, masked]);
  }

  /** The next frame from the server, or null once the connection has closed without one. */
  async next(): Promise<Frame | null> {
    for (;;) {
      const frame = this.frames.shift();
      if (frame) return frame;
      if (this.ended) return null;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The next text frame whose text passes `match`; throws if the connection closes first. */
  async nextText(match: (text: string) => boolean = () => true): Promise<string> {
    for (;;) {
      const frame = await this.next();
      if (!frame) throw new Error('the connection closed');
      if (frame.opcode === 1 && match(frame.text)) return frame.text;
    }
  }

  /** Resolves once the TCP connection has closed. */
  async closed(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Stops reading from the connection, as a client that has stalled: the server's writes back up. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private end(): void {
    this.ended = true;
    this.wake();
  }

  private received(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.wake();
  }

  private async readResponse(): Promise<RawResponse> {
    let end: number;
    while ((end = this.buffer.indexOf('\r\n\r\n')) < 0) await this.more();
    const [statusLine, ...lines] = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    this.buffer = this.buffer.subarray(end + 4);
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).trim().toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    const status = Number(statusLine!.split(' ')[1]);
    if (status === 101) {
      this.parseFrames();
      this.socket.on('data', () => this.parseFrames());
      return { status, headers, body: '' };
    }
    const length = Number(headers['content-length'] ?? Infinity);
    while (this.buffer.length < length && !this.ended) await this.more();
    return { status, headers, body: this.buffer.toString('utf8') };
  }

  private async more(): Promise<void> {
    if (this.ended) throw new Error(`the connection closed; got ${JSON.stringify(this.buffer.toString())}`);
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Server frames are never masked. */
  private parseFrames(): void {
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      this.frames.push(
        opcode === 8
          ? {
              opcode,
              closeCode: payload.length >= 2 ? payload.readUInt16BE(0) : undefined,
              text: payload.subarray(2).toString(),
            }
          : { opcode, text: payload.toString() },
      );
      this.wake();
    }
  }
}
