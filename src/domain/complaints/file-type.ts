/**
 * What a complaint's attachment really is, decided by its content (magic bytes), never by the name
 * or the type the browser declared (R-CMP-03). Only documents and images a member would send are
 * allowed; executables, scripts, markup (HTML, SVG, XML), archives and anything unknown are refused.
 */
import { inflateRawSync } from 'node:zlib';

export const ALLOWED_FILE_KINDS = ['pdf', 'jpeg', 'png', 'webp', 'text', 'docx', 'xlsx'] as const;
export type AllowedFileKind = (typeof ALLOWED_FILE_KINDS)[number];

export interface AllowedFileType {
  readonly kind: AllowedFileKind;
  /** The media type stored with the file and served with it. */
  readonly mediaType: string;
  /** File name extensions (lower case, without the dot) that fit the content; the first is the usual one. */
  readonly extensions: readonly [string, ...string[]];
  /** Other media types browsers declare for it. */
  readonly aliases: readonly string[];
  readonly labelEn: string;
  readonly labelFa: string;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const ALLOWED_FILE_TYPES: Readonly<Record<AllowedFileKind, AllowedFileType>> = {
  pdf: {
    kind: 'pdf',
    mediaType: 'application/pdf',
    extensions: ['pdf'],
    aliases: ['application/x-pdf'],
    labelEn: 'PDF',
    labelFa: 'PDF',
  },
  jpeg: {
    kind: 'jpeg',
    mediaType: 'image/jpeg',
    extensions: ['jpg', 'jpeg', 'jpe', 'jfif'],
    aliases: ['image/jpg', 'image/pjpeg'],
    labelEn: 'JPEG image',
    labelFa: 'تصویر JPEG',
  },
  png: {
    kind: 'png',
    mediaType: 'image/png',
    extensions: ['png'],
    aliases: ['image/x-png'],
    labelEn: 'PNG image',
    labelFa: 'تصویر PNG',
  },
  webp: {
    kind: 'webp',
    mediaType: 'image/webp',
    extensions: ['webp'],
    aliases: [],
    labelEn: 'WebP image',
    labelFa: 'تصویر WebP',
  },
  text: {
    kind: 'text',
    mediaType: 'text/plain',
    extensions: ['txt', 'text'],
    aliases: [],
    labelEn: 'plain text (UTF-8)',
    labelFa: 'متن ساده (UTF-8)',
  },
  docx: {
    kind: 'docx',
    mediaType: DOCX_TYPE,
    extensions: ['docx'],
    aliases: [],
    labelEn: 'Word document (DOCX)',
    labelFa: 'سند Word (DOCX)',
  },
  xlsx: {
    kind: 'xlsx',
    mediaType: XLSX_TYPE,
    extensions: ['xlsx'],
    aliases: [],
    labelEn: 'Excel workbook (XLSX)',
    labelFa: 'کارپوشهٔ Excel (XLSX)',
  },
};

/** The allowed types, for messages: `PDF, JPEG image, …`. */
export const ALLOWED_TYPES_EN = ALLOWED_FILE_KINDS.map((k) => ALLOWED_FILE_TYPES[k].labelEn).join(', ');
export const ALLOWED_TYPES_FA = ALLOWED_FILE_KINDS.map((k) => ALLOWED_FILE_TYPES[k].labelFa).join('، ');

export type FileTypeVerdict =
  | { readonly allowed: true; readonly type: AllowedFileType }
  | {
      readonly allowed: false;
      /** What the content is, as far as it was recognised: `a Windows executable`, `an HTML page`. */
      readonly detectedEn: string;
      readonly detectedFa: string;
    };

const refused = (detectedEn: string, detectedFa: string): FileTypeVerdict => ({
  allowed: false,
  detectedEn,
  detectedFa,
});
const allowed = (kind: AllowedFileKind): FileTypeVerdict => ({
  allowed: true,
  type: ALLOWED_FILE_TYPES[kind],
});

function startsWith(content: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (content.length < offset + bytes.length) return false;
  return bytes.every((b, i) => content[offset + i] === b);
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Binary formats that are never allowed, by their leading bytes, for a clear message. */
const REFUSED_SIGNATURES: readonly { bytes: number[]; offset?: number; en: string; fa: string }[] = [
  { bytes: ascii('MZ'), en: 'a Windows executable', fa: 'یک فایل اجرایی ویندوز' },
  { bytes: [0x7f, ...ascii('ELF')], en: 'an ELF executable', fa: 'یک فایل اجرایی' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], en: 'a Mach-O executable', fa: 'یک فایل اجرایی' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], en: 'a Mach-O executable', fa: 'یک فایل اجرایی' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], en: 'a Java class or Mach-O executable', fa: 'یک فایل اجرایی' },
  { bytes: [0x00, ...ascii('asm')], en: 'a WebAssembly module', fa: 'یک فایل اجرایی' },
  { bytes: ascii('Rar!'), en: 'a RAR archive', fa: 'یک فایل فشرده (RAR)' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], en: 'a 7-Zip archive', fa: 'یک فایل فشرده (7z)' },
  { bytes: [0x1f, 0x8b], en: 'a gzip archive', fa: 'یک فایل فشرده (gzip)' },
  { bytes: ascii('BZh'), en: 'a bzip2 archive', fa: 'یک فایل فشرده (bzip2)' },
  { bytes: [0xfd, ...ascii('7zXZ'), 0x00], en: 'an xz archive', fa: 'یک فایل فشرده (xz)' },
  { bytes: ascii('ustar'), offset: 257, en: 'a tar archive', fa: 'یک فایل فشرده (tar)' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    en: 'an old Microsoft Office document (DOC, XLS; may carry macros)',
    fa: 'یک سند قدیمی Office (DOC، XLS؛ ممکن است ماکرو داشته باشد)',
  },
  { bytes: ascii('GIF8'), en: 'a GIF image', fa: 'یک تصویر GIF' },
];

/**
 * What `content` is, and whether a complaint may carry it. Decided by the content alone: the name
 * and the declared type are checked against the answer by the caller.
 */
export function detectFileType(content: Uint8Array): FileTypeVerdict {
  if (content.length === 0) return refused('an empty file', 'یک فایل خالی');
  if (startsWith(content, ascii('%PDF-'))) return allowed('pdf');
  if (startsWith(content, [0xff, 0xd8, 0xff])) return allowed('jpeg');
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return allowed('png');
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8)) return allowed('webp');
  if ([3, 5, 7].some((b) => startsWith(content, [0x50, 0x4b, b, b + 1]))) return detectZip(content);
  const text = asPlainText(content);
  if (text !== undefined) return detectText(text);
  const known = REFUSED_SIGNATURES.find((s) => startsWith(content, s.bytes, s.offset));
  if (known) return refused(known.en, known.fa);
  return refused('a binary file of an unknown type', 'یک فایل با نوع ناشناخته');
}

// --- plain text ------------------------------------------------------------------------------

/** The content as text, when it is valid UTF-8 without NUL bytes. */
function asPlainText(content: Uint8Array): string | undefined {
  if (content.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content);
  } catch {
    return undefined;
  }
}

/** Tags a browser would treat as a page or an image with scripts, wherever they appear. */
const ACTIVE_MARKUP =
  /<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|object|embed|svg|math)[\s>/]/i;
/** How an HTML page may begin (the WHATWG sniffing patterns), or an XML document. */
const MARKUP_START =
  /^<(?:!--|\?xml|a|b|br|div|font|h1|p|style|table|title|meta|link|form|img|body|head|html|script|iframe|svg)[\s>/]/i;

function detectText(text: string): FileTypeVerdict {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/<svg[\s>/]/i.test(text)) {
    return refused('an SVG image (SVG may carry scripts)', 'یک تصویر SVG (ممکن است اسکریپت داشته باشد)');
  }
  if (ACTIVE_MARKUP.test(text) || MARKUP_START.test(start)) {
    return refused('an HTML or XML document (markup may carry scripts)', 'یک صفحهٔ HTML یا سند XML');
  }
  if (start.startsWith('#!')) return refused('a script', 'یک اسکریپت');
  if (start.startsWith('{\\rtf')) return refused('an RTF document', 'یک سند RTF');
  return allowed('text');
}

// --- ZIP: DOCX and XLSX ------------------------------------------------------------------------

const MAX_ZIP_ENTRIES = 10_000;
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

const ZIP_ARCHIVE = refused(
  `a ZIP archive (only Word DOCX and Excel XLSX documents are allowed, not archives)`,
  'یک فایل فشرده (ZIP)',
);
const MACRO_DOCUMENT = refused(
  'an Office document with macros (DOCM, XLSM)',
  'یک سند Office دارای ماکرو (DOCM، XLSM)',
);

/**
 * Word and Excel documents are ZIP containers: the central directory must list `[Content_Types].xml`
 * and the `word/` or `xl/` parts, and `[Content_Types].xml` must name the document's main part.
 * Read through the central directory (the local headers may leave sizes to a data descriptor), with
 * every offset checked against the buffer; encrypted, multi-disk and ZIP64 files are refused.
 */
function detectZip(content: Uint8Array): FileTypeVerdict {
  if (!startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return ZIP_ARCHIVE;
  const entries = centralDirectory(content);
  if (!entries) return ZIP_ARCHIVE;
  const contentTypesEntry = entries.find((e) => e.name === '[Content_Types].xml');
  if (!contentTypesEntry) return ZIP_ARCHIVE;
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) return MACRO_DOCUMENT;
  const contentTypes = entryText(content, contentTypesEntry);
  if (contentTypes === undefined) return ZIP_ARCHIVE;
  if (/macroEnabled|vbaProject/i.test(contentTypes)) return MACRO_DOCUMENT;
  const has = (prefix: string): boolean => entries.some((e) => e.name.startsWith(prefix));
  if (contentTypes.includes(`"${DOCX_TYPE}.main+xml"`) && has('word/')) return allowed('docx');
  if (contentTypes.includes(`"${XLSX_TYPE}.main+xml"`) && has('xl/')) return allowed('xlsx');
  return refused(
    'an Office document of another kind (only Word DOCX and Excel XLSX are allowed)',
    'یک سند Office از نوع دیگر (فقط DOCX و XLSX پذیرفته می‌شود)',
  );
}

function centralDirectory(content: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = content.length - 22; i >= Math.max(0, content.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (disk !== 0 || cdDisk !== 0 || count === 0xffff || cdOffset === 0xffffffff) return undefined;
  if (count > MAX_ZIP_ENTRIES || cdOffset + cdSize > eocd) return undefined;
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return undefined;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > eocd) return undefined;
    const entry: ZipEntry = {
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: Buffer.from(content.subarray(p + 46, p + 46 + nameLength)).toString('utf8'),
    };
    if (entry.flags & 0x1) return undefined; // encrypted
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's content as UTF-8 text (stored or deflated, at most 1 MB), or undefined. */
function entryText(content: Uint8Array, entry: ZipEntry): string | undefined {
  if (entry.size > MAX_CONTENT_TYPES_BYTES) return undefined;
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > content.length || view.getUint32(at, true) !== 0x04034b50) return undefined;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > content.length) return undefined;
  const data = content.subarray(start, end);
  try {
    if (entry.method === 0) return Buffer.from(data).toString('utf8');
    if (entry.method === 8) {
      return inflateRawSync(data, { maxOutputLength: MAX_CONTENT_TYPES_BYTES }).toString('utf8');
    }
  } catch {
    return undefined;
  }
  return undefined;
}

// --- declared types ----------------------------------------------------------------------------

/** Declared types that say nothing about the file (a browser that does not know the extension). */
const UNSPECIFIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** `Text/Plain; charset=UTF-8` → `text/plain`. */
export function normaliseMediaType(declared: string): string {
  return (declared.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Whether a declared media type fits the type found in the content: its own type or a known alias;
 * an absent or generic declaration (`application/octet-stream`) claims nothing and fits.
 */
export function declaredTypeFits(declared: string | null | undefined, type: AllowedFileType): boolean {
  const normalised = normaliseMediaType(declared ?? '');
  return (
    UNSPECIFIC_TYPES.has(normalised) || normalised === type.mediaType || type.aliases.includes(normalised)
  );
}
