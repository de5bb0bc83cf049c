// The feed as the app reads it: a real server with --updates-dir on a temporary folder holding
// a generated latest.yml, fetched over HTTP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError, parseFeed, readFeed, updatesUrl } from '../../../../main/electron/updates/update-feed.js';
import { planUpdate } from '../../../../main/electron/updates/update-plan.js';
import { startTestServer, type TestServer } from '../../../support/server.js';
import { feedYaml } from './feed-yaml.js';

describe('the update feed read from a server', () => {
  let server: TestServer;
  let dir: string;
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'messenger-feed-'));
    server = await startTestServer({ updatesDir: dir });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = () => readFeed(updatesUrl(server.url), 'latest-linux.yml');
  const failure = async () =>
    (await read().then(
      () => null,
      (error: unknown) => error,
    )) as FeedError;

  it('offers a newer release to download', async () => {
    write('latest-linux.yml', feedYaml('1.1.0'));
    const offer = await read();
    expect(offer).toEqual({
      version: '1.1.0',
      files: [{ url: 'Messenger-1.1.0.AppImage', sha512: 'c2hhNTEy', size: 123 }],
      releaseDate: '2026-12-01T10:00:00.000Z',
    });
    expect(planUpdate('1.0.0', offer)).toMatchObject({ kind: 'download', version: '1.1.0' });
  });

  it('offers nothing when the feed has the same or an older release', async () => {
    write('latest-linux.yml', feedYaml('1.0.0'));
    expect(planUpdate('1.0.0', await read())).toEqual({ kind: 'nothing', why: 'not-newer' });
    write('latest-linux.yml', feedYaml('0.9.0'));
    expect(planUpdate('1.0.0', await read())).toEqual({ kind: 'nothing', why: 'not-newer' });
  });

  it('offers a stable build nothing when the feed holds a prerelease', async () => {
    write('latest-linux.yml', feedYaml('1.1.0-beta.1'));
    expect(planUpdate('1.0.0', await read())).toEqual({ kind: 'nothing', why: 'prerelease-on-stable' });
  });

  it('calls a feed that is not YAML, or lacks its fields, malformed', async () => {
    write('latest-linux.yml', 'version: [1.1.0\nfiles: {');
    expect(await failure()).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/not YAML/) });
    write('latest-linux.yml', yaml.dump({ version: 'one point one', files: [] }));
    expect(await failure()).toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/^The update feed is unusable: version/),
    });
    write('latest-linux.yml', yaml.dump({ version: '1.1.0', files: [] }));
    expect(await failure()).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/files/) });
  });

  it('calls a feed whose Content-Length is over 1 MiB malformed, unread', async () => {
    write('latest-linux.yml', `${feedYaml('1.1.0')}#${'x'.repeat(1024 * 1024)}\n`);
    expect(await failure()).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/over 1048576 bytes/) });
  });

  it('calls a feed the server does not have missing', async () => {
    fs.rmSync(path.join(dir, 'latest-linux.yml'), { force: true });
    expect(await failure()).toMatchObject({ kind: 'missing' });
  });

  it('calls a server that is not there unreachable', async () => {
    const gone = await startTestServer();
    await gone.close();
    const error = await readFeed(updatesUrl(gone.url), 'latest.yml').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ kind: 'unreachable' });
  });
});

describe('updatesUrl and parseFeed', () => {
  it('puts /updates/ under the server address, with or without a path', () => {
    expect(updatesUrl('http://127.0.0.1:4860')).toBe('http://127.0.0.1:4860/updates/');
    expect(updatesUrl('https://chat.example.com/messenger/')).toBe('https://chat.example.com/messenger/updates/');
  });

  it('reads only plain data: YAML tags are refused', () => {
    expect(() => parseFeed('version: !!js/undefined x\nfiles: []')).toThrow(FeedError);
  });
});
