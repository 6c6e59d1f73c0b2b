import type { Command } from 'commander';

export interface WriteFlags {
  yes?: boolean;
}

/** Every write command accepts --yes. */
export function withYesFlag(command: Command): Command {
  return command.option('-y, --yes', 'write without asking for confirmation (required without a terminal, outside the sandbox)');
}
