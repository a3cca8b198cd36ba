/** Corrective actions (SY-PR-05-00-02, R-CMP-11, R-ISO-04). */
export * from './action-record.js';
export * from './open-action.js';
export * from './record-progress.js';
export * from './record-verification.js';
export * from './schedule.js';
