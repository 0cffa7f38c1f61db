import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';

/** The newsroom's modules import each other in one direction only: no loops, type imports included. */

const SRC = path.resolve(import.meta.dirname, '../../src');

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm)) {
    const base = path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '');
    const target = ['.ts', '.tsx'].map((ext) => base + ext).find((f) => fs.existsSync(f));
    if (target) found.push(target);
  }
  return found;
}

it('no module of src/newsroom is part of an import loop', () => {
  const files = fs
    .readdirSync(path.join(SRC, 'newsroom'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => path.join(SRC, 'newsroom', f));
  const state = new Map<string, 'open' | 'done'>();
  const loops: string[] = [];
  const walk = (file: string, trail: string[]) => {
    state.set(file, 'open');
    for (const next of importsOf(file)) {
      if (state.get(next) === 'open') loops.push([...trail.slice(trail.indexOf(next)), next].map((f) => path.relative(SRC, f)).join(' → '));
      else if (!state.has(next)) walk(next, [...trail, next]);
    }
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) walk(file, [file]);
  assert.deepEqual(
    loops.filter((l) => l.includes('newsroom/')),
    [],
  );
});
