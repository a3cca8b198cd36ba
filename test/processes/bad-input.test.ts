import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { addComplaintAttachment } from '../../src/domain/complaints/attachments.js';
import { DomainInputError } from '../../src/domain/complaints/errors.js';
import { LocalFileStore } from '../../src/domain/complaints/file-store.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

async function issuesOf(work: Promise<unknown>): Promise<{ field: string; message: string }[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainInputError) return [...error.issues];
    throw error;
  }
  throw new Error('the input was accepted');
}

describe('bad input on the complaint form is refused with errors naming the field, and nothing is saved', () => {
  let db: TestDatabase;
  let dir: string;
  let store: LocalFileStore;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-attachments-'));
    store = new LocalFileStore(dir);
  });
  afterAll(async () => {
    await db.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('R-CMP-03 a complaint without a description, channel or a way to reach the complainant', async () => {
    const issues = await issuesOf(
      db.app.transaction((trx) =>
        registerComplaint(
          trx,
          { complainantName: 'بی‌نام', subject: 'موضوع', complainantPhone: '12' } as never,
          'public',
        ),
      ),
    );
    const fields = issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['channel', 'description', 'complainantPhone']));
    expect(await db.owner('complaints').count({ n: '*' })).toEqual([{ n: '0' }]);
  });

  it('R-CMP-03 an oversized or disallowed attachment is refused, the complaint keeps what it had', async () => {
    const { id } = await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'website',
          complainantName: 'سارا',
          complainantEmail: 's@example.ir',
          subject: 'موضوع',
          description: 'شرح شکایت',
        },
        'public',
      ),
    );
    const attach = (fileName: string, content: Buffer, declaredType: string) =>
      issuesOf(
        db.app.transaction((trx) =>
          addComplaintAttachment(trx, store, { complaintId: id, fileName, declaredType, content }, 'public'),
        ),
      );

    const exe = await attach(
      'invoice.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
      'application/pdf',
    );
    expect(exe[0]?.field).toMatch(/^attachments\[0\]\./);
    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const oversized = await attach('big.pdf', huge, 'application/pdf');
    expect(oversized[0]?.message).toMatch(/10/);
    expect(await db.owner('complaint_attachments').where({ complaint_id: id })).toHaveLength(0);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
