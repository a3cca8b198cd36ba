import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** One e-mail the in-process SMTP catcher kept, as the CLI and the administrators' page show it. */
export interface CaughtMailView {
  /** Position in the folder, oldest first, from 1. */
  readonly number: number;
  readonly file: string;
  readonly date: Date | null;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly attachments: { readonly filename: string; readonly contentType: string; readonly size: number }[];
}

/** The `.eml` files in the catcher's folder, oldest first; none when it does not exist. */
async function mailFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
}

async function read(dir: string, file: string, number: number): Promise<CaughtMailView> {
  const mail = await simpleParser(await fs.readFile(path.join(dir, file)));
  return {
    number,
    file,
    date: mail.date ?? null,
    to: [mail.to ?? []]
      .flat()
      .map((a) => a.text)
      .join(', '),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

/** Every caught e-mail, oldest first. */
export async function listCaughtMails(dir: string): Promise<CaughtMailView[]> {
  const files = await mailFiles(dir);
  return Promise.all(files.map((file, i) => read(dir, file, i + 1)));
}

/** The caught e-mail at a position (from 1), or undefined. */
export async function caughtMail(dir: string, number: number): Promise<CaughtMailView | undefined> {
  const file = (await mailFiles(dir))[number - 1];
  return file && Number.isInteger(number) && number >= 1 ? read(dir, file, number) : undefined;
}
