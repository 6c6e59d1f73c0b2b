/** The only Electron IPC channels Shardscope uses; each is one constant so no string drifts. */
export const IPC_CALL = 'shardscope:call';
export const IPC_SUBSCRIBE = 'shardscope:subscribe';
export const IPC_UNSUBSCRIBE = 'shardscope:unsubscribe';
export const IPC_EVENT = 'shardscope:event';
