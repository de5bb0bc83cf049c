// MESSENGER_REDIS_URL: the Socket.IO Redis adapter (rooms and broadcasts across nodes), the
// users channel (the events addressed to users, user-deliveries.ts) and the cluster state
// channel (viewing, presence and the send limit across nodes), on ioredis clients that
// reconnect and resubscribe by themselves when Redis restarts.
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { ClusterState, type Bus, type ClusterOptions } from './cluster-state.js';
import { UserDeliveries, type LocalUsers } from './user-deliveries.js';

export interface RedisLink {
  /** For `io.adapter(...)`. */
  adapter: ReturnType<typeof createAdapter>;
  state: ClusterState;
  /** The events addressed to users, one publication per event-loop turn (user-deliveries.ts). */
  deliveries: UserDeliveries;
  /**
   * Resolves when every broadcast made so far (the user deliveries of this turn included,
   * published at its end) has been taken by Redis, or after `waitMs` (Redis down); undefined
   * when nothing is outstanding.
   */
  broadcastsSent(): Promise<void> | undefined;
  /** Stops the heartbeat, says goodbye, and closes the connections. */
  close(): Promise<void>;
}

export interface RedisLinkOptions extends Omit<ClusterOptions, 'onPresence' | 'onViewsEnded'> {
  url: string;
  /** Prefix of every channel, so several deployments (or test clusters) can share one Redis. */
  prefix: string;
  /** Longest an ack waits for its broadcasts to reach Redis (default 250 ms). */
  broadcastWaitMs?: number;
}

export async function connectRedis(
  options: RedisLinkOptions,
  handlers: Pick<ClusterOptions, 'onPresence' | 'onViewsEnded'> & { localUsers: LocalUsers },
): Promise<RedisLink> {
  const { url, prefix, logger } = options;
  const clients: Redis[] = [];
  const client = (role: string): Redis => {
    const redis = new Redis(url, { lazyConnect: true });
    // While Redis is down ioredis retries for ever; say so once per outage, not per attempt.
    let reported = false;
    redis.on('error', (error: Error) => {
      if (!reported) logger.error(`redis (${role}): ${error.message}; reconnecting`);
      reported = true;
    });
    redis.on('ready', () => {
      if (reported) logger.info(`redis (${role}): connected again`);
      reported = false;
    });
    clients.push(redis);
    return redis;
  };
  const pub = client('publish');
  const adapterSub = client('adapter');
  const stateSub = client('cluster');
  try {
    await Promise.all(clients.map((c) => c.connect()));
  } catch (error) {
    for (const c of clients) c.disconnect();
    throw error;
  }

  // A publish that fails (Redis unreachable for longer than ioredis retries a command) loses
  // that broadcast, as pub/sub would anyway; it must not become an unhandled rejection.
  const publishFailed = (error: unknown) =>
    logger.error(`redis publish failed: ${error instanceof Error ? error.message : String(error)}`);
  // ioredis sends one connection's commands in order, so the newest publish settling means
  // every earlier one has too.
  let outstanding = 0;
  let newest: Promise<unknown> = Promise.resolve();
  const safePub = new Proxy(pub, {
    get(target, prop) {
      if (prop === 'publish') {
        return (channel: string, message: string | Buffer) => {
          outstanding++;
          newest = target
            .publish(channel, message)
            .catch(publishFailed)
            .finally(() => outstanding--);
          return newest;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

  const channel = `${prefix}:cluster`;
  const bus: Bus = {
    publish: (message) => void pub.publish(channel, message).catch(publishFailed),
    listen: ({ message, ready }) => {
      stateSub.on('message', (from: string, text: string) => {
        if (from === channel) message(text);
      });
      // Every reconnect: ioredis resubscribes, then the state is exchanged again.
      stateSub.on('ready', ready);
      stateSub.subscribe(channel).then(ready, publishFailed);
    },
  };
  const state = new ClusterState(bus, { ...options, ...handlers });
  state.start();

  // On the adapter's connections: what one node publishes there reaches the others in the order
  // it was published, so a typing event (adapter) cannot overtake the message:new before it.
  const usersChannel = `${prefix}:users`;
  const deliveries = new UserDeliveries(
    state.nodeId,
    (message) => void safePub.publish(usersChannel, message),
    handlers.localUsers,
    logger,
  );
  const usersChannelBytes = Buffer.from(usersChannel);
  adapterSub.on('messageBuffer', (from: Buffer, message: Buffer) => {
    if (from.equals(usersChannelBytes)) deliveries.receive(message);
  });
  adapterSub
    .subscribe(usersChannel)
    .catch((error: unknown) =>
      logger.error(`redis subscribe failed: ${error instanceof Error ? error.message : String(error)}`),
    );

  return {
    adapter: createAdapter(safePub, adapterSub, { key: `${prefix}:io` }),
    state,
    deliveries,
    broadcastsSent() {
      const turnEnd = deliveries.published();
      if (outstanding === 0 && !turnEnd) return undefined;
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.broadcastWaitMs ?? 250)));
      // `newest` read once the turn's deliveries are published: it is then their publish.
      const sent = (turnEnd ?? Promise.resolve()).then(() => newest).then(() => undefined);
      return Promise.race([sent, waited]).finally(() => clearTimeout(timer));
    },
    async close() {
      deliveries.stop();
      state.stop();
      await Promise.all(
        clients.map((c) =>
          c.status === 'ready'
            ? c.quit().then(
                () => undefined,
                () => c.disconnect(),
              )
            : Promise.resolve(c.disconnect()),
        ),
      );
    },
  };
}
