// The desktop app's command line: --profile, --server, --data-dir.
import { describe, expect, it } from 'vitest';
import { defaultServerUrl, LaunchOptionError, parseLaunchOptions } from '../../../main/electron/launch-options.js';

const electron = ['/usr/lib/electron/electron', '/app/out/main/main.js'];

describe('parseLaunchOptions', () => {
  it('defaults to the "default" profile and the local server', () => {
    expect(parseLaunchOptions(electron)).toEqual({
      profile: 'default',
      serverUrl: defaultServerUrl,
      dataDir: null,
      help: false,
    });
    expect(defaultServerUrl).toBe('http://127.0.0.1:4860');
  });

  it('reads flags in both forms, among Chromium switches', () => {
    expect(
      parseLaunchOptions([
        ...electron,
        '--no-sandbox',
        '--profile',
        'work',
        '--server=https://chat.example.com',
        '--data-dir',
        '/tmp/m',
      ]),
    ).toEqual({
      profile: 'work',
      serverUrl: 'https://chat.example.com',
      dataDir: '/tmp/m',
      help: false,
    });
    expect(parseLaunchOptions([...electron, '--profile=alice_2']).profile).toBe('alice_2');
  });

  it.each(['../x', '..', 'a/b', 'a\\b', '.hidden', '', 'x'.repeat(65), 'with space', 'C:'])(
    'refuses the profile name %j',
    (name) => {
      expect(() => parseLaunchOptions([...electron, `--profile=${name}`])).toThrow(LaunchOptionError);
    },
  );

  it.each(['ftp://host', 'javascript:alert(1)', 'http://user:pw@host', 'not a url'])('refuses the server %j', (url) => {
    expect(() => parseLaunchOptions([...electron, '--server', url])).toThrow(LaunchOptionError);
  });

  it('asks for the help text with --help or -h, whatever else is given', () => {
    expect(parseLaunchOptions([...electron, '--profile', 'work', '--help'])).toMatchObject({
      help: true,
      profile: 'work',
    });
    expect(parseLaunchOptions([...electron, '-h']).help).toBe(true);
  });

  it('refuses a flag without its value', () => {
    expect(() => parseLaunchOptions([...electron, '--profile'])).toThrow(/needs a value/);
    expect(() => parseLaunchOptions([...electron, '--server', '--profile', 'x'])).toThrow(/needs a value/);
    expect(() => parseLaunchOptions([...electron, '--data-dir='])).toThrow(LaunchOptionError);
  });
});
