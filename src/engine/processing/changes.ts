import type {
  CrossInstanceCommand,
  ElementInstance,
  EngineRecord,
  Incident,
  Job,
  Key,
  MessageSubscription,
  TimerSubscription,
  UserTask,
} from './runtime.js';

/** Everything one batch changed, for the state layer to write in the batch's transaction. */
export class Changes {
  readonly elementInstances = new Map<Key, ElementInstance>();
  readonly jobs = new Map<Key, { job: Job; op: 'insert' | 'update' | 'delete' }>();
  readonly userTasks = new Map<Key, { task: UserTask; op: 'insert' | 'update' }>();
  readonly incidents = new Map<Key, { incident: Incident; op: 'insert' | 'update' }>();
  readonly records: EngineRecord[] = [];
  /** Job types that have new activatable jobs: long-polling requests waiting for them can go. */
  readonly activatableJobTypes = new Set<string>();
  readonly timersCreated = new Map<Key, TimerSubscription>();
  readonly messageSubscriptionsCreated = new Map<Key, MessageSubscription>();
  /** Element instances whose subscriptions (timers, messages) are to be removed. */
  readonly subscriptionOwnersClosed = new Set<Key>();
  /** Timers that fired for the last time (or were replaced by their next repetition). */
  readonly timersDeleted = new Set<Key>();
  readonly followUps: CrossInstanceCommand[] = [];

  timer(timer: TimerSubscription): void {
    this.timersCreated.set(timer.key, timer);
  }

  messageSubscription(subscription: MessageSubscription): void {
    this.messageSubscriptionsCreated.set(subscription.key, subscription);
  }

  closeSubscriptionsOf(owner: Key): void {
    this.subscriptionOwnersClosed.add(owner);
    for (const [key, t] of this.timersCreated) if (t.scopeKey === owner) this.timersCreated.delete(key);
    for (const [key, m] of this.messageSubscriptionsCreated)
      if (m.scopeKey === owner) this.messageSubscriptionsCreated.delete(key);
  }

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
