import type { ApiErrorShape } from '../../shared/contract/errors';
import type { Envelope } from '../../shared/contract/errors';
import { remedyText } from './remedy-text';

const eitherOf = new Intl.ListFormat('en-US', { type: 'disjunction' });

/** Envelope errors made throwable inside the renderer, keeping the code for the UI to branch on. */
export class ApiError extends Error {
  readonly code: ApiErrorShape['code'];
  readonly issues: NonNullable<ApiErrorShape['issues']>;
  /** Names the user may have meant instead (a stream that is not there). */
  readonly suggestions: readonly string[];
  readonly remedy: ApiErrorShape['remedy'];
  constructor(error: ApiErrorShape) {
    // Said wherever the message is shown (a panel, a dialog, a page), so no view can leave it out;
    // main's message says what happened, and what to do about it is worded here, in the app's terms.
    const suggestion = error.suggestions?.length ? ` Did you mean ${eitherOf.format(error.suggestions)}?` : '';
    const remedy = remedyText(error.remedy);
    super(`${error.message}${suggestion}${remedy ? ` ${remedy}` : ''}`);
    this.code = error.code;
    this.issues = error.issues ?? [];
    this.suggestions = error.suggestions ?? [];
    this.remedy = error.remedy;
  }
}

export async function unwrap<T>(pending: Promise<Envelope<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
