import { createHmac } from 'node:crypto';
import type { MaskRule } from '../../../../shared/contract/masking';
import { AppError } from '../../../core/app-error';
import type { DecodedRecord } from '../decode/record';
import { compileRule, type CompiledRule } from './mask-rules';

export const REDACTED = '***';
/** What stands for a part of a record too deep, too large or too long to check: withheld whole rather than shown unchecked. */
export const WITHHELD = '***withheld***';
export const MAX_MASK_DEPTH = 64;
export const MAX_MASK_NODES = 200_000;
/** Longer strings are withheld when a pattern or detector is in force: scanning them for 200 rules would stall every reader. */
export const MAX_SCANNED_STRING = 256 * 1024;

const DROP = Symbol('drop');
type Masked = unknown | typeof DROP;
const EMPTY = Buffer.alloc(0);

/**
 * The rules of one read applied to each record it hands on: the one step between a decoded record
 * and anything that leaves main (a batch, a printed line, a run's file). Counts what each rule
 * masked, so a rule that masked nothing can be reported.
 */
export class RecordMasker {
  private readonly rules: CompiledRule[];
  private readonly counts: number[];

  constructor(
    rules: readonly MaskRule[],
    /** The connection's HMAC key (from the keychain); needed only by hash rules. */
    private readonly hmacKey: Buffer | null,
  ) {
    this.rules = rules.map(compileRule);
    this.counts = this.rules.map(() => 0);
    if (!hmacKey && rules.some((rule) => rule.action === 'hash'))
      throw new AppError('keychain-unavailable', 'Hash rules need the connection’s masking key, which is kept in the OS keychain.');
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  /** Values masked per rule so far. */
  report(): { rule: string; matched: number }[] {
    return this.rules.map((rule, at) => ({ rule: rule.name, matched: this.counts[at]! }));
  }

  mask(record: DecodedRecord): DecodedRecord {
    if (!this.active) return record;
    let partitionKey: Masked = record.partitionKey;
    for (const [at, rule] of this.rules.entries())
      if (rule.path?.root === 'partitionKey' && rule.path.steps.length === 0) partitionKey = this.act(at, partitionKey);
    if (partitionKey !== DROP) partitionKey = this.maskLeaf(partitionKey);
    const masked = {
      ...record,
      partitionKey: partitionKey === DROP ? '' : String(partitionKey),
      bytes: EMPTY,
      stored: EMPTY,
      masked: true,
    };
    if (record.encoding === 'binary')
      return { ...masked, value: EMPTY, error: 'Withheld: masking rules are in force and a binary record cannot be checked.' };
    const holder = { data: boundedClone(record.value, 0, { nodes: MAX_MASK_NODES }) };
    for (const [at, rule] of this.rules.entries()) if (rule.path?.root === 'data') this.applyPath(at, holder, rule.path.steps);
    const data = this.maskTree(holder.data, 0);
    return { ...masked, value: data === DROP ? null : data };
  }

  private applyPath(at: number, holder: { data: unknown }, steps: readonly string[]): void {
    const walk = (parent: Record<string, unknown> | unknown[], key: string | number, step: number): void => {
      const node = (parent as Record<string | number, unknown>)[key];
      if (node === undefined) return;
      if (step === steps.length) {
        const next = this.act(at, node);
        if (next !== DROP) (parent as Record<string | number, unknown>)[key] = next;
        else if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, unknown>)[key];
        return;
      }
      const name = steps[step]!;
      if (Array.isArray(node)) {
        // Backwards, so a dropped item does not shift the ones still to visit.
        if (name === '*') for (let item = node.length - 1; item >= 0; item--) walk(node, item, step + 1);
        else if (/^\d+$/.test(name)) walk(node, Number(name), step + 1);
      } else if (node !== null && typeof node === 'object') {
        if (name === '*') for (const child of Object.keys(node)) walk(node as Record<string, unknown>, child, step + 1);
        else if (Object.hasOwn(node, name)) walk(node as Record<string, unknown>, name, step + 1);
      }
    };
    walk(holder, 'data', 0);
  }

  /** Patterns and detectors over every string and number left in the value. */
  private maskTree(node: unknown, depth: number): Masked {
    if (Array.isArray(node)) {
      const items = node.map((item) => this.maskTree(item, depth + 1));
      return items.filter((item) => item !== DROP);
    }
    if (node !== null && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const next = this.maskTree(object[key], depth + 1);
        if (next === DROP) delete object[key];
        else object[key] = next;
      }
      return object;
    }
    return this.maskLeaf(node);
  }

  private maskLeaf(value: unknown): Masked {
    if (typeof value !== 'string' && typeof value !== 'number') return value;
    const finders = this.rules.filter((rule) => rule.finder);
    if (finders.length === 0 || value === WITHHELD) return value;
    let text = String(value);
    if (text.length > MAX_SCANNED_STRING) return WITHHELD;
    let changed = false;
    for (const rule of finders) {
      const at = this.rules.indexOf(rule);
      const matcher = rule.finder!.find.matcher(text);
      let out = '';
      let last = 0;
      while (matcher.find()) {
        const [start, end] = [matcher.start(), matcher.end()];
        const found = text.slice(start, end);
        if (end === start || !rule.finder!.confirms(found)) continue;
        const replaced = this.act(at, found);
        if (replaced === DROP) return DROP;
        out += text.slice(last, start) + String(replaced);
        last = end;
        changed = true;
      }
      if (last > 0) text = out + text.slice(last);
    }
    return changed ? text : value;
  }

  private act(at: number, value: unknown): Masked {
    this.counts[at]!++;
    const { action } = this.rules[at]!;
    if (action === 'drop') return DROP;
    if (action === 'redact') return REDACTED;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (action === 'partial') return text.length > 4 ? `${REDACTED}${text.slice(-4)}` : REDACTED;
    return hmacOf(this.hmacKey!, text);
  }
}

/** Equal values give equal tokens under one connection's key, so masked columns still join. */
export function hmacOf(key: Buffer, value: string): string {
  return `hmac:${createHmac('sha256', key).update(value, 'utf8').digest('base64url').slice(0, 22)}`;
}

/** A copy to mask in place, cut where it is deeper or larger than a record from a stranger should be. */
function boundedClone(value: unknown, depth: number, budget: { nodes: number }): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_MASK_DEPTH || --budget.nodes < 0) return WITHHELD;
  if (Array.isArray(value)) return value.map((item) => boundedClone(item, depth + 1, budget));
  const copy: Record<string, unknown> = {};
  // defineProperty: a "__proto__" key in a record is a field, not the copy's prototype.
  for (const [key, child] of Object.entries(value))
    Object.defineProperty(copy, key, {
      value: boundedClone(child, depth + 1, budget),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}
