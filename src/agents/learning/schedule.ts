// Exploration schedules: the probability of a random action after t decisions. Pure functions of
// (schedule, t); the policy stores t in its memory.

export type ScheduleKind = "constant" | "linear" | "exponential";

export interface Schedule {
  readonly kind: ScheduleKind;
  /** Epsilon at t = 0. */
  readonly start: number;
  /** Epsilon the schedule never goes below (and reaches at `steps` for "linear"). */
  readonly end: number;
  /** "linear": decisions to go from start to end; "exponential": half-life in decisions. */
  readonly steps: number;
}

export function parseScheduleKind(s: string): ScheduleKind {
  if (s === "constant" || s === "linear" || s === "exponential") return s;
  throw new RangeError(`unknown exploration schedule "${s}" (constant, linear, exponential)`);
}

/** Epsilon after `t` decisions, always within [min(start,end), max(start,end)] and in [0, 1]. */
export function epsilonAt(s: Schedule, t: number): number {
  if (!(s.start >= 0 && s.start <= 1 && s.end >= 0 && s.end <= 1)) throw new RangeError("epsilon must lie in [0, 1]");
  if (t < 0) throw new RangeError(`negative decision count ${t}`);
  switch (s.kind) {
    case "constant":
      return s.start;
    case "linear":
      if (s.steps <= 0 || t >= s.steps) return s.end;
      return s.start + ((s.end - s.start) * t) / s.steps;
    case "exponential":
      if (s.steps <= 0) return s.end;
      return s.end + (s.start - s.end) * Math.pow(0.5, t / s.steps);
  }
}
