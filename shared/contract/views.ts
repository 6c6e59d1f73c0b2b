import { z } from 'zod';
import { streamNameSchema } from './streams';

/** Views travel as files and links from other people: every field is bounded and unknown fields are refused. */
export const MAX_VIEWS = 200;
export const MAX_VIEW_NAME = 80;
export const MAX_VIEW_NOTE = 500;
export const MAX_VIEW_FILTER = 4_096;
export const MAX_VIEW_COLUMNS = 16;

export const viewPages = ['preview', 'search'] as const;

/** Where a read starts or ends as the page's own field holds it: `-15m`, `TRIM_HORIZON`, `LATEST` or an ISO time. */
const positionTextSchema = z.string().max(64, 'Keep a position to 64 characters.');

export const viewSettingsSchema = z
  .object({
    /** The preview's start or the search window's start. */
    start: positionTextSchema,
    /** The search window's end; empty is "until caught up". */
    end: positionTextSchema.default(''),
    /** The preview's filter text or the search's CEL expression. */
    filter: z.string().max(MAX_VIEW_FILTER, `Keep a filter or expression to ${MAX_VIEW_FILTER} characters.`).default(''),
    /** The preview's filter text is a regular expression. */
    regex: z.boolean().optional(),
    /** The preview's CEL filter, beside its text filter. */
    expression: z.string().max(MAX_VIEW_FILTER, `Keep an expression to ${MAX_VIEW_FILTER} characters.`).optional(),
    /** The most matches a search keeps. */
    limit: z.number().int().min(1).max(100_000).optional(),
    /** The record table's columns shown, in order; every column when empty. */
    columns: z.array(z.string().min(1).max(64)).max(MAX_VIEW_COLUMNS).default([]),
  })
  .strict();
export type ViewSettings = z.infer<typeof viewSettingsSchema>;

export const viewNameSchema = z
  .string()
  .trim()
  .min(1, 'A view needs a name.')
  .max(MAX_VIEW_NAME, `Keep a view's name to ${MAX_VIEW_NAME} characters.`);

/**
 * A page's settings under a name. It holds no record content and no secret, so it may be exported
 * and put in a link. `masked` is what the view was saved as; opening a view never unmasks.
 */
export const savedViewSchema = z
  .object({
    name: viewNameSchema,
    note: z.string().max(MAX_VIEW_NOTE, `Keep a note to ${MAX_VIEW_NOTE} characters.`).default(''),
    /** The connection's name the view was saved on. */
    connection: z.string().min(1).max(128),
    stream: streamNameSchema,
    page: z.enum(viewPages),
    settings: viewSettingsSchema,
    masked: z.boolean().default(true),
  })
  .strict();
export type SavedView = z.infer<typeof savedViewSchema>;
export type SavedViewInput = z.input<typeof savedViewSchema>;

/** The file `views:export` writes and `views:import` reads. */
export const viewsFileSchema = z
  .object({
    version: z.literal(1),
    views: z.array(savedViewSchema).max(MAX_VIEWS, `A file holds at most ${MAX_VIEWS} views.`),
  })
  .strict();
export type ViewsFile = z.infer<typeof viewsFileSchema>;

const viewListSchema = z.object({ views: z.array(savedViewSchema) });
export type ViewList = z.infer<typeof viewListSchema>;

export const viewsCalls = {
  /** The active connection's views. */
  'views:list': { input: z.object({}).strict(), output: viewListSchema },
  /** Saves a view on the active connection, in place of one of the same name. */
  'views:save': { input: z.object({ view: savedViewSchema }).strict(), output: viewListSchema },
  'views:remove': { input: z.object({ name: viewNameSchema }).strict(), output: viewListSchema },
  /** Adds a file's views to the active connection's (a view of the same name is replaced). */
  'views:import': { input: z.object({ file: viewsFileSchema }).strict(), output: viewListSchema },
  'views:export': { input: z.object({}).strict(), output: viewsFileSchema },
} as const;

/** The part of the browser host's address that carries a view: `#view=<url-encoded JSON>`. */
export const VIEW_LINK_KEY = 'view';

/** A view's link fragment; the access token stays out of it (it is the host's, not the view's). */
export function viewLinkFragment(view: SavedView): string {
  return `${VIEW_LINK_KEY}=${encodeURIComponent(JSON.stringify(view))}`;
}

/** The view a link carries, or an error naming the bad field. */
export function parseViewLink(hash: string): { view: SavedView } | { error: string } | null {
  const text = new URLSearchParams(hash.replace(/^#/, '')).get(VIEW_LINK_KEY);
  if (text === null) return null;
  if (text.length > 16_384) return { error: 'The link is too long to be a view.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'The link does not hold a view (it is not JSON).' };
  }
  const parsed = savedViewSchema.safeParse(json);
  if (parsed.success) return { view: parsed.data };
  return { error: describeViewIssues(parsed.error) };
}

/** Zod's issues as one sentence that names each bad field (views.0.note). */
export function describeViewIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || 'the view'}: ${issue.message}`)
    .join('; ');
}
