/** The streams chosen last, newest first, per browser profile: a picker offers them before the rest. */
const KEY = 'shardscope.recentStreams';
const KEPT = 5;

export function recentStreams(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string').slice(0, KEPT) : [];
  } catch {
    return [];
  }
}

export function rememberStream(name: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([name, ...recentStreams().filter((s) => s !== name)].slice(0, KEPT)));
  } catch {
    // Storage may be off (private windows): the picker still works without recents.
  }
}

/** What the list offers for what is typed: recent choices first when nothing is, else names containing it. */
export function streamChoices(names: readonly string[], typed: string, recent: readonly string[], limit = 50): string[] {
  const query = typed.trim().toLowerCase();
  if (!query) {
    const known = new Set(names);
    const recents = recent.filter((name) => known.has(name));
    return [...recents, ...names.filter((name) => !recents.includes(name))].slice(0, limit);
  }
  const starts = names.filter((name) => name.toLowerCase().startsWith(query));
  const contains = names.filter((name) => !name.toLowerCase().startsWith(query) && name.toLowerCase().includes(query));
  return [...starts, ...contains].slice(0, limit);
}
