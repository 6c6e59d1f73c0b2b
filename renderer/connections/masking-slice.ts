import { maskingFileSchema, type MaskingFile } from '../../shared/contract';
import { ApiError, messageOf, unwrap } from '../api/api-error';
import type { MaskingSlice } from '../state/masking-state';
import type { SliceCreator } from '../state/store';
import { issueWords } from './masking-words';

/** Reports kept for the pages to show: a window runs a preview and a search at a time, so a few suffice. */
const KEPT_REPORTS = 8;

/** An import's problems, each naming its rule, so a bad file is fixed in one pass. */
export class MaskImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
  }
}

function parseRulesFile(text: string): MaskingFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MaskImportError([`The file is not JSON: ${messageOf(error)}`]);
  }
  // Checked here as well as in main, so every bad rule is named before anything is sent.
  const parsed = maskingFileSchema.safeParse(json);
  if (!parsed.success)
    throw new MaskImportError(
      parsed.error.issues.map((issue) => issueWords({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  return parsed.data;
}

export const createMaskingSlice: SliceCreator<MaskingSlice> = (api) => (set, get) => ({
  masking: null,
  maskingLoading: false,
  maskingError: null,
  maskingReports: {},
  async loadMasking() {
    set({ maskingLoading: true, maskingError: null });
    try {
      set({ masking: await unwrap(api.masking.list()) });
    } catch (error) {
      set({ maskingError: messageOf(error) });
    } finally {
      set({ maskingLoading: false });
    }
  },
  async addMaskRule(rule) {
    set({ masking: await unwrap(api.masking.add({ rule })) });
  },
  async removeMaskRule(id) {
    try {
      set({ masking: await unwrap(api.masking.remove({ id })), maskingError: null });
    } catch (error) {
      set({ maskingError: messageOf(error) });
    }
  },
  async importMaskRules(text, replace) {
    const file = parseRulesFile(text);
    try {
      set({ masking: await unwrap(api.masking.import({ ...file, replace })) });
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) throw new MaskImportError(error.issues.map(issueWords));
      throw error;
    }
  },
  async setUnmasked(unmasked) {
    try {
      set({ masking: await unwrap(api.masking.setUnmasked({ unmasked })), maskingError: null });
    } catch (error) {
      set({ maskingError: messageOf(error) });
    }
  },
  receiveMaskingReport(report) {
    const kept = Object.entries(get().maskingReports).slice(-(KEPT_REPORTS - 1));
    set({ maskingReports: { ...Object.fromEntries(kept), [report.sessionId]: report.rules } });
  },
});
