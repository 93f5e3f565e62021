import { AppError } from '../common/app-error';
import {
  containsPattern,
  freshFrom,
  MARKET_INFO_STATUSES,
  MARKET_INFO_TRANSITIONS,
  marketInfoAllows,
  marketInfoTransition,
  searchTerms,
  type MarketInfoAction,
  type MarketInfoStatus,
} from './market-info-rules';

describe('market information rules', () => {
  describe('the entry states: [from, action] → to, or 409', () => {
    const EXPECTED: Record<MarketInfoAction, Partial<Record<MarketInfoStatus, MarketInfoStatus>>> = {
      edit: { active: 'active' },
      confirm: { active: 'active' },
      archive: { active: 'archived' },
      restore: { archived: 'active' },
    };
    const cases = (Object.keys(EXPECTED) as MarketInfoAction[]).flatMap((action) => MARKET_INFO_STATUSES.map((from) => [from, action] as const));

    it.each(cases)('%s + %s', (from, action) => {
      const to = EXPECTED[action][from];
      expect(marketInfoAllows(from, action)).toBe(to !== undefined);
      if (to) return expect(marketInfoTransition(from, action)).toBe(to);
      expect(() => marketInfoTransition(from, action)).toThrow(AppError);
      try {
        marketInfoTransition(from, action);
      } catch (err) {
        expect(err).toMatchObject({ status: 409, code: 'MARKET_INFO_INVALID_TRANSITION', extra: { currentStatus: from, action } });
      }
    });

    it('an archived entry only comes back by restore', () => {
      expect((Object.keys(MARKET_INFO_TRANSITIONS) as MarketInfoAction[]).filter((a) => marketInfoAllows('archived', a))).toEqual(['restore']);
    });
  });

  describe('searchTerms: how a search is read', () => {
    it.each([
      ['降价', ['降价']],
      ['  华东   降价 ', ['华东', '降价']],
      ['华东\u3000降价', ['华东', '降价']], // the ideographic space typed by a Chinese input method
      ['华东\t降价\n经销商', ['华东', '降价', '经销商']],
      ['华为P50 降价', ['华为P50', '降价']], // mixed Chinese and ASCII stays one word
      ['P50 p50 P50', ['P50']], // duplicates dropped, case-folded, the first spelling kept
      ['100% 8_折', ['100%', '8_折']], // wildcard characters are part of the word
      ['', []],
      ['   ', []],
      [undefined, []],
      [null, []],
    ] as const)('%j → %j', (q, expected) => {
      expect(searchTerms(q)).toEqual(expected);
    });

    it('keeps a word whole: no tokenising of Chinese', () => {
      expect(searchTerms('市场开拓信息库')).toEqual(['市场开拓信息库']);
    });
  });

  describe('containsPattern: a word anywhere, its wildcards literal', () => {
    it.each([
      ['降价', '%降价%'],
      ['100%', '%100\\%%'],
      ['8_折', '%8\\_折%'],
      ['a\\b', '%a\\\\b%'],
      ['%_\\', '%\\%\\_\\\\%'],
    ])('%s → %s', (term, pattern) => {
      expect(containsPattern(term)).toBe(pattern);
    });
  });

  describe('freshFrom: the first business day that still counts as kept up to date', () => {
    it.each([
      ['2026-12-31', 1, '2026-12-31'],
      ['2026-12-31', 180, '2026-07-05'],
      ['2026-03-01', 2, '2026-02-28'],
      ['2028-03-01', 2, '2028-02-29'],
    ] as const)('as of %s with %i days → %s', (asOf, days, from) => {
      expect(freshFrom(asOf, days)).toBe(from);
    });
  });
});
