// Runtime-neutral (the renderer checks it as the user types, the core again on every sign-in).
// A server on another computer is reached over https://: over http:// the password, the
// session token and every message cross the network readable by anyone on the way.

/** A host name that reaches this computer only. */
export function isLoopbackHost(hostname: string): boolean {
  // URL has already normalised the forms (127.1, 0x7f.1 → 127.0.0.1; IPv6 in brackets).
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * True for an http:// address of another computer: allowed only when the user said so
 * (SignInInput.allowUnencrypted). False for https://, loopback, and anything not a URL.
 */
export function isUnencryptedRemote(serverUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    // Not an address at all: the address rules answer that, not this one.
    return false;
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname.toLowerCase());
}
