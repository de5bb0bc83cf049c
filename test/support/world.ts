// A server with people on it, each with one or more connected devices. Closes it all at the end.
import type { SessionResponse } from '../../protocol/contract.js';
import { connect, EventLog, register, uniqueName, type ClientSocket } from './clients.js';
import { startTestServer, type TestServer } from './server.js';
import type { ServerOptions } from '../../server/app.js';

export interface Device {
  socket: ClientSocket;
  log: EventLog;
}

export interface Person extends SessionResponse {
  id: number;
  name: string;
  devices: Device[];
  /** The first device. */
  socket: ClientSocket;
  log: EventLog;
}

export class World {
  private readonly sockets: ClientSocket[] = [];
  /** Devices connected so far per token, to spread each person's devices over the nodes. */
  private readonly devicesByToken = new Map<string, number>();

  private constructor(readonly server: TestServer) {}

  static async start(options: Partial<ServerOptions> = {}): Promise<World> {
    return new World(await startTestServer(options));
  }

  /** A world on a server started elsewhere; close() closes it. */
  static of(server: TestServer): World {
    return new World(server);
  }

  get url(): string {
    return this.server.url;
  }

  /** Registers someone and connects their first device. */
  async person(prefix = 'user'): Promise<Person> {
    const session = await register(this.url, uniqueName(prefix));
    const first = await this.device(session.token);
    return {
      ...session,
      id: session.user.id,
      name: session.user.name,
      devices: [first],
      socket: first.socket,
      log: first.log,
    };
  }

  /**
   * Connects another device with a token. With several nodes (the cluster run) a person's
   * devices take turns, and successive people start on different nodes.
   */
  async device(token: string): Promise<Device> {
    const nodes = this.server.nodes;
    const seen = this.devicesByToken.get(token);
    const start = seen === undefined ? this.devicesByToken.size : 0;
    const index = (seen ?? 0) + start;
    this.devicesByToken.set(token, index + 1);
    const socket = await connect(nodes[index % nodes.length]!.url, token);
    this.sockets.push(socket);
    return { socket, log: new EventLog(socket) };
  }

  async addDevice(person: Person): Promise<Device> {
    const device = await this.device(person.token);
    person.devices.push(device);
    return device;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.close();
    await this.server.close();
  }
}
