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
import type { EventHub } from '../../core/event-hub';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/sandbox';
import { awsProfileSection } from './aws-profiles';
import { awsProfileCredentials, credentialsForProfile, type CredentialOptions } from './credentials';
import { changeProfileFile, EMPTY_PROFILE_FILE, loadProfileFile, type ProfileFile, type StoredProfile } from './profile-file';
import { applyProfileSave, storedProfileOf } from './profile-save';
import { ProfileSecrets } from './profile-secrets';
import type { SecretStore } from './secret-store';
import { checkEndpoint, createClientFor, describeTarget, readBudgetOf, type ConnectionTarget } from './target';
import { testConnection } from './test-connection';

export interface ConnectionManagerOptions {
  dataDir: string;
  keychain: SecretStore;
  events?: EventHub;
  sandbox?: Omit<SandboxOptions, 'onProducerStatus'>;
  credentialOptions?: CredentialOptions;
  /** Replaces parts of every connection's read budget in this process (the CLI's flags). */
  readBudget?: Partial<ReadBudget>;
  /** Every connection of this process is read-only, whatever it is saved as (the CLI's --read-only). */
  readOnly?: boolean;
}

/**
 * How a host opens: the saved active profile (else the sandbox), the sandbox, an explicit
 * target, or a profile by name (a saved one, else an AWS shared-config profile).
 */
export type InitialConnection =
  | 'saved-or-sandbox'
  /** Profiles only, no connection: for commands that manage profiles. */
  | 'none'
  | 'sandbox'
  | ConnectionTarget
  | { profile: string; region?: string; endpoint?: string; dynamodbEndpoint?: string };

interface Current {
  target: ConnectionTarget;
  client: KinesisClient;
  active: ActiveConnection;
}

/**
 * Owns the saved profiles, their secrets and the active connection. Everything that needs a
 * Kinesis client asks this for the current one, so a switch reaches every feature at once.
 */
export class ConnectionManager {
  private file: ProfileFile = structuredClone(EMPTY_PROFILE_FILE);
  private problems: string[] = [];
  private current: Current | null = null;
  private sandbox: Promise<Sandbox> | null = null;
  readonly secrets: ProfileSecrets;

  constructor(private readonly options: ConnectionManagerOptions) {
    this.secrets = new ProfileSecrets(options.keychain);
  }

  /** Loads the saved profiles and opens the first connection. */
  async open(initial: InitialConnection = 'saved-or-sandbox'): Promise<void> {
    const loaded = await loadProfileFile(this.options.dataDir);
    this.file = loaded.file;
    this.problems = loaded.problems;
    if (this.file.pendingSecrets.length > 0) await this.sweepSecrets();
    if (initial !== 'none') this.use(await this.resolveInitial(initial));
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
    const dynamodb = initial.dynamodbEndpoint ? { dynamodbEndpoint: initial.dynamodbEndpoint } : {};
    if (saved) return { ...(await this.targetOf(saved)), ...dynamodb };
    // Not ours: an AWS shared-config profile of that name, as the AWS CLI would take it.
    const section = await awsProfileSection(initial.profile);
    if (!section) throw new AppError('not-found', `There is no saved connection and no AWS profile named "${initial.profile}".`);
    const region = initial.region || section.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
    if (!region) throw new AppError('invalid-input', `The AWS profile "${initial.profile}" names no region: pass --region.`);
    const credentials = awsProfileCredentials(initial.profile, this.options.credentialOptions);
    return initial.endpoint
      ? { kind: 'endpoint', endpoint: initial.endpoint, region, profile: initial.profile, credentials, ...dynamodb }
      : { kind: 'aws', region, profile: initial.profile, credentials, ...dynamodb };
  }

  client(): KinesisClient {
    return this.state().client;
  }

  active(): ActiveConnection {
    return this.state().active;
  }

  target(): ConnectionTarget {
    return this.state().target;
  }

  async list(): Promise<ConnectionList> {
    await this.refresh();
    const profiles = await Promise.all(this.file.profiles.map((profile) => this.view(profile)));
    return { profiles, active: this.current?.active ?? null, keychain: await this.options.keychain.status(), problems: [...this.problems] };
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
    await this.change(async (file) => {
      const saved = await applyProfileSave(file, input, profile, this.options.dataDir, this.secrets);
      previous = saved.previous;
      return saved.file;
    });
    if (previous && this.current?.active.profile === previous.name) this.use(await this.targetOf(profile));
    return this.view(profile);
  }

  async remove(name: string): Promise<boolean> {
    let wasActive = false;
    await this.change(async (file) => {
      const profile = file.profiles.find((p) => p.name === name);
      if (!profile) throw new AppError('not-found', `There is no saved connection named "${name}".`);
      // The secret goes first: a profile is never dropped while its keychain entry stays behind.
      if (profile.source.type === 'access-keys') await this.secrets.delete(name);
      wasActive = this.current?.active.profile === name;
      return { ...file, profiles: file.profiles.filter((p) => p !== profile), active: file.active === name ? null : file.active };
    });
    if (wasActive) this.use(await this.sandboxTarget());
    return true;
  }

  async activate(name: string): Promise<ActiveConnection> {
    if (name === SANDBOX_CONNECTION) {
      this.use(await this.sandboxTarget());
      await this.change(async (file) => ({ ...file, active: null }));
    } else {
      await this.refresh();
      const profile = this.get(name);
      this.use(await this.targetOf(profile));
      await this.change(async (file) => (file.profiles.some((p) => p.name === profile.name) ? { ...file, active: profile.name } : null));
    }
    return this.active();
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
    if (profile.endpoint) checkEndpoint(profile.endpoint);
    const credentials = credentialsForProfile(profile, this.secrets, this.options.credentialOptions);
    const common = {
      profile: profile.name,
      credentials,
      readBudget: profile.readBudget ?? null,
      readOnly: Boolean(profile.readOnly),
      dynamodbEndpoint: profile.dynamodbEndpoint ? checkEndpoint(profile.dynamodbEndpoint) : null,
      // Asked at each write: switched to read-only in this process, a running writer stops at its next call.
      readOnlyNow: () => Boolean(this.options.readOnly || (this.find(profile.name)?.readOnly ?? profile.readOnly)),
    };
    return profile.endpoint
      ? { kind: 'endpoint', endpoint: profile.endpoint, region: profile.region, ...common }
      : { kind: 'aws', region: profile.region, ...common };
  }

  /** The active connection (null), or a saved one by name, as this process would open it (a copy's target). */
  async targetNamed(name: string | null): Promise<ConnectionTarget> {
    if (name === null) return this.target();
    if (name === SANDBOX_CONNECTION) return this.sandboxTarget();
    await this.refresh();
    const target = await this.targetOf(this.get(name));
    return this.options.readOnly ? { ...target, readOnly: true } : target;
  }

  async stop(): Promise<void> {
    this.current?.client.destroy();
    this.current = null;
    const sandbox = this.sandbox;
    this.sandbox = null;
    await (await sandbox?.catch(() => null))?.stop();
  }

  private async sandboxTarget(): Promise<ConnectionTarget> {
    this.sandbox ??= startSandbox({
      ...this.options.sandbox,
      onProducerStatus: (status) => this.options.events?.emit('sandbox:producer', status),
    });
    const sandbox = await this.sandbox;
    return { kind: 'sandbox', endpoint: sandbox.endpoint, region: sandbox.region, dynamodbEndpoint: sandbox.dynamodbEndpoint };
  }

  private use(chosen: ConnectionTarget): void {
    const override = this.options.readBudget;
    const budgeted: ConnectionTarget = override ? { ...chosen, readBudget: { ...readBudgetOf(chosen), ...override } } : chosen;
    const target: ConnectionTarget = this.options.readOnly ? { ...budgeted, readOnly: true } : budgeted;
    this.current?.client.destroy();
    this.current = { target, client: createClientFor(target), active: describeTarget(target) };
    this.options.events?.emit('connections:changed', this.current.active);
  }

  private state(): Current {
    if (!this.current) throw new AppError('unavailable', 'No connection is open.');
    return this.current;
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
      await this.change(async (file) => {
        const named = new Set(file.profiles.filter((p) => p.source.type === 'access-keys').map((p) => p.name));
        for (const name of file.pendingSecrets) if (!named.has(name)) await this.secrets.keychain.delete(name);
        return { ...file, pendingSecrets: [] };
      });
    } catch {
      // The keychain is unusable right now; the list stays in the file for the next start.
    }
  }

  private async view(profile: StoredProfile): Promise<ProfileView> {
    return { ...profile, secret: profile.source.type === 'access-keys' ? await this.secrets.state(profile.name) : 'none' };
  }
}
