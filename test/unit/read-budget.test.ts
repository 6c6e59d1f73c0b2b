import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReadBudgets } from '../../main/domain/engine/reader/read-budget';

describe('the per-shard read budget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  async function takeTimes(budgets: ReadBudgets, shard: string, n: number, signal = new AbortController().signal): Promise<number[]> {
    const times: number[] = [];
    const all = Array.from({ length: n }, () =>
      budgets
        .shard('c', 's', shard)
        .take(signal)
        .then((ok) => ok && times.push(Date.now())),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    return times.sort((a, b) => a - b);
  }

  it('spaces calls 1/callsPerSecond apart, whoever asks, and never bursts', async () => {
    const budgets = new ReadBudgets(() => ({ callsPerSecond: 2, mibPerSecond: null }));
    expect(await takeTimes(budgets, 'shard-0', 4)).toEqual([0, 500, 1000, 1500]);
  });

  it('keeps each shard to its own budget', async () => {
    const budgets = new ReadBudgets(() => ({ callsPerSecond: 5, mibPerSecond: null }));
    const [a, b] = await Promise.all([takeTimes(budgets, 'a', 2), takeTimes(budgets, 'b', 2)]);
    expect([a, b]).toEqual([
      [0, 200],
      [0, 200],
    ]);
  });

  it('pushes the next call out by the bytes a call read, under a byte budget', async () => {
    const budgets = new ReadBudgets(() => ({ callsPerSecond: 5, mibPerSecond: 1 }));
    const shard = budgets.shard('c', 's', 'x');
    await takeTimes(budgets, 'x', 1);
    shard.charge(0, 2 * 1024 * 1024);
    expect(await takeTimes(budgets, 'x', 1)).toEqual([2000]);
    expect(shard.callsMade).toBe(2);
  });

  it('gives up a wait the moment its signal fires', async () => {
    const budgets = new ReadBudgets(() => ({ callsPerSecond: 1, mibPerSecond: null }));
    await takeTimes(budgets, 'x', 1);
    const abort = new AbortController();
    const waiting = budgets.shard('c', 's', 'x').take(abort.signal);
    abort.abort();
    expect(await waiting).toBe(false);
  });
});

describe('the per-shard read budget on a busy event loop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('spaces a caller from when the one before really went, so callers woken late do not bunch up', async () => {
    const shard = new ReadBudgets(() => ({ callsPerSecond: 10, mibPerSecond: null })).shard('c', 's', 'shard-0');
    const signal = new AbortController().signal;
    await shard.take(signal);
    const granted: number[] = [];
    const waiting = [shard.take(signal), shard.take(signal)].map((taken) => taken.then(() => granted.push(Date.now())));
    // Both are due within 200 ms, but the loop is busy until 300 ms: advancing the clock in one
    // synchronous step fires both timers and only then lets their callers run, together, late.
    vi.advanceTimersByTime(300);
    await vi.runAllTimersAsync();
    await Promise.all(waiting);
    expect(granted).toEqual([300, 400]);
  });
});
