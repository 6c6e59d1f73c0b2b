import { z } from 'zod';
import { localSchemaFileSchema } from './schemas';

/** How an encoded record carries its schema: GSR's header (zlib-compressed body or not), Confluent's, or nothing. */
export const wireFormats = ['gsr', 'gsr-zlib', 'confluent', 'raw'] as const;
export type WireFormatName = (typeof wireFormats)[number];

/** Glue's own pattern for registry and schema names. */
const glueName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9-_$#.]+$/, 'A Glue registry or schema name has letters, digits and - _ $ # . only.');
/** The registry AWS's serializers use when none is named. */
export const DEFAULT_GLUE_REGISTRY = 'default-registry';
const versionSchema = z.union([z.literal('latest'), z.number().int().min(1).max(100_000)]).default('latest');
const messageSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\.?[A-Za-z_][\w.]*$/, 'A message name is a Protobuf full name, like shop.Order.');

/** Where the schema a write encodes with comes from. */
export const writeSchemaSourceSchema = z.discriminatedUnion('kind', [
  /** The connection's Glue Schema Registry, by registry, name and version. */
  z
    .object({
      kind: z.literal('glue'),
      registry: glueName.default(DEFAULT_GLUE_REGISTRY),
      name: glueName,
      version: versionSchema,
      message: messageSchema.optional(),
    })
    .strict(),
  /** A Confluent-compatible registry, by subject and version: the connection's own when no URL is given. */
  z
    .object({
      kind: z.literal('confluent'),
      url: z.string().min(1).max(2_048).optional(),
      subject: z.string().min(1).max(512),
      version: versionSchema,
      message: messageSchema.optional(),
    })
    .strict(),
  /** A schema file on this machine. */
  z.object({ kind: z.literal('file'), file: localSchemaFileSchema }).strict(),
  /** The schema file bound to the stream written to. */
  z.object({ kind: z.literal('binding') }).strict(),
]);
export type WriteSchemaSource = z.output<typeof writeSchemaSourceSchema>;
export type WriteSchemaSourceInput = z.input<typeof writeSchemaSourceSchema>;

/** A write that encodes JSON input with a schema into a wire format. */
export const writeEncodingSchema = z
  .object({ source: writeSchemaSourceSchema, wire: z.enum(wireFormats) })
  .strict()
  .refine((encoding) => !encoding.wire.startsWith('gsr') || encoding.source.kind === 'glue', {
    message: 'GSR framing carries a Glue Schema Registry version id: choose a schema from the Glue Schema Registry.',
    path: ['wire'],
  })
  .refine((encoding) => encoding.wire !== 'confluent' || encoding.source.kind === 'confluent', {
    message: 'Confluent framing carries a schema id from a Confluent-compatible registry: choose a schema from one.',
    path: ['wire'],
  });
export type WriteEncoding = z.output<typeof writeEncodingSchema>;
export type WriteEncodingInput = z.input<typeof writeEncodingSchema>;

/** Which registry's schemas to list for a picker. */
export const registrySchemasInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('glue') }).strict(),
  /** A Confluent-compatible registry's subjects: the connection's own when no URL is given. */
  z.object({ kind: z.literal('confluent'), url: z.string().min(1).max(2_048).optional() }).strict(),
]);
export type RegistrySchemasInput = z.infer<typeof registrySchemasInputSchema>;
export const registrySchemaListSchema = z.object({
  schemas: z.array(z.object({ registry: z.string(), name: z.string() })),
  /** The list stopped at its limit: more schemas exist than are shown. */
  truncated: z.boolean(),
});
export type RegistrySchemaList = z.infer<typeof registrySchemaListSchema>;
