import { describe, expect, it } from '@jest/globals';
import { formFields, type FormField } from '../../src/forms/form-schema.js';
import { loadForm } from './support/forms.js';

function field(formId: string, key: string): FormField {
  const found = formFields(loadForm(formId)).find((f) => f.key === key);
  if (!found) throw new Error(`${formId} has no field ${key}`);
  return found;
}

const optionValues = (f: FormField) => f.options?.map((o) => o.value);

describe('what each form asks, by requirement', () => {
  it('R-CMP-02 R-CMP-03 the registration form (ME-FR-01-01-01) takes the channel, the time of occurrence and attachments', () => {
    expect(optionValues(field('complaint-registration', 'channel'))).toEqual([
      'in_person',
      'phone',
      'website',
      'letter',
    ]);
    expect(optionValues(field('complaint-registration', 'kind'))).toEqual([
      'complaint',
      'criticism',
      'suggestion',
    ]);
    expect(field('complaint-registration', 'occurredAt')).toMatchObject({
      valueType: 'date-time',
      required: true,
    });
    expect(field('complaint-registration', 'attachments')).toMatchObject({
      type: 'filepicker',
      multiple: true,
    });
    expect(field('complaint-registration', 'complainantPhone')).toMatchObject({
      required: true,
      pattern: '^0[0-9]{10}$',
      hide: ['=memberMembershipNo != null and memberMembershipNo != ""'],
    });
  });

  it('R-ISO-01 the phone acknowledgement records whether the complainant was reached and what was said', () => {
    expect(field('complaint-acknowledge-by-phone', 'reached')).toMatchObject({ valueType: 'boolean' });
    expect(field('complaint-acknowledge-by-phone', 'acknowledgementNote')).toMatchObject({ required: true });
    expect(field('complaint-acknowledge-by-phone', 'trackingCode')).toMatchObject({ readonly: true });
  });

  it('R-CMP-04 R-ISO-02 the MCC manager classifies every complaint as critical, major or minor', () => {
    const severity = field('complaint-review', 'severity');
    expect(severity).toMatchObject({ type: 'radio', required: true });
    expect(optionValues(severity)).toEqual(['critical', 'major', 'minor']);
    expect(field('complaint-review', 'namedStaffIds')).toMatchObject({
      type: 'taglist',
      valueType: 'options',
    });
  });

  it('R-CMP-06 R-CMP-15 the investigation report requires circumstances, causes, consequences and actions taken', () => {
    for (const key of ['circumstances', 'causes', 'consequences', 'actionsTaken']) {
      expect(field('complaint-investigation-report', key)).toMatchObject({
        type: 'textarea',
        required: true,
      });
    }
    expect(field('complaint-investigation-report', 'evidence')).toMatchObject({ type: 'textarea' });
  });

  it('R-ISO-03 the root-cause form shows the 5-Why or the Ishikawa fields of the chosen method', () => {
    expect(optionValues(field('complaint-root-cause-analysis', 'rootCauseMethod'))).toEqual([
      'five_why',
      'ishikawa',
    ]);
    expect(field('complaint-root-cause-analysis', 'analysis.why1').hide).toContain(
      '=rootCauseMethod != "five_why"',
    );
    expect(field('complaint-root-cause-analysis', 'analysis.people').hide).toContain(
      '=rootCauseMethod != "ishikawa"',
    );
    expect(field('complaint-root-cause-analysis', 'rootCause')).toMatchObject({ required: true });
  });

  it('R-CMP-07 R-CMP-08 the SG accepts or rejects with reasons, and may convene the committee', () => {
    expect(optionValues(field('complaint-sg-decision', 'decision'))).toEqual(['accepted', 'rejected']);
    expect(field('complaint-sg-decision', 'decisionNote')).toMatchObject({ required: true });
    expect(field('complaint-sg-decision', 'conveneCommittee')).toMatchObject({
      valueType: 'boolean',
      hide: [],
    });
    expect(field('complaint-sg-decision', 'committeeExtraStaffIds').hide).toEqual([
      '=decision != "accepted" or conveneCommittee != true',
    ]);
  });

  it('R-CMP-09 the committee meeting needs a date and time not in the past, a place and an agenda', () => {
    expect(field('complaint-committee-arrangement', 'committeeAt')).toMatchObject({
      valueType: 'date-time',
      required: true,
      disallowPassedDates: true,
      timeSerializingFormat: 'utc_offset',
    });
    expect(field('complaint-committee-arrangement', 'committeeLocation')).toMatchObject({ required: true });
    expect(field('complaint-committee-arrangement', 'committeeAgenda')).toMatchObject({ required: true });
  });

  it('R-CMP-10 R-CMP-11 the committee accepts, rejects or settles and defines corrective actions', () => {
    expect(optionValues(field('complaint-committee-decision', 'committeeDecision'))).toEqual([
      'accepted',
      'rejected',
      'settled',
    ]);
    const list = field('complaint-committee-decision', 'correctiveActions');
    expect(list.component).toMatchObject({ isRepeating: true, allowAddRemove: true, defaultRepetitions: 1 });
  });

  it('R-CMP-12 the result sent to the member is required and says something', () => {
    expect(optionValues(field('complaint-result-notification', 'finalResult'))).toEqual([
      'accepted',
      'rejected',
      'settled',
    ]);
    expect(field('complaint-result-notification', 'resultText')).toMatchObject({
      required: true,
      minLength: 20,
    });
    expect(field('complaint-result-notification', 'decision')).toMatchObject({ readonly: true });
    expect(field('complaint-result-notification', 'committeeDecision')).toMatchObject({
      readonly: true,
      hide: ['=committeeDecision = null'],
    });
  });

  it('R-ISO-04 a corrective action has description, owner, deadline, resources, success indicator and a 30–90 day check', () => {
    const form = 'corrective-action-definition';
    expect(field(form, 'description')).toMatchObject({ required: true });
    expect(field(form, 'ownerUsername')).toMatchObject({ type: 'select', required: true });
    expect(field(form, 'dueOn')).toMatchObject({
      valueType: 'date',
      required: true,
      disallowPassedDates: true,
    });
    expect(field(form, 'resources')).toMatchObject({ required: false });
    expect(field(form, 'successIndicator')).toMatchObject({ required: true });
    expect(field(form, 'verifyAfterDays')).toMatchObject({
      min: 30,
      max: 90,
      decimalDigits: 0,
      defaultValue: 30,
    });
    expect(field('corrective-action-progress', 'progressPct')).toMatchObject({
      min: 0,
      max: 100,
      required: true,
    });
    expect(field('corrective-action-effectiveness', 'effective')).toMatchObject({ valueType: 'boolean' });
  });
});
