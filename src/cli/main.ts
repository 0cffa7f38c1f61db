import { Command } from 'commander';
import { addInitCommand, addRotateSecretCommand, addUserCommand } from './admin-commands.js';
import { addBackupCommand, addDoctorCommand, addMigrateCommand, addRestoreCommand } from './database-commands.js';
import { addDemoArchiveCommand, addDemoWireCommand, addSeedCommand } from './demo-commands.js';
import { addExportCommand, addRollupViewsCommand, addStatsCommand } from './report-commands.js';
import { addServeCommand } from './serve-command.js';
import { addDedupeLabelsCommand, addIngestCommand, addSourcesCommand } from './wire-commands.js';

// The wiredesk command line: each group of commands is a module of its own (the add…Command
// functions); this one puts them together. They are added in this order because --help lists
// them so.
const commands = [
  addServeCommand,
  addMigrateCommand,
  addRotateSecretCommand,
  addDoctorCommand,
  addSeedCommand,
  addDemoArchiveCommand,
  addStatsCommand,
  addRollupViewsCommand,
  addIngestCommand,
  addDemoWireCommand,
  addDedupeLabelsCommand,
  addExportCommand,
  addSourcesCommand,
  addInitCommand,
  addUserCommand,
  addBackupCommand,
  addRestoreCommand,
];

export function buildCli(): Command {
  const program = new Command('wiredesk')
    .description('Wiredesk: a newsroom and a news site in one program.')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const add of commands) add(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
