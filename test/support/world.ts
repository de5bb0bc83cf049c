// Test support: a server with people on it, each with one or more connected devices, and the
// barriers that tell a test when what the server did has reached them. Closes it all at the end.
import crypto from 'node:crypto';
import type { SessionResponse } from '../../protocol/contract.js';
import { barrierEvent, connect, EventLog, register, request, uniqueName, type ClientSocket } from './clients.js';
import { ClusterSync } from './cluster-sync.js';
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
  private readonly devices: Device[] = [];
  /** Devices connected so far per token, to spread each person's devices over the nodes. */
  private readonly devicesByToken = new Map<string, number>();
  private readonly cluster: ClusterSync;

  private constructor(readonly server: TestServer) {
    this.cluster = new ClusterSync(server.nodes, (socket) => this.sockets.push(socket));
  }

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

  /** The cluster run's helper users (cluster-sync.ts), whom a test of the user list leaves out. */
  get helperIds(): ReadonlySet<number> {
    return this.cluster.helperIds;
  }

  /**
   * Registers someone and connects their first device; resolves once every node knows they are
   * online. Nobody hears it unless they watch them (`presence:watch`, see `watch`).
   */
  async person(prefix = 'user'): Promise<Person> {
    const session = await register(this.url, uniqueName(prefix));
    const first = await this.device(session.token);
    await this.synced();
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
    const helpers = this.cluster.helperIds;
    let log: EventLog | undefined;
    const socket = await connect(nodes[index % nodes.length]!.url, token, (socket) => {
      log = new EventLog(socket, (event, p) => event === 'presence' && helpers.has(p.id));
    });
    this.sockets.push(socket);
    const device = { socket, log: log! };
    this.devices.push(device);
    return device;
  }

  /** The device watches these people's presence (replacing what it watched); resolves with the ack. */
  async watch(device: Device, people: Array<{ id: number }>): Promise<{ ok: boolean; online: number[] }> {
    return request(device.socket, 'presence:watch', { ids: people.map((person) => person.id) });
  }

  async addDevice(person: Person): Promise<Device> {
    const device = await this.device(person.token);
    person.devices.push(device);
    return device;
  }

  /**
   * Resolves once every event the server emitted to these devices before the call has arrived
   * (so a test may then assert that nothing else came): every node, after hearing the others
   * (`synced`), sends each device a barrier, which arrives behind everything sent before it.
   */
  async delivered(devices: Device[]): Promise<void> {
    await this.synced();
    const live = devices.filter((device) => device.socket.connected);
    await Promise.all(
      live.flatMap(({ socket, log }) =>
        this.server.nodes.map((node) => {
          const token = crypto.randomUUID();
          const arrived = log.barrier(token);
          const toDevice = node.io.to(socket.id!);
          (toDevice.emit as (event: string, token: string) => boolean).call(toDevice, barrierEvent, token);
          return arrived;
        }),
      ),
    );
  }

  /**
   * With several nodes: resolves once every node has heard the views, presence and send counts
   * the others changed before the call (they reach each other over Redis a moment later).
   * Immediate with one node.
   */
  synced(): Promise<void> {
    return this.cluster.synced();
  }

  /** Closes a device and resolves once the server has handled its going (viewing ends, etc.). */
  async disconnect(device: Device): Promise<void> {
    const id = device.socket.id!;
    const onServer = this.server.nodes.map((node) => node.io.sockets.sockets.get(id)).find(Boolean);
    const gone = new Promise<void>((resolve) => (onServer ? onServer.once('disconnect', () => resolve()) : resolve()));
    device.socket.close();
    await gone;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.close();
    await this.server.close();
  }
}
