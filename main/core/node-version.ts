import packageJson from '../../package.json';

/** The `engines.node` range package.json declares, e.g. ">=22" or ">=22.12.0". */
export const REQUIRED_NODE = packageJson.engines.node;

/** [major, minor, patch] of "v22.1.0", "22.1" or "22"; missing parts count as 0. */
function parts(version: string): [number, number, number] | null {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  if (!match) return null;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/** Whether a Node version ("v22.15.0" or "22.15.0") is at least the given one. */
export function nodeAtLeast(actual: string, minimum: string): boolean {
  const have = parts(actual);
  const need = parts(minimum);
  if (!have || !need) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i]! > need[i]!;
  return true;
}

/**
 * The one line that says this Node is older than Shardscope needs, or null when it is new enough.
 * Only the minimum of a ">=X" range is compared: package.json declares no upper bound, and the
 * semver package is not among Shardscope's dependencies for this one comparison.
 */
export function nodeVersionProblem(actual: string = process.version, required: string = REQUIRED_NODE): string | null {
  const minimum = required.replace(/^\s*>=\s*/, '').trim();
  // An unreadable version is let through: the check is there to explain, never to block a Node it cannot read.
  if (!parts(minimum) || !parts(actual) || nodeAtLeast(actual, minimum)) return null;
  return `shardscope needs Node >= ${minimum}; this is Node ${actual.replace(/^v/, '')}.`;
}
