import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Knex } from 'knex';
import multer from 'multer';
import type { AttachmentLimits } from '../../domain/complaints/attachments.js';
import { COMPLAINT_KINDS } from '../../domain/complaints/complaint-record.js';
import { DomainInputError } from '../../domain/complaints/errors.js';
import { KIND_LABELS_FA } from '../../domain/complaints/labels.js';
import type { FileStore } from '../../domain/complaints/file-store.js';
import type { Logger } from '../../logger.js';
import { HttpError } from '../http-error.js';
import { createFormTokens } from '../security/form-token.js';
import { rateLimit, type RateLimitOptions } from '../security/rate-limit.js';
import {
  ATTACHMENTS_FIELD,
  attachmentRules,
  checkPublicComplaint,
  FORM_MESSAGES,
  HONEYPOT_FIELD,
  PUBLIC_ATTACHMENT_LIMITS,
  PUBLIC_FIELD_MAX_LENGTHS,
  type FieldProblem,
} from './complaint-form-input.js';
import { saveWebsiteComplaint, startComplaintHandling } from './complaint-submission.js';

export interface ComplaintFormRoutesOptions {
  readonly db: Knex;
  readonly client: CamundaClient;
  readonly log: Logger;
  /** Loading the form (which issues a token), per client IP. */
  readonly publicRateLimit: RateLimitOptions;
  /** Submissions per client IP; 5 per hour unless given. */
  readonly publicSubmitRateLimit?: RateLimitOptions;
  readonly formTokenSecret?: string | Uint8Array;
  readonly formTokenMinAgeMs?: number;
  /** Without a store the form takes no attachments. */
  readonly attachmentStore?: FileStore;
}

const DEFAULT_SUBMIT_LIMIT: RateLimitOptions = { limit: 5, windowMs: 60 * 60 * 1000 };
/** Form fields a submission may carry (12 today), and the size of one: 10,000 characters of Persian and then some. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

const invalid = (fields: readonly FieldProblem[], status = 400) =>
  new HttpError(
    status,
    status === 413 ? 'file-too-large' : 'invalid-values',
    status === 413 ? 'A file is larger than the form allows.' : 'Some values are missing or not valid.',
    {},
    { detail: 'برخی از موارد فرم کامل یا درست نیست.', fields },
  );

/** One answer for every sign of an automated submission, whichever check failed. */
const rejected = () =>
  new HttpError(
    400,
    'submission-rejected',
    'The form was not accepted; load it again and send it once more.',
    {},
    { detail: 'فرم پذیرفته نشد. لطفاً صفحه را دوباره باز کنید و فرم را دوباره بفرستید.' },
  );

function uploadError(err: unknown, limits: AttachmentLimits): HttpError {
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return invalid(
          [{ field: ATTACHMENTS_FIELD, message: FORM_MESSAGES.fileTooLarge(limits.maxFileBytes) }],
          413,
        );
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        return invalid([
          err.field === undefined || err.field === ATTACHMENTS_FIELD
            ? { field: ATTACHMENTS_FIELD, message: FORM_MESSAGES.tooManyFiles(limits.maxFilesPerComplaint) }
            : { field: err.field, message: FORM_MESSAGES.notAFileField },
        ]);
      case 'LIMIT_FIELD_VALUE':
        return invalid([{ field: err.field ?? '(form)', message: FORM_MESSAGES.valueTooLong }]);
    }
  }
  return new HttpError(
    400,
    'bad-request',
    'The form data could not be read.',
    {},
    {
      detail: 'دادهٔ فرم خوانده نشد.',
    },
  );
}

async function activeUnits(db: Knex): Promise<{ id: number; name: string }[]> {
  const rows = (await db('units').where({ is_active: true }).select('id', 'name_fa')) as {
    id: number;
    name_fa: string;
  }[];
  return rows.map((u) => ({ id: u.id, name: u.name_fa })).sort((a, b) => a.name.localeCompare(b.name, 'fa'));
}

/**
 * The public website complaint form (R-CMP-02, R-CMP-03, R-X-03), no sign-in.
 *
 * `GET /api/public/complaint-form`: what the page needs — complaint kinds, the units a member may
 * name, the attachment rules, the field lengths, and a signed form token.
 *
 * `POST /api/public/complaints` (multipart/form-data): registers a complaint from the website,
 * stores its attachments and starts its handling process; answers `{trackingCode}` only. Protected
 * against automated submission without a CAPTCHA: a hidden honeypot field, and the form token,
 * which must be at least a few seconds old, at most 2 hours old, and is used once. Every
 * automated-looking submission gets the same 400, which does not say which check failed. Nothing it
 * answers is about any other case: a membership number is looked up, but the answer is the same
 * whether it exists or not.
 */
export function complaintFormRoutes(options: ComplaintFormRoutesOptions): Router {
  const { db, client, log } = options;
  const tokens = createFormTokens({
    ...(options.formTokenSecret !== undefined ? { secret: options.formTokenSecret } : {}),
    ...(options.formTokenMinAgeMs !== undefined ? { minAgeMs: options.formTokenMinAgeMs } : {}),
  });
  const store = options.attachmentStore;
  const limits: AttachmentLimits = store
    ? PUBLIC_ATTACHMENT_LIMITS
    : { ...PUBLIC_ATTACHMENT_LIMITS, maxFilesPerComplaint: 0 };
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8', // browsers send Persian file names as raw UTF-8
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFilesPerComplaint,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      fieldNameSize: 100,
      parts: MAX_FIELDS + limits.maxFilesPerComplaint,
    },
  }).array(ATTACHMENTS_FIELD, limits.maxFilesPerComplaint);
  const parseUpload = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data'))
      return next(
        new HttpError(
          415,
          'unsupported-media-type',
          'Send the form as multipart/form-data.',
          {},
          {
            detail: 'فرم باید به‌صورت multipart/form-data فرستاده شود.',
          },
        ),
      );
    upload(req, res, (err?: unknown) => next(err === undefined ? undefined : uploadError(err, limits)));
  };

  const router = express.Router();

  router.get('/public/complaint-form', rateLimit(options.publicRateLimit), async (_req, res) => {
    const units = await activeUnits(db);
    const { token, expiresAt } = tokens.issue();
    res.json({
      formToken: token,
      formTokenExpiresAt: expiresAt.toISOString(),
      kinds: COMPLAINT_KINDS.map((k) => ({ value: k, label: KIND_LABELS_FA[k] })),
      units,
      attachments: attachmentRules(limits),
      fields: {
        kind: { required: false },
        complainantName: { required: true, maxLength: PUBLIC_FIELD_MAX_LENGTHS.complainantName },
        complainantPhone: { required: true, maxLength: PUBLIC_FIELD_MAX_LENGTHS.complainantPhone },
        complainantEmail: { required: false, maxLength: PUBLIC_FIELD_MAX_LENGTHS.complainantEmail },
        membershipNo: { required: false, maxLength: PUBLIC_FIELD_MAX_LENGTHS.membershipNo },
        subject: { required: true, maxLength: PUBLIC_FIELD_MAX_LENGTHS.subject },
        description: { required: true, maxLength: PUBLIC_FIELD_MAX_LENGTHS.description },
        concernedUnitId: { required: false },
        occurredAt: { required: false },
        remedySought: { required: false, maxLength: PUBLIC_FIELD_MAX_LENGTHS.remedySought },
      },
    });
  });

  router.post(
    '/public/complaints',
    rateLimit(options.publicSubmitRateLimit ?? DEFAULT_SUBMIT_LIMIT),
    parseUpload,
    async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const files = (req.files as Express.Multer.File[] | undefined) ?? [];
      const token = body.formToken;
      const honeypot = body[HONEYPOT_FIELD];
      const check = tokens.check(token);
      const honeypotFilled =
        honeypot !== undefined && (typeof honeypot !== 'string' || honeypot.trim() !== '');
      if (!check.ok || honeypotFilled) {
        log.info(
          { reason: honeypotFilled ? 'honeypot' : check.ok ? undefined : check.reason },
          'public complaint form: submission refused as automated',
        );
        throw rejected();
      }

      const units = await activeUnits(db);
      const checked = checkPublicComplaint(body, files, {
        activeUnitIds: new Set(units.map((u) => u.id)),
        limits,
        now: new Date(),
      });
      if (!checked.ok) throw invalid(checked.problems);

      // Used up only now, so a person who corrects a field can send the same form again.
      if (!tokens.redeem(token).ok) throw rejected();
      let complaint;
      try {
        complaint = await saveWebsiteComplaint(db, store, limits, checked.value);
      } catch (err) {
        tokens.release(token as string);
        if (err instanceof DomainInputError)
          throw invalid(
            err.issues.map((i) => ({
              field: i.field,
              message: (i as { messageFa?: string }).messageFa ?? 'مقدار این فیلد درست نیست.',
            })),
          );
        throw err;
      }
      const started = await startComplaintHandling(db, client, log, complaint);
      // 202: saved, but its handling has not started yet (logged and audited for the MCC).
      res.status(started ? 201 : 202).json({ trackingCode: complaint.trackingCode });
    },
  );

  return router;
}
