import { defineErrorCatalogue } from '@dwc/sdk';

/** The codes the `condition` action fails with. */
export const conditionErrors = defineErrorCatalogue('@dwc/plugin-action-condition', {
  missing_right: { status: 400, message: 'This operator compares two values: give the step a "right" value.' },
  operand_type_mismatch: { status: 400, message: 'The operator needs other types of values; convert them first (e.g. with a transform step).' },
  incomparable_types: { status: 400, message: 'Values of different types cannot be ordered; compare numbers with numbers, strings with strings, dates with dates.' },
  invalid_pattern: { status: 400, message: 'The "matches" pattern is not a usable regular expression; fix it (flags: i, m, s, u).' },
  pattern_too_long: { status: 400, message: 'The "matches" pattern is too long; shorten it.' },
  pattern_too_slow: { status: 400, message: 'The "matches" pattern took too long on this text (catastrophic backtracking); simplify it.' },
});
