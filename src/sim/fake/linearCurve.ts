// Exact integer math of a linear bonding curve P(S) = b + m * S / 1e18, for the fake economy.
// Units: S in token wei, P in reserve wei per whole token, b in wei, m in wei per token per token.
// cost(S0 -> S1) = (2e18 * b * (S1 - S0) + m * (S1^2 - S0^2)) / 2e36; buys round up, sells down.
const WAD = 10n ** 18n;
const DEN = 2n * WAD * WAD;

export interface LinearCurve {
  readonly slope: bigint;
  readonly intercept: bigint;
}

export function spotPrice(c: LinearCurve, supply: bigint): bigint {
  return c.intercept + (c.slope * supply) / WAD;
}

function area(c: LinearCurve, s0: bigint, s1: bigint): bigint {
  return 2n * WAD * c.intercept * (s1 - s0) + c.slope * (s1 * s1 - s0 * s0);
}

/** Reserve needed to mint from s0 to s1, rounded up (against the buyer). */
export function buyCost(c: LinearCurve, s0: bigint, s1: bigint): bigint {
  const a = area(c, s0, s1);
  return (a + DEN - 1n) / DEN;
}

/** Reserve returned for burning from s1 down to s0, rounded down (against the seller). */
export function sellRefund(c: LinearCurve, s0: bigint, s1: bigint): bigint {
  return area(c, s0, s1) / DEN;
}

export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x;
    x = y;
  }
}

/** Largest token amount whose buyCost from `supply` is at most `reserveIn`. */
export function tokensForReserve(c: LinearCurve, supply: bigint, reserveIn: bigint): bigint {
  if (reserveIn <= 0n) return 0n;
  let s1: bigint;
  if (c.slope === 0n) {
    s1 = supply + (reserveIn * WAD) / c.intercept;
  } else {
    const B = 2n * WAD * c.intercept;
    const C = c.slope * supply * supply + B * supply + DEN * reserveIn;
    s1 = (isqrt(B * B + 4n * c.slope * C) - B) / (2n * c.slope);
  }
  while (s1 > supply && buyCost(c, supply, s1) > reserveIn) s1 -= 1n;
  while (buyCost(c, supply, s1 + 1n) <= reserveIn) s1 += 1n;
  return s1 - supply;
}
