#!/usr/bin/env node
// The `wiredesk` command. It runs the compiled dist/ (npm run build; npm ci builds it) when that
// was built from the sources as they are now, else the TypeScript sources through tsx's loader,
// so an edited src/ never runs stale code and no build step is needed to try a change.
import { chooseEntry } from './entry.js';

// `wiredesk ingest | head`: once the reader has gone, what is left to print has nobody to read it,
// and that is no failure of the command: it ends there, quietly, with the exit code it has set.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

let main;
if (chooseEntry() === 'dist') {
  // Stack traces name src/ files and lines, as they do under tsx (the build writes .js.map files).
  process.setSourceMapsEnabled(true);
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
