// Node, test helper: which files electron-builder.yml puts into the app. `files` patterns are
// applied in order, the last one that matches a path deciding (electron-builder's rule);
// node_modules are the production dependencies minus what the negated patterns exclude.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { projectRoot } from './built-app.js';
import type { BuilderConfig } from './builder-config.js';

export interface FilePattern {
  source: string;
  exclude: boolean;
  regex: RegExp;
}

/** Expands `{a,b}` (an empty alternative allowed), innermost first. */
export function expandBraces(glob: string): string[] {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match) return [glob];
  const [whole, body] = match;
  return body!
    .split(',')
    .flatMap((option) => expandBraces(glob.slice(0, match.index) + option + glob.slice(match.index + whole.length)));
}

/**
 * The subset of minimatch (with `dot: true`) this config uses: `**` as a whole segment, `*`,
 * `?`, braces, and `!(a|b)` as a whole segment. Anything else is refused, not guessed.
 */
export function globToRegExp(glob: string): RegExp {
  const alternatives = expandBraces(glob).map((expanded) => {
    const segments = expanded.split('/');
    let source = '';
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === '**') {
        source += last ? '.*' : '(?:[^/]+/)*';
        return;
      }
      const negated = /^!\(([^()]*)\)$/.exec(segment);
      if (negated) {
        const names = negated[1]!.split('|').map(escapeRegExp).join('|');
        source += `(?!(?:${names})(?:/|$))[^/]+`;
      } else {
        if (/[[\]()+@]/.test(segment) || segment.startsWith('!'))
          throw new Error(`glob syntax not supported by this test: ${glob}`);
        source += segment
          .split('')
          .map((char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : escapeRegExp(char)))
          .join('');
      }
      if (!last) source += '/';
    });
    return source;
  });
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The `files` entries of the config, in order. */
export function filePatterns(config: BuilderConfig): FilePattern[] {
  const files: unknown = config.files;
  if (!Array.isArray(files)) throw new Error('files must be a list');
  return files.map((entry) => {
    if (typeof entry !== 'string')
      throw new Error(`only string patterns are supported here, not ${JSON.stringify(entry)}`);
    const exclude = entry.startsWith('!');
    const source = exclude ? entry.slice(1) : entry;
    return { source, exclude, regex: globToRegExp(source) };
  });
}

/** Whether `file` (relative, with /) survives the patterns: the last matching one decides. */
export function isSelected(file: string, patterns: readonly FilePattern[]): boolean {
  let selected = false;
  for (const pattern of patterns)
    if (selected === pattern.exclude && pattern.regex.test(file)) selected = !pattern.exclude;
  return selected;
}

/** Every file under the project, relative and with /, skipping what is never packaged from it. */
export function projectFiles(): string[] {
  const skipped = new Set(['node_modules', '.git', 'dist']);
  const files: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(projectRoot, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skipped.has(child)) visit(child);
      } else files.push(child);
    }
  };
  visit('');
  return files;
}

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function packageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Package names (as node_modules paths relative to the project) that `roots` need, transitively. */
export function dependencyClosure(roots: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (name: string, from: string, optional: boolean) => {
    const dir = packageDir(name, from);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is needed but not installed (looked from ${from})`);
    }
    const relative = path.relative(projectRoot, dir).split(path.sep).join('/');
    if (found.has(relative)) return;
    found.add(relative);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
    for (const dependency of Object.keys(json.dependencies ?? {})) visit(dependency, dir, false);
    for (const dependency of Object.keys(json.optionalDependencies ?? {})) visit(dependency, dir, true);
  };
  for (const root of roots) visit(root, projectRoot, false);
  return found;
}

/** The production dependencies of package.json: what electron-builder starts from. */
export function productionDependencies(): Set<string> {
  const json = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as PackageJson;
  return dependencyClosure(Object.keys(json.dependencies ?? {}));
}

const builtins = new Set([...builtinModules, 'electron']);

/** The packages a built file loads at run time: its bare import/require specifiers. */
export function runtimePackages(code: string): string[] {
  const specifiers = new Set<string>();
  const patterns = [
    /\bimport\s+(?:[^'"`;]*?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.add(match[1]!);
  const packages = new Set<string>();
  for (const specifier of specifiers) {
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    if (!builtins.has(name)) packages.add(name);
  }
  return [...packages].sort();
}

/** The top-level packages that survive the negated `files` patterns (electron-builder's node_modules filter). */
export function keptPackages(candidates: Iterable<string>, patterns: readonly FilePattern[]): Set<string> {
  const filter = [{ source: '**', exclude: false, regex: /^.*$/ }, ...patterns.filter((pattern) => pattern.exclude)];
  return new Set([...candidates].filter((dir) => isSelected(`${dir}/package.json`, filter)));
}
