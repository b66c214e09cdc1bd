import { describe, expect, it } from 'vitest';
import { cpuBlockingTime, type TraceEvent } from '../../../bench/cpu-blocking-time';

const MAIN = { pid: 1, tid: 1 };
const task = (ts: number, wallMs: number, cpuMs: number, thread = MAIN): TraceEvent => ({ name: 'RunTask', ph: 'X', ts, dur: wallMs * 1000, tdur: cpuMs * 1000, ...thread });
const fcpAt = (ts: number): TraceEvent => ({ name: 'firstContentfulPaint', ts, ...MAIN });

describe('blocking time from CPU time', () => {
  it('counts each main-thread task after first contentful paint by its CPU time, times the slowdown, above 50 ms', () => {
    const events = [fcpAt(1_000), task(2_000, 90, 20), task(50_000, 30, 10), task(90_000, 200, 40)];
    // 4×20−50 = 30, 4×10−50 < 0, 4×40−50 = 110
    expect(cpuBlockingTime(events)).toEqual({ blockingMs: 140, cpuMs: 70, longestTaskCpuMs: 40 });
  });

  it('leaves out tasks before first contentful paint and on other threads, however long their wall time', () => {
    const events = [task(0, 300, 100), fcpAt(1_000), task(2_000, 300, 100, { pid: 1, tid: 2 }), task(3_000, 300, 10)];
    expect(cpuBlockingTime(events)).toEqual({ blockingMs: 0, cpuMs: 10, longestTaskCpuMs: 10 });
  });

  it('refuses a trace without a first contentful paint rather than report nothing blocked', () => {
    expect(() => cpuBlockingTime([task(0, 100, 100)])).toThrow(/first contentful paint/);
  });
});
