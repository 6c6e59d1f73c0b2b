import type { PermissionReport } from './contract';
import { countOf } from './plural';

export interface PermissionVerdict {
  /** Every required action is granted: these credentials can read the stream. */
  ready: boolean;
  /** One line, the same on the app's permissions page and at the end of `shardscope check`. */
  text: string;
}

export function permissionVerdict(report: Pick<PermissionReport, 'stream' | 'actions'>): PermissionVerdict {
  const missing = report.actions.filter((a) => a.required && a.status !== 'granted').length;
  if (missing === 0) return { ready: true, text: `These credentials can read ${report.stream}.` };
  return {
    ready: false,
    text: `These credentials cannot read ${report.stream} yet: ${countOf(missing, 'required action')} ${missing === 1 ? 'is' : 'are'} not granted.`,
  };
}
