import type { ElementInstance, EngineRecord, Incident, Job, Key, UserTask } from './runtime.js';

/** Everything one batch changed, for the state layer to write in the batch's transaction. */
export class Changes {
  readonly elementInstances = new Map<Key, ElementInstance>();
  readonly jobs = new Map<Key, { job: Job; op: 'insert' | 'update' | 'delete' }>();
  readonly userTasks = new Map<Key, { task: UserTask; op: 'insert' | 'update' }>();
  readonly incidents = new Map<Key, { incident: Incident; op: 'insert' | 'update' }>();
  readonly records: EngineRecord[] = [];
  /** Job types that have new activatable jobs: long-polling requests waiting for them can go. */
  readonly activatableJobTypes = new Set<string>();

  touch(instance: ElementInstance): void {
    this.elementInstances.set(instance.key, instance);
  }

  job(job: Job, op: 'insert' | 'update' | 'delete'): void {
    const previous = this.jobs.get(job.key);
    // A job created and removed in the same batch never reaches the database.
    if (previous?.op === 'insert' && op === 'delete') this.jobs.delete(job.key);
    else this.jobs.set(job.key, { job, op: previous?.op === 'insert' && op === 'update' ? 'insert' : op });
    if (job.state === 'ACTIVATABLE' && op !== 'delete') this.activatableJobTypes.add(job.type);
  }

  userTask(task: UserTask, op: 'insert' | 'update'): void {
    const previous = this.userTasks.get(task.key);
    this.userTasks.set(task.key, { task, op: previous?.op === 'insert' ? 'insert' : op });
  }

  incident(incident: Incident, op: 'insert' | 'update'): void {
    const previous = this.incidents.get(incident.key);
    this.incidents.set(incident.key, { incident, op: previous?.op === 'insert' ? 'insert' : op });
  }
}
