import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { nodeVersionProblem, REQUIRED_NODE } from '../../main/core/node-version';

describe('the Node version check at start-up', () => {
  it('names the required and the running Node in one line when the running one is older', () => {
    expect(nodeVersionProblem('v20.20.2', '>=22')).toBe('shardscope needs Node >= 22; this is Node 20.20.2.');
    expect(nodeVersionProblem('v22.11.0', '>=22.12.0')).toBe('shardscope needs Node >= 22.12.0; this is Node 22.11.0.');
    expect(nodeVersionProblem('v22.12.0', '>= 22.12.1')).toBe('shardscope needs Node >= 22.12.1; this is Node 22.12.0.');
  });

  it('accepts the minimum itself and anything newer', () => {
    expect(nodeVersionProblem('v22.0.0', '>=22')).toBeNull();
    expect(nodeVersionProblem('v22.12.0', '>=22.12.0')).toBeNull();
    expect(nodeVersionProblem('v23.0.0', '>=22.12.0')).toBeNull();
    expect(nodeVersionProblem('v24.1.0', '>=22')).toBeNull();
  });

  it('checks against the engines field of package.json', () => {
    expect(REQUIRED_NODE).toBe(packageJson.engines.node);
    expect(nodeVersionProblem('v18.0.0')).toContain(`needs Node >= ${REQUIRED_NODE.replace('>=', '')}`);
  });
});
