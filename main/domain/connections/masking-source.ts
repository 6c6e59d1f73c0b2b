import path from 'node:path';
import type { MaskingFile, MaskingState, MaskRule } from '../../../shared/contract/masking';
import type { SessionOwner } from '../../core/sessions/session-owner';
import { withDataFileLock } from '../engine/files/data-file-lock';
import { RecordMasker } from '../engine/mask/masker';
import { rulesFor } from '../engine/mask/mask-rules';
import type { ConnectionManager } from './connection-manager';
import { maskingKey } from './masking-key';
import { MaskingRuleStore } from './masking-store';
import { bindingScope } from './schema-source';

/**
 * The connection a read goes through when it is not the caller's own (a run again on the
 * connection it was made with): its rules and its hash key apply, not the caller's.
 */
export type ConnectionScope = Parameters<typeof bindingScope>[0];

/** The rules a read applies, and for a run those it leaves out because they say so (stated in run.json). */
export interface ReadMasking {
  masker: RecordMasker;
  applied: MaskRule[];
  exempt: MaskRule[];
}

/**
 * Masking per connection: its stored rules, its unmasked-view switch (in this process's memory,
 * so every start is masked), and the masker each read applies.
 */
export class Masking {
  readonly store: MaskingRuleStore;
  private readonly unmaskedScopes = new Set<string>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly dataDir: string,
  ) {
    this.store = new MaskingRuleStore(dataDir);
  }

  scopeOf(owner: SessionOwner): string {
    return bindingScope(this.connections.active(owner));
  }

  async state(owner: SessionOwner): Promise<MaskingState> {
    const scope = this.scopeOf(owner);
    return { rules: await this.store.list(scope), unmasked: this.unmaskedScopes.has(scope) };
  }

  setUnmasked(owner: SessionOwner, unmasked: boolean): void {
    const scope = this.scopeOf(owner);
    if (unmasked) this.unmaskedScopes.add(scope);
    else this.unmaskedScopes.delete(scope);
  }

  /**
   * A view (preview, inspector, search, tail) applies the connection's rules unless its unmasked
   * view is on; a run applies them whatever the view, except rules with `runs: false`. Rules given
   * for this read only (--masking FILE) always apply: they were asked for now.
   */
  async forRead(
    owner: SessionOwner,
    stream: string,
    file: MaskingFile | undefined,
    use: 'view' | 'run',
    on?: ConnectionScope,
  ): Promise<ReadMasking> {
    const { applied, exempt } = await this.rules(owner, stream, file, use, on);
    return { masker: await this.maskerFor(owner, applied, on), applied, exempt };
  }

  /** The rules alone, without the key a hash rule needs (for a plan that only names them). */
  async rules(
    owner: SessionOwner,
    stream: string,
    file: MaskingFile | undefined,
    use: 'view' | 'run',
    on?: ConnectionScope,
  ): Promise<Omit<ReadMasking, 'masker'>> {
    const scope = on ? bindingScope(on) : this.scopeOf(owner);
    const stored = use === 'view' && this.unmaskedScopes.has(scope) ? [] : rulesFor(await this.store.list(scope), stream);
    const given = rulesFor(file?.rules ?? [], stream);
    const plain = (rules: MaskRule[]) =>
      rules.map(({ path, pattern, detector, action, stream: only, runs }) => ({
        ...(path !== undefined ? { path } : {}),
        ...(pattern !== undefined ? { pattern } : {}),
        ...(detector !== undefined ? { detector } : {}),
        action,
        ...(only !== undefined ? { stream: only } : {}),
        ...(runs !== undefined ? { runs } : {}),
      }));
    const all = plain([...stored, ...given]);
    const applied = use === 'run' ? all.filter((rule) => rule.runs !== false) : all;
    const exempt = use === 'run' ? all.filter((rule) => rule.runs === false) : [];
    return { applied, exempt };
  }

  /** A masker for rules already chosen (a resumed run's, from its run.json). */
  async maskerFor(owner: SessionOwner, rules: readonly MaskRule[], on?: ConnectionScope): Promise<RecordMasker> {
    if (!rules.some((rule) => rule.action === 'hash')) return new RecordMasker(rules, null);
    const scope = on ? bindingScope(on) : this.scopeOf(owner);
    // Two processes' first hash rule must not make two keys: one is kept, the other would never match it.
    const key = await withDataFileLock(path.join(this.dataDir, 'masking-key'), () => maskingKey(this.connections.keychain, scope));
    return new RecordMasker(rules, key);
  }
}
