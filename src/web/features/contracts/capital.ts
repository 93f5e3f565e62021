/**
 * An amount in Chinese capital numerals (大写金额), as written on contracts and vouchers:
 * "123456.60" → "壹拾贰万叁仟肆佰伍拾陆元陆角整". By string, never through a float.
 *
 * Follows the rules for filling in vouchers (《支付结算办法》附件一): 整 after 元 or 角 when there are
 * no 分; one 零 for each run of zeros inside the figure; 零 before 分 when the 角 is zero; a 万 or
 * 亿 group of zeros is left out. Returns null for anything that is not an amount with at most two
 * decimals (the API's money format) or is beyond 千亿.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const IN_GROUP = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿'];

/** One group of up to four digits ("0305" → "叁佰零伍"); empty for "0000". */
function group(digits: string): string {
  let out = '';
  let zero = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const unit = IN_GROUP[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  }
  return out;
}

/** The whole yuan ("100500" → "壹拾万零伍佰"); empty for zero. */
function integerPart(int: string): string {
  const groups: string[] = [];
  for (let end = int.length; end > 0; end -= 4) groups.unshift(int.slice(Math.max(0, end - 4), end));
  let out = '';
  let pendingZero = false;
  groups.forEach((g, i) => {
    const words = group(g);
    const level = GROUPS[groups.length - 1 - i];
    if (!words) {
      pendingZero = out !== '';
      return;
    }
    // A group that does not start at its 仟, after a higher one, or after an empty group: 零.
    if (out && (pendingZero || g.padStart(4, '0')[0] === '0')) out += '零';
    pendingZero = false;
    out += words + level;
  });
  return out;
}

export function toChineseCapital(value: string): string | null {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, sign, rawInt, rawFrac = ''] = m;
  const int = rawInt.replace(/^0+(?=\d)/, '');
  const [jiao, fen] = (rawFrac + '00').slice(0, 2).split('').map(Number);
  const yuan = integerPart(int);
  if (!yuan && !jiao && !fen) return '零元整';
  let out = yuan ? `${yuan}元` : '';
  if (jiao) out += `${DIGITS[jiao]}角`;
  if (fen) out += `${yuan && !jiao ? '零' : ''}${DIGITS[fen]}分`;
  else out += '整';
  return (sign ? '负' : '') + out;
}
