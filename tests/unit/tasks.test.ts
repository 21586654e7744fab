import { describe, expect, it } from 'vitest';
import { nextTask, runAtOnce, runInTasks } from '../../src/util/tasks.js';

/** Steps that each keep the thread busy for `ms`, noting which other work ran before each step. */
function* busy(steps: number, ms: number, log: string[]): Generator<void, number> {
  for (let i = 0; i < steps; i++) {
    log.push(`step ${i}`);
    const until = performance.now() + ms;
    while (performance.now() < until);
    yield;
  }
  return steps;
}

describe('work in steps', () => {
  it('runInTasks lets other tasks run between slices that took their budget, and returns what the steps return', async () => {
    const log: string[] = [];
    setTimeout(() => log.push('other task'), 0);
    expect(await runInTasks(busy(3, 15, log))).toBe(3);
    expect(log.indexOf('other task')).toBeGreaterThan(0);
    expect(log.indexOf('other task')).toBeLessThan(log.indexOf('step 2'));
  });

  it('runInTasks keeps short steps together, in the same task', async () => {
    const log: string[] = [];
    setTimeout(() => log.push('other task'), 0);
    await runInTasks(busy(50, 0, log));
    expect(log.at(-1)).toBe('step 49');
    await nextTask();
    expect(log.at(-1)).toBe('other task');
  });

  it('runAtOnce runs every step without giving the thread away', () => {
    const log: string[] = [];
    setTimeout(() => log.push('other task'), 0);
    expect(runAtOnce(busy(3, 2, log))).toBe(3);
    expect(log).toEqual(['step 0', 'step 1', 'step 2']);
  });
});
