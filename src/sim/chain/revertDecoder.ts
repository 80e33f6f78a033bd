// Moved to the suite's client (src/client/revert.ts): one revert decoder for tasks, simulation and bots.
export { decodeRevert } from "../../client/revert";
