import type { CommandContext } from './command.js';
import { verifyAuditTrail } from '../audit/audit-trail.js';
import { openDatabase } from '../db/database.js';

export async function verifyCommand({ config, log }: CommandContext): Promise<number> {
  const db = await openDatabase(config, log);
  try {
    const result = await verifyAuditTrail(db.owner);
    if (result.ok) {
      log.info(
        { events: result.events, head: result.headHash },
        `audit trail intact: ${result.events} events`,
      );
      return 0;
    }
    log.error(
      { firstBadSeq: result.firstBadSeq, checked: result.events },
      `audit trail broken: ${result.reason}`,
    );
    return 1;
  } finally {
    await db.close();
  }
}
