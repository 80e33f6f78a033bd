// A revert with a custom error name, as the chain Economy decodes it from a receipt.
export class Revert extends Error {
  constructor(readonly errorName: string) {
    super(errorName);
  }
}

export function check(cond: boolean, errorName: string): asserts cond {
  if (!cond) throw new Revert(errorName);
}
