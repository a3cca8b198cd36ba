import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import {
  addComplaintAttachment,
  cleanFileName,
  listComplaintAttachments,
  MAX_ATTACHMENT_BYTES,
  readComplaintAttachment,
  type AddComplaintAttachmentInput,
  type AddComplaintAttachmentOptions,
  type AttachmentIssue,
} from '../../src/domain/complaints/attachments.js';
import { DomainInputError, NotFoundError } from '../../src/domain/complaints/errors.js';
import { contentAddress, LocalFileStore } from '../../src/domain/complaints/file-store.js';
import { detectFileType } from '../../src/domain/complaints/file-type.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { createTestDatabase, insertedId, type TestDatabase } from '../support/database.js';
import {
  MB,
  pdf,
  png,
  jpeg,
  webp,
  zip,
  contentTypes,
  docx,
  xlsx,
  docm,
  TEXT,
  EXE,
  HTML,
  SVG,
} from '../support/sample-files.js';

// --- the world ---------------------------------------------------------------------------------

let db: TestDatabase;
let tmp: string;
let store: LocalFileStore;
let staffId: number;
const ACTOR = 'staff:mcc.expert1';

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'mcc-attachments-'));
  store = new LocalFileStore(path.join(tmp, 'store'));
  staffId = await insertedId(
    db.owner('staff').insert({ username: 'mcc.expert1', full_name_fa: 'کارشناس مرکز' }),
  );
});

afterAll(async () => {
  await db.drop();
  await fs.rm(tmp, { recursive: true, force: true });
});

async function newComplaint(): Promise<number> {
  const { id } = await db.app.transaction((trx) =>
    registerComplaint(
      trx,
      {
        channel: 'website',
        complainantName: 'مریم احمدی',
        complainantPhone: '09131234567',
        subject: 'تأخیر در صدور کارت بازرگانی',
        description: 'درخواست تمدید کارت بازرگانی پس از دو ماه هنوز پاسخ داده نشده است.',
      },
      'public',
    ),
  );
  return id;
}

function add(
  complaintId: number,
  file: Omit<AddComplaintAttachmentInput, 'complaintId'>,
  options?: AddComplaintAttachmentOptions,
  fileStore: LocalFileStore = store,
) {
  return db.app.transaction((trx) =>
    addComplaintAttachment(trx, fileStore, { complaintId, ...file }, ACTOR, options),
  );
}

async function refusal(
  complaintId: number,
  file: Omit<AddComplaintAttachmentInput, 'complaintId'>,
  fileStore: LocalFileStore = store,
): Promise<AttachmentIssue[]> {
  const error = await add(complaintId, file, undefined, fileStore).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainInputError);
  const issues = (error as DomainInputError).issues as AttachmentIssue[];
  for (const issue of issues) expect(issue.messageFa).toMatch(/[\u0600-\u06ff]/);
  return issues;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

// --- tests -------------------------------------------------------------------------------------

describe('addComplaintAttachment: accepted files', () => {
  it('R-CMP-03 accepts PDF, PNG, JPEG, plain text and DOCX, decided by content, and reads each back', async () => {
    const complaintId = await newComplaint();
    const files = [
      {
        fileName: 'رسید پرداخت.pdf',
        declaredType: 'application/pdf',
        content: pdf(),
        mediaType: 'application/pdf',
      },
      { fileName: 'scan.PNG', declaredType: 'image/png', content: png(), mediaType: 'image/png' },
      { fileName: 'photo.jpg', declaredType: 'image/jpeg', content: jpeg(), mediaType: 'image/jpeg' },
      {
        fileName: 'نامه.txt',
        declaredType: 'text/plain; charset=utf-8',
        content: TEXT,
        mediaType: 'text/plain',
      },
      {
        fileName: 'شرح شکایت.docx',
        declaredType: 'application/octet-stream',
        content: docx(),
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ];
    for (const { mediaType, ...file } of files) {
      const added = await add(complaintId, file);
      expect(added).toMatchObject({
        complaintId,
        fileName: file.fileName,
        mediaType,
        sizeBytes: file.content.length,
        sha256: sha256(file.content),
        storageKey: contentAddress(sha256(file.content)),
        uploadedByStaffId: staffId,
      });
      const read = await readComplaintAttachment(db.app, store, added.id);
      expect(read.content.equals(file.content)).toBe(true);
      expect(read).toMatchObject({ id: added.id, fileName: file.fileName, mediaType });
    }
    const listed = await listComplaintAttachments(db.app, complaintId);
    expect(listed.map((a) => a.fileName)).toEqual(files.map((f) => f.fileName));
  });

  it('R-CMP-03 accepts WebP and XLSX, and names a file without extension after its content', async () => {
    const complaintId = await newComplaint();
    expect((await add(complaintId, { fileName: 'image.webp', content: webp() })).mediaType).toBe(
      'image/webp',
    );
    const sheet = await add(complaintId, { fileName: 'فهرست', declaredType: null, content: xlsx() });
    expect(sheet).toMatchObject({
      fileName: 'فهرست.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('R-CMP-03 stores files content-addressed, atomically, with restrictive permissions', async () => {
    const complaintId = await newComplaint();
    const content = pdf('permissions');
    const added = await add(complaintId, { fileName: 'a.pdf', content });
    const hash = sha256(content);
    const file = path.join(store.rootDir, hash.slice(0, 2), hash);
    expect(added.storageKey).toBe(`${hash.slice(0, 2)}/${hash}`);
    expect((await fs.readFile(file)).equals(content)).toBe(true);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o750);
    expect((await fs.readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('R-CMP-03 lets two complaints carry the same file, each under a storage key of its own', async () => {
    const [first, second] = [await newComplaint(), await newComplaint()];
    const content = pdf('circular of the chamber');
    const a = await add(first, { fileName: 'بخشنامه.pdf', content });
    const b = await add(second, { fileName: 'بخشنامه.pdf', content });
    expect(a.storageKey).toBe(contentAddress(sha256(content)));
    expect(b.storageKey).toBe(`${contentAddress(sha256(content))}.c${second}`);
    expect((await readComplaintAttachment(db.app, store, b.id)).content.equals(content)).toBe(true);
  });
});

describe('addComplaintAttachment: refusals', () => {
  let complaintId: number;
  let refusalStore: LocalFileStore;
  beforeAll(async () => {
    complaintId = await newComplaint();
    refusalStore = new LocalFileStore(path.join(tmp, 'refusals'));
  });

  async function refused(file: Omit<AddComplaintAttachmentInput, 'complaintId'>): Promise<AttachmentIssue[]> {
    const issues = await refusal(complaintId, file, refusalStore);
    expect(await db.app('complaint_attachments').where({ complaint_id: complaintId }).count()).toEqual([
      { count: '0' },
    ]);
    expect(await filesUnder(refusalStore.rootDir)).toEqual([]);
    return issues;
  }

  it('R-CMP-03 refuses a file one byte over 10 MB, and an empty file', async () => {
    expect(await refused({ fileName: 'big.pdf', content: pdf('big', MAX_ATTACHMENT_BYTES + 1) })).toEqual([
      {
        field: 'attachments[0].content',
        message: 'is 10,485,761 bytes: a file may be at most 10 MB (10,485,760 bytes)',
        messageFa: expect.stringContaining('۱۰ مگابایت'),
      },
    ]);
    expect(await refused({ fileName: 'empty.pdf', content: Buffer.alloc(0) })).toEqual([
      expect.objectContaining({
        field: 'attachments[0].content',
        message: expect.stringMatching(/is empty/),
      }),
    ]);
  });

  it('R-CMP-03 refuses an executable, an HTML page named .pdf, an SVG and a ZIP that is not DOCX', async () => {
    const exe = await refused({
      fileName: 'setup.exe',
      declaredType: 'application/x-msdownload',
      content: EXE,
    });
    expect(exe).toEqual([
      expect.objectContaining({
        field: 'attachments[0].content',
        message: expect.stringMatching(
          /^is a Windows executable, which is not allowed: allowed are PDF, .*DOCX/,
        ),
      }),
    ]);
    const html = await refused({ fileName: 'invoice.pdf', declaredType: 'application/pdf', content: HTML });
    expect(html).toEqual([
      expect.objectContaining({ field: 'attachments[0].content', message: expect.stringMatching(/HTML/) }),
    ]);
    const svg = await refused({ fileName: 'logo.svg', declaredType: 'image/svg+xml', content: SVG });
    expect(svg).toEqual([
      expect.objectContaining({
        field: 'attachments[0].content',
        message: expect.stringMatching(/^is an SVG image/),
      }),
    ]);
    const archive = zip([{ name: 'readme.txt', data: 'not a document' }]);
    expect(await refused({ fileName: 'documents.docx', content: archive })).toEqual([
      expect.objectContaining({
        field: 'attachments[0].content',
        message: expect.stringMatching(/^is a ZIP archive/),
      }),
    ]);
  });

  it('R-CMP-03 refuses a PNG declared and named as a PDF, naming both fields', async () => {
    const issues = await refused({ fileName: 'scan.pdf', declaredType: 'application/pdf', content: png() });
    expect(issues).toEqual([
      {
        field: 'attachments[0].declaredType',
        message: "says application/pdf but the file's content is PNG image (image/png)",
        messageFa: expect.any(String),
      },
      {
        field: 'attachments[0].fileName',
        message: "ends in .pdf but the file's content is PNG image (image/png): its name must end in .png",
        messageFa: expect.any(String),
      },
    ]);
  });

  it('R-CMP-03 refuses a name whose bidi override hides an .exe extension', async () => {
    // Shown as "invoiceexe.pdf", really "invoice‮fdp.exe".
    const issues = await refused({ fileName: 'invoice\u202Efdp.exe', content: pdf() });
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'attachments[0].fileName',
        message: expect.stringMatching(/^ends in \.exe/),
      }),
    ]);
  });

  it('R-CMP-03 refuses an attachment for a complaint that does not exist', async () => {
    await expect(
      add(2_000_000, { fileName: 'a.pdf', content: pdf() }, undefined, refusalStore),
    ).rejects.toThrow(NotFoundError);
    expect(await filesUnder(refusalStore.rootDir)).toEqual([]);
  });
});

describe('addComplaintAttachment: limits per complaint', () => {
  it('R-CMP-03 refuses a sixth file', async () => {
    const complaintId = await newComplaint();
    for (let i = 0; i < 5; i++)
      await add(complaintId, { fileName: `note-${i}.txt`, content: Buffer.from(`note ${i}`) });
    const before = await filesUnder(store.rootDir);
    expect(await refusal(complaintId, { fileName: 'note-5.txt', content: Buffer.from('note 5') })).toEqual([
      expect.objectContaining({
        field: 'attachments[5]',
        message: 'is one file too many: a complaint may have at most 5 attachments',
      }),
    ]);
    expect(await listComplaintAttachments(db.app, complaintId)).toHaveLength(5);
    expect(await filesUnder(store.rootDir)).toEqual(before);
  });

  it('R-CMP-03 refuses a file that brings the total over 25 MB, and accepts exactly 25 MB', async () => {
    const complaintId = await newComplaint();
    await add(complaintId, { fileName: 'one.pdf', content: pdf('one', 10 * MB) });
    await add(complaintId, { fileName: 'two.pdf', content: pdf('two', 10 * MB) });
    const before = await filesUnder(store.rootDir);
    expect(await refusal(complaintId, { fileName: 'three.pdf', content: pdf('three', 5 * MB + 1) })).toEqual([
      expect.objectContaining({
        field: 'attachments[2].content',
        message:
          "would bring the complaint's attachments to 26,214,401 bytes: together they may be at most 25 MB (26,214,400 bytes)",
      }),
    ]);
    expect(await filesUnder(store.rootDir)).toEqual(before);
    await add(complaintId, { fileName: 'three.pdf', content: pdf('three', 5 * MB) });
    expect(await listComplaintAttachments(db.app, complaintId)).toHaveLength(3);
  });

  it('R-CMP-03 takes lower limits and the field name from the options', async () => {
    const complaintId = await newComplaint();
    const error = await add(
      complaintId,
      { fileName: 'a.txt', content: Buffer.from('12345') },
      { limits: { maxFileBytes: 4 }, field: 'files[3]' },
    ).catch((e: unknown) => e);
    expect((error as DomainInputError).issues).toEqual([
      expect.objectContaining({
        field: 'files[3].content',
        message: 'is 5 bytes: a file may be at most 4 bytes (4 bytes)',
      }),
    ]);
  });

  it('R-CMP-03 refuses the same file twice in one complaint', async () => {
    const complaintId = await newComplaint();
    const first = await add(complaintId, { fileName: 'scan.png', content: png() });
    expect(await refusal(complaintId, { fileName: 'scan-copy.png', content: png() })).toEqual([
      expect.objectContaining({
        field: 'attachments[1].content',
        message: `is the same file as attachment ${first.id} ("scan.png") of this complaint`,
      }),
    ]);
    expect(await listComplaintAttachments(db.app, complaintId)).toHaveLength(1);
  });
});

describe('file names', () => {
  it('R-CMP-03 strips paths, controls and bidi controls, keeps Persian, and never leaves a name empty', () => {
    expect(cleanFileName('../../etc/passwd.txt', 'txt')).toBe('passwd.txt');
    expect(cleanFileName('C:\\Users\\Ali\\Desktop\\نامهٔ شکایت.pdf', 'pdf')).toBe('نامهٔ شکایت.pdf');
    expect(cleanFileName('C:evil.pdf', 'pdf')).toBe('evil.pdf');
    expect(cleanFileName('گزارش\u200cها\u202E\u2066 نهایی\u2069\u0000\r\n.pdf', 'pdf')).toBe(
      'گزارش\u200cها نهایی.pdf',
    );
    expect(cleanFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe');
    expect(cleanFileName('..', 'pdf')).toBe('attachment.pdf');
    expect(cleanFileName('\u202E\u2067/', 'png')).toBe('attachment.png');
    expect(cleanFileName('نامه ۱۴۰۵', 'txt')).toBe('نامه ۱۴۰۵.txt');
    const long = cleanFileName(`${'ب'.repeat(300)}.docx`, 'docx');
    expect(Array.from(long)).toHaveLength(255);
    expect(long.endsWith('ب.docx')).toBe(true);
  });

  it('R-CMP-03 keeps the cleaned name of an upload whose name walks out of its folder', async () => {
    const complaintId = await newComplaint();
    const added = await add(complaintId, { fileName: '..\\..\\windows\\system32\\گزارش.txt', content: TEXT });
    expect(added.fileName).toBe('گزارش.txt');
    const row = (await db.app('complaint_attachments').where({ id: added.id }).first()) as {
      file_name: string;
    };
    expect(row.file_name).toBe('گزارش.txt');
  });
});

describe('detectFileType', () => {
  it('R-CMP-03 decides by content alone and refuses macros, scripts and unknown binaries', () => {
    const kind = (b: Buffer) => {
      const v = detectFileType(b);
      return v.allowed ? v.type.kind : v.detectedEn;
    };
    expect(kind(docx())).toBe('docx');
    expect(kind(xlsx())).toBe('xlsx');
    expect(kind(docm())).toMatch(/macros/);
    expect(kind(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('a script');
    expect(kind(Buffer.from('PKO bank receipt, paid in full'))).toBe('text');
    expect(kind(Buffer.from('MZ are my initials'))).toBe('text');
    expect(kind(Buffer.from([0xc3, 0x28, 0x41]))).toMatch(/unknown/); // not UTF-8
    expect(kind(Buffer.from('a\u0000b'))).toMatch(/unknown/);
    expect(kind(Buffer.from('  <p>hello</p>'))).toMatch(/HTML/);
    expect(
      kind(
        zip([
          {
            name: '[Content_Types].xml',
            data: contentTypes(
              '/ppt/presentation.xml',
              'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
            ),
          },
        ]),
      ),
    ).toMatch(/another kind/);
    expect(kind(docx().subarray(0, 200))).toMatch(/ZIP archive/); // truncated: no central directory
  });
});

describe('LocalFileStore', () => {
  it('R-CMP-03 never follows a key or a link outside its root', async () => {
    const root = path.join(tmp, 'guarded');
    const outside = path.join(tmp, 'outside');
    await fs.mkdir(outside, { recursive: true });
    const guarded = new LocalFileStore(root);
    for (const key of ['../outside/x', '/etc/passwd', 'ab/../../x', 'ab//x', '.hidden', 'ab\\x', '']) {
      await expect(guarded.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
      await expect(guarded.get(key)).rejects.toThrow(/invalid storage key/);
    }
    await guarded.put('ok/file', Buffer.from('inside'));
    await fs.symlink(outside, path.join(root, 'ln'));
    await expect(guarded.put('ln/file', Buffer.from('x'))).rejects.toThrow(/not a directory/);
    await fs.writeFile(path.join(outside, 'secret'), 'secret');
    await fs.symlink(path.join(outside, 'secret'), path.join(root, 'ok', 'secret'));
    await expect(guarded.get('ok/secret')).rejects.toThrow(/is a link/);
    expect(await guarded.exists('ok/secret')).toBe(false);
    expect(await fs.readdir(outside)).toEqual(['secret']);
    expect((await guarded.get('ok/file'))?.toString()).toBe('inside');
    expect(await guarded.get('ok/missing')).toBeUndefined();
    expect(await guarded.exists('missing/file')).toBe(false);
  });

  it('R-CMP-03 refuses to read back a file that no longer matches its SHA-256', async () => {
    const complaintId = await newComplaint();
    const content = Buffer.from('original content');
    const added = await add(complaintId, { fileName: 'a.txt', content });
    await fs.writeFile(path.join(store.rootDir, added.storageKey), 'tampered content');
    await expect(readComplaintAttachment(db.app, store, added.id)).rejects.toThrow(/does not match/);
    await expect(readComplaintAttachment(db.app, store, 2_000_000)).rejects.toThrow(NotFoundError);
  });
});

describe('audit', () => {
  it('R-X-02 records an audit event with the attachment in the same transaction, and the chain verifies', async () => {
    const complaintId = await newComplaint();
    const content = pdf('audited');
    const added = await add(complaintId, { fileName: '../\u202Eaudited.pdf', content });
    const events = (await db
      .app('audit_events')
      .where({
        entity_type: 'complaint',
        entity_id: String(complaintId),
        action: 'complaint.attachment-added',
      })
      .select('actor', 'document_code', 'after')) as {
      actor: string;
      document_code: string;
      after: unknown;
    }[];
    expect(events).toEqual([
      {
        actor: ACTOR,
        document_code: 'ME-FR-01-01-01',
        after: {
          attachmentId: added.id,
          fileName: 'audited.pdf',
          fileNameAsUploaded: '../\u202Eaudited.pdf',
          mediaType: 'application/pdf',
          sizeBytes: content.length,
          sha256: sha256(content),
          storageKey: contentAddress(sha256(content)),
        },
      },
    ]);
    expect(await verifyAuditTrail(db.app)).toMatchObject({ ok: true });
  });

  it('R-X-02 leaves neither row nor audit event when the transaction rolls back', async () => {
    const complaintId = await newComplaint();
    const before = await db.app('audit_events').count();
    await expect(
      db.app.transaction(async (trx) => {
        await addComplaintAttachment(
          trx,
          store,
          { complaintId, fileName: 'x.txt', content: Buffer.from('x') },
          ACTOR,
        );
        throw new Error('the upload of the next file failed');
      }),
    ).rejects.toThrow('the upload of the next file failed');
    expect(await listComplaintAttachments(db.app, complaintId)).toEqual([]);
    expect(await db.app('audit_events').count()).toEqual(before);
  });
});
