/** A record id from a path (a complaint, an attachment, a corrective action): a positive 32-bit integer, else undefined. */
export function parseRecordId(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,9}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : undefined;
}
