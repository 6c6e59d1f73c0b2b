import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MAX_MASK_RULES, storedMaskRuleSchema, type MaskRule, type StoredMaskRule } from '../../../shared/contract/masking';
import { AppError } from '../../core/app-error';
import { PerConnectionFile } from './per-connection-file';

export function maskingRulesPath(dataDir: string): string {
  return path.join(dataDir, 'masking-rules.json');
}

/**
 * Masking rules per connection (named as schema bindings are), in the data folder. A file that
 * cannot be read is moved aside, never taken as "no rules" silently overwritten; every change runs
 * under the lock the app, the CLI and the browser host all take.
 */
export class MaskingRuleStore {
  private readonly rules: PerConnectionFile<StoredMaskRule>;

  constructor(dataDir: string) {
    // Reading on as if there were no rules would show every value in the clear.
    this.rules = new PerConnectionFile(
      maskingRulesPath(dataDir),
      storedMaskRuleSchema,
      MAX_MASK_RULES,
      'masking rules cannot be read, so nothing is shown',
    );
  }

  async list(connection: string): Promise<StoredMaskRule[]> {
    return this.rules.list(connection);
  }

  add(connection: string, rules: readonly MaskRule[], replace = false): Promise<StoredMaskRule[]> {
    return this.change(connection, (existing) => {
      const added = rules.map((rule) => ({ ...rule, id: randomBytes(4).toString('hex') }));
      const next = [...(replace ? [] : existing), ...added];
      if (next.length > MAX_MASK_RULES)
        throw new AppError('invalid-input', `A connection holds at most ${MAX_MASK_RULES} masking rules; this would make ${next.length}.`);
      return next;
    });
  }

  remove(connection: string, id: string): Promise<StoredMaskRule[]> {
    return this.change(connection, (existing) => {
      if (!existing.some((rule) => rule.id === id)) throw new AppError('not-found', `This connection has no masking rule ${id}.`);
      return existing.filter((rule) => rule.id !== id);
    });
  }

  private change(connection: string, edit: (existing: StoredMaskRule[]) => StoredMaskRule[]): Promise<StoredMaskRule[]> {
    return this.rules.change(connection, edit);
  }
}
