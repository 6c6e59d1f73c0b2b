import { z } from 'zod';

export const connectionKinds = ['sandbox', 'endpoint', 'aws'] as const;

/** The name the built-in sandbox goes by wherever a connection is named. */
export const SANDBOX_CONNECTION = 'Local sandbox';

/**
 * How much of each shard's read limits (5 GetRecords calls and 2 MiB a second, shared with every
 * other consumer) Shardscope allows itself, across all its sessions on that shard.
 */
export const readBudgetSchema = z.object({
  callsPerSecond: z
    .number()
    .int()
    .min(1, 'At least one read a second per shard.')
    .max(5, 'Kinesis allows at most 5 reads a second per shard.'),
  /** Optional: MiB a second per shard; Kinesis allows 2. */
  mibPerSecond: z.number().positive('A byte budget is more than 0 MiB/s.').max(2, 'Kinesis allows at most 2 MiB/s per shard.').nullable(),
});
export type ReadBudget = z.infer<typeof readBudgetSchema>;

/** The budgets a connection gets unless it names its own: all of it locally, a modest share on AWS. */
export const DEFAULT_READ_BUDGET = {
  local: { callsPerSecond: 5, mibPerSecond: null },
  aws: { callsPerSecond: 2, mibPerSecond: null },
} as const satisfies Record<string, ReadBudget>;

/** A saved connection's own budget: either part may be left to the default. */
export const readBudgetSettingSchema = z.object({
  callsPerSecond: readBudgetSchema.shape.callsPerSecond.nullable(),
  mibPerSecond: readBudgetSchema.shape.mibPerSecond,
});
export type ReadBudgetSetting = z.infer<typeof readBudgetSettingSchema>;

/** The budget in force: the connection's own setting over the default for where it points. */
export function effectiveReadBudget(setting: ReadBudgetSetting | null | undefined, local: boolean): ReadBudget {
  const base = local ? DEFAULT_READ_BUDGET.local : DEFAULT_READ_BUDGET.aws;
  return { callsPerSecond: setting?.callsPerSecond ?? base.callsPerSecond, mibPerSecond: setting?.mibPerSecond ?? base.mibPerSecond };
}

/** What the renderer may know about the active connection: never a credential. */
export const activeConnectionSchema = z.object({
  kind: z.enum(connectionKinds),
  /** The saved profile in use, or null for the built-in sandbox or a connection given by flags. */
  profile: z.string().nullable(),
  label: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
  /** The read budget in force. */
  readBudget: readBudgetSchema,
  /** Main refuses every write (records, stream changes) on this connection. */
  readOnly: z.boolean(),
  /** The host of the connection's Confluent-compatible schema registry; absent when it names none. Never its credentials. */
  schemaRegistry: z.string().optional(),
});
export type ActiveConnection = z.infer<typeof activeConnectionSchema>;

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'A name is required.')
  .max(64, 'Keep names to 64 characters.')
  .regex(/^[\w .@+-]+$/, 'Use letters, digits, spaces and . _ - + @ only.')
  .refine((name) => name.toLowerCase() !== SANDBOX_CONNECTION.toLowerCase(), 'That name belongs to the built-in sandbox.');

export const regionSchema = z
  .string()
  .trim()
  .max(32, 'A region looks like us-east-1 or eu-central-2.')
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'A region looks like us-east-1 or eu-central-2.');

/** 127.0.0.0/8, ::1 and localhost: a local server on this machine, where nothing crosses a network. */
export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export const PLAIN_HTTP_REFUSAL =
  'Plain http is only for a local server on this machine (127.0.0.1, localhost, ::1): Shardscope will not send AWS credentials unencrypted over a network. Use https://.';

/** Every credential Shardscope signs with is real except the sandbox's, so http goes to loopback only. */
export function plainHttpAllowed(endpoint: string): boolean {
  return new URL(endpoint).protocol !== 'http:' || isLoopbackEndpoint(endpoint);
}

/** An endpoint as it is connected to (its origin), or why it is refused, in words any host can put its field's name before. */
export function checkedEndpoint(endpoint: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { problem: `"${endpoint.slice(0, 200)}" is not an endpoint URL such as https://kinesis.us-east-1.amazonaws.com.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `An endpoint uses http or https, not ${url.protocol}` };
  if (!plainHttpAllowed(url.origin)) return { problem: `${url.origin}: ${PLAIN_HTTP_REFUSAL}` };
  return { origin: url.origin };
}

/**
 * Where a host asks the app to connect first, as plain data from its flags or settings: the saved
 * active profile (else the sandbox), none, the sandbox, an endpoint, AWS in a region, or a
 * profile by name (a saved one, else an AWS shared-config profile).
 */
export type ConnectionRequest =
  | 'saved-or-sandbox'
  | 'none'
  | 'sandbox'
  | { kind: 'endpoint'; endpoint: string; region: string; dynamodbEndpoint?: string; glueEndpoint?: string; s3Endpoint?: string }
  | { kind: 'aws'; region: string; dynamodbEndpoint?: string; glueEndpoint?: string; s3Endpoint?: string }
  | { profile: string; region?: string; endpoint?: string; dynamodbEndpoint?: string; glueEndpoint?: string; s3Endpoint?: string };

export const endpointSchema = z
  .string()
  .trim()
  .max(2_048, 'An endpoint is a URL such as https://kinesis.us-east-1.amazonaws.com.')
  .url('An endpoint is a URL such as http://127.0.0.1:4567.')
  .refine((url) => /^https?:\/\//.test(url), 'An endpoint uses http or https.')
  .refine((url) => plainHttpAllowed(url), PLAIN_HTTP_REFUSAL)
  .transform((url) => new URL(url).origin);

/** An access key ID names a key; it is not the secret, and may be shown. */
export const accessKeyIdSchema = z
  .string()
  .trim()
  .max(128)
  .regex(/^[A-Z0-9]{16,128}$/, 'An access key ID is 16 or more capital letters and digits.');

export const credentialSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('access-keys'), accessKeyId: accessKeyIdSchema }),
  z.object({ type: z.literal('aws-profile'), awsProfile: z.string().trim().min(1).max(128) }),
  z.object({ type: z.literal('default-chain') }),
]);
export type CredentialSource = z.infer<typeof credentialSourceSchema>;

export const schemaRegistryAuthKinds = ['none', 'basic', 'bearer'] as const;

/** How a Confluent-compatible registry is asked; its password or token travels apart, with a save, and only to main. */
export const schemaRegistryAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('basic'),
      username: z.string().trim().min(1, 'Basic authentication needs a user name.').max(256, 'Keep the user name to 256 characters.'),
    })
    .strict(),
  z.object({ kind: z.literal('bearer') }).strict(),
]);
export type SchemaRegistryAuth = z.infer<typeof schemaRegistryAuthSchema>;

const REGISTRY_URL_EXAMPLE = 'A schema registry is a URL such as https://registry.example.com.';

/** Credentials go in the keychain, never in a URL that profiles.json, logs and errors would show. */
export const schemaRegistryUrlSchema = z
  .string()
  .trim()
  .max(2_048, REGISTRY_URL_EXAMPLE)
  .url(REGISTRY_URL_EXAMPLE)
  .refine((url) => /^https?:\/\//i.test(url), 'A schema registry URL uses http or https.')
  .refine((url) => {
    const parsed = new URL(url);
    return !parsed.username && !parsed.password;
  }, 'Give the URL without a user name or password in it: choose the authentication below instead.');

/** A Confluent-compatible registry (Confluent, Karapace, Apicurio's ccompat API, Redpanda) a connection reads schema ids from. */
export const schemaRegistrySettingSchema = z
  .object({ url: schemaRegistryUrlSchema, auth: schemaRegistryAuthSchema })
  .strict()
  .refine(
    (setting) => setting.auth.kind === 'none' || plainHttpAllowed(setting.url),
    'Plain http with a password or token is only for a registry on this machine (127.0.0.1, localhost, ::1): use https://.',
  );
export type SchemaRegistrySetting = z.infer<typeof schemaRegistrySettingSchema>;

export const profileInputSchema = z.object({
  name: profileNameSchema,
  region: regionSchema,
  endpoint: endpointSchema.nullable(),
  source: credentialSourceSchema,
  /** Null or absent: the default for where the connection points (see DEFAULT_READ_BUDGET). */
  readBudget: readBudgetSettingSchema.nullable().optional(),
  /** Refuse every write on this connection; absent means writable. */
  readOnly: z.boolean().optional(),
  /** Where this connection's KCL lease tables are (a local DynamoDB beside a local Kinesis); absent: AWS's. */
  dynamodbEndpoint: endpointSchema.nullable().optional(),
  /** Where its Glue Schema Registry calls go (the sandbox's stand-in, a local Glue); absent: AWS's in its region. */
  glueEndpoint: endpointSchema.nullable().optional(),
  /** Where its S3 calls go (the sandbox's local S3, another S3-compatible store); absent: AWS_ENDPOINT_URL_S3, else AWS's. */
  s3Endpoint: endpointSchema.nullable().optional(),
  /** Where Confluent-framed records' schema ids are looked up; absent: nowhere. */
  schemaRegistry: schemaRegistrySettingSchema.nullable().optional(),
});
export type ProfileInput = z.input<typeof profileInputSchema>;
export type Profile = z.output<typeof profileInputSchema>;

/** Where a profile's secret lives; the value itself never leaves main. */
export const secretStateSchema = z.enum(['keychain', 'session', 'missing', 'none']);
export type SecretState = z.infer<typeof secretStateSchema>;

export const profileViewSchema = z.object({
  name: z.string(),
  region: z.string(),
  endpoint: z.string().nullable(),
  source: credentialSourceSchema,
  readBudget: readBudgetSettingSchema.nullable().optional(),
  readOnly: z.boolean().optional(),
  dynamodbEndpoint: z.string().nullable().optional(),
  glueEndpoint: z.string().nullable().optional(),
  s3Endpoint: z.string().nullable().optional(),
  schemaRegistry: z.object({ url: z.string(), auth: schemaRegistryAuthSchema }).nullable().optional(),
  secret: secretStateSchema,
  /** Where the registry's password or token is: 'none' when its authentication needs none. */
  registrySecret: secretStateSchema.optional(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

export const keychainStatusSchema = z.object({ available: z.boolean(), reason: z.string().nullable() });

export const connectionListSchema = z.object({
  profiles: z.array(profileViewSchema),
  /** Null only where no connection is open (the CLI's profile commands). */
  active: activeConnectionSchema.nullable(),
  keychain: keychainStatusSchema,
  /** Problems found while loading saved profiles, e.g. a corrupt file that was moved aside. */
  problems: z.array(z.string()),
});
export type ConnectionList = z.infer<typeof connectionListSchema>;

/** Sent once, with a save; main stores it and drops it. */
export const secretInputSchema = z.object({
  secretAccessKey: z.string().min(16, 'A secret access key is at least 16 characters.').max(256),
  sessionToken: z.string().min(1).max(8192).optional(),
});

export const saveProfileInputSchema = z.object({
  /** The profile's current name when editing (renaming keeps its secret); absent when adding. */
  originalName: z.string().min(1).max(64).optional(),
  profile: profileInputSchema,
  /** Required for a new access-key profile; omitted when editing keeps the stored secret. */
  secret: secretInputSchema.optional(),
  /** The schema registry's password or token, for basic or bearer authentication; omitted keeps the stored one. */
  registrySecret: z.string().min(1, 'Enter the password or token.').max(8_192, 'Keep the password or token to 8192 characters.').optional(),
  /** Keep the secret in memory only, for when no keychain is available. */
  sessionOnly: z.boolean().default(false),
});
export type SaveProfileInput = z.input<typeof saveProfileInputSchema>;
/** A save request as the dispatcher hands it on: validated, defaults applied. */
export type ValidSaveProfileInput = z.output<typeof saveProfileInputSchema>;

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** What was checked: STS GetCallerIdentity on AWS, ListStreams on a custom endpoint. */
  check: z.enum(['sts:GetCallerIdentity', 'kinesis:ListStreams']),
  account: z.string().nullable(),
  arn: z.string().nullable(),
  message: z.string(),
  /** A command that fixes the failure, e.g. `aws sso login --profile dev`. */
  fix: z.string().nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const awsProfileKinds = ['static', 'sso', 'assume-role', 'process', 'web-identity', 'other'] as const;
export const awsProfileListSchema = z.object({
  profiles: z.array(z.object({ name: z.string(), kind: z.enum(awsProfileKinds), region: z.string().nullable() })),
});
export type AwsProfileList = z.infer<typeof awsProfileListSchema>;
