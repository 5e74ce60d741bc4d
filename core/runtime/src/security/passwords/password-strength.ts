import { createRequire } from 'node:module';
import { InputError } from '@dwc/sdk';
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import type * as ZxcvbnEnglish from '@zxcvbn-ts/language-en';

/** What `/api/v3/security/password/validate` answers, and what a refused password carries in `details`. */
export interface PasswordStrength {
  /** 0 (guessable in seconds) to 4 (very strong), from zxcvbn. */
  score: number;
  min_score: number;
  acceptable: boolean;
  warning: string | null;
  suggestions: string[];
  crack_time: string;
}

export const MAX_PASSWORD_LENGTH = 256;
const MIN_LENGTH = 8;

// zxcvbn's dictionaries take tens of MB: they are loaded at the first password check, not at start.
const require = createRequire(import.meta.url);
let zxcvbn: ZxcvbnFactory | undefined;
function checker(): ZxcvbnFactory {
  if (zxcvbn) return zxcvbn;
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof ZxcvbnCore;
  const common = require('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
  const english = require('@zxcvbn-ts/language-en') as typeof ZxcvbnEnglish;
  zxcvbn = new Factory({ dictionary: { ...common.dictionary, ...english.dictionary }, graphs: common.adjacencyGraphs, translations: english.translations });
  return zxcvbn;
}

/** Scores a password with zxcvbn; `userInputs` (e-mail, name) count as guessable words. */
export function checkPasswordStrength(password: string, minScore: number, userInputs: string[] = []): PasswordStrength {
  // zxcvbn's cost grows with length; past 100 characters the score is 4 anyway.
  const result = checker().check(password.slice(0, 100), userInputs.flatMap((input) => input.split(/[@.\s]+/)).filter((word) => word.length > 2));
  const suggestions = [...result.feedback.suggestions];
  if (password.length < MIN_LENGTH) suggestions.unshift(`Use at least ${MIN_LENGTH} characters.`);
  const score = password.length < MIN_LENGTH ? Math.min(result.score, 1) : result.score;
  if (score < minScore && suggestions.length === 0) suggestions.push('Add a few more uncommon words or characters.');
  return {
    score,
    min_score: minScore,
    acceptable: score >= minScore,
    warning: result.feedback.warning ?? null,
    suggestions,
    crack_time: result.crackTimes.offlineSlowHashingXPerSecond.display,
  };
}

/** Throws an InputError (code `weak_password`, the feedback in `details.password`) unless the password is strong enough. */
export function assertStrongPassword(password: string, minScore: number, userInputs: string[] = []): void {
  const strength = checkPasswordStrength(password, minScore, userInputs);
  if (strength.acceptable) return;
  const advice = [strength.warning, ...strength.suggestions].filter((line): line is string => Boolean(line));
  throw new InputError(`The password is too weak (score ${strength.score} of 4, need ${minScore}). ${advice.join(' ')}`.trim(), {
    code: 'weak_password',
    details: { password: advice.length > 0 ? advice : ['Choose a longer, less predictable password.'], strength },
  });
}
