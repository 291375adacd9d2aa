/**
 * Small functions: no function in the project's source (everything outside tests/) is longer than
 * 80 lines, unless a `// long: <reason>` comment right above it (or on its first line) says why.
 * Read with the TypeScript compiler's parser, so arrow functions, methods and nested functions
 * count as well as declarations; the `(function () { … })();` wrapper of a browser script is its
 * scope, not a function.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 80;

interface LongFunction {
  where: string;
  name: string;
  lines: number;
}

function sourceFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.js', '*.mjs'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.startsWith('tests/') && !f.startsWith('dist/') && fs.existsSync(path.join(root, f)));
}

/** The statement a function is written in: its declaration, the `const f = …` or `key: …` that holds it, or the call it is passed to. */
function owner(fn: ts.Node): ts.Node {
  let n: ts.Node = fn;
  while (!ts.isSourceFile(n.parent) && !ts.isBlock(n.parent) && !ts.isClassLike(n.parent) && !ts.isObjectLiteralExpression(n.parent)) n = n.parent;
  return n;
}

function nameOf(fn: ts.FunctionLikeDeclaration): string {
  if (fn.name) return fn.name.getText();
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p)) && p.name) return p.name.getText();
  return '<anonymous>';
}

/** `(function () { … })();` at the top of a browser script: the file's own scope, not a function. */
function isModuleWrapper(fn: ts.Node): boolean {
  let n = fn.parent;
  while (ts.isParenthesizedExpression(n)) n = n.parent;
  return ts.isCallExpression(n) && ts.isExpressionStatement(n.parent) && ts.isSourceFile(n.parent.parent);
}

function hasReason(sf: ts.SourceFile, fn: ts.FunctionLikeDeclaration): boolean {
  const text = sf.getFullText();
  const comments = ts.getLeadingCommentRanges(text, owner(fn).getFullStart()) ?? [];
  if (comments.some((c) => /^\/\/ long: \S/.test(text.slice(c.pos, c.end)))) return true;
  const firstLine = text.slice(fn.getStart(sf)).split('\n')[0];
  return /\/\/ long: \S/.test(firstLine);
}

export function longFunctions(file: string, text: string): LongFunction[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const found: LongFunction[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body && !isModuleWrapper(n)) {
      const fn = n as ts.FunctionLikeDeclaration;
      const first = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const lines = last - first + 1;
      if (lines > MAX_LINES && !hasReason(sf, fn)) found.push({ where: `${file}:${first + 1}`, name: nameOf(fn), lines });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

test(`no source function is longer than ${MAX_LINES} lines without a "// long: <reason>" comment`, () => {
  const files = sourceFiles();
  expect(files.length).toBeGreaterThan(100);
  const long = files.flatMap((f) => longFunctions(f, fs.readFileSync(path.join(root, f), 'utf8')));
  expect(long.map((l) => `${l.where} ${l.name}: ${l.lines} lines`)).toEqual([]);
});

test('the check counts arrow functions, methods and nested functions, and honours a reason', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
  const src = [
    `function decl() {\n${body(85)}\n}`,
    `const arrow = () => {\n${body(85)}\n};`,
    `class C {\n  method() {\n${body(85)}\n  }\n}`,
    `function outer() {\n  function inner() {\n${body(85)}\n  }\n}`,
    `// long: a table that reads best in one piece\nfunction excused() {\n${body(85)}\n}`,
    `function short() {\n${body(78)}\n}`,
    `(function () {\n${body(85)}\n})();`,
  ].join('\n');
  const names = longFunctions('sample.ts', src).map((l) => l.name);
  expect(names).toEqual(['decl', 'arrow', 'method', 'outer', 'inner']);
});
