// Moved to the suite's client (src/client/revert.ts): one revert decoder for tasks, simulation and bots
// (selector map built once per interface set, as the simulation's hot path needs).
export { decodeRevert } from "../../client/revert";
