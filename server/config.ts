// Server settings: a flag wins over its environment variable, which wins over the default.
import { registrationModes, type RegistrationMode } from '../protocol/contract.js';
import { limits } from '../protocol/limits.js';
import { logLevels, type LogLevel } from './logger.js';

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
  /** Failed logins per client address per 10 min; 0 means no limit (default 30). */
  loginRate?: number;
  /** Registrations per client address per 10 min; 0 means no limit (default 10). */
  registerRate?: number;
  /** Take the client address from the last X-Forwarded-For entry (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Socket.IO connections this node holds at most (default 20,000). */
  maxConnections?: number;
  /** Who may register (default: registrationDefault(host)). */
  registration?: RegistrationMode;
  /** This name is the administrator: made admin at start if it exists, or when it registers. */
  admin?: string;
  /** A session unused this many days ends (default 90). */
  sessionIdleDays?: number;
  /** Folder of the uploaded files' bytes (default: `files` in dataDir); a cluster's nodes must share it. */
  filesDir?: string;
  /** s3://… or http(s)://… of an S3-compatible bucket, path-style: the files' bytes go there instead. */
  filesS3Url?: string;
  /** Largest upload in MiB (default limits.defaultMaxUploadMb). */
  maxUploadMb?: number;
  /** How long after sending a message its sender may recall it, in ms; 0 disables recall. */
  recallWindowMs?: number;
  /** How long after sending a text message its sender may edit it, in ms; 0 disables editing. */
  editWindowMs?: number;
  /** Folder whose latest*.yml and installers are served under /updates/ (the apps' updates); unset, none. */
  updatesDir?: string;
}

/** What `npm run server` reads: the server's settings and how much it logs. */
export interface Settings extends ServerConfig {
  logLevel: LogLevel;
  loginRate: number;
  registerRate: number;
  trustProxy: boolean;
}

export const defaultMaxConnections = 20_000;

/** Open on loopback (the bundled server of `npm start`), by invite on anything reachable from elsewhere. */
export function registrationDefault(host: string): RegistrationMode {
  return ['127.0.0.1', '::1', 'localhost'].includes(host.trim().toLowerCase()) ? 'open' : 'invite';
}

export const defaults: Settings = {
  port: 4860,
  host: '127.0.0.1',
  dataDir: './data',
  sendRate: 300,
  maxConnections: defaultMaxConnections,
  logLevel: 'info',
  loginRate: 30,
  registerRate: 10,
  trustProxy: false,
  sessionIdleDays: 90,
  maxUploadMb: limits.defaultMaxUploadMb,
  recallWindowMs: limits.defaultRecallWindowMs,
  editWindowMs: limits.defaultEditWindowMs,
};

const settings = {
  port: {
    flag: '--port',
    value: 'N',
    env: 'MESSENGER_PORT',
    parse: integerIn(0, 65535),
    meaning: 'port to listen on, 0 picks a free one',
  },
  host: {
    flag: '--host',
    value: 'H',
    env: 'MESSENGER_HOST',
    parse: nonEmpty,
    meaning: 'address to bind, 0.0.0.0 serves the LAN',
  },
  dataDir: {
    flag: '--data',
    value: 'DIR',
    env: 'MESSENGER_DATA',
    parse: nonEmpty,
    meaning: 'folder of the SQLite database',
  },
  sendRate: {
    flag: '--send-rate',
    value: 'N',
    env: 'MESSENGER_SEND_RATE',
    parse: integerIn(0, 1_000_000),
    meaning: 'sends per user per 10 s, 0 for no limit',
  },
  dbUrl: {
    flag: '--db-url',
    value: 'URL',
    env: 'MESSENGER_DB_URL',
    parse: urlOf(['postgres:', 'postgresql:']),
    meaning: 'postgres://… to use PostgreSQL, not SQLite',
  },
  redisUrl: {
    flag: '--redis-url',
    value: 'URL',
    env: 'MESSENGER_REDIS_URL',
    parse: urlOf(['redis:', 'rediss:']),
    meaning: 'redis://… to link several server nodes',
  },
  loginRate: {
    flag: '--login-rate',
    value: 'N',
    env: 'MESSENGER_LOGIN_RATE',
    parse: integerIn(0, 1_000_000),
    meaning: 'failed logins per address per 10 min, 0: none',
  },
  registerRate: {
    flag: '--register-rate',
    value: 'N',
    env: 'MESSENGER_REGISTER_RATE',
    parse: integerIn(0, 1_000_000),
    meaning: 'registrations per address per 10 min, 0: none',
  },
  trustProxy: {
    flag: '--trust-proxy',
    // A switch: given alone it means true; `--trust-proxy=false` and the variable take a word.
    value: '',
    env: 'MESSENGER_TRUST_PROXY',
    parse: yesOrNo,
    meaning: 'client address from X-Forwarded-For (proxy)',
  },
  maxConnections: {
    flag: '--max-connections',
    value: 'N',
    env: 'MESSENGER_MAX_CONNECTIONS',
    parse: integerIn(1, 10_000_000),
    meaning: 'Socket.IO connections held at most',
  },
  registration: {
    flag: '--registration',
    value: 'M',
    env: 'MESSENGER_REGISTRATION',
    parse: oneOf(registrationModes),
    meaning: 'who may register: open|invite|closed',
    shownDefault: 'open on loopback, else invite',
  },
  admin: {
    flag: '--admin',
    value: 'NAME',
    env: 'MESSENGER_ADMIN',
    parse: nonEmpty,
    meaning: 'this user is an administrator',
    shownDefault: 'the first user',
  },
  sessionIdleDays: {
    flag: '--session-idle-days',
    value: 'N',
    env: 'MESSENGER_SESSION_IDLE_DAYS',
    parse: integerIn(1, 3650),
    meaning: 'a session unused this many days ends',
  },
  filesDir: {
    flag: '--files-dir',
    value: 'DIR',
    env: 'MESSENGER_FILES_DIR',
    parse: nonEmpty,
    meaning: "folder of uploaded files (a cluster's nodes share it)",
    shownDefault: 'files in the data folder',
  },
  filesS3Url: {
    flag: '--files-s3-url',
    value: 'URL',
    env: 'MESSENGER_FILES_S3_URL',
    parse: urlOf(['s3:', 'http:', 'https:']),
    meaning: 'keep uploaded files in this S3 bucket instead',
  },
  maxUploadMb: {
    flag: '--max-upload-mb',
    value: 'N',
    env: 'MESSENGER_MAX_UPLOAD_MB',
    parse: integerIn(1, 100_000),
    meaning: 'largest file a user may upload, in MiB',
  },
  recallWindowMs: {
    flag: '--recall-window',
    value: 'MS',
    env: 'MESSENGER_RECALL_WINDOW',
    parse: integerIn(0, 365 * 24 * 60 * 60 * 1000),
    meaning: 'ms after sending a message may be recalled, 0: never',
  },
  editWindowMs: {
    flag: '--edit-window',
    value: 'MS',
    env: 'MESSENGER_EDIT_WINDOW',
    parse: integerIn(0, 365 * 24 * 60 * 60 * 1000),
    meaning: 'ms after sending a text may be edited, 0: never',
  },
  updatesDir: {
    flag: '--updates-dir',
    value: 'DIR',
    env: 'MESSENGER_UPDATES_DIR',
    parse: nonEmpty,
    meaning: "serve the apps' updates from this folder",
  },
  logLevel: {
    flag: '--log-level',
    value: 'L',
    env: 'MESSENGER_LOG_LEVEL',
    parse: oneOf(logLevels),
    meaning: `lowest level logged: ${logLevels.join('|')}`,
  },
} as const;

type Setting = (typeof settings)[keyof Settings];
const entries = Object.entries(settings) as Array<[keyof Settings, Setting]>;

const optionWidth = Math.max(...entries.map(([, { flag, value }]) => `${flag} ${value}`.length)) + 2;

export const usage = [
  'Usage: npm run server -- [options]',
  ...entries.map(
    ([key, { flag, value, env, meaning }]) =>
      `  ${`${flag} ${value}`.trimEnd().padEnd(optionWidth)}${meaning.padEnd(46)}(${env}, default ${shownDefault(key)})`,
  ),
  `  ${'--help'.padEnd(optionWidth)}print this text and exit`,
].join('\n');

function shownDefault(key: keyof Settings): string | number | boolean {
  const setting = settings[key];
  return defaults[key] ?? ('shownDefault' in setting ? setting.shownDefault : 'none');
}

export class ConfigError extends Error {}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const setting = entries.find(([, known]) => known.flag === flag)?.[1];
    if (!setting) throw new ConfigError(`Unknown option ${flag}.`);
    const value = inline ?? (setting.value === '' ? 'true' : argv[++i]);
    if (value === undefined) throw new ConfigError(`${flag} needs a value.`);
    flags.set(flag, value);
  }
  const config = { ...defaults } as Record<keyof Settings, string | number | boolean>;
  for (const [key, setting] of entries) {
    const fromFlag = flags.get(setting.flag);
    const raw = fromFlag ?? env[setting.env];
    if (raw === undefined) continue;
    const source = fromFlag !== undefined ? setting.flag : setting.env;
    config[key] = setting.parse(raw, source);
  }
  config.registration ??= registrationDefault(String(config.host));
  return config as unknown as Settings;
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

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string, source: string): T => {
    const value = values.find((v) => v === raw);
    if (value === undefined) throw new ConfigError(`${source} must be one of ${values.join(', ')}, not "${raw}".`);
    return value;
  };
}

function yesOrNo(raw: string, source: string): boolean {
  if (['1', 'true', 'yes', 'on'].includes(raw.trim().toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.trim().toLowerCase())) return false;
  throw new ConfigError(`${source} must be true or false, not "${raw}".`);
}

function nonEmpty(raw: string, source: string): string {
  if (raw.trim() === '') throw new ConfigError(`${source} must not be empty.`);
  return raw;
}
