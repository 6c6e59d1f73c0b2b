import { isDeepStrictEqual } from 'node:util';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import {
  SANDBOX_CONNECTION,
  type ActiveConnection,
  type ConnectionList,
  type ConnectionTest,
  type ProfileView,
  type ReadBudget,
  type ValidSaveProfileInput,
} from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { awsProfileSection } from './aws-profiles';
import { credentialsForProfile, type CredentialOptions } from './credentials';
import { sharedConfigTarget, type InitialConnection } from './initial-connection';
import { changeProfileFile, EMPTY_PROFILE_FILE, loadProfileFile, type ProfileFile, type StoredProfile } from './profile-file';
import { applyProfileSave, storedProfileOf, withoutSettings } from './profile-save';
import { ProfileSecrets } from './profile-secrets';
import { RegistrySecretSave, registryNeedsSecret } from './registry-secret-save';
import { RegistrySecrets } from './schema-registry/registry-secrets';
import type { SecretStore } from './secret-store';
import { openCurrent, OwnerConnections, type ConnectionChanges, type Current } from './owner-connections';
import { sandboxConnectionTarget, type SandboxEndpoints, type SandboxStarter } from './sandbox-host';
import { profileTarget, withProcessOverrides } from './profile-target';
import { checkEndpoint, type ConnectionTarget } from './target';
import { testConnection } from './test-connection';

export type { InitialConnection } from './initial-connection';
export type { ConnectionChanges } from './owner-connections';

export interface ConnectionManagerOptions {
  dataDir: string;
  keychain: SecretStore;
  /** Starts the built-in sandbox, the first time a caller opens it. */
  sandbox: SandboxStarter;
  credentialOptions?: CredentialOptions;
  /** Replaces parts of every connection's read budget in this process (the CLI's flags). */
  readBudget?: Partial<ReadBudget>;
  /** Every connection of this process is read-only, whatever it is saved as (the CLI's --read-only). */
  readOnly?: boolean;
  /** Told of each caller whose connection changed, and of each saved connection made read-only. */
  changes?: ConnectionChanges;
}

/**
 * Owns the saved profiles, their secrets and each caller's active connection. Everything that
 * needs a Kinesis client asks this for its caller's, so one tab's switch moves that tab alone.
 */
export class ConnectionManager {
  private file: ProfileFile = structuredClone(EMPTY_PROFILE_FILE);
  private problems: string[] = [];
  private readonly seats = new OwnerConnections();
  private sandbox: Promise<SandboxEndpoints> | null = null;
  readonly secrets: ProfileSecrets;
  /** Schema registry passwords and tokens, beside the access keys in the same keychain. */
  readonly registrySecrets: RegistrySecrets;

  /** Where secrets are kept; masking keys live there too. */
  get keychain(): SecretStore {
    return this.options.keychain;
  }

  constructor(private readonly options: ConnectionManagerOptions) {
    this.secrets = new ProfileSecrets(options.keychain);
    this.registrySecrets = new RegistrySecrets(options.keychain);
  }

  /** Loads the saved profiles and opens the first connection. */
  async open(initial: InitialConnection = 'saved-or-sandbox'): Promise<void> {
    const loaded = await loadProfileFile(this.options.dataDir);
    this.file = loaded.file;
    this.problems = loaded.problems;
    if (this.file.pendingSecrets.length > 0) await this.sweepSecrets();
    if (initial !== 'none') this.seats.choose(this.openWithOverrides(await this.resolveInitial(initial)));
  }

  private async resolveInitial(initial: Exclude<InitialConnection, 'none'>): Promise<ConnectionTarget> {
    if (initial === 'sandbox') return this.sandboxTarget();
    if (initial === 'saved-or-sandbox') {
      const saved = this.file.active ? this.find(this.file.active) : undefined;
      if (!saved) return this.sandboxTarget();
      try {
        return await this.targetOf(saved);
      } catch (error) {
        // A profile the file holds but cannot be used (an endpoint edited by hand) is said, not fatal.
        if (!(error instanceof AppError)) throw error;
        this.problems.push(
          `The saved connection "${saved.name}" could not be opened: ${error.message} Shardscope opened the sandbox instead.`,
        );
        return this.sandboxTarget();
      }
    }
    if ('kind' in initial) return initial;
    const saved = this.find(initial.profile);
    const dynamodb = {
      ...(initial.dynamodbEndpoint ? { dynamodbEndpoint: initial.dynamodbEndpoint } : {}),
      ...(initial.glueEndpoint ? { glueEndpoint: initial.glueEndpoint } : {}),
      ...(initial.s3Endpoint ? { s3Endpoint: initial.s3Endpoint } : {}),
    };
    if (saved) return { ...(await this.targetOf(saved)), ...dynamodb };
    return sharedConfigTarget(initial, this.options.credentialOptions);
  }

  client(owner: SessionOwner): KinesisClient {
    return this.seats.of(owner).client;
  }

  active(owner: SessionOwner): ActiveConnection {
    return this.seats.of(owner).active;
  }

  target(owner: SessionOwner): ConnectionTarget {
    return this.seats.of(owner).target;
  }

  /** The caller's connection as the audit names it: looked at, the caller not pinned to it. */
  peek(owner: SessionOwner): { active: ActiveConnection; target: ConnectionTarget } | null {
    const seat = this.seats.peek(owner);
    return seat && { active: seat.active, target: seat.target };
  }

  /** The caller's window or tab has gone: its connection's client goes too, unless another caller is on it. */
  release(ownerId: string): void {
    this.seats.release(ownerId);
  }

  /** Callers holding a connection now (a closed one that is still counted is a leak). */
  get callers(): number {
    return this.seats.owners;
  }

  async list(owner: SessionOwner): Promise<ConnectionList> {
    await this.refresh();
    const profiles = await Promise.all(this.file.profiles.map((profile) => this.view(profile)));
    const active = this.seats.initial ? this.seats.of(owner).active : null;
    return { profiles, active, keychain: await this.options.keychain.status(), problems: [...this.problems] };
  }

  get(name: string): StoredProfile {
    const profile = this.find(name);
    if (!profile) throw new AppError('not-found', `There is no saved connection named "${name}".`);
    return profile;
  }

  /**
   * Takes the input the dispatcher has already validated against the contract, and changes the
   * file under its lock (see applyProfileSave for the order that survives a crash).
   */
  async save(input: ValidSaveProfileInput): Promise<ProfileView> {
    const profile = storedProfileOf(input.profile);
    let previous: StoredProfile | undefined;
    let registry: RegistrySecretSave | undefined;
    await this.change(async (file) => {
      const replaced = input.originalName === undefined ? undefined : file.profiles.find((p) => p.name === input.originalName);
      registry = RegistrySecretSave.check(this.registrySecrets, input, replaced);
      const saved = await applyProfileSave(file, input, profile, this.options.dataDir, this.secrets);
      previous = saved.previous;
      await registry.store();
      return saved.file;
    });
    await registry?.retire();
    if (previous) await this.saved(previous, profile, input.secret !== undefined);
    return this.view(profile);
  }

  /**
   * Callers on a saved connection that changed: a new read budget or read-only switch applies to
   * them in place and their reads go on; a change of where it points or how it signs moves them.
   */
  private async saved(previous: StoredProfile, profile: StoredProfile, newSecret: boolean): Promise<void> {
    const settingsOnly = !newSecret && isDeepStrictEqual(withoutSettings(previous), withoutSettings(profile));
    const target = this.withOverrides(await this.targetOf(profile));
    if (settingsOnly) this.seats.update(previous.name, target, this.options.changes);
    else await this.seats.moveOff(previous.name, async () => openCurrent(target), this.options.changes);
    if (!previous.readOnly && profile.readOnly && !this.options.readOnly) this.options.changes?.madeReadOnly(profile.name);
  }

  async remove(name: string): Promise<boolean> {
    await this.change(async (file) => {
      const profile = file.profiles.find((p) => p.name === name);
      if (!profile) throw new AppError('not-found', `There is no saved connection named "${name}".`);
      // The secret goes first: a profile is never dropped while its keychain entry stays behind.
      if (profile.source.type === 'access-keys') await this.secrets.delete(name);
      if (registryNeedsSecret(profile)) await this.registrySecrets.delete(name);
      return { ...file, profiles: file.profiles.filter((p) => p !== profile), active: file.active === name ? null : file.active };
    });
    // Whoever was on it is moved to the sandbox and told, as if they had chosen it.
    await this.seats.moveOff(name, async () => this.openWithOverrides(await this.sandboxTarget()), this.options.changes);
    return true;
  }

  /** The caller moves to `name`, and new callers start there; nobody else moves. */
  async activate(name: string, owner: SessionOwner): Promise<ActiveConnection> {
    let next: Current;
    if (name === SANDBOX_CONNECTION) {
      next = this.openWithOverrides(await this.sandboxTarget());
      await this.change(async (file) => ({ ...file, active: null })).catch(closing(next));
    } else {
      await this.refresh();
      const profile = this.get(name);
      next = this.openWithOverrides(await this.targetOf(profile));
      await this.change(async (file) =>
        file.profiles.some((p) => p.name === profile.name) ? { ...file, active: profile.name } : null,
      ).catch(closing(next));
    }
    this.seats.choose(next, owner);
    this.options.changes?.switched(owner, next.active);
    return next.active;
  }

  async test(name: string): Promise<ConnectionTest> {
    if (name === SANDBOX_CONNECTION) return testConnection(await this.sandboxTarget(), { awsProfile: null, usesSso: false });
    const profile = this.get(name);
    const awsProfile = profile.source.type === 'aws-profile' ? profile.source.awsProfile : null;
    const section = awsProfile ? await awsProfileSection(awsProfile).catch(() => null) : null;
    return testConnection(await this.targetOf(profile), { awsProfile, usesSso: Boolean(section?.sso_session || section?.sso_start_url) });
  }

  /** The target for a saved profile: its region and endpoint, signing with its own credentials. */
  async targetOf(profile: StoredProfile): Promise<ConnectionTarget> {
    // Checked before the credentials are made: they read the endpoint too, and a hand-edited one may be no URL.
    if (profile.endpoint) checkEndpoint(profile.endpoint);
    return profileTarget(profile, {
      credentials: credentialsForProfile(profile, this.secrets, this.options.credentialOptions),
      current: () => this.find(profile.name) ?? profile,
      processReadOnly: Boolean(this.options.readOnly),
    });
  }

  /** The active connection (null), or a saved one by name, as this process would open it (a copy's target). */
  async targetNamed(name: string | null, owner: SessionOwner): Promise<ConnectionTarget> {
    if (name === null) return this.target(owner);
    if (name === SANDBOX_CONNECTION) return this.sandboxTarget();
    await this.refresh();
    const target = await this.targetOf(this.get(name));
    return this.options.readOnly ? { ...target, readOnly: true } : target;
  }

  async stop(): Promise<void> {
    this.seats.closeAll();
    const sandbox = this.sandbox;
    this.sandbox = null;
    await (await sandbox?.catch(() => null))?.stop();
  }

  private async sandboxTarget(): Promise<ConnectionTarget> {
    this.sandbox ??= this.options.sandbox();
    return sandboxConnectionTarget(await this.sandbox);
  }

  private openWithOverrides(chosen: ConnectionTarget): Current {
    return openCurrent(this.withOverrides(chosen));
  }

  private withOverrides(chosen: ConnectionTarget): ConnectionTarget {
    return withProcessOverrides(chosen, this.options);
  }

  private find(name: string): StoredProfile | undefined {
    return this.file.profiles.find((profile) => profile.name === name);
  }

  /** One locked read-change-write of profiles.json; this process's copy is what ends up on disk. */
  private async change(apply: (file: ProfileFile) => Promise<ProfileFile | null>): Promise<void> {
    this.file = await changeProfileFile(this.options.dataDir, apply);
  }

  /** Another process (the CLI beside the app) may have changed the file since it was read. */
  private async refresh(): Promise<void> {
    const loaded = await loadProfileFile(this.options.dataDir);
    this.file = loaded.file;
    this.problems.push(...loaded.problems);
  }

  /** Deletes the keychain entries a change left listed that no access-key profile names. */
  private async sweepSecrets(): Promise<void> {
    try {
      await this.change((file) => this.secrets.sweep(file));
    } catch {
      // The keychain is unusable right now; the list stays in the file for the next start.
    }
  }

  private async view(profile: StoredProfile): Promise<ProfileView> {
    const registrySecret = registryNeedsSecret(profile) ? await this.registrySecrets.state(profile.name) : 'none';
    return { ...profile, secret: await this.secrets.stateOf(profile), registrySecret };
  }
}

/** A connection opened for a choice that then failed: its client goes before the error does. */
function closing(opened: Current): (error: unknown) => never {
  return (error) => {
    opened.client.destroy();
    throw error;
  };
}
