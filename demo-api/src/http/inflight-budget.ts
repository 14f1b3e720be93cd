// A budget of work in flight across all clients (upload bytes, pixels being
// decoded): a reservation is granted when it fits and refused at once when it
// does not, so nothing queues without bound.

/** A granted share of the budget; release() is idempotent. */
export interface Reservation {
  release(): void;
}

export interface InflightBudget {
  /** Reserve `amount`, or null when the budget cannot take it now. */
  reserve(amount: number): Reservation | null;
  inUse(): number;
  readonly capacity: number;
}

/**
 * A budget of `capacity` (0: off, everything is granted). An amount above the
 * capacity counts as the whole capacity: such a request runs alone rather than never.
 */
export function createInflightBudget(capacity: number): InflightBudget {
  let used = 0;
  const granted = (amount: number): Reservation => {
    let held = amount;
    used += held;
    return {
      release() {
        used -= held;
        held = 0;
      },
    };
  };
  return {
    capacity,
    reserve(amount) {
      if (capacity === 0) return granted(0);
      const share = Math.min(amount, capacity);
      return used + share > capacity ? null : granted(share);
    },
    inUse: () => used,
  };
}
