// Node runtime. What a server address may be before anything is sent to it.
import { failure } from '../failure.js';

/**
 * The server address as a URL: http or https, with no user name or password, and nothing
 * after the host and port — Socket.IO would read a path as a namespace.
 */
export function parseServerUrl(serverUrl: string): URL {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw failure(
      'bad_request',
      `"${serverUrl.slice(0, 80)}" is not a server address. Try something like http://127.0.0.1:4860.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw failure('bad_request', 'The server address must start with http:// or https://.');
  }
  if (url.username || url.password) {
    throw failure('bad_request', 'The server address must not contain a user name or password.');
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw failure('bad_request', `The server address is only its host and port, like ${url.origin}.`);
  }
  return url;
}
