import type { Envelope } from '../../shared/contract/errors';
import { ApiError } from './api-error';

/** One call's answer as a slice keeps it for a view: loading, the value, or the error with its code. */
export type QueryState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ApiError };

export const loading: QueryState<never> = { status: 'loading' };

/** Waits for a call and turns its envelope (or a transport failure) into a QueryState. */
export async function settle<T>(pending: Promise<Envelope<T>>): Promise<QueryState<T>> {
  try {
    const result = await pending;
    return result.ok ? { status: 'ok', data: result.value } : { status: 'error', error: new ApiError(result.error) };
  } catch (error) {
    return { status: 'error', error: new ApiError({ code: 'internal', message: String(error) }) };
  }
}
