// The scenario's `resources` section (issue 12) over the network's resource-market parameters:
// the compute market gets the scenario's mechanism, epoch, grid, price rule, fee and bond.
import { parseEther } from "ethers";
import type { ResourceMarketConfig } from "../../../deploy/config";
import type { ResourcesConfig } from "../scenarioTypes";

export const SIM_RESOURCE_KIND = "compute";

export function simResourceConfigs(base: readonly ResourceMarketConfig[], r: ResourcesConfig | undefined): ResourceMarketConfig[] {
  if (r === undefined) return [...base];
  const from = base.find((x) => x.kind === SIM_RESOURCE_KIND);
  if (from === undefined) throw new Error(`the network's parameters have no "${SIM_RESOURCE_KIND}" resource market`);
  const compute: ResourceMarketConfig = {
    ...from,
    mechanism: r.mechanism,
    epochLengthSeconds: r.epochSeconds,
    attestationWindowSeconds: r.attestationWindowSeconds,
    minPrice: parseEther(r.minPrice).toString(),
    tickSize: parseEther(r.tickSize).toString(),
    numTicks: r.numTicks,
    initialPrice: parseEther(r.initialPrice).toString(),
    adjustmentBps: r.adjustmentBps,
    maxChangeBps: r.maxChangeBps,
    feeBps: r.feeBps,
    bondPerUnit: parseEther(r.bondPerUnit).toString(),
  };
  return base.map((x) => (x.kind === SIM_RESOURCE_KIND ? compute : x));
}
