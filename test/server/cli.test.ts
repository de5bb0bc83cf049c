// `npm run server`: its settings read in-process (flags, environment variables, defaults, bad
// values, the usage text), then one real process per way it can end (--help, a bad setting, a
// start that fails, SIGTERM), one after another and each waited on by its own output and exit.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaults, readConfig, usage } from '../../server/config.js';
import { startServer } from '../../server/app.js';
import { databaseFileName } from '../../server/store/sqlite/sqlite-store.js';
import { register } from '../support/clients.js';
import { whenDisconnected } from '../support/raw-sockets.js';
import { canListen, cleanUpServersAndSockets, runToExit, startServerProcess, tcpConnect } from '../support/process.js';
import { tempDir } from '../support/server.js';

const open = cleanUpServersAndSockets();

/** The message of the ConfigError that readConfig throws for these settings. */
function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    readConfig(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`${JSON.stringify(argv)} ${JSON.stringify(env)} was accepted`);
}

describe('readConfig', () => {
  it('uses port 4860, 127.0.0.1, ./data, 300 sends per 10 s, SQLite, no Redis, info logs and the sign-in limits by default', () => {
    expect(readConfig([], {})).toEqual({
      port: 4860,
      host: '127.0.0.1',
      dataDir: './data',
      sendRate: 300,
      maxConnections: 20_000,
      logLevel: 'info',
      loginRate: 30,
      registerRate: 10,
      trustProxy: false,
      registration: 'open',
      sessionIdleDays: 90,
      maxUploadMb: 100,
      recallWindowMs: 120_000,
      editWindowMs: 900_000,
    });
    expect({ ...defaults, registration: 'open' }).toEqual(readConfig([], {}));
  });

  it('reads every setting from its environment variable', () => {
    const env = {
      MESSENGER_PORT: '5000',
      MESSENGER_HOST: '0.0.0.0',
      MESSENGER_DATA: '/srv/messenger',
      MESSENGER_SEND_RATE: '2',
      MESSENGER_DB_URL: 'postgres://user:secret@db:5432/messenger',
      MESSENGER_REDIS_URL: 'rediss://cache:6380/1',
      MESSENGER_MAX_CONNECTIONS: '500',
      MESSENGER_LOG_LEVEL: 'warn',
      MESSENGER_LOGIN_RATE: '4',
      MESSENGER_REGISTER_RATE: '0',
      MESSENGER_TRUST_PROXY: '1',
      MESSENGER_REGISTRATION: 'closed',
      MESSENGER_ADMIN: 'Root',
      MESSENGER_SESSION_IDLE_DAYS: '30',
      MESSENGER_FILES_DIR: '/srv/files',
      MESSENGER_FILES_S3_URL: 'http://AK:SK@minio:9000/files?region=eu-west-1',
      MESSENGER_MAX_UPLOAD_MB: '250',
      MESSENGER_RECALL_WINDOW: '0',
      MESSENGER_EDIT_WINDOW: '60000',
    };
    expect(readConfig([], env)).toEqual({
      port: 5000,
      host: '0.0.0.0',
      dataDir: '/srv/messenger',
      sendRate: 2,
      dbUrl: 'postgres://user:secret@db:5432/messenger',
      redisUrl: 'rediss://cache:6380/1',
      maxConnections: 500,
      logLevel: 'warn',
      loginRate: 4,
      registerRate: 0,
      trustProxy: true,
      registration: 'closed',
      admin: 'Root',
      sessionIdleDays: 30,
      filesDir: '/srv/files',
      filesS3Url: 'http://AK:SK@minio:9000/files?region=eu-west-1',
      maxUploadMb: 250,
      recallWindowMs: 0,
      editWindowMs: 60_000,
    });
  });

  it('lets each flag win over its environment variable, even a malformed one, in either flag form', () => {
    const env = {
      MESSENGER_PORT: 'abc',
      MESSENGER_HOST: '::1',
      MESSENGER_DATA: '',
      MESSENGER_SEND_RATE: '-1',
      MESSENGER_DB_URL: 'mysql://nope',
      MESSENGER_REDIS_URL: 'nope',
      MESSENGER_MAX_CONNECTIONS: '0',
      MESSENGER_LOG_LEVEL: 'loud',
      MESSENGER_LOGIN_RATE: 'x',
      MESSENGER_REGISTER_RATE: '-2',
      MESSENGER_TRUST_PROXY: 'maybe',
      MESSENGER_REGISTRATION: 'anyone',
      MESSENGER_ADMIN: '',
      MESSENGER_SESSION_IDLE_DAYS: '0',
      MESSENGER_FILES_DIR: '',
      MESSENGER_FILES_S3_URL: 'ftp://nope',
      MESSENGER_MAX_UPLOAD_MB: '0',
      MESSENGER_RECALL_WINDOW: '-1',
      MESSENGER_EDIT_WINDOW: 'soon',
    };
    const argv = [
      '--port=0',
      '--host',
      '127.0.0.1',
      '--data',
      'here',
      '--send-rate=0',
      '--db-url',
      'postgresql://db/m',
      '--redis-url=redis://cache',
      '--max-connections=7',
      '--log-level',
      'debug',
      '--login-rate=0',
      '--register-rate',
      '7',
      '--trust-proxy',
      '--registration=invite',
      '--admin',
      'Ann',
      '--session-idle-days=3650',
      '--files-dir',
      'shared/files',
      '--files-s3-url=s3://bucket',
      '--max-upload-mb',
      '100000',
      '--recall-window=5000',
      '--edit-window',
      '0',
    ];
    expect(readConfig(argv, env)).toEqual({
      port: 0,
      host: '127.0.0.1',
      dataDir: 'here',
      sendRate: 0,
      dbUrl: 'postgresql://db/m',
      redisUrl: 'redis://cache',
      maxConnections: 7,
      logLevel: 'debug',
      loginRate: 0,
      registerRate: 7,
      trustProxy: true,
      registration: 'invite',
      admin: 'Ann',
      sessionIdleDays: 3650,
      filesDir: 'shared/files',
      filesS3Url: 's3://bucket',
      maxUploadMb: 100_000,
      recallWindowMs: 5000,
      editWindowMs: 0,
    });
  });

  it('defaults registration to open on loopback and to invite on any other address', () => {
    expect(readConfig(['--host', '::1'], {}).registration).toBe('open');
    expect(readConfig(['--host', 'localhost'], {}).registration).toBe('open');
    expect(readConfig(['--host', '0.0.0.0'], {}).registration).toBe('invite');
    expect(readConfig(['--host', '192.168.1.5'], {}).registration).toBe('invite');
    expect(readConfig(['--host', '0.0.0.0', '--registration', 'open'], {}).registration).toBe('open');
  });

  it('reads --trust-proxy alone as true, and a word after = or in MESSENGER_TRUST_PROXY', () => {
    expect(readConfig([], {}).trustProxy).toBe(false);
    expect(readConfig(['--trust-proxy', '--port', '1'], {})).toMatchObject({ trustProxy: true, port: 1 });
    expect(readConfig(['--trust-proxy=false'], { MESSENGER_TRUST_PROXY: 'true' }).trustProxy).toBe(false);
    expect(readConfig([], { MESSENGER_TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
    expect(readConfig([], { MESSENGER_LOGIN_RATE: '5', MESSENGER_REGISTER_RATE: '0' })).toMatchObject({
      loginRate: 5,
      registerRate: 0,
    });
  });

  it('takes the last of a flag given twice, and a value that itself contains "="', () => {
    expect(readConfig(['--port', '1', '--port', '2'], {}).port).toBe(2);
    expect(readConfig(['--data=a=b'], {}).dataDir).toBe('a=b');
  });

  it('refuses a bad value, an unknown option or a missing value with a one-line reason', () => {
    const cases: Array<[argv: string[], env: NodeJS.ProcessEnv, reason: string]> = [
      [['--port', 'abc'], {}, '--port must be a whole number from 0 to 65535, not "abc".'],
      [['--port', '70000'], {}, '--port must be a whole number from 0 to 65535, not "70000".'],
      [['--port', '-1'], {}, '--port must be a whole number from 0 to 65535, not "-1".'],
      [['--port=1.5'], {}, '--port must be a whole number from 0 to 65535, not "1.5".'],
      [['--send-rate', 'many'], {}, '--send-rate must be a whole number from 0 to 1000000, not "many".'],
      [['--send-rate', '1000001'], {}, '--send-rate must be a whole number from 0 to 1000000, not "1000001".'],
      [['--host', ' '], {}, '--host must not be empty.'],
      [['--data='], {}, '--data must not be empty.'],
      [['--db-url', 'mysql://db/m'], {}, '--db-url must be a postgres:// URL.'],
      [['--redis-url', 'cache:6379'], {}, '--redis-url must be a redis:// URL.'],
      [['--log-level', 'verbose'], {}, '--log-level must be one of error, warn, info, debug, not "verbose".'],
      [['--max-connections', '0'], {}, '--max-connections must be a whole number from 1 to 10000000, not "0".'],
      [
        [],
        { MESSENGER_MAX_CONNECTIONS: 'lots' },
        'MESSENGER_MAX_CONNECTIONS must be a whole number from 1 to 10000000, not "lots".',
      ],
      [['--flag'], {}, 'Unknown option --flag.'],
      [['--flag', 'value'], {}, 'Unknown option --flag.'],
      [['port', '1'], {}, 'Unknown option port.'],
      [['--port'], {}, '--port needs a value.'],
      [['--login-rate', '-1'], {}, '--login-rate must be a whole number from 0 to 1000000, not "-1".'],
      [['--register-rate=many'], {}, '--register-rate must be a whole number from 0 to 1000000, not "many".'],
      [['--trust-proxy=perhaps'], {}, '--trust-proxy must be true or false, not "perhaps".'],
      [[], { MESSENGER_TRUST_PROXY: '' }, 'MESSENGER_TRUST_PROXY must be true or false, not "".'],
      [[], { MESSENGER_PORT: 'abc' }, 'MESSENGER_PORT must be a whole number from 0 to 65535, not "abc".'],
      [[], { MESSENGER_SEND_RATE: '-1' }, 'MESSENGER_SEND_RATE must be a whole number from 0 to 1000000, not "-1".'],
      [[], { MESSENGER_DATA: '' }, 'MESSENGER_DATA must not be empty.'],
      [[], { MESSENGER_LOG_LEVEL: 'INFO' }, 'MESSENGER_LOG_LEVEL must be one of error, warn, info, debug, not "INFO".'],
      [['--registration', 'anyone'], {}, '--registration must be one of open, invite, closed, not "anyone".'],
      [
        [],
        { MESSENGER_REGISTRATION: 'Open' },
        'MESSENGER_REGISTRATION must be one of open, invite, closed, not "Open".',
      ],
      [['--admin= '], {}, '--admin must not be empty.'],
      [['--session-idle-days=0'], {}, '--session-idle-days must be a whole number from 1 to 3650, not "0".'],
      [
        [],
        { MESSENGER_SESSION_IDLE_DAYS: '3651' },
        'MESSENGER_SESSION_IDLE_DAYS must be a whole number from 1 to 3650, not "3651".',
      ],
    ];
    for (const [argv, env, reason] of cases) {
      expect(refusal(argv, env), JSON.stringify([argv, env])).toBe(reason);
    }
  });
});

describe('the usage text', () => {
  const lines = usage.split('\n');
  const listed = lines.flatMap((line) => /^ {2}(--[a-z0-9-]+)/.exec(line)?.[1] ?? []);

  it('lists each option readConfig reads, with its environment variable and default', () => {
    expect(listed).toEqual([
      '--port',
      '--host',
      '--data',
      '--send-rate',
      '--db-url',
      '--redis-url',
      '--login-rate',
      '--register-rate',
      '--trust-proxy',
      '--max-connections',
      '--registration',
      '--admin',
      '--session-idle-days',
      '--files-dir',
      '--files-s3-url',
      '--max-upload-mb',
      '--recall-window',
      '--edit-window',
      '--updates-dir',
      '--log-level',
      '--help',
    ]);
    for (const flag of listed.filter((flag) => flag !== '--help' && flag !== '--trust-proxy')) {
      // Known, so the complaint is about the missing value.
      expect(refusal([flag])).toBe(`${flag} needs a value.`);
    }
    const row = (flag: string) => lines.find((line) => line.startsWith(`  ${flag} `))!;
    expect(row('--port')).toMatch(/\(MESSENGER_PORT, default 4860\)$/);
    expect(row('--host')).toMatch(/\(MESSENGER_HOST, default 127\.0\.0\.1\)$/);
    expect(row('--registration')).toMatch(/\(MESSENGER_REGISTRATION, default open on loopback, else invite\)$/);
    expect(row('--admin')).toMatch(/\(MESSENGER_ADMIN, default the first user\)$/);
    expect(row('--session-idle-days')).toMatch(/\(MESSENGER_SESSION_IDLE_DAYS, default 90\)$/);
    expect(row('--max-connections')).toMatch(/\(MESSENGER_MAX_CONNECTIONS, default 20000\)$/);
    expect(row('--data')).toMatch(/\(MESSENGER_DATA, default \.\/data\)$/);
    expect(row('--send-rate')).toMatch(/\(MESSENGER_SEND_RATE, default 300\)$/);
    expect(row('--db-url')).toMatch(/\(MESSENGER_DB_URL, default none\)$/);
    expect(row('--redis-url')).toMatch(/\(MESSENGER_REDIS_URL, default none\)$/);
    expect(row('--login-rate')).toMatch(/\(MESSENGER_LOGIN_RATE, default 30\)$/);
    expect(row('--register-rate')).toMatch(/\(MESSENGER_REGISTER_RATE, default 10\)$/);
    expect(row('--trust-proxy')).toMatch(/\(MESSENGER_TRUST_PROXY, default false\)$/);
    expect(row('--files-dir')).toMatch(/\(MESSENGER_FILES_DIR, default files in the data folder\)$/);
    expect(row('--files-s3-url')).toMatch(/\(MESSENGER_FILES_S3_URL, default none\)$/);
    expect(row('--max-upload-mb')).toMatch(/\(MESSENGER_MAX_UPLOAD_MB, default 100\)$/);
    expect(row('--log-level')).toMatch(/error\|warn\|info\|debug .*\(MESSENGER_LOG_LEVEL, default info\)$/);
  });
});

describe('the printed address', () => {
  it('puts an IPv6 host in brackets, and binds only that address', async () => {
    const v6 = await canListen(0, '::1');
    if (!v6.ok) return expect(v6.error.code).toMatch(/EADDRNOTAVAIL|EAFNOSUPPORT/);
    const server = await startServer({ ...defaults, host: '::1', port: 0, dataDir: tempDir() });
    try {
      expect(server.url).toBe(`http://[::1]:${server.port}`);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
      expect(await tcpConnect(server.port, '127.0.0.1')).toBe('refused');
    } finally {
      await server.close();
    }
  });
});

describe('npm run server, as a process', () => {
  it('prints the usage on stdout and exits 0 with --help', async () => {
    const result = await runToExit(['--help', '--port', 'abc']);
    expect(result).toMatchObject({ code: 0, signal: null, stdout: `${usage}\n`, stderr: '' });
  });

  it('exits 2 on a bad setting, with the reason on the first line of stderr and the usage after it', async () => {
    const dataDir = path.join(tempDir(), 'never');
    const result = await runToExit(['--data', dataDir, '--port', 'abc']);
    expect(result).toMatchObject({ code: 2, signal: null, stdout: '' });
    expect(result.stderr).toBe(`--port must be a whole number from 0 to 65535, not "abc".\n\n${usage}\n`);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('exits 1 with a one-line reason when it cannot start, here because the port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const result = await runToExit(['--port', String(port), '--data', tempDir()]);
      expect(result).toMatchObject({ code: 1, signal: null, stdout: '' });
      expect(result.stderr).toMatch(new RegExp(`^The server could not start: .*EADDRINUSE.*${port}\\n$`));
    } finally {
      holder.close();
    }
  });

  it('prints "listening on" first, logs only to stderr, and exits 0 on SIGTERM, closing its connections', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const server = await startServerProcess(['--port', '0', '--data', dataDir, '--log-level', 'debug']);
    expect(server.firstLine).toBe(`listening on http://127.0.0.1:${server.port}`);
    // --data creates the folder, parents too, with the SQLite file in it.
    expect(fs.existsSync(path.join(dataDir, databaseFileName))).toBe(true);
    const alice = await register(server.url);
    const socket = await open(server.url, alice.token);
    const disconnected = whenDisconnected(socket);

    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(await disconnected).toBe('transport close');
    expect(server.stdout()).toBe(`${server.firstLine}\n`);
    expect(server.stderr()).toMatch(new RegExp(`debug user ${alice.user.id} connected`));
    expect(server.stderr()).toMatch(/debug shutdown: done\n$/);
  });
});
