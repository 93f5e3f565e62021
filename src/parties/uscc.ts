/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character
 * alphabet (no I, O, S, V, Z); the 18th is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{2}\d{6}[0-9ABCDEFGHJKLMNPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const c = (31 - (sum % 31)) % 31;
  return ALPHABET[c];
}

export type UsccProblem = 'format' | 'check';

/** Null when valid; otherwise whether the shape or only the check character is wrong. */
export function usccProblem(value: string): UsccProblem | null {
  if (!SHAPE.test(value)) return 'format';
  return usccCheckCharacter(value.slice(0, 17)) === value[17] ? null : 'check';
}

/** Upper-cases and drops spaces and dashes people type; does not validate. */
export function normaliseUscc(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}
