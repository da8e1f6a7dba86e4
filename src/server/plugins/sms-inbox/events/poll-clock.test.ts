import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { onPollTick } from "./poll-clock.js";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("onPollTick", () => {
  it("ticks a company's listeners together", () => {
    const ticks: string[] = [];
    const stopFirst = onPollTick("acme", 1_000, () => ticks.push("first"));
    vi.advanceTimersByTime(400);
    const stopSecond = onPollTick("acme", 1_000, () => ticks.push("second"));

    vi.advanceTimersByTime(600);
    expect(ticks).toEqual(["first", "second"]);

    stopFirst();
    stopSecond();
  });

  it("keeps companies on separate timers", () => {
    const ticks: string[] = [];
    const stopAcme = onPollTick("acme", 1_000, () => ticks.push("acme"));
    vi.advanceTimersByTime(400);
    const stopGlobex = onPollTick("globex", 1_000, () => ticks.push("globex"));

    vi.advanceTimersByTime(600);
    expect(ticks).toEqual(["acme"]);
    vi.advanceTimersByTime(400);
    expect(ticks).toEqual(["acme", "globex"]);

    stopAcme();
    stopGlobex();
  });

  it("stops the timer after the last listener", () => {
    const listener = vi.fn();
    const stop = onPollTick("acme", 1_000, listener);
    vi.advanceTimersByTime(1_000);
    expect(listener).toHaveBeenCalledTimes(1);

    stop();
    vi.advanceTimersByTime(5_000);

    expect(listener).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps ticking the remaining listeners", () => {
    const kept = vi.fn();
    const stopRemoved = onPollTick("acme", 1_000, vi.fn());
    const stopKept = onPollTick("acme", 1_000, kept);

    stopRemoved();
    stopRemoved();
    vi.advanceTimersByTime(2_000);

    expect(kept).toHaveBeenCalledTimes(2);
    stopKept();
  });
});
