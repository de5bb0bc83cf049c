// An http:// server on another computer needs the user's consent, in the renderer and again
// at the IPC: loopback and https:// do not.
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../main/core/api/request-schemas.js';
import { isUnencryptedRemote } from '../../../main/ipc/server-address.js';

describe('isUnencryptedRemote', () => {
  it.each([
    'http://127.0.0.1:4860',
    'http://127.1:4860',
    'http://127.8.9.10',
    'http://localhost:4860',
    'http://LOCALHOST:4860',
    'http://[::1]:4860',
    'https://chat.example.com',
    'https://192.168.1.5:4860',
    'not a url',
  ])('lets %s through', (url) => {
    expect(isUnencryptedRemote(url)).toBe(false);
  });

  it.each([
    'http://chat.example.com',
    'http://192.168.1.5:4860',
    'http://10.0.0.1',
    'http://[::ffff:127.0.0.1]:4860',
    'http://localhost.example.com',
    'http://128.0.0.1',
  ])('asks for consent for %s', (url) => {
    expect(isUnencryptedRemote(url)).toBe(true);
  });
});

describe('the sign-in request', () => {
  const input = { name: 'alice', password: 'long enough' };

  it('refuses an http:// server on another computer without allowUnencrypted', () => {
    for (const allowUnencrypted of [undefined, false]) {
      const parsed = requestSchemas.login.safeParse({
        ...input,
        serverUrl: 'http://192.168.1.5:4860',
        allowUnencrypted,
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({
        path: ['serverUrl'],
        message: 'must be https:// for a server on another computer, unless allowUnencrypted is true',
      });
    }
  });

  it('takes it when the user allowed it, and loopback or https:// without asking', () => {
    expect(
      requestSchemas.register.safeParse({ ...input, serverUrl: 'http://192.168.1.5:4860', allowUnencrypted: true })
        .success,
    ).toBe(true);
    expect(requestSchemas.login.safeParse({ ...input, serverUrl: 'http://127.0.0.1:4860' }).success).toBe(true);
    expect(requestSchemas.login.safeParse({ ...input, serverUrl: 'https://chat.example.com' }).success).toBe(true);
  });
});
