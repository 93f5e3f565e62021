/**
 * Keys under which two prospects/customers are "the same company" (SPEC §6): the USCC, the
 * normalised company name, and the normalised contact phone.
 */

/** Legal-form suffixes that do not distinguish one company from another, longest first. */
const NAME_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '公司',
  'companylimited',
  'corporation',
  'colimited',
  'coltd',
  'limited',
  'company',
  'corp',
  'ltd',
  'inc',
  'co',
];

/**
 * 全角/半角, spaces, case, punctuation and the legal-form suffix are ignored:
 * 「深圳市 华强科技有限公司」, 「深圳市华强科技（有限责任公司）」 and 「深圳市华强科技」 share a key.
 */
export function companyNameKey(name: string): string {
  // NFKC folds full-width letters, digits and brackets to half-width.
  let s = name.normalize('NFKC').toLowerCase();
  s = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of NAME_SUFFIXES) {
      if (s.length > suffix.length && s.endsWith(suffix)) {
        s = s.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/**
 * Digits only; a Chinese mobile loses its +86 / 0086 / 86 prefix, so 「+86 138-0013-8000」 and
 * 「13800138000」 match. Landlines keep their area code (010-62345678 → 01062345678).
 */
export function phoneKey(phone: string): string {
  let d = phone.normalize('NFKC').replace(/\D/g, '');
  if (/^0086\d+$/.test(d)) d = d.slice(4);
  else if (/^86\d{11}$/.test(d)) d = d.slice(2);
  return d;
}

/** A phone number as people write it: 7–20 characters of digits, spaces, +, -, parentheses. */
export const PHONE_PATTERN = /^\+?[0-9０-９ ()（）-]{7,20}$/;
