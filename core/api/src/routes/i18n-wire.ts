import type { I18nTexts } from '@dwc/sdk';
import { z } from 'zod';

const fieldTexts = z.object({ title: z.string().optional(), description: z.string().optional(), enum: z.record(z.string(), z.string()).optional() });

/** A catalogue entry's texts in other languages; the UI shows them when its language is one of them. */
export const i18nSchema = z
  .object({
    es: z
      .object({
        name: z.string().optional(),
        description: z.string().optional(),
        fields: z.record(z.string(), fieldTexts).optional().meta({ description: 'Texts by field path, where the entry has fields of its own (a template\'s inputs)' }),
      })
      .optional(),
  })
  .meta({ id: 'I18nTexts', description: 'Name and description in other languages (`es`); JSON Schemas carry their fields\' texts under `x-dwc-i18n`' });

export type I18nWire = z.input<typeof i18nSchema>;

/** The name and description of `i18n` (a schema's field texts travel inside the schema). */
export function i18nWire(i18n: I18nTexts | undefined, options: { fields?: boolean } = {}): { i18n?: I18nWire } {
  if (i18n === undefined) return {};
  const wire: I18nWire = {};
  for (const [language, texts] of Object.entries(i18n) as [keyof I18nWire, NonNullable<I18nTexts['es']>][]) {
    wire[language] = {
      ...(texts.name !== undefined ? { name: texts.name } : {}),
      ...(texts.description !== undefined ? { description: texts.description } : {}),
      ...(options.fields && texts.fields !== undefined ? { fields: texts.fields } : {}),
    };
  }
  return { i18n: wire };
}
