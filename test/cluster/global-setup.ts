// The cluster run's services: one throwaway PostgreSQL and one throwaway Redis for the whole
// run, on 127.0.0.1, stopped at the end. Every test server makes its own database and Redis
// channel prefix in them (test/support/server.ts), so test files running side by side do not meet.
import { ensureInstalled, startPostgres, startRedis } from '../support/services.js';

export default async function setup(): Promise<() => Promise<void>> {
  ensureInstalled();
  const postgres = await startPostgres();
  let redis;
  try {
    redis = await startRedis();
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  process.env.MESSENGER_TEST_PG_URL = postgres.url;
  process.env.MESSENGER_TEST_REDIS_URL = redis.url;
  return async () => {
    await redis.stop();
    await postgres.stop();
  };
}
