// npm run check:cycles: reports import loops in src/, between files and between folders
// (src/<folder> → src/<folder>), and exits 1 when there are any. No package: relative
// specifiers are read with a regex, which is enough for this code base's plain ESM imports.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

// `import … from './x.js'`, `export … from './x.js'`, `import './x.js'` and `import('./x.js')`.
const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

export function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => /\.tsx?$/.test(rel) && !rel.endsWith('.d.ts'))
    .map((rel) => path.join(dir, rel))
    .sort();
}

/** The .ts/.tsx file a relative `.js` specifier names, or null when none exists. */
function resolveSpecifier(fromFile: string, specifier: string): string | null {
  const target = path.resolve(path.dirname(fromFile), specifier);
  const stem = target.replace(/\.js$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, target]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importGraph(files: string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(specifierPattern)) {
      const resolved = resolveSpecifier(file, match[1]!);
      if (resolved && /\.tsx?$/.test(resolved)) targets.add(resolved);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one node (or a self-loop), by Tarjan. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The folder a file sits in directly under src/; '.' for src/app.ts and the other top-level
 * files, the composition root, which the folder check leaves out. */
function folderOf(file: string): string {
  const rel = path.relative(srcDir, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : '.';
}

export function folderGraph(graph: Map<string, Set<string>>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (from === '.') continue;
    if (!folders.has(from)) folders.set(from, new Set());
    for (const target of targets) {
      const to = folderOf(target);
      if (to !== from && to !== '.') folders.get(from)!.add(to);
    }
  }
  return folders;
}

/** For a folder loop, each folder edge inside it with how many imports make it and one of them. */
function crossingEdges(graph: Map<string, Set<string>>, members: Set<string>): string[] {
  const edges = new Map<string, string[]>();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    if (!members.has(from)) continue;
    for (const target of targets) {
      const to = folderOf(target);
      if (to === from || !members.has(to)) continue;
      const key = `${from} -> ${to}`;
      if (!edges.has(key)) edges.set(key, []);
      edges.get(key)!.push(`${path.relative(srcDir, file)} -> ${path.relative(srcDir, target)}`);
    }
  }
  return [...edges.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, imports]) => `${key} (${imports.length}, e.g. ${imports.sort()[0]})`);
}

function main(): void {
  const graph = importGraph(sourceFiles(srcDir));
  const fileLoops = cycles(graph);
  const folders = folderGraph(graph);
  const folderLoops = cycles(folders);
  for (const loop of fileLoops) {
    console.log(`file loop (${loop.length}): ${loop.map((f) => path.relative(srcDir, f)).join(', ')}`);
  }
  for (const loop of folderLoops) {
    console.log(`folder loop: ${loop.join(', ')}`);
    for (const line of crossingEdges(graph, new Set(loop))) console.log(`  ${line}`);
  }
  if (fileLoops.length === 0 && folderLoops.length === 0) {
    console.log(`no import loops among ${graph.size} files`);
    return;
  }
  process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
