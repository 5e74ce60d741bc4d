import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `condition` action fails with. */
export const conditionErrors = defineErrorCatalogue('@dwc/plugin-action-condition', {
  missing_right: { status: 400, message: 'This operator compares two values: give the step a "right" value.', es: 'Este operador compara dos valores: da al paso un valor "right".' },
  operand_type_mismatch: { status: 400, message: 'The operator needs other types of values; convert them first (e.g. with a transform step).', es: 'El operador necesita valores de otros tipos; conviértelos antes (p. ej. con un paso transform).' },
  incomparable_types: { status: 400, message: 'Values of different types cannot be ordered; compare numbers with numbers, strings with strings, dates with dates.', es: 'Los valores de tipos distintos no se pueden ordenar; compara números con números, textos con textos, fechas con fechas.' },
  invalid_pattern: { status: 400, message: 'The "matches" pattern is not a usable regular expression; fix it (flags: i, m, s, u).', es: 'El patrón de "matches" no es una expresión regular utilizable; corrígelo (indicadores: i, m, s, u).' },
  pattern_too_long: { status: 400, message: 'The "matches" pattern is too long; shorten it.', es: 'El patrón de "matches" es demasiado largo; acórtalo.' },
  pattern_too_slow: { status: 400, message: 'The "matches" pattern took too long on this text (catastrophic backtracking); simplify it.', es: 'El patrón de "matches" tardó demasiado con este texto (retroceso catastrófico); simplifícalo.' },
});
