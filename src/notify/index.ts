/** Notifications: e-mail and SMS through a transactional outbox (DESIGN §3, anchors §2d). */
export { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
export { systemClock, type Clock } from './clock.js';
export {
  NotificationDispatcher,
  type DispatchSummary,
  type DispatcherOptions,
  type OutboxRow,
} from './dispatcher.js';
export {
  DeliveryError,
  NotificationInputError,
  UnknownTemplateError,
  type NotificationIssue,
} from './errors.js';
export {
  ICALENDAR_PRODID,
  buildICalendar,
  escapeText,
  foldLine,
  formatUtcDateTime,
  type CalendarEvent,
  type CalendarPerson,
} from './icalendar.js';
export {
  createMailTransport,
  messageIdFor,
  parseSmtpUrl,
  type EmailTransport,
  type MailTransportOptions,
  type OutgoingEmail,
} from './mail-transport.js';
export {
  OUTBOX_TABLE,
  enqueueEmail,
  enqueueSms,
  type AttachmentInput,
  type EnqueueEmailInput,
  type EnqueueResult,
  type EnqueueSmsInput,
  type StoredAttachment,
} from './outbox.js';
export { internationalMobile, maskMobile, normaliseIranianMobile } from './phone-number.js';
export { renderEmail, renderSms, type RenderedEmail } from './render.js';
export {
  DEFAULT_MAIL_FROM,
  runNotifications,
  type NotificationsConfig,
  type RunningNotifications,
} from './run-notifications.js';
export {
  KavenegarSmsProvider,
  LoggingSmsProvider,
  type KavenegarOptions,
  type LoggedSms,
  type SmsMessage,
  type SmsProvider,
} from './sms.js';
export {
  startSmtpCatcher,
  type CaughtAttachment,
  type CaughtMail,
  type SmtpCatcher,
  type SmtpCatcherOptions,
} from './smtp-catcher.js';
export {
  TEMPLATE_NAMES,
  TEMPLATES,
  isTemplateName,
  type RenderContext,
  type TemplateData,
  type TemplateName,
} from './templates/registry.js';
