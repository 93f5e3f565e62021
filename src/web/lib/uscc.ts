/**
 * 统一社会信用代码 in the form: the rule itself is the server's (src/parties/uscc.ts, GB 32100,
 * bundled here too), so the form and the API cannot disagree; this file only words the problem
 * in Chinese before submitting. The API checks again.
 */
import { normaliseUscc, usccProblem } from '../../parties/uscc';

export { normaliseUscc };

/** Null when valid, else a Chinese message saying what is wrong. */
export function usccMessage(raw: string): string | null {
  const value = normaliseUscc(raw);
  if (value.length !== 18) return `统一社会信用代码应为 18 位（现为 ${value.length} 位）`;
  const problem = usccProblem(value);
  if (problem === 'format') return '统一社会信用代码格式不正确（不含 I、O、S、V、Z，第 3–8 位为数字）';
  if (problem === 'check') return '统一社会信用代码校验位不正确，请核对';
  return null;
}

export const usccRule = {
  validator: (_: unknown, v?: string) => {
    const msg = v && v.trim() ? usccMessage(v) : null;
    return msg ? Promise.reject(new Error(msg)) : Promise.resolve();
  },
};
