/**
 * Long work cut into steps, so a page stays responsive: a generator `yield`s where it may pause, and
 * `runInTasks` lets the page run (input, paint) whenever a slice has taken its budget; `runAtOnce` runs the same
 * steps in one go, for callers that need the result now.
 */

/** How long one slice of work may hold the main thread: well under the 50 ms of a long task on a slow phone. */
const SLICE_MS = 8;

/** Resolves in a task of its own: `scheduler.yield()` where the browser has it, without setTimeout's 4 ms clamp. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((done) => setTimeout(done, 0));
}

export function runAtOnce<T>(steps: Iterator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runInTasks<T>(steps: Iterator<void, T>): Promise<T> {
  let start = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - start > SLICE_MS) {
      await nextTask();
      start = performance.now();
    }
  }
}
