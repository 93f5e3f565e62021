/**
 * 统一社会信用代码 check, ported from the server's src/parties/uscc.ts (GB 32100-2015): 18
 * characters from a 31-character alphabet (no I, O, S, V, Z); the 18th is a check character.
 * The API checks again; this only lets the form say so before submitting.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{2}\d{6}[0-9ABCDEFGHJKLMNPQRTUWXY]{10}$/;

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Upper-cases and drops the spaces and dashes people type (as the server does). */
export function normaliseUscc(value: string): string {
  return value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

/** Null when valid, else a Chinese message saying what is wrong. */
export function usccMessage(raw: string): string | null {
  const value = normaliseUscc(raw);
  if (value.length !== 18) return `统一社会信用代码应为 18 位（现为 ${value.length} 位）`;
  if (!SHAPE.test(value)) return '统一社会信用代码格式不正确（不含 I、O、S、V、Z，第 3–8 位为数字）';
  if (usccCheckCharacter(value.slice(0, 17)) !== value[17]) return '统一社会信用代码校验位不正确，请核对';
  return null;
}

export const usccRule = {
  validator: (_: unknown, v?: string) => {
    const msg = v && v.trim() ? usccMessage(v) : null;
    return msg ? Promise.reject(new Error(msg)) : Promise.resolve();
  },
};
