import { z } from 'zod';
import { RE2JS } from 're2js';
import { streamNameSchema } from './streams';

/** Rules come from files a team shares and from strangers' imports: every dimension is bounded. */
export const MAX_MASK_RULES = 200;
export const MAX_MASK_PATTERN = 512;
export const MAX_MASK_PATH = 256;
export const MAX_MASK_PATH_SEGMENTS = 32;

export const maskActions = ['redact', 'hash', 'partial', 'drop'] as const;
export const maskDetectors = ['card', 'email', 'iban'] as const;

/**
 * A field path from the record's root: `data` (the value) or `partitionKey`, then `.name`, `[*]`,
 * `[N]` or `.*` (any one key or item). No `**`: a rule that reaches any depth is a pattern or a detector.
 */
const PATH = /^(data|partitionKey)(\.[^.[\]\s*]+|\.\*|\[\*\]|\[\d{1,9}\])*$/;

/** The path as its steps after the root: a name, an index, or `*` for any one key or item. */
export function pathSteps(path: string): string[] {
  const steps: string[] = [];
  for (const match of path.matchAll(/\.([^.[\]]+)|\[(\*|\d+)\]/g)) steps.push(match[1] ?? match[2]!);
  return steps;
}

const patternSchema = z
  .string()
  .min(1)
  .max(MAX_MASK_PATTERN, `Keep a pattern to ${MAX_MASK_PATTERN} characters.`)
  .superRefine((pattern, context) => {
    try {
      RE2JS.compile(pattern);
    } catch (error) {
      context.addIssue({ code: 'custom', message: `Not an RE2 pattern: ${(error as Error).message}` });
    }
  });

export const maskRuleSchema = z
  .object({
    path: z
      .string()
      .max(MAX_MASK_PATH, `Keep a path to ${MAX_MASK_PATH} characters.`)
      .regex(PATH, 'A path starts at data or partitionKey, e.g. data.customer.email or data.cards[*].number.')
      .refine((path) => pathSteps(path).length <= MAX_MASK_PATH_SEGMENTS, `A path has at most ${MAX_MASK_PATH_SEGMENTS} steps.`)
      .optional(),
    pattern: patternSchema.optional(),
    detector: z.enum(maskDetectors).optional(),
    action: z.enum(maskActions),
    /** Only this stream's records; every stream of the connection when absent. */
    stream: streamNameSchema.optional(),
    /** false: runs write the field as it is (said in run.json); true or absent: runs mask it too. */
    runs: z.boolean().optional(),
  })
  .strict()
  .refine((rule) => [rule.path, rule.pattern, rule.detector].filter((s) => s !== undefined).length === 1, {
    message: 'A rule selects by exactly one of path, pattern or detector.',
  });
export type MaskRule = z.infer<typeof maskRuleSchema>;

/** The file `--masking FILE` and an import read; errors name the rule by its index (rules.3.path). */
export const maskingFileSchema = z
  .object({ rules: z.array(maskRuleSchema).max(MAX_MASK_RULES, `A file holds at most ${MAX_MASK_RULES} rules.`) })
  .strict();
export type MaskingFile = z.infer<typeof maskingFileSchema>;

export const storedMaskRuleSchema = z.intersection(maskRuleSchema, z.object({ id: z.string().min(1).max(32) }));
export type StoredMaskRule = z.infer<typeof storedMaskRuleSchema>;

export const maskingStateSchema = z.object({
  rules: z.array(storedMaskRuleSchema),
  /** The unmasked view: reads on this connection show values in the clear until it is switched off. */
  unmasked: z.boolean(),
});
export type MaskingState = z.infer<typeof maskingStateSchema>;

/** How many values each rule masked in one read: a rule at 0 may be a typo, not protection. */
export const maskingReportSchema = z.object({
  sessionId: z.string(),
  rules: z.array(z.object({ rule: z.string(), matched: z.number().int() })),
});
export type MaskingReport = z.infer<typeof maskingReportSchema>;

/** A rule in one line, as lists and reports name it. */
export function describeRule(rule: MaskRule): string {
  const selector =
    rule.path !== undefined ? `path ${rule.path}` : rule.pattern !== undefined ? `pattern /${rule.pattern}/` : `detector ${rule.detector}`;
  return `${selector} → ${rule.action}${rule.stream ? ` (stream ${rule.stream})` : ''}${rule.runs === false ? ' (not in runs)' : ''}`;
}

export const maskingCalls = {
  'masking:list': { input: z.object({}).strict(), output: maskingStateSchema },
  'masking:add': { input: z.object({ rule: maskRuleSchema }).strict(), output: maskingStateSchema },
  'masking:remove': { input: z.object({ id: z.string().min(1).max(32) }).strict(), output: maskingStateSchema },
  /** Adds a file's rules to the connection's; replace: true puts them in place of the connection's. */
  'masking:import': { input: maskingFileSchema.extend({ replace: z.boolean().default(false) }).strict(), output: maskingStateSchema },
  'masking:setUnmasked': { input: z.object({ unmasked: z.boolean() }).strict(), output: maskingStateSchema },
} as const;
