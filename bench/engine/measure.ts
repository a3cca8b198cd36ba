import fs from 'node:fs';

/** The value at quantile q (0..1) of the samples, nearest-rank; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** VmRSS and VmHWM (peak) of a process, in MiB, from /proc/<pid>/status. */
export function residentMemory(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux x86-64 and arm64

/** CPU seconds (user + system) a process used so far, from /proc/<pid>/stat; 0 once it is gone. */
function processCpuSeconds(pid: number): number {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): state first. */
function statFields(pid: number): string[] {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The postmaster and its children (backends, WAL writer, checkpointer, …): all of a PostgreSQL cluster. */
function clusterPids(postmasterPid: number): number[] {
  const pids = [postmasterPid];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(Number(entry))[1]) === postmasterPid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Busy CPU seconds of the whole machine, summed over all cores, from /proc/stat. */
function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
    TICKS_PER_SECOND
  );
}

export interface CpuShares {
  /** Percent of one core, over the interval. */
  readonly engine: number;
  readonly postgres: number;
  readonly loadGenerator: number;
  /** Everything else the machine ran meanwhile: the kernel's own work, and other programs. */
  readonly other: number;
}

/**
 * Starts measuring where the CPU goes; the returned function ends the interval. PostgreSQL's backends
 * are counted when they are alive at both ends (the engine's pool keeps its connections under load).
 */
export function cpuMeter(enginePid: number, postmasterPid: number): () => CpuShares {
  const t0 = performance.now();
  const engine0 = processCpuSeconds(enginePid);
  const postgres0 = new Map(clusterPids(postmasterPid).map((pid) => [pid, processCpuSeconds(pid)]));
  const self0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const engine = processCpuSeconds(enginePid) - engine0;
    let postgres = 0;
    for (const pid of clusterPids(postmasterPid))
      postgres += processCpuSeconds(pid) - (postgres0.get(pid) ?? 0);
    const selfUsage = process.cpuUsage(self0);
    const self = (selfUsage.user + selfUsage.system) / 1e6;
    const machine = machineBusySeconds() - machine0;
    const pct = (s: number) => (100 * s) / seconds;
    return {
      engine: pct(engine),
      postgres: pct(postgres),
      loadGenerator: pct(self),
      other: pct(Math.max(0, machine - engine - postgres - self)),
    };
  };
}
