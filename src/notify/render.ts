/**
 * Renders a registered template: checks its data against the template's schema, builds the view,
 * and runs the eta files — HTML (auto-escaped), plain text and, where there is one, SMS.
 */
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { z } from 'zod';
import { NotificationInputError, UnknownTemplateError, type NotificationIssue } from './errors.js';
import {
  TEMPLATE_NAMES,
  TEMPLATES,
  isTemplateName,
  type BaseView,
  type RenderContext,
  type TemplateAttachment,
  type TemplateDefinition,
  type TemplateName,
} from './templates/registry.js';

const TEMPLATE_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

const htmlEta = new Eta({ views: TEMPLATE_DIR, autoEscape: true, cache: true });
// Plain text keeps every line break it is given: control lines end in `-%>` to drop their own.
const textEta = new Eta({ views: TEMPLATE_DIR, autoEscape: false, autoTrim: false, cache: true });

export interface RenderedEmail {
  readonly template: TemplateName;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly attachments: readonly TemplateAttachment[];
}

type AnyTemplate = TemplateDefinition<z.ZodType, BaseView>;

function definitionOf(name: string): { name: TemplateName; def: AnyTemplate } {
  if (!isTemplateName(name)) throw new UnknownTemplateError(name, TEMPLATE_NAMES);
  return { name, def: TEMPLATES[name] as unknown as AnyTemplate };
}

/** Zod issues → `data.<path>: <message>`, one per problem. */
export function issuesOf(error: z.ZodError, prefix: string): NotificationIssue[] {
  return error.issues.flatMap((issue): NotificationIssue[] => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [prefix, ...issue.path.map(String), key].filter(Boolean).join('.'),
        message: 'is not a field of this template',
      }));
    }
    return [{ field, message: issue.message }];
  });
}

/** The template's data, checked and with its defaults applied; NotificationInputError otherwise. */
function validData(name: TemplateName, def: AnyTemplate, data: unknown): unknown {
  const parsed = def.schema.safeParse(data, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!parsed.success) throw new NotificationInputError(issuesOf(parsed.error, 'data'), name);
  return parsed.data;
}

/** Blank-line runs collapsed, trailing spaces removed: what eta's control lines leave behind. */
function tidyText(text: string): string {
  return (
    text
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}

export function renderEmail(name: string, data: unknown, ctx: RenderContext): RenderedEmail {
  const { name: template, def } = definitionOf(name);
  const valid = validData(template, def, data);
  const view = { ...def.view(valid, ctx), audience: def.audience };
  return {
    template,
    subject: view.subject,
    html: htmlEta.render(`./${template}.html.eta`, view),
    text: tidyText(textEta.render(`./${template}.txt.eta`, view)),
    attachments: def.attachments?.(valid, ctx) ?? [],
  };
}

export function renderSms(name: string, data: unknown, ctx: RenderContext): string {
  const { name: template, def } = definitionOf(name);
  if (!def.sms) {
    throw new NotificationInputError(
      [{ field: 'template', message: `"${template}" has no SMS form` }],
      template,
    );
  }
  const view = { ...def.view(validData(template, def, data), ctx), audience: def.audience };
  return tidyText(textEta.render(`./${template}.sms.eta`, view))
    .replace(/\n{2,}/g, '\n')
    .trimEnd();
}
