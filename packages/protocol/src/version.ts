/** Bumped whenever a socket message changes incompatibly; clients send it on connect. */
export const PROTOCOL_VERSION = 2;
