// The PostgreSQL store's connections: a pool whose connections read BIGINT as numbers and
// BYTEA as UTF-8 text, calls and transactions on it, and connections that lost their server
// discarded instead of reused.
import pg from 'pg';

export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Told about errors of connections (a restarted server, say); the pool replaces them. */
  onError?: (error: Error) => void;
  /** Longest wait for a connection, new or from the pool, before the call fails (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * Every id, seq and time is BIGINT; they all fit a double, so they are read as numbers.
 * Message content is BYTEA holding UTF-8 (TEXT cannot hold U+0000), read back as a string.
 */
const int8 = 20;
const bytea = 17;
const parseBytea = pg.types.getTypeParser(bytea, 'text') as (value: string) => Buffer;
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === int8
      ? (value: string) => Number(value)
      : oid === bytea
        ? (value: string) => parseBytea(value).toString('utf8')
        : (pg.types.getTypeParser(oid, format as 'text') as (
            value: string,
          ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Connections that lost their server. pg emits 'error' on a client whose connection ends; the
 * pool listens only while the client is idle, so every client gets a listener of its own (an
 * unheard 'error' would end the process) that marks it here, and `run` discards it on release.
 */
const broken = new WeakSet<pg.ClientBase>();

export class Connections {
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects and runs `prepare` (the migrations) on one connection before anything else. */
  static async open(
    url: string,
    options: PostgresStoreOptions,
    prepare: (client: pg.PoolClient) => Promise<void>,
  ): Promise<Connections> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types: typeParsers,
      // While the server is down or unreachable a call fails within this time instead of
      // hanging past the client's request timeout.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      keepAlive: true,
    });
    // Told once per connection: by the pool for an idle client (which it drops at once), by the
    // client's own listener for one in use (the server went away mid-transaction).
    const lost = (error: Error, client: pg.ClientBase) => {
      if (!broken.has(client)) options.onError?.(error);
      broken.add(client);
    };
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', (error) => lost(error, client)));
    try {
      const client = await pool.connect();
      try {
        await prepare(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new Connections(pool);
  }

  /** Waits for the calls in flight, then closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.active > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.pool.end();
  }

  async query<R extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<R[]> {
    return this.run(async (c) => (await c.query<R>(query)).rows);
  }

  /** `first`, a statement without values, is sent with BEGIN: one round trip fewer. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>, mode = 'READ COMMITTED', first?: string): Promise<T> {
    return this.run(async (c) => {
      await c.query(first ? `BEGIN ISOLATION LEVEL ${mode}; ${first}` : `BEGIN ISOLATION LEVEL ${mode}`);
      try {
        const result = await work(c);
        await c.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot roll back is of no further use.
        await c.query('ROLLBACK').catch(() => broken.add(c));
        throw error;
      }
    });
  }

  /**
   * As `transaction`, for work whose last statement (`work`'s answer, or none) is sent with COMMIT
   * queued behind it: COMMIT goes out as soon as that statement is answered, without waiting for
   * this process to read the answer, so the locks it took are held one round trip less. Resolves
   * to that statement's rows once committed.
   */
  transactionEndingWith<R extends pg.QueryResultRow, F extends pg.QueryResultRow = pg.QueryResultRow>(
    first: string,
    work: (client: pg.PoolClient, firstRows: F[]) => Promise<pg.QueryConfig | null>,
  ): Promise<R[]> {
    return this.run(async (c) => {
      // Several statements in one string answer with one result each; `work` gets the last one's rows.
      const begun = (await c.query(`BEGIN ISOLATION LEVEL READ COMMITTED; ${first}`)) as unknown as
        pg.QueryResult<F> | Array<pg.QueryResult<F>>;
      try {
        const last = await work(c, Array.isArray(begun) ? (begun.at(-1)?.rows ?? []) : begun.rows);
        // A failed last statement turns the queued COMMIT into a rollback; both are awaited (a
        // rejection left unheard would end the process).
        const [result] = await Promise.all([last ? c.query<R>(last) : null, c.query('COMMIT')]);
        return result?.rows ?? [];
      } catch (error) {
        // Nothing to undo after a failed COMMIT; a connection that cannot roll back is of no use.
        await c.query('ROLLBACK').catch(() => broken.add(c));
        throw error;
      }
    });
  }

  /** Runs `work` on a pooled connection; a connection that failed is discarded, not reused. */
  async run<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('store is closed');
    this.active++;
    try {
      const client = await this.pool.connect();
      let failure: Error | undefined;
      try {
        return await work(client);
      } catch (error) {
        // A broken connection (server restart) must not go back to the pool.
        if (isConnectionError(error)) failure = error as Error;
        throw error;
      } finally {
        client.release(failure ?? (broken.has(client) ? new Error('connection lost') : undefined));
      }
    } finally {
      if (--this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }
}

/** Errors after which the connection is of no further use: no SQLSTATE, or class 08 / 57P. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || code.startsWith('08') || code.startsWith('57P');
}
