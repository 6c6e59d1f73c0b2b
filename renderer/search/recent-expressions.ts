const KEY = 'shardscope.search.recent';
const KEPT = 10;

function all(): Record<string, string[]> {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string[]>) : {};
  } catch {
    return {};
  }
}

/** The expressions last searched on a stream, newest first: they belong to this browser profile, not to main. */
export function recentExpressions(stream: string): string[] {
  const list = all()[stream];
  return Array.isArray(list) ? list.filter((e) => typeof e === 'string') : [];
}

export function rememberExpression(stream: string, expression: string): void {
  const every = all();
  every[stream] = [expression, ...recentExpressions(stream).filter((e) => e !== expression)].slice(0, KEPT);
  try {
    localStorage.setItem(KEY, JSON.stringify(every));
  } catch {
    // A full or disabled storage only loses the suggestions.
  }
}
