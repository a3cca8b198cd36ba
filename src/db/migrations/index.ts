import appRole from './001_app_role.js';
import organisation from './002_organisation.js';
import members from './003_members.js';
import calls from './004_calls.js';
import surveys from './005_surveys.js';
import meetings from './006_meetings.js';
import complaints from './007_complaints.js';
import correctiveActions from './008_corrective_actions.js';
import notifications from './009_notifications.js';
import audit from './010_audit.js';
import calendar from './011_calendar.js';
import webSessions from './012_web_sessions.js';
import type { Migration } from './types.js';

/** Every migration of the business schema, in order. A new one goes at the end. */
export const migrations: readonly Migration[] = [
  appRole,
  organisation,
  members,
  calls,
  surveys,
  meetings,
  complaints,
  correctiveActions,
  notifications,
  audit,
  calendar,
  webSessions,
];
