import { z } from 'zod';
import { streamNameSchema } from './streams';

export const schemaFormatSchema = z.enum(['AVRO', 'PROTOBUF', 'JSON']);

/** Which schema a record was decoded with: a registry's (Glue, Confluent) or a local file's. */
export const schemaRefSchema = z.object({
  registry: z.string(),
  name: z.string(),
  version: z.number().int().nullable(),
  /** A Glue version UUID, a Confluent id as text, or the schema file's path. */
  id: z.string(),
  format: schemaFormatSchema,
});
export type SchemaRefView = z.infer<typeof schemaRefSchema>;

const filePathSchema = z
  .string()
  .min(1)
  .max(4_096)
  .refine((path) => !path.includes('\u0000'), 'A path cannot hold a NUL character.');

/** A schema file for a stream: .avsc, .proto (with imports from a folder), a FileDescriptorSet, or a JSON Schema. */
export const localSchemaFileSchema = z
  .object({
    path: filePathSchema,
    /** The Protobuf message records are read as, when the file has several and records carry no index. */
    message: z
      .string()
      .min(1)
      .max(512)
      .regex(/^\.?[A-Za-z_][\w.]*$/, 'A message name is a Protobuf full name, like shop.Order.')
      .optional(),
    /** Where a .proto's imports are found: its own folder when absent. */
    importDir: filePathSchema.optional(),
  })
  .strict();
export type LocalSchemaFileInput = z.infer<typeof localSchemaFileSchema>;

/**
 * auto: GSR framing wherever found, Confluent framing when something can read it, the file for
 * unframed records; gsr / confluent: only that framing; raw-with-file: no framing, every record
 * read with the file; none: no schema decoding.
 */
export const schemaBindingModeSchema = z.enum(['auto', 'gsr', 'confluent', 'raw-with-file', 'none']);

export const schemaBindingSchema = z
  .object({
    stream: streamNameSchema,
    mode: schemaBindingModeSchema,
    file: localSchemaFileSchema.optional(),
  })
  .strict()
  .refine((binding) => binding.mode !== 'raw-with-file' || binding.file, {
    message: 'Reading records with no framing needs a schema file.',
    path: ['file'],
  });
export type SchemaBinding = z.infer<typeof schemaBindingSchema>;

export const schemaBindingListSchema = z.object({ bindings: z.array(schemaBindingSchema) });

/** A schema's text is sent at most this long: it is shown to read, and a registry's is from strangers. */
export const MAX_SHOWN_DEFINITION_CHARS = 256 * 1024;

/** Which schema to show: as a decoded record names it (its registry and wire id). */
export const schemaGetInputSchema = z
  .object({
    ref: z
      .object({
        registry: z.string().max(1_024),
        /** A Glue version UUID, a Confluent id, or a bound schema file's path. */
        id: z.string().min(1).max(4_096),
      })
      .strict(),
  })
  .strict();

/** A schema's definition, to read: Avro or JSON Schema JSON, or .proto text with the files it imports. */
export const schemaDefinitionSchema = schemaRefSchema.extend({
  definition: z.string(),
  /** The definition (or an import) was longer than MAX_SHOWN_DEFINITION_CHARS and is cut there. */
  truncated: z.boolean(),
  imports: z.array(z.object({ name: z.string(), definition: z.string() })),
});
export type SchemaDefinition = z.infer<typeof schemaDefinitionSchema>;
