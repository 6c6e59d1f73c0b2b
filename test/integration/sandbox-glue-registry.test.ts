import {
  AccessDeniedException,
  AlreadyExistsException,
  CreateRegistryCommand,
  CreateSchemaCommand,
  EntityNotFoundException,
  GetSchemaByDefinitionCommand,
  GetSchemaCommand,
  GetSchemaVersionCommand,
  GlueClient,
  InvalidInputException,
  ListRegistriesCommand,
  ListSchemasCommand,
  ListSchemaVersionsCommand,
  RegisterSchemaVersionCommand,
} from '@aws-sdk/client-glue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGlueRegistry, type LocalGlueRegistry } from '../../main/domain/sandbox/registries/glue-registry-server';

const REGION = 'us-east-1';
const v1 = JSON.stringify({ type: 'record', name: 'Payment', fields: [{ name: 'id', type: 'string' }] });
const v2 = JSON.stringify({
  type: 'record',
  name: 'Payment',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
});

let registry: LocalGlueRegistry;
let glue: GlueClient;

beforeAll(async () => {
  registry = await startLocalGlueRegistry({ region: REGION });
  glue = new GlueClient({
    region: REGION,
    endpoint: registry.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  glue.destroy();
  await registry.close();
});

describe('the sandbox Glue Schema Registry, driven by @aws-sdk/client-glue', () => {
  it('creates, registers, reads and lists schemas as Glue does', async () => {
    const made = await glue.send(new CreateRegistryCommand({ RegistryName: 'shop', Description: 'demo' }));
    expect(made.RegistryArn).toBe(`arn:aws:glue:${REGION}:000000000000:registry/shop`);
    await expect(glue.send(new CreateRegistryCommand({ RegistryName: 'shop' }))).rejects.toBeInstanceOf(AlreadyExistsException);

    const schema = await glue.send(
      new CreateSchemaCommand({
        RegistryId: { RegistryName: 'shop' },
        SchemaName: 'payments',
        DataFormat: 'AVRO',
        Compatibility: 'BACKWARD',
        SchemaDefinition: v1,
      }),
    );
    expect(schema.SchemaArn).toBe(`arn:aws:glue:${REGION}:000000000000:schema/shop/payments`);
    expect(schema.SchemaVersionId).toMatch(/^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/);

    const second = await glue.send(
      new RegisterSchemaVersionCommand({ SchemaId: { RegistryName: 'shop', SchemaName: 'payments' }, SchemaDefinition: v2 }),
    );
    expect(second).toMatchObject({ VersionNumber: 2, Status: 'AVAILABLE' });
    const again = await glue.send(new RegisterSchemaVersionCommand({ SchemaId: { SchemaArn: schema.SchemaArn }, SchemaDefinition: v2 }));
    expect(again.SchemaVersionId).toBe(second.SchemaVersionId);

    const byId = await glue.send(new GetSchemaVersionCommand({ SchemaVersionId: schema.SchemaVersionId }));
    expect(byId).toMatchObject({ SchemaDefinition: v1, DataFormat: 'AVRO', VersionNumber: 1, SchemaArn: schema.SchemaArn });
    const latest = await glue.send(
      new GetSchemaVersionCommand({
        SchemaId: { RegistryName: 'shop', SchemaName: 'payments' },
        SchemaVersionNumber: { LatestVersion: true },
      }),
    );
    expect(latest.SchemaVersionId).toBe(second.SchemaVersionId);
    // By name and number, as a producer names the version it writes with.
    const schemaId = { RegistryName: 'shop', SchemaName: 'payments' };
    const first = await glue.send(new GetSchemaVersionCommand({ SchemaId: schemaId, SchemaVersionNumber: { VersionNumber: 1 } }));
    expect(first).toMatchObject({ SchemaVersionId: schema.SchemaVersionId, SchemaDefinition: v1, VersionNumber: 1 });
    await expect(
      glue.send(new GetSchemaVersionCommand({ SchemaId: schemaId, SchemaVersionNumber: { VersionNumber: 3 } })),
    ).rejects.toBeInstanceOf(EntityNotFoundException);
    await expect(glue.send(new GetSchemaVersionCommand({ SchemaId: schemaId }))).rejects.toBeInstanceOf(InvalidInputException);

    const byDefinition = await glue.send(
      new GetSchemaByDefinitionCommand({ SchemaId: { SchemaArn: schema.SchemaArn }, SchemaDefinition: v2 }),
    );
    expect(byDefinition).toMatchObject({ SchemaVersionId: second.SchemaVersionId, DataFormat: 'AVRO' });

    const described = await glue.send(new GetSchemaCommand({ SchemaId: { SchemaArn: schema.SchemaArn } }));
    expect(described).toMatchObject({ LatestSchemaVersion: 2, NextSchemaVersion: 3, DataFormat: 'AVRO', RegistryName: 'shop' });

    const registries = await glue.send(new ListRegistriesCommand({}));
    expect(registries.Registries?.map((r) => r.RegistryName)).toEqual(['shop']);
    const versions = await glue.send(new ListSchemaVersionsCommand({ SchemaId: { SchemaArn: schema.SchemaArn } }));
    expect(versions.Schemas?.map((v) => v.VersionNumber)).toEqual([1, 2]);
  });

  it('pages ListSchemas with NextToken and filters by registry', async () => {
    await glue.send(new CreateRegistryCommand({ RegistryName: 'paged' }));
    for (const name of ['a', 'b', 'c'])
      await glue.send(new CreateSchemaCommand({ RegistryId: { RegistryName: 'paged' }, SchemaName: name, DataFormat: 'JSON' }));
    const first = await glue.send(new ListSchemasCommand({ RegistryId: { RegistryName: 'paged' }, MaxResults: 2 }));
    expect(first.Schemas?.map((s) => s.SchemaName)).toEqual(['a', 'b']);
    const rest = await glue.send(
      new ListSchemasCommand({ RegistryId: { RegistryName: 'paged' }, MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(rest.Schemas?.map((s) => s.SchemaName)).toEqual(['c']);
    expect(rest.NextToken).toBeUndefined();
  });

  it("answers with Glue's error shapes, which the SDK turns into its exception classes", async () => {
    const missing = await glue
      .send(new GetSchemaVersionCommand({ SchemaVersionId: '00000000-0000-0000-0000-000000000000' }))
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(EntityNotFoundException);
    expect((missing as EntityNotFoundException).$metadata.httpStatusCode).toBe(400);
    expect((missing as Error).message).toContain('00000000-0000-0000-0000-000000000000');

    registry.refused.add('ListSchemas');
    try {
      await expect(glue.send(new ListSchemasCommand({}))).rejects.toBeInstanceOf(AccessDeniedException);
    } finally {
      registry.refused.delete('ListSchemas');
    }
    await expect(glue.send(new GetSchemaCommand({ SchemaId: { SchemaName: 'nope', RegistryName: 'shop' } }))).rejects.toThrow(
      /Schema is not found/,
    );
  });

  it('refuses a request from a web page, and a body past its cap', async () => {
    const fromPage = await fetch(registry.endpoint, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'X-Amz-Target': 'AWSGlue.ListRegistries' },
      body: '{}',
    });
    expect(fromPage.status).toBe(403);
    const huge = await fetch(registry.endpoint, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSGlue.CreateRegistry', 'Content-Type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ RegistryName: 'x', Description: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });
});
