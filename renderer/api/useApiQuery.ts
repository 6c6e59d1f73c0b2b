import { useCallback, useEffect, useState } from 'react';
import type { Envelope } from '../../shared/contract/errors';
import { ApiError } from './api-error';

export type QueryState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ApiError };

/** One call's result for a component, reloadable; a stale answer never overwrites a newer one. */
export function useApiQuery<T>(run: () => Promise<Envelope<T>>, deps: readonly unknown[]): QueryState<T> & { reload(): void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    // A reload keeps showing the last answer until the new one arrives.
    let current = true;
    run().then(
      (result) =>
        current && setState(result.ok ? { status: 'ok', data: result.value } : { status: 'error', error: new ApiError(result.error) }),
      (error: unknown) => current && setState({ status: 'error', error: new ApiError({ code: 'internal', message: String(error) }) }),
    );
    return () => {
      current = false;
    };
    // The caller's deps decide when to run again, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
