// The typed client of the Cipher suite: one import for tasks, the simulation and the bots.
export * from "./protocol";
export * from "./deployment";
export * from "./abis";
export * from "./revert";
export * from "./proposals";
export * from "./agentActions";
export * from "./reader";
export * from "./client";
export * from "./calldata";
export * from "./lensCodec";
export * from "./proposalTracker";
export * from "./slashCases";
