import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { ConnectionManager } from '../connections/connection-manager';
import { credentialsOf } from '../connections/target';
import type { Handlers } from '../dispatch/dispatcher';
import { checkPermissions } from './check';
import { explainWithSimulator } from './explain';

export function permissionHandlers(connections: ConnectionManager): Pick<Handlers, 'permissions:check' | 'permissions:explain'> {
  return {
    'permissions:check': ({ name, writeProbe }) => {
      const target = connections.target();
      return checkPermissions({
        client: connections.client(),
        stream: name,
        region: target.region,
        writeProbe,
        accountId: async () => {
          if (target.kind !== 'aws') return null;
          const sts = new STSClient({ region: target.region, credentials: credentialsOf(target), maxAttempts: 1 });
          try {
            return (await sts.send(new GetCallerIdentityCommand({}))).Account ?? null;
          } finally {
            sts.destroy();
          }
        },
      });
    },
    'permissions:explain': ({ name }) => explainWithSimulator(connections.target(), name),
  };
}
