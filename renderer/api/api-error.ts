import type { ApiErrorShape } from '../../shared/contract/errors';
import type { Envelope } from '../../shared/contract/errors';
import { remedyText } from './remedy-text';

/** Envelope errors made throwable inside the renderer, keeping the code for the UI to branch on. */
export class ApiError extends Error {
  readonly code: ApiErrorShape['code'];
  readonly issues: NonNullable<ApiErrorShape['issues']>;
  readonly remedy: ApiErrorShape['remedy'];
  constructor(error: ApiErrorShape) {
    // Main's message says what happened; what to do about it is worded here, in the app's terms.
    const remedy = remedyText(error.remedy);
    super(remedy ? `${error.message} ${remedy}` : error.message);
    this.code = error.code;
    this.issues = error.issues ?? [];
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
