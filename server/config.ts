// Server settings: a flag wins over its environment variable, which wins over the default.

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Stored sends per user per 10 s; 0 means no limit. */
  sendRate: number;
  /** postgres://… selects the PostgreSQL store (shared by several nodes); unset, SQLite in dataDir. */
  dbUrl?: string;
  /** redis://… links the nodes: Socket.IO Redis adapter plus replicated viewing and presence. */
  redisUrl?: string;
}

export const defaults: ServerConfig = { port: 4860, host: '127.0.0.1', dataDir: './data', sendRate: 300 };

const settings = {
  port: { flag: '--port', env: 'MESSENGER_PORT', parse: integerIn(0, 65535) },
  host: { flag: '--host', env: 'MESSENGER_HOST', parse: nonEmpty },
  dataDir: { flag: '--data', env: 'MESSENGER_DATA', parse: nonEmpty },
  sendRate: { flag: '--send-rate', env: 'MESSENGER_SEND_RATE', parse: integerIn(0, 1_000_000) },
  dbUrl: { flag: '--db-url', env: 'MESSENGER_DB_URL', parse: urlOf(['postgres:', 'postgresql:']) },
  redisUrl: { flag: '--redis-url', env: 'MESSENGER_REDIS_URL', parse: urlOf(['redis:', 'rediss:']) },
} as const;

export const usage = `Usage: npm run server -- [options]
  --port N        port to listen on, 0 picks a free one   (MESSENGER_PORT, default ${defaults.port})
  --host H        address to bind, 0.0.0.0 serves the LAN (MESSENGER_HOST, default ${defaults.host})
  --data DIR      folder of the SQLite database           (MESSENGER_DATA, default ${defaults.dataDir})
  --send-rate N   sends per user per 10 s, 0 for no limit (MESSENGER_SEND_RATE, default ${defaults.sendRate})
  --db-url URL    postgres://… to use PostgreSQL, not SQLite (MESSENGER_DB_URL, default none)
  --redis-url URL redis://… to link several server nodes   (MESSENGER_REDIS_URL, default none)`;

export class ConfigError extends Error {}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!Object.values(settings).some((s) => s.flag === flag)) throw new ConfigError(`Unknown option ${flag}.`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError(`${flag} needs a value.`);
    flags.set(flag, value);
  }
  const config = { ...defaults } as Record<keyof ServerConfig, string | number>;
  for (const [key, setting] of Object.entries(settings) as Array<
    [keyof ServerConfig, (typeof settings)[keyof ServerConfig]]
  >) {
    const fromFlag = flags.get(setting.flag);
    const raw = fromFlag ?? env[setting.env];
    if (raw === undefined) continue;
    const source = fromFlag !== undefined ? setting.flag : setting.env;
    config[key] = setting.parse(raw, source);
  }
  return config as unknown as ServerConfig;
}

function integerIn(min: number, max: number) {
  return (raw: string, source: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      throw new ConfigError(`${source} must be a whole number from ${min} to ${max}, not "${raw}".`);
    }
    return value;
  };
}

function urlOf(protocols: string[]) {
  return (raw: string, source: string): string => {
    let protocol: string | undefined;
    try {
      protocol = new URL(raw).protocol;
    } catch {
      protocol = undefined;
    }
    if (!protocol || !protocols.includes(protocol)) {
      throw new ConfigError(`${source} must be a ${protocols[0]}// URL.`);
    }
    return raw;
  };
}

function nonEmpty(raw: string, source: string): string {
  if (raw.trim() === '') throw new ConfigError(`${source} must not be empty.`);
  return raw;
}
