// The shell's security decisions as pure functions: which links leave for the system
// browser, which app:// URLs map to files, what the CSP allows.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  contentSecurityPolicy,
  externalLinkTarget,
  isAppUrl,
  resolveAppFile,
} from '../../../main/electron/security.js';

describe('externalLinkTarget: what window.open may hand to the system browser', () => {
  it.each([
    ['https://example.com/page?q=1#top', 'https://example.com/page?q=1#top'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://Example.COM/a', 'https://example.com/a'],
    // Issue 16: mail links from a message open the mail app.
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
  ])('passes %s on as %s', (url, expected) => {
    expect(externalLinkTarget(url)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'app://messenger/index.html',
    'ftp://example.com/file',
    'mailto:',
    'vbscript:msgbox',
    'smb://host/share',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'https://:secret@example.com/',
    'not a url',
    '',
    '//example.com/protocol-relative',
    `https://example.com/${'a'.repeat(2100)}`,
  ])('refuses %s', (url) => {
    expect(externalLinkTarget(url)).toBeNull();
  });
});

describe('resolveAppFile: app:// URLs map into the renderer folder only', () => {
  const root = path.resolve('/srv/out/renderer');

  it('maps our files, with / meaning index.html', () => {
    expect(resolveAppFile(root, appEntryUrl)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://messenger/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://messenger/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, 'app://messenger/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://messenger/..%2f..%2fetc/passwd',
    'app://messenger/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://messenger/assets/..%2f..%2f..%2fsecret',
    'app://messenger/..%5c..%5cwindows%5csystem.ini',
    'app://messenger/a%00.html',
    'app://messenger/%E0%A4%A',
    'app://other/index.html',
    'app://messenger.evil/index.html',
    'https://messenger/index.html',
    'file:///srv/out/renderer/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('keeps dot segments the URL parser already resolved inside the folder', () => {
    // The parser folds /../ before we see it: this names <root>/etc/passwd, which does not exist.
    expect(resolveAppFile(root, 'app://messenger/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });
});

describe('isAppUrl: the origin IPC trusts', () => {
  it('accepts our pages only', () => {
    expect(isAppUrl('app://messenger/index.html')).toBe(true);
    expect(isAppUrl('app://messenger/index.html#chat/2')).toBe(true);
    for (const url of [
      'app://messenger.evil/index.html',
      'app://evil/messenger/',
      'https://messenger/',
      'about:blank',
      '',
      'file:///index.html',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('contentSecurityPolicy', () => {
  const directives = new Map(
    contentSecurityPolicy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]),
  );

  it('allows scripts only from our origin and no network at all', () => {
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
  });
});
