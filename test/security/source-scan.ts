// Node, test helper: the main process's TypeScript sources as syntax trees, so the checklist
// can ask where a call is made and with what, without being fooled by comments or strings.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../packaging/built-app.js';

export interface SourceFile {
  /** Relative to the project, with /. */
  file: string;
  tree: ts.SourceFile;
}

/** Every .ts/.tsx file under the given project folders. */
export function sourceFiles(...folders: string[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (const folder of folders) {
    for (const name of fs.readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(name) || name.endsWith('.d.ts')) continue;
      const file = `${folder}/${name.split(path.sep).join('/')}`;
      const text = fs.readFileSync(path.join(projectRoot, file), 'utf8');
      files.push({
        file,
        tree: ts.createSourceFile(
          file,
          text,
          ts.ScriptTarget.Latest,
          true,
          name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
        ),
      });
    }
  }
  return files;
}

export interface Found<T extends ts.Node> {
  file: string;
  line: number;
  node: T;
}

/** All nodes of one kind in the files, with where they are. */
export function findNodes<T extends ts.Node>(
  files: readonly SourceFile[],
  test: (node: ts.Node) => node is T,
): Array<Found<T>> {
  const found: Array<Found<T>> = [];
  for (const { file, tree } of files) {
    const visit = (node: ts.Node) => {
      if (test(node)) found.push({ file, line: tree.getLineAndCharacterOfPosition(node.getStart()).line + 1, node });
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return found;
}

/** Calls whose callee reads `receiver.method` (receiver by its last name, e.g. `electron.shell`). */
export function callsOf(
  files: readonly SourceFile[],
  receiver: string,
  methods: readonly string[],
): Array<Found<ts.CallExpression>> {
  return findNodes(files, ts.isCallExpression).filter(({ node }) => {
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee) || !methods.includes(callee.name.text)) return false;
    const target = callee.expression;
    return (
      (ts.isIdentifier(target) && target.text === receiver) ||
      (ts.isPropertyAccessExpression(target) && target.name.text === receiver)
    );
  });
}

/** Where an identifier is used (not where a property of that name is accessed). */
export function identifierUses(files: readonly SourceFile[], name: string): Array<Found<ts.Identifier>> {
  return findNodes(
    files,
    (node): node is ts.Identifier =>
      ts.isIdentifier(node) &&
      node.text === name &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node),
  );
}

export function where(found: ReadonlyArray<Found<ts.Node>>): string[] {
  return found.map(({ file, line }) => `${file}:${line}`);
}
