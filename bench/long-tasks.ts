/**
 * Long main-thread tasks from a Chromium trace, told apart by whose code ran in them. A PerformanceObserver misses
 * some tasks (those of garbage collection, of continuations after `scheduler.yield()`), and counts every task of
 * the page: its own layout, and the scripts Playwright injects to drive the visit. A CPU profile taken beside
 * the trace says whether Helpline's code ran in a task; such a task is Helpline's, with the layout and garbage
 * collection its code caused. The profile is CDP's, sampled every millisecond: the trace's own profiler category
 * samples so often that it doubled the longest tasks.
 */

/** Trace categories that give the main thread's tasks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
/** CDP `Profiler.setSamplingInterval`, µs. */
export const SAMPLING_US = 1000;

export interface TaskReport {
  /** durations (ms) of every task over `over` ms */
  all: number[];
  /** …of those in which code from a script matching `own` ran */
  own: number[];
}

/** CDP's `Profiler.Profile`, the parts read here (times in µs, on the trace's clock). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export function longTasks(trace: Buffer | string, profile: CpuProfile, own: RegExp, over = 50): TaskReport {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('the trace has no renderer main thread');
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > over * 1000);
  // A sample in a regular expression's compilation or JSON.parse has a native frame on top: a node is ours when
  // it or a frame below it on the stack is in one of our scripts.
  const ours = new Set<number>();
  const mark = (id: number, below: boolean) => {
    const node = byId.get(id)!;
    const mine = below || own.test(node.callFrame.url);
    if (mine) ours.add(id);
    for (const child of node.children ?? []) mark(child, mine);
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  for (const n of profile.nodes) if (!children.has(n.id)) mark(n.id, false);
  const times: number[] = [];
  let t = profile.startTime;
  for (const [i, id] of (profile.samples ?? []).entries()) {
    t += profile.timeDeltas?.[i] ?? 0;
    if (ours.has(id)) times.push(t);
  }
  const report: TaskReport = { all: [], own: [] };
  for (const task of tasks.sort((a, b) => a.ts - b.ts)) {
    const end = task.ts + task.dur!;
    report.all.push(task.dur! / 1000);
    if (times.some((s) => s >= task.ts && s <= end)) report.own.push(task.dur! / 1000);
  }
  return report;
}
