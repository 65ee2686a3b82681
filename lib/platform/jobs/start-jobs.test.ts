import { afterEach, describe, expect, it, vi } from "vitest";
import { JOBS, startJobs } from "@/lib/platform/jobs/start-jobs";

describe("startJobs", () => {
  it("is the one scheduler: the daily indicator recomputation is one of its jobs", () => {
    expect(JOBS.map((j) => [j.name, j.everyMs])).toEqual([
      ["recalcul quotidien des indicateurs", 86_400_000],
      ["purge des corps bruts expirés", 86_400_000],
    ]);
  });

  afterEach(() => vi.useRealTimers());

  it("runs each job after its first delay then periodically, logging failures without throwing", async () => {
    vi.useFakeTimers();
    const run = vi.fn().mockResolvedValue(undefined);
    const failing = vi.fn().mockRejectedValue(new Error("boom"));
    const log = { error: vi.fn() };
    const stop = startJobs(
      [
        { name: "ok", everyMs: 1000, firstRunMs: 10, run },
        { name: "ko", everyMs: 1000, firstRunMs: 10, run: failing },
      ],
      log,
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(run).toHaveBeenCalledTimes(1);
    expect(log.error).toHaveBeenCalledWith("[tâches] échec de « ko »", expect.any(Error));
    await vi.advanceTimersByTimeAsync(2000);
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("never overlaps two runs of the same job", async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((r) => (release = r)));
    const stop = startJobs([{ name: "lent", everyMs: 100, firstRunMs: 0, run }], { error: vi.fn() });
    await vi.advanceTimersByTimeAsync(350);
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });
});
