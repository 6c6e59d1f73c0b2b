import { Option, type Command } from 'commander';
import { schemaRegistryAuthKinds, type ProfileView, type SchemaRegistrySetting } from '../../../shared/contract';
import { AppError } from '../../core/app-error';

export interface RegistryFlags {
  schemaRegistryUrl?: string;
  schemaRegistryAuth?: (typeof schemaRegistryAuthKinds)[number];
  schemaRegistryUser?: string;
  removeSchemaRegistry?: boolean;
}

/** The Confluent-compatible registry flags of `profiles add` and `profiles set`. */
export function withRegistryFlags(command: Command, options: { removable: boolean }): Command {
  command
    .option('--schema-registry-url <url>', 'a Confluent-compatible schema registry for Confluent-framed records (http or https)')
    .addOption(
      new Option(
        '--schema-registry-auth <kind>',
        "how the registry is signed in to; basic's password or bearer's token is read from standard input after any AWS secret",
      ).choices(schemaRegistryAuthKinds),
    )
    .option('--schema-registry-user <name>', 'the user name for --schema-registry-auth basic');
  if (options.removable)
    command.addOption(
      new Option('--remove-schema-registry', 'forget the schema registry and its keychain entry').conflicts([
        'schemaRegistryUrl',
        'schemaRegistryAuth',
      ]),
    );
  return command;
}

/** Whether the flags change the registry at all. */
export function registryFlagsGiven(flags: RegistryFlags): boolean {
  return Boolean(flags.schemaRegistryUrl || flags.schemaRegistryAuth || flags.schemaRegistryUser || flags.removeSchemaRegistry);
}

/** The registry setting the flags ask for, over the one saved (undefined: leave it as it is). */
export function registryFromFlags(flags: RegistryFlags, saved: ProfileView['schemaRegistry']): SchemaRegistrySetting | null | undefined {
  if (flags.removeSchemaRegistry) return null;
  if (!registryFlagsGiven(flags)) return undefined;
  const url = flags.schemaRegistryUrl ?? saved?.url;
  if (!url) throw new AppError('invalid-input', 'Give --schema-registry-url with the registry flags.');
  const kind = flags.schemaRegistryAuth ?? (flags.schemaRegistryUser ? 'basic' : (saved?.auth.kind ?? 'none'));
  if (kind === 'basic') {
    const username = flags.schemaRegistryUser ?? (saved?.auth.kind === 'basic' ? saved.auth.username : undefined);
    if (!username) throw new AppError('invalid-input', '--schema-registry-auth basic needs --schema-registry-user.');
    return { url, auth: { kind, username } };
  }
  if (flags.schemaRegistryUser) throw new AppError('invalid-input', '--schema-registry-user goes with --schema-registry-auth basic.');
  return { url, auth: { kind } };
}

/** The question its secret is asked with, or null when it signs in with none. */
export function registrySecretQuestion(setting: SchemaRegistrySetting | null | undefined): string | null {
  if (setting?.auth.kind === 'basic') return 'Schema registry password: ';
  if (setting?.auth.kind === 'bearer') return 'Schema registry token: ';
  return null;
}
