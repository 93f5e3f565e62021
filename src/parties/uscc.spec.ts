import { normaliseUscc, usccCheckCharacter, usccProblem } from './uscc';

describe('USCC (GB 32100-2015)', () => {
  it('accepts codes with a correct check character', () => {
    expect(usccProblem('91350100M000100Y43')).toBeNull();
    expect(usccProblem('91110108551385082Q')).toBeNull();
  });

  it('computes the check character over the first 17', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110108551385082')).toBe('Q');
  });

  it('refuses a wrong check character as "check"', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check');
    expect(usccProblem('91110108551385082R')).toBe('check');
  });

  it('refuses wrong shapes as "format": length, letters outside the alphabet, letters in the region code', () => {
    expect(usccProblem('91350100M000100Y4')).toBe('format');
    expect(usccProblem('91350100M000100Y433')).toBe('format');
    expect(usccProblem('91350100M000100I43')).toBe('format'); // I is not in the alphabet
    expect(usccProblem('9135A100M000100Y43')).toBe('format'); // the region code is digits
  });

  it('normalises full-width characters, case, spaces and dashes before checking', () => {
    expect(normaliseUscc(' ９１350100-m000100y43 ')).toBe('91350100M000100Y43');
  });
});
