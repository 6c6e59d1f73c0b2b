import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createStsClient, using } from '../aws/clients';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import { endpointOf } from '../domain/connections/target';
import type { Handlers } from '../core/dispatcher';
import { checkPermissions } from '../domain/permissions/check';
import { explainWithSimulator } from '../domain/permissions/explain';

export function permissionHandlers(connections: ConnectionManager): Pick<Handlers, 'permissions:check' | 'permissions:explain'> {
  return {
    'permissions:check': ({ name, writeProbe, admin, leaseTables, to, sse, kmsKeyId }, owner) => {
      const target = connections.target(owner);
      const readOnly = connections.active(owner).readOnly;
      return checkPermissions({
        client: connections.client(owner),
        stream: name,
        region: target.region,
        writeProbe,
        readOnly,
        admin,
        // Loaded when asked for: it brings the DynamoDB and Lambda clients.
        consumers: async (streamArn) =>
          (await import('../domain/permissions/consumer-probes')).probeConsumerAccess({
            target,
            streamArn,
            leaseTables,
            writeProbe,
            readOnly,
          }),
        // Loaded when asked for: it brings the S3 client.
        ...(to
          ? {
              s3: {
                target: { url: to, sse, kmsKeyId },
                probe: async () =>
                  (await import('../domain/permissions/s3-probes')).probeS3Access(
                    target,
                    { url: to, sse, kmsKeyId },
                    { writeProbe, readOnly },
                  ),
              },
            }
          : {}),
        // Loaded when asked for: it brings the Glue client.
        schemaRegistry: async () => (await import('../domain/permissions/glue-probes')).probeGlueAccess(target),
        accountId: async () => {
          if (target.kind !== 'aws') return null;
          return using(
            createStsClient(endpointOf(target)),
            async (sts) => (await sts.send(new GetCallerIdentityCommand({}))).Account ?? null,
          );
        },
      });
    },
    'permissions:explain': ({ name }, owner) => explainWithSimulator(connections.target(owner), name),
  };
}
