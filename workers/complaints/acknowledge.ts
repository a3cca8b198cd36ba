import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import {
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { complainantContact } from '../../src/domain/complaints/contacts.js';
import { isoWithOffset } from '../../src/domain/complaints/iso-time.js';
import { complaintStatusUrl } from '../../src/domain/complaints/links.js';
import { recordStage } from '../../src/domain/complaints/record-stage.js';
import { enqueueEmail, enqueueSms } from '../../src/notify/index.js';
import { clip, stageContext } from '../support.js';
import { dateTimeOut, entityId } from '../variables.js';

/**
 * Task_Acknowledge (R-ISO-01): tells the complainant by e-mail and SMS that the complaint was
 * received, with its tracking code, within 2 working days of receipt.
 */
export const acknowledgeWorker = defineWorker({
  type: 'complaint.acknowledge',
  description: 'Acknowledges the complaint to the complainant by e-mail and SMS with the tracking code',
  input: z.object({ complaintId: entityId }),
  output: z.object({ acknowledgedAt: dateTimeOut }),
  async handler(job, services) {
    const now = services.now();
    return services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, job.variables.complaintId);
      if (complaint.acknowledged_at) return { acknowledgedAt: isoWithOffset(complaint.acknowledged_at) };
      const contact = await complainantContact(trx, complaint);
      if (!contact.email && !contact.mobile) {
        throw new Error(
          `complaint ${complaint.id} has neither an e-mail address nor a mobile number to acknowledge to`,
        );
      }
      const data = {
        recipientName: contact.name,
        trackingCode: complaint.tracking_code,
        receivedAt: complaint.received_at,
        complaintTitle: clip(complaint.subject, 300),
        statusUrl: complaintStatusUrl(services.publicBaseUrl),
        ...(complaint.response_due_at ? { respondBy: complaint.response_due_at } : {}),
      };
      const entity = { entityType: 'complaint', entityId: complaint.id };
      const channels: string[] = [];
      if (contact.email) {
        await enqueueEmail(trx, {
          to: contact.email,
          template: 'complaint-acknowledgement',
          data,
          dedupeKey: `complaint:${complaint.id}:acknowledgement:email`,
          ...entity,
        });
        channels.push('email');
      }
      if (contact.mobile) {
        await enqueueSms(trx, {
          to: contact.mobile,
          template: 'complaint-acknowledgement',
          data,
          dedupeKey: `complaint:${complaint.id}:acknowledgement:sms`,
          ...entity,
        });
        channels.push('sms');
      }
      const after = await updateComplaint(trx, complaint.id, { acknowledged_at: now });
      const diff = changedFields(auditView(complaint), auditView(after));
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'acknowledged',
        summaryFa: `وصول شکایت با ${channels.map((c) => (c === 'email' ? 'رایانامه' : 'پیامک')).join(' و ')} به شاکی اعلام شد.`,
        data: { channels, trackingCode: complaint.tracking_code },
        audit: diff,
      });
      return { acknowledgedAt: isoWithOffset(now) };
    });
  },
});
