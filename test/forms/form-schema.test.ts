import { describe, expect, it } from '@jest/globals';
import {
  faDigits,
  formFields,
  MESSAGES,
  validateFormFile,
  validateSubmission,
  type FormSchema,
} from '../../src/forms/form-schema.js';
import { loadForm } from './support/forms.js';

const NOW = new Date('2026-03-01T08:00:00Z'); // 11:30 in Tehran, 1404-12-10

function minimal(components: unknown[]): Record<string, unknown> {
  return {
    id: 'sample-form',
    type: 'default',
    executionPlatform: 'Camunda Cloud',
    executionPlatformVersion: '8.8.0',
    schemaVersion: 18,
    components,
  };
}

function problemsOf(json: unknown): string[] {
  const result = validateFormFile(json);
  return result.ok ? [] : result.problems;
}

describe('validateFormFile', () => {
  it('accepts a minimal form and returns it typed', () => {
    const result = validateFormFile(
      minimal([{ type: 'textfield', id: 'Field_a', key: 'a', label: 'الف', validate: { required: true } }]),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.form.components[0]).toMatchObject({ type: 'textfield', key: 'a' });
  });

  it('rejects text that is not JSON, and forms without the Camunda 8.8 header', () => {
    expect(problemsOf('{ not json')[0]).toMatch(/not valid JSON/);
    const problems = problemsOf({ id: 'x', type: 'form', components: [] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^form property 'type'/),
        expect.stringMatching(/^form property 'schemaVersion'/),
        expect.stringMatching(/^form property 'executionPlatform'/),
      ]),
    );
  });

  it('names the component key and the property of each problem', () => {
    const problems = problemsOf(
      minimal([
        { type: 'textfield', id: 'F1', key: 'phone', label: 'تلفن', validate: { pattern: '([' } },
        { type: 'number', id: 'F2', key: 'pct', label: 'درصد', validate: { min: 10, max: 5, minLength: 2 } },
        {
          type: 'select',
          id: 'F3',
          key: 'unit',
          label: 'واحد',
          values: [{ label: 'الف', value: 'a' }],
          valuesKey: 'u',
        },
        { type: 'textarea', id: 'F4', key: 'note', label: 'یادداشت', conditional: { hide: '=a >' } },
        { type: 'datetime', id: 'F5', key: 'at', subtype: 'datetime', dateLabel: 'تاریخ' },
        {
          type: 'radio',
          id: 'F6',
          key: 'kind',
          label: 'نوع',
          values: [{ label: 'الف', value: 'a' }],
          defaultValue: 'b',
        },
        { type: 'html', id: 'F7', content: '<b>x</b>' },
        { type: 'textfield', id: 'F1', key: 'bad key', label: 'نام' },
        { type: 'checkbox', id: 'F9', key: 'ok' },
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^component 'phone' property 'validate\.pattern': not a regular expression/),
        expect.stringMatching(/^component 'pct' property 'validate\.minLength': not allowed here/),
        expect.stringMatching(/^component 'unit' property 'values': needs exactly one of/),
        expect.stringMatching(/^component 'note' property 'conditional\.hide': FEEL does not parse/),
        expect.stringMatching(/^component 'at' property 'timeLabel'/),
        expect.stringMatching(/^component 'kind' property 'defaultValue': 'b' is not one of the values/),
        expect.stringMatching(/^component 'F7' property 'type': 'html' is not one of/),
        expect.stringMatching(/^component 'bad key' property 'key'/),
        expect.stringMatching(/^component 'ok' property 'label': an input needs a label/),
      ]),
    );
  });

  it('rejects two fields bound to the same variable, and a key inside another field’s value', () => {
    const problems = problemsOf(
      minimal([
        { type: 'textfield', id: 'A', key: 'note', label: 'یک', validate: { maxLength: 5 } },
        { type: 'textarea', id: 'B', key: 'note', label: 'دو' },
        { type: 'textfield', id: 'C', key: 'note.part', label: 'سه' },
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^component 'note' property 'key': 'note' is also bound by component 'note'/),
        expect.stringMatching(
          /^component 'note\.part' property 'key': 'note\.part' lies inside the value of/,
        ),
      ]),
    );
  });
});

describe('formFields', () => {
  it('lists inputs in order, with group paths, conditions and dynamic list items', () => {
    const fields = formFields(loadForm('complaint-root-cause-analysis'));
    const why1 = fields.find((f) => f.key === 'analysis.why1');
    expect(why1).toMatchObject({ variable: 'analysis', type: 'textfield', required: true });
    expect(why1?.hide).toEqual(['=rootCauseMethod = null', '=rootCauseMethod != "five_why"']);
    const list = formFields(loadForm('complaint-committee-decision')).find(
      (f) => f.key === 'correctiveActions',
    );
    expect(list).toMatchObject({ type: 'dynamiclist', valueType: 'list' });
    expect(list?.items?.map((f) => [f.key, f.valueType, f.required])).toEqual([
      ['description', 'string', true],
      ['ownerUsername', 'option', true],
      ['dueOn', 'date', true],
      ['resources', 'string', false],
      ['successIndicator', 'string', true],
    ]);
  });
});

describe('validateSubmission', () => {
  const registration = loadForm('complaint-registration');
  const valid = {
    channel: 'phone',
    kind: 'complaint',
    complainantName: 'مریم احمدی',
    complainantPhone: '09131234567',
    complainantEmail: 'm.ahmadi@example.ir',
    subject: 'تأخیر در صدور کارت بازرگانی',
    description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.',
    occurredAt: '2026-02-20T10:15+03:30',
    remedySought: 'صدور کارت تا پایان هفته',
    concernedUnit: 'امور کارت بازرگانی',
  };

  it('R-CMP-03 accepts a complete registration by phone', () => {
    expect(validateSubmission(registration, valid, { now: NOW })).toEqual([]);
  });

  it('R-CMP-03 the registration form requires a description and a way to reach the complainant', () => {
    const { description: _d, complainantPhone: _p, ...rest } = valid;
    expect(validateSubmission(registration, { ...rest, description: '   ' }, { now: NOW })).toEqual([
      { field: 'complainantPhone', message: 'این فیلد الزامی است' },
      { field: 'description', message: 'این فیلد الزامی است' },
    ]);
  });

  it('R-CMP-03 a member is identified by membership number; name and phone are then not asked', () => {
    const { complainantName: _n, complainantPhone: _p, complainantEmail: _e, ...rest } = valid;
    expect(validateSubmission(registration, { ...rest, memberMembershipNo: '104522' }, { now: NOW })).toEqual(
      [],
    );
    expect(validateSubmission(registration, { ...rest, memberMembershipNo: '12' }, { now: NOW })).toEqual([
      { field: 'memberMembershipNo', message: expect.stringContaining('۴ تا ۱۲ رقم') },
    ]);
    expect(validateSubmission(registration, rest, { now: NOW }).map((p) => p.field)).toEqual([
      'complainantName',
      'complainantPhone',
    ]);
  });

  it('R-CMP-03 rejects a phone number that is not 11 digits starting with 0, and a bad e-mail', () => {
    for (const phone of ['9131234567', '+989131234567', '0913123456', '۰۹۱۳۱۲۳۴۵۶۷', '0913-123-4567']) {
      expect(validateSubmission(registration, { ...valid, complainantPhone: phone }, { now: NOW })).toEqual([
        { field: 'complainantPhone', message: expect.stringContaining('یازده رقم') },
      ]);
    }
    expect(
      validateSubmission(registration, { ...valid, complainantPhone: '03112345678' }, { now: NOW }),
    ).toEqual([]);
    expect(validateSubmission(registration, { ...valid, complainantEmail: 'ahmadi@' }, { now: NOW })).toEqual(
      [{ field: 'complainantEmail', message: MESSAGES.email }],
    );
  });

  it('R-CMP-02 accepts only the registration channels and kinds of the form', () => {
    expect(
      validateSubmission(registration, { ...valid, channel: 'fax', kind: 'praise' }, { now: NOW }),
    ).toEqual([
      { field: 'channel', message: MESSAGES.option },
      { field: 'kind', message: MESSAGES.option },
    ]);
  });

  it('checks text length, type and date formats', () => {
    expect(
      validateSubmission(
        registration,
        { ...valid, subject: 'ab', description: 42, occurredAt: '2026-02-30T10:00+03:30' },
        { now: NOW },
      ),
    ).toEqual([
      { field: 'subject', message: MESSAGES.minLength(3) },
      { field: 'description', message: MESSAGES.text },
      { field: 'occurredAt', message: MESSAGES.dateTime },
    ]);
    expect(
      validateSubmission(registration, { ...valid, occurredAt: '2026-02-20T10:15' }, { now: NOW })[0]?.field,
    ).toBe('occurredAt');
  });

  it('R-ISO-04 rejects an effectiveness check less than 30 or more than 90 days after completion', () => {
    const form = loadForm('corrective-action-definition');
    const action = {
      description: 'بازنگری روش پاسخ‌گویی تلفنی',
      ownerUsername: 'r.karimi',
      dueOn: '2026-03-15',
      successIndicator: 'کاهش شکایت‌های مشابه به نصف در سه ماه',
      verifyAfterDays: 45,
    };
    const context = { staffUsernameOptions: [{ label: 'رضا کریمی', value: 'r.karimi' }] };
    expect(validateSubmission(form, action, { context, now: NOW })).toEqual([]);
    expect(validateSubmission(form, { ...action, verifyAfterDays: 120 }, { context, now: NOW })).toEqual([
      { field: 'verifyAfterDays', message: 'مقدار این فیلد نباید بیشتر از ۹۰ باشد' },
    ]);
    expect(validateSubmission(form, { ...action, verifyAfterDays: 10 }, { context, now: NOW })).toEqual([
      { field: 'verifyAfterDays', message: 'مقدار این فیلد نباید کمتر از ۳۰ باشد' },
    ]);
    expect(validateSubmission(form, { ...action, verifyAfterDays: 30.5 }, { context, now: NOW })).toEqual([
      { field: 'verifyAfterDays', message: MESSAGES.integer },
    ]);
    expect(
      validateSubmission(
        form,
        { ...action, ownerUsername: 'someone.else', dueOn: '2026-02-28' },
        { context, now: NOW },
      ),
    ).toEqual([
      { field: 'ownerUsername', message: MESSAGES.option },
      { field: 'dueOn', message: MESSAGES.passedDate },
    ]);
  });

  it('R-ISO-04 progress is a whole percentage from 0 to 100', () => {
    const form = loadForm('corrective-action-progress');
    const report = {
      description: 'بازنگری روش',
      progressPct: 60,
      progressNote: 'دو جلسه برگزار شد.',
      done: false,
    };
    expect(validateSubmission(form, report)).toEqual([]);
    expect(validateSubmission(form, { ...report, progressPct: 101 })).toEqual([
      { field: 'progressPct', message: MESSAGES.max(100) },
    ]);
    expect(validateSubmission(form, { ...report, progressPct: '60' })).toEqual([
      { field: 'progressPct', message: MESSAGES.number },
    ]);
  });

  it('R-CMP-10 names the field of a corrective action in the committee decision list', () => {
    const form = loadForm('complaint-committee-decision');
    const context = { staffUsernameOptions: [{ label: 'رضا کریمی', value: 'r.karimi' }] };
    const action = {
      description: 'آموزش کارکنان باجه',
      ownerUsername: 'r.karimi',
      dueOn: '2026-04-01',
      successIndicator: 'برگزاری دو دوره',
    };
    const decision = { committeeDecision: 'settled', committeeNote: 'با سازش پایان یافت.' };
    expect(
      validateSubmission(form, { ...decision, correctiveActions: [action] }, { context, now: NOW }),
    ).toEqual([]);
    expect(
      validateSubmission(
        form,
        { ...decision, correctiveActions: [action, { ...action, description: '', dueOn: 'tomorrow' }] },
        { context, now: NOW },
      ),
    ).toEqual([
      { field: 'correctiveActions[1].description', message: MESSAGES.required },
      { field: 'correctiveActions[1].dueOn', message: MESSAGES.date },
    ]);
    expect(validateSubmission(form, { ...decision, correctiveActions: 'none' }, { context })).toEqual([
      { field: 'correctiveActions', message: MESSAGES.list },
    ]);
  });

  it('R-ISO-03 asks for the 5-Why answers only when 5-Why is the chosen method', () => {
    const form = loadForm('complaint-root-cause-analysis');
    const base = { rootCauseCategory: 'process', rootCause: 'نبود روش مکتوب برای تمدید کارت' };
    expect(
      validateSubmission(form, {
        ...base,
        rootCauseMethod: 'ishikawa',
        analysis: { methods: 'روش مکتوب نیست' },
      }),
    ).toEqual([]);
    expect(
      validateSubmission(form, { ...base, rootCauseMethod: 'five_why', analysis: { why1: 'چون…' } }),
    ).toEqual([
      { field: 'analysis.why2', message: MESSAGES.required },
      { field: 'analysis.why3', message: MESSAGES.required },
    ]);
  });

  it('R-CMP-08 the SG names extra committee members only when the committee is convened', () => {
    const form = loadForm('complaint-sg-decision');
    const context = { staffOptions: [{ label: 'رضا کریمی', value: 7 }] };
    const decision = { decision: 'accepted', conveneCommittee: true, decisionNote: 'پذیرفته شد.' };
    expect(validateSubmission(form, { ...decision, committeeExtraStaffIds: [7] }, { context })).toEqual([]);
    expect(validateSubmission(form, { ...decision, committeeExtraStaffIds: [8] }, { context })).toEqual([
      { field: 'committeeExtraStaffIds', message: MESSAGES.option },
    ]);
    // hidden, so not checked, when the committee is not convened
    expect(
      validateSubmission(
        form,
        { ...decision, conveneCommittee: false, committeeExtraStaffIds: [8] },
        { context },
      ),
    ).toEqual([]);
  });

  it('R-CMP-05 the handler must be one of the eligible handlers offered', () => {
    const form = loadForm('complaint-handler-assignment');
    const context = { handlerOptions: [{ label: 'سارا رحیمی', value: 's.rahimi' }] };
    expect(validateSubmission(form, { handlerUsername: 's.rahimi' }, { context })).toEqual([]);
    expect(validateSubmission(form, { handlerUsername: 'named.staff' }, { context })).toEqual([
      { field: 'handlerUsername', message: MESSAGES.option },
    ]);
    expect(validateSubmission(form, {}, { context })).toEqual([
      { field: 'handlerUsername', message: MESSAGES.required },
    ]);
  });

  it('skips read-only context fields and requires a ticked checkbox only when it is required', () => {
    const form = validateFormFile({
      id: 'sample',
      type: 'default',
      executionPlatform: 'Camunda Cloud',
      executionPlatformVersion: '8.8.0',
      schemaVersion: 18,
      components: [
        {
          type: 'textfield',
          id: 'A',
          key: 'code',
          label: 'کد',
          readonly: true,
          validate: { required: true },
        },
        { type: 'checkbox', id: 'B', key: 'agree', label: 'موافقم', validate: { required: true } },
      ],
    });
    if (!form.ok) throw new Error(form.problems.join('\n'));
    expect(validateSubmission(form.form as FormSchema, { agree: false })).toEqual([
      { field: 'agree', message: MESSAGES.required },
    ]);
    expect(validateSubmission(form.form, { agree: true })).toEqual([]);
  });

  it('writes numbers in messages with Persian digits', () => {
    expect(faDigits(4000)).toBe('۴۰۰۰');
    expect(faDigits(-2.5)).toBe('−۲٫۵');
  });
});
