import { createInflightBudget } from './inflight-budget';

describe('createInflightBudget', () => {
  it('when reservations fit, then they are granted until the capacity, and a release frees its share', () => {
    const budget = createInflightBudget(100);
    const a = budget.reserve(60);
    expect(a).not.toBeNull();
    expect(budget.reserve(50)).toBeNull();
    const b = budget.reserve(40);
    expect(budget.inUse()).toBe(100);
    a?.release();
    expect(budget.inUse()).toBe(40);
    b?.release();
    expect(budget.inUse()).toBe(0);
  });

  it('when a reservation is released twice, then it frees its share once', () => {
    const budget = createInflightBudget(100);
    const a = budget.reserve(30);
    budget.reserve(30);
    a?.release();
    a?.release();
    expect(budget.inUse()).toBe(30);
  });

  it('when one request asks more than the capacity, then it runs alone: only when nothing else is in flight', () => {
    const budget = createInflightBudget(100);
    const small = budget.reserve(1);
    expect(budget.reserve(500)).toBeNull();
    small?.release();
    const big = budget.reserve(500);
    expect(big).not.toBeNull();
    expect(budget.inUse()).toBe(100);
    expect(budget.reserve(1)).toBeNull();
  });

  it('when the capacity is 0, then the budget is off and everything is granted', () => {
    const budget = createInflightBudget(0);
    expect(budget.reserve(1e12)).not.toBeNull();
    expect(budget.reserve(1e12)).not.toBeNull();
  });
});
