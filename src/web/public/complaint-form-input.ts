/**
 * The public website complaint form (R-CMP-02, R-CMP-03): what it offers, its limits, and the check
 * of a submission's fields and files, with a Persian message for each field. Pure: the routes load
 * what it needs from the database.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toLatinDigits, toPersianDigits } from '../../calendar/index.js';
import {
  ATTACHMENT_LIMITS,
  cleanFileName,
  fileNameExtension,
  type AttachmentLimits,
} from '../../domain/complaints/attachments.js';
import { COMPLAINT_KINDS, type ComplaintKind } from '../../domain/complaints/complaint-record.js';
import {
  ALLOWED_FILE_TYPES,
  declaredTypeFits,
  detectFileType,
  normaliseMediaType,
  type AllowedFileKind,
} from '../../domain/complaints/file-type.js';
import { parseDateTime } from '../../domain/complaints/iso-time.js';
import { normalisePhone } from '../../domain/complaints/public-status.js';
import { MESSAGES } from '../../forms/form-schema.js';

const MB = 1024 * 1024;

/**
 * The types a member may attach on the website: documents and photos a phone or a scanner makes.
 * Stricter than the staff inbox (no DOCX, XLSX or text: Office files are ZIP containers, a larger
 * surface for a form anyone can post to, and text belongs in the description).
 */
export const PUBLIC_FILE_KINDS = ['pdf', 'jpeg', 'png', 'webp'] as const satisfies readonly AllowedFileKind[];

/** 3 files of at most 5 MB each (15 MB in all), never more than the domain allows. */
export const PUBLIC_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: Math.min(5 * MB, ATTACHMENT_LIMITS.maxFileBytes),
  maxFilesPerComplaint: Math.min(3, ATTACHMENT_LIMITS.maxFilesPerComplaint),
  maxTotalBytes: Math.min(15 * MB, ATTACHMENT_LIMITS.maxTotalBytes),
};

/** The longest value of each text field, in characters. */
export const PUBLIC_FIELD_MAX_LENGTHS = {
  complainantName: 200,
  complainantPhone: 32,
  complainantEmail: 254,
  membershipNo: 32,
  subject: 300,
  /** Below the domain's 20,000, so the note on an unverified membership number always fits. */
  description: 10_000,
  remedySought: 2000,
  occurredAt: 40,
} as const;

/** The field a person never sees and a bot fills in (hidden by the page). */
export const HONEYPOT_FIELD = 'website';
export const ATTACHMENTS_FIELD = 'attachments';

const faSize = (bytes: number): string =>
  Number.isInteger(bytes / MB) ? `${toPersianDigits(bytes / MB)} مگابایت` : `${toPersianDigits(bytes)} بایت`;

export const PUBLIC_TYPES_FA = PUBLIC_FILE_KINDS.map((k) => ALLOWED_FILE_TYPES[k].labelFa).join('، ');

export const FORM_MESSAGES = {
  phone: 'شمارهٔ تلفن باید ۱۱ رقم باشد و با ۰ شروع شود، مانند ۰۹۱۳۱۲۳۴۵۶۷',
  membershipNo: 'شمارهٔ عضویت باید از ۴ تا ۱۲ رقم باشد',
  unit: 'واحد انتخاب‌شده در فهرست واحدها نیست',
  futureDate: 'زمان رخداد نمی‌تواند در آینده باشد',
  emptyFile: 'فایل خالی است و پذیرفته نمی‌شود.',
  sameFileTwice: 'این فایل دو بار پیوست شده است.',
  tooManyFiles: (max: number) =>
    max === 0
      ? 'در حال حاضر امکان پیوست فایل در این فرم نیست.'
      : `حداکثر ${toPersianDigits(max)} فایل می‌توانید پیوست کنید.`,
  fileTooLarge: (max: number) => `حجم هر فایل حداکثر ${faSize(max)} مجاز است.`,
  totalTooLarge: (max: number) => `مجموع حجم پیوست‌ها حداکثر ${faSize(max)} مجاز است.`,
  notAFileField: 'این فیلد فایل نمی‌پذیرد.',
  valueTooLong: 'متن این فیلد بیش از اندازه طولانی است.',
  refusedType: (what: string) => `این فایل ${what} است و پذیرفته نمی‌شود؛ انواع مجاز: ${PUBLIC_TYPES_FA}.`,
  declaredType: (declared: string, actual: string) =>
    `نوع اعلام‌شده (${declared}) با محتوای فایل (${actual}) یکی نیست.`,
  extension: (extension: string, actual: string, expected: readonly string[]) =>
    `پسوند نام فایل (.${extension}) با محتوای آن (${actual}) یکی نیست؛ پسوند باید ${expected.map((e) => `.${e}`).join(' یا ')} باشد.`,
} as const;

/** One problem with one field, as the task-complete route reports them. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** A file as the upload parser hands it over. */
export interface UploadedFile {
  readonly originalname: string;
  readonly mimetype: string;
  readonly buffer: Buffer;
}

export interface PublicComplaint {
  readonly kind: ComplaintKind;
  readonly complainantName: string;
  /** 11 digits starting with 0. */
  readonly complainantPhone: string;
  readonly complainantEmail?: string;
  /** Digits only. */
  readonly membershipNo?: string;
  readonly subject: string;
  readonly description: string;
  readonly concernedUnitId?: number;
  readonly occurredAt?: Date;
  readonly remedySought?: string;
  readonly files: readonly UploadedFile[];
}

export interface CheckContext {
  readonly activeUnitIds: ReadonlySet<number>;
  readonly limits: AttachmentLimits;
  readonly now: Date;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LINE_BREAKS = /[\r\n\t\u2028\u2029]+/g;
const email = z.email();

/**
 * Checks a submission. Field names are those of the form; file problems are named
 * `attachments[<n>]`. Text is trimmed and freed of control characters (line breaks are kept in the
 * long fields), digits may be typed in Persian.
 */
export function checkPublicComplaint(
  body: Readonly<Record<string, unknown>>,
  files: readonly UploadedFile[],
  context: CheckContext,
): { ok: true; value: PublicComplaint } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string): undefined => {
    problems.push({ field, message });
    return undefined;
  };

  function text(
    field: keyof typeof PUBLIC_FIELD_MAX_LENGTHS,
    { required, multiline = false }: { required: boolean; multiline?: boolean },
  ): string | undefined {
    const raw = body[field];
    if (raw === undefined || raw === null || raw === '')
      return required ? problem(field, MESSAGES.required) : undefined;
    if (typeof raw !== 'string') return problem(field, MESSAGES.text);
    let value = raw.normalize('NFC').replace(CONTROLS, '');
    if (!multiline) value = value.replace(LINE_BREAKS, ' ');
    value = value.trim();
    if (value === '') return required ? problem(field, MESSAGES.required) : undefined;
    const max = PUBLIC_FIELD_MAX_LENGTHS[field];
    if (Array.from(value).length > max) return problem(field, MESSAGES.maxLength(max));
    return value;
  }

  const kindText = body.kind === undefined || body.kind === '' ? 'complaint' : body.kind;
  const kind = (COMPLAINT_KINDS as readonly unknown[]).includes(kindText)
    ? (kindText as ComplaintKind)
    : problem('kind', MESSAGES.option);

  const complainantName = text('complainantName', { required: true });

  const phoneText = text('complainantPhone', { required: true });
  let complainantPhone: string | undefined;
  if (phoneText !== undefined) {
    const phone = normalisePhone(phoneText);
    if (/^0\d{10}$/.test(phone)) complainantPhone = phone;
    else problem('complainantPhone', FORM_MESSAGES.phone);
  }

  let complainantEmail = text('complainantEmail', { required: false });
  if (complainantEmail !== undefined && !email.safeParse(complainantEmail).success)
    complainantEmail = problem('complainantEmail', MESSAGES.email);

  let membershipNo = text('membershipNo', { required: false });
  if (membershipNo !== undefined) {
    membershipNo = toLatinDigits(membershipNo).replace(/[\s-]/g, '');
    if (!/^[0-9]{4,12}$/.test(membershipNo))
      membershipNo = problem('membershipNo', FORM_MESSAGES.membershipNo);
  }

  const subject = text('subject', { required: true });
  const description = text('description', { required: true, multiline: true });
  const remedySought = text('remedySought', { required: false, multiline: true });

  let concernedUnitId: number | undefined;
  const unitText = body.concernedUnitId;
  if (unitText !== undefined && unitText !== '') {
    const id = typeof unitText === 'string' ? Number(toLatinDigits(unitText.trim())) : NaN;
    if (Number.isSafeInteger(id) && context.activeUnitIds.has(id)) concernedUnitId = id;
    else problem('concernedUnitId', FORM_MESSAGES.unit);
  }

  let occurredAt: Date | undefined;
  const occurredText = text('occurredAt', { required: false });
  if (occurredText !== undefined) {
    const latin = toLatinDigits(occurredText);
    occurredAt = parseDateTime(/^\d{4}-\d{2}-\d{2}$/.test(latin) ? `${latin}T00:00` : latin);
    if (!occurredAt) problem('occurredAt', MESSAGES.dateTime);
    else if (occurredAt.getTime() > context.now.getTime() + 5 * 60_000)
      occurredAt = problem('occurredAt', FORM_MESSAGES.futureDate);
  }

  problems.push(...checkFiles(files, context.limits));

  if (problems.length > 0 || !kind || !complainantName || !complainantPhone || !subject || !description)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      kind,
      complainantName,
      complainantPhone,
      subject,
      description,
      files,
      ...(complainantEmail !== undefined ? { complainantEmail } : {}),
      ...(membershipNo !== undefined ? { membershipNo } : {}),
      ...(concernedUnitId !== undefined ? { concernedUnitId } : {}),
      ...(occurredAt !== undefined ? { occurredAt } : {}),
      ...(remedySought !== undefined ? { remedySought } : {}),
    },
  };
}

/**
 * The checks `addComplaintAttachment` makes, made before anything is written, with the website's
 * narrower types: so a refused file leaves neither a complaint nor a stored file behind.
 */
export function checkFiles(files: readonly UploadedFile[], limits: AttachmentLimits): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (files.length > limits.maxFilesPerComplaint)
    return [{ field: ATTACHMENTS_FIELD, message: FORM_MESSAGES.tooManyFiles(limits.maxFilesPerComplaint) }];
  const seen = new Set<string>();
  let total = 0;
  files.forEach((file, i) => {
    const field = `${ATTACHMENTS_FIELD}[${i}]`;
    const say = (message: string) => problems.push({ field, message });
    const content = file.buffer;
    total += content.length;
    if (content.length === 0) return say(FORM_MESSAGES.emptyFile);
    if (content.length > limits.maxFileBytes) return say(FORM_MESSAGES.fileTooLarge(limits.maxFileBytes));
    const verdict = detectFileType(content);
    if (!verdict.allowed) return say(FORM_MESSAGES.refusedType(verdict.detectedFa));
    const { type } = verdict;
    if (!(PUBLIC_FILE_KINDS as readonly string[]).includes(type.kind))
      return say(FORM_MESSAGES.refusedType(type.labelFa));
    if (!declaredTypeFits(file.mimetype, type))
      return say(FORM_MESSAGES.declaredType(normaliseMediaType(file.mimetype).slice(0, 100), type.labelFa));
    const extension = fileNameExtension(cleanFileName(file.originalname, type.extensions[0]));
    if (extension === undefined || !type.extensions.includes(extension))
      return say(FORM_MESSAGES.extension(extension ?? '', type.labelFa, type.extensions));
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (seen.has(sha256)) return say(FORM_MESSAGES.sameFileTwice);
    seen.add(sha256);
  });
  if (total > limits.maxTotalBytes)
    problems.push({ field: ATTACHMENTS_FIELD, message: FORM_MESSAGES.totalTooLarge(limits.maxTotalBytes) });
  return problems;
}

/** What the page needs to know about attachments. */
export function attachmentRules(limits: AttachmentLimits) {
  const types = PUBLIC_FILE_KINDS.map((k) => ALLOWED_FILE_TYPES[k]);
  return {
    field: ATTACHMENTS_FIELD,
    maxFiles: limits.maxFilesPerComplaint,
    maxFileBytes: limits.maxFileBytes,
    maxTotalBytes: limits.maxTotalBytes,
    types: types.map((t) => ({ mediaType: t.mediaType, extensions: t.extensions, label: t.labelFa })),
    /** For `<input type="file" accept="…">`. */
    accept: types.flatMap((t) => [t.mediaType, ...t.extensions.map((e) => `.${e}`)]).join(','),
    /** For the hint under the field, e.g. «PDF، تصویر JPEG، …؛ حداکثر ۳ فایل، هر فایل تا ۵ مگابایت». */
    summaryFa:
      limits.maxFilesPerComplaint === 0
        ? FORM_MESSAGES.tooManyFiles(0)
        : `${PUBLIC_TYPES_FA}؛ حداکثر ${toPersianDigits(limits.maxFilesPerComplaint)} فایل، هر فایل تا ${faSize(limits.maxFileBytes)}`,
  };
}
