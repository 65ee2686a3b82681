// vitest stand-in for the "server-only" marker package (tests run outside React server).
export {};
