import type { Handlers } from '../core/dispatcher';
import type { Masking } from '../domain/connections/masking-source';

type MaskingCalls = Pick<Handlers, 'masking:list' | 'masking:add' | 'masking:remove' | 'masking:import' | 'masking:setUnmasked'>;

/** The caller's connection's masking rules and its unmasked view; every change here is audited (see audit-plans). */
export function maskingHandlers(masking: Masking): MaskingCalls {
  return {
    'masking:list': async (_input, owner) => masking.state(owner),
    'masking:add': async ({ rule }, owner) => {
      await masking.store.add(masking.scopeOf(owner), [rule]);
      return masking.state(owner);
    },
    'masking:remove': async ({ id }, owner) => {
      await masking.store.remove(masking.scopeOf(owner), id);
      return masking.state(owner);
    },
    'masking:import': async ({ rules, replace }, owner) => {
      await masking.store.add(masking.scopeOf(owner), rules, replace);
      return masking.state(owner);
    },
    'masking:setUnmasked': async ({ unmasked }, owner) => {
      masking.setUnmasked(owner, unmasked);
      return masking.state(owner);
    },
  };
}
