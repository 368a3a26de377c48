import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

/** Every import between the product's own files: `from` and `to` relative to src/, e.g. `write-side/pipeline.ts`. */
export interface ImportEdge {
  from: string;
  to: string;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(name) ? [path] : [];
  });

const resolveImport = (file: string, specifier: string): string | undefined => {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(file), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
};

/** The imports of every production file under `src` (tests excluded), type-only imports included. */
export function importGraph(src: string): { files: string[]; edges: ImportEdge[]; outside: Array<{ from: string; specifier: string }> } {
  const files = sourceFiles(src);
  const edges: ImportEdge[] = [];
  const outside: Array<{ from: string; specifier: string }> = [];
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolveImport(file, fileName);
      const from = relative(src, file).split(sep).join('/');
      if (target) edges.push({ from, to: relative(src, target).split(sep).join('/') });
      else outside.push({ from, specifier: fileName });
    }
  }
  return { files: files.map((f) => relative(src, f).split(sep).join('/')), edges, outside };
}

/** The folder a file belongs to at the top of src/ ('.' for the files directly in it). */
export const topFolder = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

/** Groups of nodes that import one another in a ring (Tarjan's strongly connected components of more than one node). */
export function cycles(edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (a === b) continue;
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    next.get(a)!.add(b);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}
