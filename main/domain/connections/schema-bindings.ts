import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { withDataFileLock } from '../engine/files/data-file-lock';
import { z } from 'zod';
import { schemaBindingSchema, type SchemaBinding } from '../../../shared/contract';
import { writeFileAtomic } from '../engine/files/atomic-file';

/** Bindings per connection (its kind, label, region and endpoint) and stream. Paths only: a schema file is read when a read starts. */
const bindingsFileSchema = z.object({
  version: z.literal(1),
  connections: z.record(z.string().max(8_192), z.array(schemaBindingSchema).max(10_000)),
});
type BindingsFile = z.infer<typeof bindingsFileSchema>;

const EMPTY: BindingsFile = { version: 1, connections: {} };

export function schemaBindingsPath(dataDir: string): string {
  return path.join(dataDir, 'schema-bindings.json');
}

/**
 * The stream-to-schema bindings kept in the data folder. A file that cannot be read is moved
 * aside (as profiles.json is) rather than overwritten; every change runs under a lock the app,
 * the CLI and the browser host all take.
 */
export class SchemaBindingStore {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return schemaBindingsPath(this.dataDir);
  }

  private async load(): Promise<BindingsFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY);
      throw error;
    }
    try {
      const parsed = bindingsFileSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: moved aside below like a file of the wrong shape.
    }
    await rename(this.file, `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    return structuredClone(EMPTY);
  }

  async list(connection: string): Promise<SchemaBinding[]> {
    return (await this.load()).connections[connection] ?? [];
  }

  async find(connection: string, stream: string): Promise<SchemaBinding | undefined> {
    return (await this.list(connection)).find((binding) => binding.stream === stream);
  }

  /** Sets (binding) or clears (null) one stream's binding; returns the connection's bindings after. */
  async change(connection: string, stream: string, binding: SchemaBinding | null): Promise<SchemaBinding[]> {
    return withDataFileLock(this.file, async () => {
      const content = await this.load();
      const others = (content.connections[connection] ?? []).filter((existing) => existing.stream !== stream);
      const next = binding ? [...others, binding].sort((a, b) => (a.stream < b.stream ? -1 : 1)) : others;
      if (next.length > 0) content.connections[connection] = next;
      else delete content.connections[connection];
      await writeFileAtomic(this.file, `${JSON.stringify(bindingsFileSchema.parse(content), null, 2)}\n`);
      return next;
    });
  }
}
