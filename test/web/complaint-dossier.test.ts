import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { completeAs } from '../processes/support/case-driver.js';
import { attachmentDisposition } from '../../src/web/complaints/content-disposition.js';
import { startComplaintCases, type ComplaintCases } from './complaint-cases.js';
import { signIn, type SignedIn } from './support.js';

interface Stage {
  stage: string;
  labelFa: string;
  actor: { username: string | null; nameFa: string | null; label: string | null };
  occurredAt: string;
  summaryFa: string | null;
  data: Record<string, unknown>;
}
interface InstancePath {
  processInstanceKey: string;
  processDefinitionId: string;
  state: string;
  elementsVisited: string[];
  activeElements: string[];
  takenSequenceFlows: string[];
  openTasks: { elementId: string; assignee: string | null }[];
  incidents: unknown[];
}
interface Dossier {
  complaint: Record<string, unknown>;
  stages: Stage[];
  attachments: {
    id: number;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    uploadedAt: string;
    downloadUrl: string;
  }[];
  rootCauses: unknown[];
  committeeMeetings: unknown[];
  correctiveActions: unknown[];
  satisfaction: { satisfaction: number | null } | null;
  auditEvents: {
    seq: number;
    actor: string;
    actorNameFa: string | null;
    action: string;
    entityType: string;
    documentCode: string | null;
  }[];
  process: (InstancePath & { calledInstances: InstancePath[] }) | null;
  processUnavailable: boolean;
}

describe('case dossier: GET /api/complaints/:id, its diagram and attachments', () => {
  let cases: ComplaintCases;
  const users: Record<string, SignedIn> = {};

  beforeAll(async () => {
    cases = await startComplaintCases();
    for (const username of [
      'auditor',
      'mcc.manager',
      'membership.manager',
      'trade.manager',
      'legal.manager',
      'admin',
    ])
      users[username] = await signIn(cases.app, username);
  }, 180_000);
  afterAll(() => cases.close());

  const get = (username: string | undefined, path: string) => {
    const req = request(cases.app).get(path);
    return username ? req.set('cookie', users[username]!.cookie) : req;
  };
  const dossier = async (username: string, id: number): Promise<Dossier> => {
    const res = await get(username, `/api/complaints/${id}`);
    expect(res.status).toBe(200);
    return res.body as Dossier;
  };
  /** Supertest keeps a binary body as a Buffer only when asked to. */
  const download = (username: string | undefined, path: string) =>
    get(username, path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('R-CMP-14 R-CMP-03 shows the complaint form with every stage recorded so far, in order, with its data', async () => {
    const d = await dossier('auditor', cases.a.id);
    expect(d.complaint).toMatchObject({
      id: cases.a.id,
      trackingCode: cases.a.trackingCode,
      documentCode: 'ME-FR-01-01-01',
      subject: 'تأخیر در تمدید کارت بازرگانی',
      description: 'درخواست تمدید کارت بازرگانی بیش از سه هفته است بی‌پاسخ مانده است.',
      channel: 'website',
      channelLabelFa: 'وب‌سایت اتاق',
      status: 'investigating',
      statusLabelFa: 'در حال رسیدگی',
      severity: 'minor',
      severityLabelFa: 'جزئی',
      complainant: { name: 'محسن رستگار', phone: null, email: 'rastegar@example.ir' },
      concernedUnit: { nameFa: expect.stringMatching(/[\u0600-\u06FF]/) },
      handler: { username: 'legal.manager', fullNameFa: expect.stringMatching(/[\u0600-\u06FF]/) },
      registeredBy: { username: 'mcc.expert1' },
      receivedAt: '2026-06-03T06:30:00.000Z',
      overdue: true,
      processInstanceKey: cases.a.key,
    });
    const stages = d.stages.map((s) => s.stage);
    expect(stages.slice(0, 1)).toEqual(['registered']);
    const order = ['registered', 'reviewed', 'forwarded_to_secretary_general', 'handler_assigned'];
    expect(stages.filter((s) => order.includes(s))).toEqual(order);
    for (const s of d.stages) {
      expect(s.labelFa).toMatch(/[\u0600-\u06FF]/);
      expect(s.occurredAt).toMatch(/Z$/);
    }
    const times = d.stages.map((s) => s.occurredAt);
    expect([...times].sort()).toEqual(times);
    const reviewed = d.stages.find((s) => s.stage === 'reviewed')!;
    expect(reviewed.data).toMatchObject({
      severity: 'minor',
      kind: 'complaint',
      reviewNote: 'مدارک کامل است.',
    });
    // Stages recorded by a worker name the worker; who decided is in the audit trail (user-task.completed).
    expect(reviewed.actor.label).toMatch(/^system:/);
    expect(d.stages[0]!.actor).toMatchObject({ username: 'mcc.expert1', label: 'staff:mcc.expert1' });
  });

  it('R-CMP-03 lists the attachments with name, type, size and SHA-256', async () => {
    const d = await dossier('auditor', cases.a.id);
    expect(d.attachments).toEqual([
      {
        id: cases.attachments.pdf.id,
        fileName: 'رسید پرداخت _حق عضویت_.pdf',
        mediaType: 'application/pdf',
        sizeBytes: cases.attachments.pdf.content.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        uploadedAt: expect.any(String),
        uploadedBy: expect.stringMatching(/[\u0600-\u06FF]/),
        downloadUrl: `/api/complaints/${cases.a.id}/attachments/${cases.attachments.pdf.id}`,
      },
      expect.objectContaining({
        id: cases.attachments.text.id,
        fileName: 'گزارش تماس.txt',
        mediaType: 'text/plain',
      }),
    ]);
  });

  it('R-X-02 lists the audit events about the complaint, oldest first, with who did what', async () => {
    const d = await dossier('auditor', cases.a.id);
    const actions = d.auditEvents.map((e) => e.action);
    expect(actions[0]).toBe('complaint.registered');
    expect(actions).toEqual(
      expect.arrayContaining(['complaint.reviewed', 'complaint.attachment-added', 'user-task.completed']),
    );
    const seqs = d.auditEvents.map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const completed = d.auditEvents.find((e) => e.action === 'user-task.completed')!;
    expect(completed).toMatchObject({
      actor: 'staff:mcc.manager',
      actorNameFa: expect.stringMatching(/[\u0600-\u06FF]/),
    });
    expect(
      d.auditEvents
        .filter((e) => e.entityType === 'complaint')
        .every((e) => e.documentCode === 'ME-FR-01-01-01'),
    ).toBe(true);
    // Nothing about the other complaints.
    const other = await dossier('auditor', cases.b.id);
    const aSeqs = new Set(seqs);
    expect(other.auditEvents.some((e) => aSeqs.has(e.seq))).toBe(false);
  });

  it('R-CMP-14 shows the path the case took through the process and marks the current step', async () => {
    const d = await dossier('mcc.manager', cases.a.id);
    expect(d.processUnavailable).toBe(false);
    const p = d.process!;
    expect(p).toMatchObject({
      processInstanceKey: cases.a.key,
      processDefinitionId: 'complaint-handling',
      state: 'ACTIVE',
    });
    expect(p.elementsVisited[0]).toBe('Start_Registered');
    const at = (id: string) => p.elementsVisited.indexOf(id);
    expect(at('Task_Register')).toBeGreaterThan(0);
    expect(at('Task_ManagerReview')).toBeGreaterThan(at('Task_Register'));
    expect(at('Task_Investigate')).toBeGreaterThan(at('Task_ManagerReview'));
    expect(p.elementsVisited).toEqual(
      expect.arrayContaining([
        'Task_ManagerReview',
        'Task_AssignHandler',
        'Task_CheckIndependence',
        'Task_Investigate',
      ]),
    );
    expect(p.elementsVisited).not.toContain('Task_SecretaryGeneralDecision');
    expect(p.activeElements).toEqual(['Task_Investigate']);
    expect(p.openTasks).toEqual([
      expect.objectContaining({ elementId: 'Task_Investigate', assignee: 'legal.manager' }),
    ]);
    expect(p.incidents).toEqual([]);
    expect(p.calledInstances).toEqual([]);
    // Every taken flow is a flow of the diagram.
    const xml = (await get('mcc.manager', `/api/complaints/${cases.a.id}/diagram`)).text;
    expect(p.takenSequenceFlows.length).toBeGreaterThan(5);
    for (const flow of p.takenSequenceFlows) expect(xml).toContain(`<bpmn:sequenceFlow id="${flow}"`);

    const closed = (await dossier('mcc.manager', cases.d.id)).process!;
    expect(closed.state).toBe('COMPLETED');
    expect(closed.activeElements).toEqual([]);
    expect(closed.elementsVisited).toEqual(expect.arrayContaining(['Task_Close', 'End_Closed']));
    expect((await dossier('mcc.manager', cases.d.id)).satisfaction).toMatchObject({ satisfaction: 4 });
  });

  it("R-CMP-11 R-ISO-04 shows a committee's corrective actions, with the path of each action's own instance", async () => {
    const { sut } = cases;
    const unitId = (
      (await sut.db.owner('units').where({ code: 'certificates' }).first('id')) as { id: number }
    ).id;
    const e = await cases.fileComplaint({
      channel: 'in_person',
      complainantName: 'رضا نادری',
      complainantEmail: 'naderi@example.ir',
      subject: 'صدور گواهی مبدأ با اشتباه',
      description: 'نام کشور مقصد در گواهی مبدأ اشتباه درج شده است.',
      concernedUnitId: unitId,
    });
    const step = (username: string, key: string, elementId: string, values: Record<string, unknown>) =>
      completeAs(sut, username, key, elementId, values);
    await step('mcc.manager', e.key, 'Task_ManagerReview', {
      severity: 'major',
      concernedUnitId: unitId,
      namedStaffIds: [],
      kind: 'complaint',
      reviewNote: 'در کمیته بررسی شود.',
    });
    await step('sg', e.key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });
    await step('legal.manager', e.key, 'Task_Investigate', {
      circumstances: 'خطای ورود داده',
      causes: 'نبود بازبینی دوم',
      consequences: 'توقف محموله',
      actionsTaken: 'گواهی اصلاح شد',
      evidence: 'نسخهٔ گواهی',
    });
    await step('legal.manager', e.key, 'Task_RootCauseAnalysis', {
      rootCauseMethod: 'ishikawa',
      rootCauseCategory: 'method',
      rootCause: 'فرایند صدور بازبینی دوم ندارد',
      analysis: { method: ['نبود چک‌لیست'] },
    });
    await step('sg', e.key, 'Task_SecretaryGeneralDecision', {
      decision: 'accepted',
      conveneCommittee: true,
      committeeExtraStaffIds: [],
      decisionNote: 'در کمیته بررسی شود.',
    });
    await step('mcc.manager', e.key, 'Task_ArrangeCommittee', {
      committeeAt: '2026-06-10T10:00:00+03:30',
      committeeLocation: 'اتاق جلسات طبقهٔ دوم',
      committeeAgenda: 'بررسی شکایت از صدور گواهی مبدأ',
    });
    const action = {
      description: 'افزودن بازبینی دوم به صدور گواهی مبدأ',
      ownerUsername: 'certificates.manager',
      dueOn: '2026-06-30',
      resources: 'یک کارشناس',
      successIndicator: 'صفر خطای ورود داده در سه ماه',
    };
    await step('mcc.manager', e.key, 'Task_CommitteeDecision', {
      committeeDecision: 'settled',
      committeeNote: 'مصالحه شد.',
      correctiveActions: [action],
    });
    const before = (await dossier('auditor', e.id)).process!.calledInstances;
    expect(before).toHaveLength(1);
    // Not opened yet: the action is still being defined, so no record is linked to the instance.
    expect(before[0]).toMatchObject({ activeElements: ['Task_DefineAction'], correctiveActionId: null });
    await step('mcc.manager', before[0]!.processInstanceKey, 'Task_DefineAction', {
      ...action,
      verifyAfterDays: 30,
    });

    const d = await dossier('auditor', e.id);
    expect(d.rootCauses).toEqual([
      expect.objectContaining({
        method: 'ishikawa',
        methodLabelFa: expect.stringMatching(/ایشیکاوا/),
        rootCauseFa: 'فرایند صدور بازبینی دوم ندارد',
      }),
    ]);
    expect(d.committeeMeetings).toEqual([
      expect.objectContaining({
        decision: 'settled',
        decisionLabelFa: 'سازش',
        members: expect.arrayContaining([expect.objectContaining({ username: 'sg', membership: 'fixed' })]),
      }),
    ]);
    expect(d.correctiveActions).toEqual([
      expect.objectContaining({
        descriptionFa: action.description,
        owner: { username: 'certificates.manager', fullNameFa: expect.stringMatching(/[\u0600-\u06FF]/) },
        dueOn: '2026-06-30',
        status: 'open',
        statusLabelFa: 'باز',
        processInstanceKey: before[0]!.processInstanceKey,
      }),
    ]);
    const actionId = (d.correctiveActions[0] as { id: number }).id;
    const child = d.process!.calledInstances[0]!;
    expect(child).toMatchObject({
      processDefinitionId: 'corrective-action',
      state: 'ACTIVE',
      activeElements: ['Task_ReportProgress'],
      correctiveActionId: actionId,
    });
    expect(child.elementsVisited).toEqual(expect.arrayContaining(['Task_DefineAction', 'Task_OpenAction']));
    expect(d.process!.activeElements).toEqual(
      expect.arrayContaining(['Call_CorrectiveActions', 'Task_CommunicateResult']),
    );
    // The action's own events and the tasks of its instance are in the dossier's audit trail.
    expect(d.auditEvents.some((a) => a.entityType === 'corrective-action')).toBe(true);
    const childXml = await get(
      'auditor',
      `/api/complaints/${e.id}/diagram?processInstanceKey=${child.processInstanceKey}`,
    );
    expect(childXml.status).toBe(200);
    expect(childXml.text).toContain('<bpmn:process id="corrective-action"');
  });

  it("R-CMP-14 serves the BPMN XML of the case's process for the viewer", async () => {
    const res = await get('membership.manager', `/api/complaints/${cases.a.id}/diagram`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/xml');
    expect(res.text).toContain('<bpmn:process id="complaint-handling"');
    expect(res.text).toContain('bpmndi:BPMNDiagram');
    // Only the case's own instance (or one it called).
    const foreign = await get(
      'membership.manager',
      `/api/complaints/${cases.a.id}/diagram?processInstanceKey=${cases.d.key}`,
    );
    expect(foreign.status).toBe(404);
  });

  it('R-CMP-03 R-X-02 downloads an attachment byte for byte, as an attachment, and records who took it', async () => {
    const res = await download(
      'membership.manager',
      `/api/complaints/${cases.a.id}/attachments/${cases.attachments.pdf.id}`,
    );
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, cases.attachments.pdf.content)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="attachment-${cases.attachments.pdf.id}.pdf"; filename*=UTF-8''${encodeURIComponent('رسید پرداخت _حق عضویت_.pdf')}`,
    );
    const text = await download(
      'membership.manager',
      `/api/complaints/${cases.a.id}/attachments/${cases.attachments.text.id}`,
    );
    expect(Buffer.compare(text.body as Buffer, cases.attachments.text.content)).toBe(0);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');

    const d = await dossier('auditor', cases.a.id);
    const downloads = d.auditEvents.filter((e) => e.action === 'complaint.attachment-downloaded');
    expect(downloads.map((e) => e.actor)).toEqual(['staff:membership.manager', 'staff:membership.manager']);
    expect(await verifyAuditTrail(cases.sut.db.owner)).toMatchObject({ ok: true });
  });

  it('R-X-03 keeps any file name inside its Content-Disposition header', () => {
    expect(attachmentDisposition('report "final"\\x.pdf', 'attachment-1')).toBe(
      `attachment; filename="report _final__x.pdf"; filename*=UTF-8''report%20%22final%22%5Cx.pdf`,
    );
    expect(attachmentDisposition('گزارش (نهایی).txt', 'attachment-7')).toBe(
      `attachment; filename="attachment-7.txt"; filename*=UTF-8''${encodeURIComponent('گزارش ')}%28${encodeURIComponent('نهایی')}%29.txt`,
    );
    expect(attachmentDisposition("O'Brien (copy).pdf", 'a')).toBe(
      `attachment; filename="O'Brien (copy).pdf"; filename*=UTF-8''O%27Brien%20%28copy%29.pdf`,
    );
    expect(attachmentDisposition('line\r\nSet-Cookie: x.pdf', 'a')).not.toMatch(/[\r\n]/);
  });

  it('R-X-03 answers 404 for an attachment of another complaint or one that does not exist', async () => {
    const wrong = await get(
      'auditor',
      `/api/complaints/${cases.b.id}/attachments/${cases.attachments.pdf.id}`,
    );
    expect(wrong.status).toBe(404);
    expect((await get('auditor', `/api/complaints/${cases.a.id}/attachments/999999`)).status).toBe(404);
    expect((await get('auditor', `/api/complaints/${cases.a.id}/attachments/abc`)).status).toBe(404);
  });

  it("R-X-03 R-ISO-08 a unit manager trying another unit's complaint by id gets 404 for it, its diagram and attachments", async () => {
    // trade.manager: C concerns the trade unit; A concerns membership.
    expect((await get('trade.manager', `/api/complaints/${cases.c.id}`)).status).toBe(200);
    for (const path of [
      `/api/complaints/${cases.a.id}`,
      `/api/complaints/${cases.a.id}/diagram`,
      `/api/complaints/${cases.a.id}/attachments/${cases.attachments.pdf.id}`,
    ]) {
      const res = await get('trade.manager', path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'complaint-not-found' });
    }
    // The same answer as for a complaint that does not exist: ids reveal nothing.
    const missing = await get('trade.manager', '/api/complaints/999999');
    const hidden = await get('trade.manager', `/api/complaints/${cases.a.id}`);
    expect(hidden.body).toEqual(missing.body);
    expect((await get('trade.manager', '/api/complaints/not-an-id')).status).toBe(404);
    expect((await get('membership.manager', `/api/complaints/${cases.b.id}`)).status).toBe(404);
  });

  it('R-X-03 lets the handler open the complaint they handle, and nothing else', async () => {
    expect((await get('legal.manager', `/api/complaints/${cases.a.id}`)).status).toBe(200);
    expect((await get('legal.manager', `/api/complaints/${cases.d.id}`)).status).toBe(404);
  });

  it('R-X-03 R-ISO-08 gives the administrator no case, and nobody anything without a session', async () => {
    for (const path of [
      `/api/complaints/${cases.a.id}`,
      `/api/complaints/${cases.a.id}/diagram`,
      `/api/complaints/${cases.a.id}/attachments/${cases.attachments.pdf.id}`,
    ]) {
      expect((await get('admin', path)).status).toBe(404);
      expect((await get(undefined, path)).status).toBe(401);
    }
  });
});
