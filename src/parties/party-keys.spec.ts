import { companyNameKey, phoneKey } from './party-keys';

describe('companyNameKey', () => {
  it('treats the legal-form suffixes alike', () => {
    const base = companyNameKey('深圳市华强科技');
    expect(companyNameKey('深圳市华强科技有限公司')).toBe(base);
    expect(companyNameKey('深圳市华强科技有限责任公司')).toBe(base);
    expect(companyNameKey('深圳市华强科技股份有限公司')).toBe(base);
  });
  it('ignores spaces, full-width/half-width forms, brackets and case', () => {
    expect(companyNameKey('深圳市 华强科技 有限公司')).toBe(companyNameKey('深圳市华强科技有限公司'));
    expect(companyNameKey('ＡＢＣ科技（深圳）有限公司')).toBe(companyNameKey('abc科技(深圳)有限公司'));
    expect(companyNameKey('Acme Trading Co., Ltd.')).toBe(companyNameKey('ACME TRADING'));
  });
  it('keeps different companies apart', () => {
    expect(companyNameKey('深圳市华强科技有限公司')).not.toBe(companyNameKey('深圳市华强电子有限公司'));
    expect(companyNameKey('北京华强科技')).not.toBe(companyNameKey('深圳华强科技'));
  });
  it('never strips a name down to nothing', () => {
    expect(companyNameKey('公司')).toBe('公司');
    expect(companyNameKey('有限公司').length).toBeGreaterThan(0);
  });
});

describe('phoneKey', () => {
  it('drops formatting and the +86 / 0086 / 86 prefix of a mobile', () => {
    expect(phoneKey('+86 138-0013-8000')).toBe('13800138000');
    expect(phoneKey('0086 13800138000')).toBe('13800138000');
    expect(phoneKey('8613800138000')).toBe('13800138000');
    expect(phoneKey('１３８ ００１３ ８０００')).toBe('13800138000');
  });
  it('keeps a landline’s area code', () => {
    expect(phoneKey('(010) 6234-5678')).toBe('01062345678');
  });
});
