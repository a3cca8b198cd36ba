import path from 'node:path';
import { formatJalaliDateTime } from '../calendar/index.js';
import { caughtMail, listCaughtMails } from '../notify/caught-mail.js';
import type { CommandContext } from './command.js';

/** Lists the e-mails the in-process catcher kept (`npm start` without SMTP_URL); `--show N` prints one. */
export async function mailsCommand({ config, args }: CommandContext): Promise<number> {
  const dir = path.join(config.dataDir, 'mail');
  const showIndex = args[0] === '--show' ? Number(args[1]) : undefined;
  const mails =
    showIndex === undefined
      ? await listCaughtMails(dir)
      : [await caughtMail(dir, showIndex)].filter((m) => !!m);
  if (mails.length === 0) {
    process.stdout.write(showIndex === undefined ? `no caught e-mail in ${dir}\n` : '');
    return 0;
  }
  for (const mail of mails) {
    const when = mail.date ? formatJalaliDateTime(mail.date) : '';
    process.stdout.write(`${String(mail.number).padStart(3)}  ${when}  ${mail.to}  ${mail.subject}\n`);
    if (showIndex !== undefined) {
      process.stdout.write(`\n${mail.text}\n`);
      for (const a of mail.attachments)
        process.stdout.write(`[attachment] ${a.filename} (${a.contentType})\n`);
    }
  }
  return 0;
}
