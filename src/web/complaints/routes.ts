import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { readComplaintAttachment } from '../../domain/complaints/attachments.js';
import { COMPLAINT_FORM } from '../../domain/complaints/complaint-record.js';
import type { FileStore } from '../../domain/complaints/file-store.js';
import type { Logger } from '../../logger.js';
import { requireRole } from '../auth/require-role.js';
import { sessionOf } from '../auth/session-middleware.js';
import { HttpError } from '../http-error.js';
import { parseRecordId } from '../record-id.js';
import { visibleComplaint } from './complaint-access.js';
import { startComplaintProcess } from './complaint-process.js';
import { attachmentDisposition } from './content-disposition.js';
import { auditEventsOf, dossierRecordOf } from './dossier.js';
import { diagramOf, processPathOf, type ProcessPath } from './process-path.js';
import { complaintRegister } from './register.js';
import { parseRegisterQuery } from './register-query.js';

export interface ComplaintRoutesOptions {
  readonly db: Knex;
  readonly client: CamundaClient;
  readonly log: Logger;
  /** Where the files of complaint attachments are kept; without it downloads answer 503. */
  readonly attachmentStore?: FileStore;
}

const NO_ATTACHMENT = () => new HttpError(404, 'attachment-not-found', 'No such attachment.');
const NO_DIAGRAM = () => new HttpError(404, 'diagram-not-found', 'This complaint has no process diagram.');

/**
 * The complaint register and the case dossier, for managers and auditors (R-CMP-14, R-X-02, R-X-03):
 * GET /api/complaints, /api/complaints/:id, /api/complaints/:id/diagram,
 * /api/complaints/:id/attachments/:attachmentId; POST /api/complaints/:id/process-instance. Every route applies the access rule of
 * complaint-access.ts; a complaint the user may not see is a 404, as one that does not exist.
 */
export function complaintRoutes(options: ComplaintRoutesOptions): Router {
  const { db, client, log } = options;
  const router = express.Router();

  router.get('/complaints', async (req, res) => {
    const { staffId } = sessionOf(res);
    res.json(await complaintRegister(db, staffId, parseRegisterQuery(req.query)));
  });

  /** The instance's path, or null with `unavailable` when the engine could not be asked. */
  async function processOf(key: string | null): Promise<{ path: ProcessPath | null; unavailable: boolean }> {
    if (key === null) return { path: null, unavailable: false };
    try {
      return { path: (await processPathOf(client, key)) ?? null, unavailable: false };
    } catch (err) {
      log.warn({ err, processInstanceKey: key }, 'the dossier could not read the process instance');
      return { path: null, unavailable: true };
    }
  }

  router.get('/complaints/:id', async (req, res) => {
    const { staffId } = sessionOf(res);
    const row = await visibleComplaint(db, staffId, req.params.id);
    const [record, process] = await Promise.all([
      dossierRecordOf(db, row),
      processOf(row.process_instance_key),
    ]);
    const actionByInstance = new Map(
      record.correctiveActions.flatMap((a) =>
        a.processInstanceKey ? [[a.processInstanceKey, a.id] as const] : [],
      ),
    );
    const called = process.path?.calledInstances ?? [];
    const auditEvents = await auditEventsOf(
      db,
      row.id,
      record.correctiveActions.map((a) => a.id),
      [
        ...(row.process_instance_key ? [row.process_instance_key] : []),
        ...called.map((i) => i.processInstanceKey),
        ...actionByInstance.keys(),
      ],
    );
    res.json({
      ...record,
      auditEvents,
      process: process.path && {
        ...process.path,
        calledInstances: called.map((i) => ({
          ...i,
          correctiveActionId: actionByInstance.get(i.processInstanceKey) ?? null,
        })),
      },
      processUnavailable: process.unavailable,
    });
  });

  /**
   * Starts the handling process of a complaint that has none (a website complaint saved while the
   * engine was unreachable); for the MCC, whose step comes next. 409 when it has one already.
   */
  router.post(
    '/complaints/:id/process-instance',
    requireRole(db, 'mcc-manager', 'mcc-expert'),
    async (req, res) => {
      const { staffId, username } = sessionOf(res);
      const row = await visibleComplaint(db, staffId, req.params.id);
      const start = await startComplaintProcess(db, client, row.id, `staff:${username}`);
      if (!start.started)
        throw new HttpError(
          409,
          'process-already-started',
          'This complaint has its handling process already.',
          {},
          { processInstanceKey: start.processInstanceKey },
        );
      res.status(201).json({ processInstanceKey: start.processInstanceKey });
    },
  );

  router.get('/complaints/:id/diagram', async (req, res) => {
    const { staffId } = sessionOf(res);
    const row = await visibleComplaint(db, staffId, req.params.id);
    const asked = req.query.processInstanceKey;
    if (asked !== undefined && (typeof asked !== 'string' || !/^[1-9][0-9]{0,18}$/.test(asked)))
      throw NO_DIAGRAM();
    if (row.process_instance_key === null) throw NO_DIAGRAM();
    const xml = await diagramOf(client, row.process_instance_key, asked ?? row.process_instance_key);
    if (xml === undefined) throw NO_DIAGRAM();
    res.type('application/xml; charset=utf-8').send(xml);
  });

  router.get('/complaints/:id/attachments/:attachmentId', async (req, res) => {
    const session = sessionOf(res);
    const row = await visibleComplaint(db, session.staffId, req.params.id);
    const attachmentId = parseRecordId(req.params.attachmentId);
    const owned =
      attachmentId !== undefined &&
      (await db('complaint_attachments').where({ id: attachmentId, complaint_id: row.id }).first('id'));
    if (!owned || attachmentId === undefined) throw NO_ATTACHMENT();
    if (!options.attachmentStore)
      throw new HttpError(503, 'attachment-store-missing', 'Attachments cannot be read on this server.');
    const file = await readComplaintAttachment(db, options.attachmentStore, attachmentId);
    // A copy of a member's documents leaves the system: who took which file is kept (R-X-02, R-X-03).
    await appendAuditEvent(db, {
      actor: `staff:${session.username}`,
      action: 'complaint.attachment-downloaded',
      entityType: 'complaint',
      entityId: row.id,
      after: {
        attachmentId: file.id,
        fileName: file.fileName,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
      },
      ...(row.process_instance_key ? { processInstanceKey: row.process_instance_key } : {}),
      documentCode: COMPLAINT_FORM,
    });
    res.set({
      'content-type': file.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : file.mediaType,
      'content-disposition': attachmentDisposition(file.fileName, `attachment-${file.id}`),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    res.send(file.content);
  });

  return router;
}
