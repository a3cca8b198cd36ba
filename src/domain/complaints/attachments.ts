/**
 * Supporting documents of a complaint (R-CMP-03: the complaint form ME-FR-01-01-01 carries its
 * attachments). The website form and the staff inbox hand over each uploaded file; this module
 * decides by its content whether the complaint may carry it, cleans its name, stores it in a
 * `FileStore` under its content address and records it, with its audit event, in the caller's
 * transaction. A refused file leaves nothing behind: no row, no file.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { appendAuditEvent, type Actor } from '../../audit/audit-trail.js';
import { toPersianDigits } from '../../calendar/index.js';
import { COMPLAINT_FORM, lockComplaint } from './complaint-record.js';
import { DomainInputError, NotFoundError, type InputIssue } from './errors.js';
import {
  ALLOWED_TYPES_EN,
  ALLOWED_TYPES_FA,
  declaredTypeFits,
  detectFileType,
  normaliseMediaType,
  type AllowedFileType,
} from './file-type.js';
import { contentAddress, type FileStore } from './file-store.js';

const MB = 1024 * 1024;

/** At most 10 MB per file. */
export const MAX_ATTACHMENT_BYTES = 10 * MB;
/** At most 5 files per complaint. */
export const MAX_ATTACHMENTS_PER_COMPLAINT = 5;
/** At most 25 MB for all the files of one complaint. */
export const MAX_ATTACHMENTS_TOTAL_BYTES = 25 * MB;
/** The longest file name kept, in characters (`complaint_attachments.file_name`). */
export const MAX_FILE_NAME_LENGTH = 255;

export interface AttachmentLimits {
  readonly maxFileBytes: number;
  readonly maxFilesPerComplaint: number;
  readonly maxTotalBytes: number;
}

export const ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: MAX_ATTACHMENT_BYTES,
  maxFilesPerComplaint: MAX_ATTACHMENTS_PER_COMPLAINT,
  maxTotalBytes: MAX_ATTACHMENTS_TOTAL_BYTES,
};

/** An input issue with its message in Persian too, for the public form and the staff inbox. */
export interface AttachmentIssue extends InputIssue {
  readonly messageFa: string;
}

export interface AddComplaintAttachmentInput {
  readonly complaintId: number;
  /** The name the file was uploaded with; cleaned before it is kept. */
  readonly fileName: string;
  /** The media type the browser declared; absent or `application/octet-stream` claims nothing. */
  readonly declaredType?: string | null;
  readonly content: Buffer;
}

export interface AddComplaintAttachmentOptions {
  readonly limits?: Partial<AttachmentLimits>;
  /**
   * How messages name this file, e.g. `attachments[2]`; by default `attachments[<n>]` with n the
   * number of files the complaint already has (the position the file would take).
   */
  readonly field?: string;
  /** When the file was uploaded; default the database's now(). */
  readonly now?: Date;
  readonly processInstanceKey?: string | null;
}

export interface ComplaintAttachment {
  readonly id: number;
  readonly complaintId: number;
  readonly fileName: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  /** The file's key in the `FileStore`. */
  readonly storageKey: string;
  readonly uploadedByStaffId: number | null;
  readonly uploadedAt: Date;
}

export interface ComplaintAttachmentWithContent extends ComplaintAttachment {
  readonly content: Buffer;
}

interface AttachmentRow {
  id: number;
  complaint_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by_staff_id: number | null;
  uploaded_at: Date;
}

function fromRow(r: AttachmentRow): ComplaintAttachment {
  return {
    id: r.id,
    complaintId: r.complaint_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    storageKey: r.storage_key,
    uploadedByStaffId: r.uploaded_by_staff_id,
    uploadedAt: r.uploaded_at,
  };
}

// --- file names --------------------------------------------------------------------------------

/**
 * Characters removed from file names: C0 and C1 controls, DEL, the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C), line and paragraph
 * separators and the byte-order mark. The zero-width non-joiner (U+200C) of Persian is kept.
 */
const UNSAFE_NAME_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** The extension of a name, lower case, when the name has one that looks like an extension (`pdf`, `jpeg`). */
export function fileNameExtension(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1);
  return /^(?=.*[A-Za-z])[A-Za-z0-9]{1,10}$/.test(extension) ? extension.toLowerCase() : undefined;
}

function limitLength(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const extension = fileNameExtension(name);
  const suffix = extension === undefined ? '' : name.slice(name.lastIndexOf('.'));
  const base = name.slice(0, name.length - suffix.length);
  const kept = Array.from(base)
    .slice(0, max - Array.from(suffix).length)
    .join('')
    .replace(/[\s.\u200c]+$/, '');
  return `${kept}${suffix}`;
}

/**
 * A file name as uploaded, made safe to keep and show: path components (`../`, `C:\`) are dropped,
 * controls and bidi control characters removed, characters Windows forbids replaced by `_`,
 * spaces collapsed, leading and trailing dots and spaces trimmed, and the name cut to 255
 * characters keeping its extension. Persian letters (and the zero-width non-joiner) are kept. A
 * name without an extension gets `fallbackExtension`; a name with nothing left is
 * `attachment.<fallbackExtension>`.
 */
export function cleanFileName(raw: string, fallbackExtension: string): string {
  let name = raw.normalize('NFC').replace(UNSAFE_NAME_CHARACTERS, '').replace(/\\/g, '/');
  name = name.slice(name.lastIndexOf('/') + 1).replace(/^[A-Za-z]:/, '');
  name = name
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name === '') return `attachment.${fallbackExtension}`;
  if (fileNameExtension(name) === undefined) name = `${name}.${fallbackExtension}`;
  return limitLength(name, MAX_FILE_NAME_LENGTH);
}

// --- messages ----------------------------------------------------------------------------------

const bytesEn = (n: number): string => `${n.toLocaleString('en-US')} bytes`;
const bytesFa = (n: number): string =>
  `${toPersianDigits(n.toLocaleString('en-US')).replace(/,/g, '٬')} بایت`;
const sizeEn = (n: number): string => (Number.isInteger(n / MB) ? `${n / MB} MB` : bytesEn(n));
const sizeFa = (n: number): string =>
  Number.isInteger(n / MB) ? `${toPersianDigits(n / MB)} مگابایت` : bytesFa(n);
const cut = (s: string, max: number): string => Array.from(s).slice(0, max).join('');

function typeLabel(type: AllowedFileType): string {
  return `${type.labelEn} (${type.mediaType})`;
}

// --- checks ------------------------------------------------------------------------------------

interface ExistingAttachment {
  id: number;
  file_name: string;
  size_bytes: number;
  sha256: string;
}

interface CheckedFile {
  readonly type: AllowedFileType;
  readonly fileName: string;
  readonly sha256: string;
}

function checkFile(
  input: AddComplaintAttachmentInput,
  existing: readonly ExistingAttachment[],
  limits: AttachmentLimits,
  field: string,
): { issues: AttachmentIssue[]; file?: CheckedFile } {
  const issues: AttachmentIssue[] = [];
  const issue = (suffix: string, message: string, messageFa: string): void => {
    issues.push({ field: suffix ? `${field}.${suffix}` : field, message, messageFa });
  };
  const { content, fileName, declaredType } = input;
  if (typeof fileName !== 'string') {
    issue('fileName', 'is required: the name of the uploaded file', 'نام فایل لازم است.');
  }
  if (declaredType != null && typeof declaredType !== 'string') {
    issue('declaredType', 'must be a media type, e.g. application/pdf', 'نوع فایل باید یک نوع رسانه باشد.');
  }
  if (!Buffer.isBuffer(content)) {
    issue('content', "is required: the file's bytes", 'محتوای فایل لازم است.');
    return { issues };
  }

  if (existing.length >= limits.maxFilesPerComplaint) {
    issue(
      '',
      `is one file too many: a complaint may have at most ${limits.maxFilesPerComplaint} attachments`,
      `هر شکایت حداکثر ${toPersianDigits(limits.maxFilesPerComplaint)} پیوست می‌تواند داشته باشد.`,
    );
  }
  if (content.length === 0) {
    issue('content', 'is empty: an attachment must have content', 'فایل خالی است و پذیرفته نمی‌شود.');
    return { issues };
  }
  if (content.length > limits.maxFileBytes) {
    issue(
      'content',
      `is ${bytesEn(content.length)}: a file may be at most ${sizeEn(limits.maxFileBytes)} (${bytesEn(limits.maxFileBytes)})`,
      `حجم فایل ${bytesFa(content.length)} است؛ حجم هر فایل حداکثر ${sizeFa(limits.maxFileBytes)} مجاز است.`,
    );
    return { issues };
  }
  const total = existing.reduce((sum, a) => sum + Number(a.size_bytes), 0) + content.length;
  if (total > limits.maxTotalBytes) {
    issue(
      'content',
      `would bring the complaint's attachments to ${bytesEn(total)}: together they may be at most ${sizeEn(limits.maxTotalBytes)} (${bytesEn(limits.maxTotalBytes)})`,
      `با این فایل حجم پیوست‌های شکایت به ${bytesFa(total)} می‌رسد؛ مجموع پیوست‌ها حداکثر ${sizeFa(limits.maxTotalBytes)} مجاز است.`,
    );
  }

  const verdict = detectFileType(content);
  if (!verdict.allowed) {
    issue(
      'content',
      `is ${verdict.detectedEn}, which is not allowed: allowed are ${ALLOWED_TYPES_EN}`,
      `این فایل ${verdict.detectedFa} است و پذیرفته نمی‌شود؛ انواع مجاز: ${ALLOWED_TYPES_FA}.`,
    );
    return { issues };
  }
  const { type } = verdict;
  if (typeof declaredType === 'string' && !declaredTypeFits(declaredType, type)) {
    issue(
      'declaredType',
      `says ${cut(normaliseMediaType(declaredType), 100)} but the file's content is ${typeLabel(type)}`,
      `نوع اعلام‌شده (${cut(normaliseMediaType(declaredType), 100)}) با محتوای فایل (${type.labelFa}) یکی نیست.`,
    );
  }
  if (typeof fileName !== 'string') return { issues };
  const cleaned = cleanFileName(fileName, type.extensions[0]);
  const extension = fileNameExtension(cleaned);
  if (extension === undefined || !type.extensions.includes(extension)) {
    const expected = type.extensions.map((e) => `.${e}`).join(' or ');
    issue(
      'fileName',
      `ends in .${extension ?? ''} but the file's content is ${typeLabel(type)}: its name must end in ${expected}`,
      `پسوند نام فایل (.${extension ?? ''}) با محتوای آن (${type.labelFa}) یکی نیست؛ پسوند باید ${type.extensions.map((e) => `.${e}`).join(' یا ')} باشد.`,
    );
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const same = existing.find((a) => a.sha256 === sha256);
  if (same) {
    issue(
      'content',
      `is the same file as attachment ${same.id} ("${same.file_name}") of this complaint`,
      `این فایل پیش‌تر با نام «${same.file_name}» به همین شکایت پیوست شده است.`,
    );
  }
  return { issues, file: { type, fileName: cleaned, sha256 } };
}

async function staffIdOf(trx: Knex.Transaction, actor: Actor): Promise<number | null> {
  if (!actor.startsWith('staff:')) return null;
  const row = (await trx('staff')
    .where({ username: actor.slice('staff:'.length) })
    .first('id')) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * The key the file is stored under: its content address, or — when another complaint already
 * holds that address (`complaint_attachments.storage_key` is unique) — the address with this
 * complaint's id appended, a copy of its own. Uploads of the same content are serialised so two
 * complaints never claim the same address at once.
 */
async function storageKeyFor(trx: Knex.Transaction, sha256: string, complaintId: number): Promise<string> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`mcc.complaint-attachment:${sha256}`]);
  const address = contentAddress(sha256);
  const taken = await trx('complaint_attachments').where({ storage_key: address }).first('id');
  return taken ? `${address}.c${complaintId}` : address;
}

// --- operations --------------------------------------------------------------------------------

/**
 * Attaches one uploaded file to a complaint (R-CMP-03), in `trx`: locks the complaint, checks the
 * limits (10 MB per file, 5 files and 25 MB per complaint, no empty file), the type by content
 * (PDF, JPEG, PNG, WebP, UTF-8 text, DOCX, XLSX) against the declared type and the extension, and
 * that the complaint does not have the same file yet; then stores the file, inserts its row and
 * appends the audit event (ME-FR-01-01-01). Refusals throw a DomainInputError whose issues name the
 * field (`attachments[0].content`) with a Persian `messageFa`; nothing is written then. A missing
 * complaint throws a NotFoundError.
 *
 * The file is written before the row: a committed row always has its file. If the transaction rolls
 * back later, the file may stay in the store unreferenced (harmless: it is addressed by content).
 */
export async function addComplaintAttachment(
  trx: Knex.Transaction,
  store: FileStore,
  input: AddComplaintAttachmentInput,
  actor: Actor,
  options: AddComplaintAttachmentOptions = {},
): Promise<ComplaintAttachment> {
  const { complaintId } = input;
  if (!Number.isSafeInteger(complaintId) || complaintId <= 0 || complaintId > 2_147_483_647) {
    const issue: AttachmentIssue = {
      field: 'complaintId',
      message: 'must be a positive whole number (an id)',
      messageFa: 'شناسهٔ شکایت معتبر نیست.',
    };
    throw new DomainInputError([issue]);
  }
  const limits: AttachmentLimits = { ...ATTACHMENT_LIMITS, ...options.limits };
  await lockComplaint(trx, complaintId);
  const existing = (await trx('complaint_attachments')
    .where({ complaint_id: complaintId })
    .orderBy('id')
    .select('id', 'file_name', 'size_bytes', 'sha256')) as ExistingAttachment[];
  const field = options.field ?? `attachments[${existing.length}]`;
  const { issues, file } = checkFile(input, existing, limits, field);
  if (issues.length > 0 || !file) throw new DomainInputError(issues);

  const storageKey = await storageKeyFor(trx, file.sha256, complaintId);
  await store.put(storageKey, input.content);
  const uploadedBy = await staffIdOf(trx, actor);
  const [row] = (await trx('complaint_attachments')
    .insert({
      complaint_id: complaintId,
      file_name: file.fileName,
      media_type: file.type.mediaType,
      size_bytes: input.content.length,
      sha256: file.sha256,
      storage_key: storageKey,
      uploaded_by_staff_id: uploadedBy,
      ...(options.now ? { uploaded_at: options.now } : {}),
    })
    .returning('*')) as AttachmentRow[];
  if (!row) throw new Error('inserting the complaint attachment returned no row');
  const attachment = fromRow(row);
  await appendAuditEvent(trx, {
    actor,
    action: 'complaint.attachment-added',
    entityType: 'complaint',
    entityId: complaintId,
    before: null,
    after: {
      attachmentId: attachment.id,
      fileName: attachment.fileName,
      ...(input.fileName !== attachment.fileName ? { fileNameAsUploaded: cut(input.fileName, 300) } : {}),
      mediaType: attachment.mediaType,
      sizeBytes: attachment.sizeBytes,
      sha256: attachment.sha256,
      storageKey: attachment.storageKey,
    },
    ...(options.processInstanceKey ? { processInstanceKey: options.processInstanceKey } : {}),
    documentCode: COMPLAINT_FORM,
  });
  return attachment;
}

/** The attachments of a complaint, in the order they were added (without their content). */
export async function listComplaintAttachments(
  db: Knex | Knex.Transaction,
  complaintId: number,
): Promise<ComplaintAttachment[]> {
  const rows = (await db('complaint_attachments')
    .where({ complaint_id: complaintId })
    .orderBy('id')) as AttachmentRow[];
  return rows.map(fromRow);
}

/**
 * One attachment with its content, checked against the size and SHA-256 recorded when it was
 * added. Throws a NotFoundError for an unknown id, and an Error when the stored file is missing or
 * no longer matches (the store was tampered with or damaged).
 */
export async function readComplaintAttachment(
  db: Knex | Knex.Transaction,
  store: FileStore,
  attachmentId: number,
): Promise<ComplaintAttachmentWithContent> {
  const row =
    Number.isSafeInteger(attachmentId) && attachmentId > 0 && attachmentId <= 2_147_483_647
      ? ((await db('complaint_attachments').where({ id: attachmentId }).first()) as AttachmentRow | undefined)
      : undefined;
  if (!row) throw new NotFoundError('complaint attachment', attachmentId);
  const attachment = fromRow(row);
  const content = await store.get(attachment.storageKey);
  if (content === undefined) {
    throw new Error(
      `the file of complaint attachment ${attachment.id} (${attachment.storageKey}) is missing from the store`,
    );
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (content.length !== attachment.sizeBytes || sha256 !== attachment.sha256) {
    throw new Error(
      `the file of complaint attachment ${attachment.id} (${attachment.storageKey}) does not match its recorded SHA-256`,
    );
  }
  return { ...attachment, content };
}
