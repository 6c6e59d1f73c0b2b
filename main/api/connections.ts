import { listAwsProfiles } from '../domain/connections/aws-profiles';
import type { ConnectionManager } from '../domain/connections/connection-manager';
import type { Handlers } from '../core/dispatcher';

type ConnectionCalls = Pick<
  Handlers,
  | 'connections:active'
  | 'connections:list'
  | 'connections:save'
  | 'connections:remove'
  | 'connections:test'
  | 'connections:activate'
  | 'connections:awsProfiles'
>;

export function connectionHandlers(connections: ConnectionManager): ConnectionCalls {
  return {
    'connections:active': async (_input, owner) => connections.active(owner),
    'connections:list': (_input, owner) => connections.list(owner),
    'connections:save': (input) => connections.save(input),
    'connections:remove': async ({ name }) => ({ removed: await connections.remove(name) }),
    'connections:test': ({ name }) => connections.test(name),
    'connections:activate': ({ name }, owner) => connections.activate(name, owner),
    'connections:awsProfiles': () => listAwsProfiles(),
  };
}
