import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { formatJalaliDateTime } from '../calendar/index.js';
import type { CommandContext } from './command.js';

/** Lists the e-mails the in-process catcher kept (`npm start` without SMTP_URL); `--show N` prints one. */
export async function mailsCommand({ config, args }: CommandContext): Promise<number> {
  const dir = path.join(config.dataDir, 'mail');
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).sort();
  if (files.length === 0) {
    process.stdout.write(`no caught e-mail in ${dir}\n`);
    return 0;
  }
  const showIndex = args[0] === '--show' ? Number(args[1]) : undefined;
  for (const [i, file] of files.entries()) {
    if (showIndex !== undefined && i + 1 !== showIndex) continue;
    const mail = await simpleParser(await fs.readFile(path.join(dir, file)));
    const to = [mail.to ?? []]
      .flat()
      .map((a) => a.text)
      .join(', ');
    const when = mail.date ? formatJalaliDateTime(mail.date) : '';
    process.stdout.write(`${String(i + 1).padStart(3)}  ${when}  ${to}  ${mail.subject ?? ''}\n`);
    if (showIndex !== undefined) {
      process.stdout.write(`\n${mail.text ?? ''}\n`);
      for (const a of mail.attachments)
        process.stdout.write(`[attachment] ${a.filename ?? ''} (${a.contentType})\n`);
    }
  }
  return 0;
}
