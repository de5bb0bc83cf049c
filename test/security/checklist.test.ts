// Electron's security checklist (numbered as in its tutorial), item by item, where the existing
// tests do not already check it; each block's title names the tests that do. Reads the main
// process's sources as syntax trees, the built main process and page, and the packaging config.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../main/electron/hardening.js';
import { appEntryUrl, contentSecurityPolicy, isAppUrl } from '../../main/electron/security.js';
import { loadBuilderConfig } from '../packaging/builder-config.js';
import { ensureBuiltApp, projectRoot } from '../packaging/built-app.js';
import { callsOf, findNodes, identifierUses, sourceFiles, where } from './source-scan.js';

const mainSources = sourceFiles('main');
const rendererSources = sourceFiles('renderer');
let builtMain: string;
let builtPage: string;

beforeAll(async () => {
  const built = await ensureBuiltApp();
  builtMain = fs.readFileSync(built.main, 'utf8');
  builtPage = fs.readFileSync(built.renderer, 'utf8');
}, 300_000);

/** Web preferences that switch a protection off, as source text or as bundled output. */
const insecureSettings = [
  /\b(nodeIntegration|nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|experimentalFeatures|webviewTag)\s*:\s*(true|!0)\b/,
  /\b(contextIsolation|sandbox|webSecurity)\s*:\s*(false|!1)\b/,
  /\b(enableBlinkFeatures|enableRemoteModule)\b/,
];

function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map((words) => [words[0]!, words.slice(1)]),
  );
}

describe('1, 7. only our own content, under a strict CSP (also: test/main/electron/app-protocol.test.ts, security.test.ts)', () => {
  it('every loadURL loads appEntryUrl, which is app://, and nothing calls loadFile', () => {
    const loads = findNodes(mainSources, ts.isCallExpression).filter(
      ({ node }) =>
        ts.isPropertyAccessExpression(node.expression) && ['loadURL', 'loadFile'].includes(node.expression.name.text),
    );
    expect(loads.length).toBeGreaterThan(0);
    for (const { node, file, line } of loads) {
      expect(`${file}:${line} ${node.getText()}`).toMatch(/\.loadURL\(appEntryUrl\)$/);
    }
    expect(isAppUrl(appEntryUrl)).toBe(true);
  });

  it('the CSP allows no remote source, no inline or eval script, and the page repeats it', () => {
    const header = cspDirectives(contentSecurityPolicy);
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(builtPage);
    expect(meta, 'out/renderer/index.html has a CSP meta tag').not.toBeNull();
    for (const policy of [header, cspDirectives(meta![1]!)]) {
      for (const [directive, sources] of policy) {
        for (const source of sources) expect(["'self'", "'none'", 'data:'], `${directive} ${source}`).toContain(source);
        if (directive !== 'img-src') expect(sources, directive).not.toContain('data:');
      }
    }
    for (const [directive, sources] of cspDirectives(meta![1]!))
      expect(header.get(directive), directive).toEqual(sources);
  });

  it('the built page loads its scripts and styles from its own folder only', () => {
    const references = [...builtPage.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference, reference).toMatch(/^\.?\/?[\w./-]+$/);
  });
});

describe('2-4, 6, 8-12. web preferences (also: test/main/electron/hardening.test.ts, test/security/window-wiring.test.ts)', () => {
  it('keep experimental and Blink features off, and a dropped file does not navigate', () => {
    const preferences = secureWebPreferences('/preload.cjs');
    expect(preferences).toMatchObject({ experimentalFeatures: false, navigateOnDragDrop: false });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('every window or view of the main process is created with secureWebPreferences()', () => {
    const created = findNodes(mainSources, ts.isNewExpression).filter(({ node }) =>
      /^(BrowserWindow|BrowserView|WebContentsView)$/.test(node.expression.getText()),
    );
    expect(created.length).toBeGreaterThan(0);
    for (const { node, file, line } of created) {
      const options = node.arguments?.[0];
      const preferences =
        options && ts.isObjectLiteralExpression(options)
          ? options.properties.find((property) => property.name?.getText() === 'webPreferences')
          : undefined;
      expect(
        preferences && ts.isPropertyAssignment(preferences) ? preferences.initializer.getText() : 'none',
        `${file}:${line}`,
      ).toMatch(/^secureWebPreferences\(/);
    }
  });

  it('no source file or built bundle switches a protection off', () => {
    for (const { file, tree } of [...mainSources, ...rendererSources]) {
      for (const setting of insecureSettings) expect(tree.getFullText(), file).not.toMatch(setting);
    }
    for (const setting of insecureSettings) expect(builtMain, 'out/main/main.js').not.toMatch(setting);
  });

  it('no command-line switch weakens Chromium', () => {
    const switches = callsOf(mainSources, 'commandLine', ['appendSwitch', 'appendArgument']).map(
      ({ node }) => node.arguments[0]?.getText() ?? '',
    );
    for (const name of switches)
      expect(name).not.toMatch(
        /ignore-certificate-errors|disable-web-security|no-sandbox|allow-running-insecure-content|disable-site-isolation/,
      );
  });
});

describe('5. permissions (also: test/main/electron/hardening.test.ts, test/security/window-wiring.test.ts)', () => {
  it('only denyAllPermissions() sets permission handlers', () => {
    const setters = callsOf(mainSources, 'session', [
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'setDevicePermissionHandler',
    ]);
    expect(where(setters).every((at) => at.startsWith('main/electron/hardening.ts:'))).toBe(true);
    expect(setters).toHaveLength(3);
  });
});

describe('13-15. navigation, new windows, openExternal (also: test/main/electron/hardening.test.ts, security.test.ts)', () => {
  it('shell.openExternal is called in one place, openExternalLink(), with links externalLinkTarget() has checked', () => {
    const calls = callsOf(mainSources, 'shell', ['openExternal']);
    expect(where(calls)).toHaveLength(1);
    // The page's links (hardenWebContents) and the core's openLink (issue 16) both go through it.
    let enclosing: ts.Node = calls[0]!.node;
    while (!ts.isFunctionDeclaration(enclosing)) enclosing = enclosing.parent;
    expect(enclosing.name?.text).toBe('openExternalLink');
    expect(calls[0]!.node.getText()).toBe('shell.openExternal(target)');
    expect(enclosing.getText()).toMatch(
      /const target = externalLinkTarget\(url\);\s*if \(target === null\) return Promise\.reject\(/,
    );
    const harden = callsOf(mainSources, 'app', ['on']).filter(({ node }) =>
      node.getText().includes('hardenWebContents'),
    );
    expect(harden.map(({ node }) => node.getText())).toEqual([
      "app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, openExternalLink, logger))",
    ]);
    expect([...builtMain.matchAll(/\.openExternal\(/g)]).toHaveLength(1);
  });
});

describe('17, 20. IPC (also: test/main/electron/ipc.test.ts, test/security/preload-exposure.test.ts)', () => {
  it('only main/electron/ipc.ts registers IPC handlers, where the sender is checked', () => {
    const handlers = callsOf(mainSources, 'ipcMain', ['handle', 'handleOnce', 'on', 'once', 'addListener']);
    expect(where(handlers).map((at) => at.split(':')[0])).toEqual(['main/electron/ipc.ts']);
    for (const { node } of handlers)
      expect(node.arguments[1]?.getText()).toMatch(/^async \(event, payload\) => \{\s*if \(!isTrustedSender\(event, /);
  });

  it('ipcRenderer appears in the preload only, and the renderer knows nothing of Electron', () => {
    expect([
      ...new Set(
        where(identifierUses([...mainSources, ...rendererSources], 'ipcRenderer')).map((at) => at.split(':')[0]),
      ),
    ]).toEqual(['main/electron/preload.ts']);
    const electronImports = findNodes(rendererSources, ts.isImportDeclaration).filter(({ node }) =>
      /^['"]electron/.test(node.moduleSpecifier.getText()),
    );
    expect(where(electronImports)).toEqual([]);
  });
});

describe('16. a current Electron', () => {
  it('depends on Electron 41 or newer, and has it installed', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(Number(/(\d+)/.exec(manifest.devDependencies.electron ?? '')?.[1])).toBeGreaterThanOrEqual(41);
    const installed = createRequire(import.meta.url)('electron/package.json') as { version: string };
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(41);
  });
});

describe('18-19. custom protocol and fuses (also: test/main/electron/app-protocol.test.ts)', () => {
  it('packages Electron with the fuses that shut its side doors', () => {
    expect(loadBuilderConfig().electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });
});
