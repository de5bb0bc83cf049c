// Messages between the bench (the orchestrator) and the processes it starts.

/** To the probe preloaded into a server process. */
export type ProbeRequest =
  { cmd: 'sample' } | { cmd: 'gc' } | { cmd: 'profile-start' } | { cmd: 'profile-stop'; file: string };

export interface ProbeReply {
  /** performance.now() in the server process. */
  at: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  eluIdle: number;
  eluActive: number;
}

/** One simulated user's socket in the load generator. */
export interface BenchSocket {
  user: number;
  token: string;
  /** Whom it sends to (0: it only listens). */
  peer: number;
}

/** To the load generator. */
export type LoadRequest =
  | { cmd: 'connect'; url: string; sockets: BenchSocket[]; concurrency: number; localAddresses: string[] }
  | { cmd: 'disconnect' }
  /**
   * S6: every socket the server dropped connects again to `url`, `concurrency` handshakes in
   * flight at a time, and catches up (`chats:list`) once connected.
   */
  | { cmd: 'reconnect'; url: string; concurrency: number; localAddresses: string[] }
  /** S1: every sending socket keeps `window` sends outstanding. */
  | { cmd: 'flood'; window: number; content: string }
  /** S2: every sending socket sends once every `periodMs`, phases spread evenly. */
  | { cmd: 'pace'; periodMs: number; content: string }
  /**
   * S2, after the warm-up: answers once the paced load is steady (capacity.ts isSteady), or
   * after `maxMs` with `steady: false`.
   */
  | { cmd: 'steady'; offeredPerSecond: number; maxMs: number }
  | { cmd: 'stop' }
  | { cmd: 'snapshot' };

/** How long a paced load took, after its warm-up, to reach its steady state. */
export interface Settling {
  waitedMs: number;
  steady: boolean;
  /** Sends not yet done with when it answered (capacity.ts backlogOf). */
  backlog: number;
}

export interface LoadSnapshot {
  at: number;
  connected: number;
  sent: number;
  acked: number;
  failed: number;
  /** message:new events received for a message sent by the peer. */
  delivered: number;
  cpuUserUs: number;
  cpuSystemUs: number;
  rss: number;
  /** Send→peer-delivery latencies (ms) of sends made since the previous snapshot. */
  deliveryMs: number[];
  /** Send→ack latencies (ms) since the previous snapshot. */
  ackMs: number[];
  /** First few errors, for the log. */
  errors: string[];
}

export interface ConnectResult {
  connected: number;
  failed: number;
  ms: number;
  errors: string[];
}

export interface ReconnectResult {
  /** Sockets connected again and caught up. */
  caughtUp: number;
  failed: number;
  /** From the command until the last socket caught up. */
  ms: number;
  /** When each socket had connected / caught up, ms after the command (sorted). */
  connectedMs: number[];
  caughtUpMs: number[];
  errors: string[];
}
