import { hostileInputErrors, MAX_INPUT_DEPTH } from './validation';

describe('hostileInputErrors', () => {
  it('accepts ordinary bodies, Chinese and emoji included', () => {
    expect(hostileInputErrors({ name: '深圳市华强科技有限公司', note: '好评 👍', plan: [{ amount: '1.00' }] })).toEqual([]);
  });
  it('refuses NUL characters and lone surrogates, naming the field', () => {
    expect(hostileInputErrors({ note: 'a\u0000b' })).toEqual([{ field: 'note', message: expect.stringContaining('NUL') }]);
    expect(hostileInputErrors({ note: '\ud800' })).toEqual([{ field: 'note', message: expect.stringContaining('Unicode') }]);
    expect(hostileInputErrors({ a: { b: 'x\udc00' } })).toEqual([{ field: 'a.b', message: expect.any(String) }]);
    expect(hostileInputErrors({ note: '\ud83d\udc4d' })).toEqual([]); // a whole pair is fine
  });
  it('refuses prototype keys and nesting past the limit, without recursion', () => {
    const viaParse = JSON.parse('{"constructor":{"x":1},"ok":1}');
    expect(hostileInputErrors(viaParse).map((e) => e.field)).toEqual(['constructor']);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(hostileInputErrors({ a: deep })).toEqual([{ field: 'a', message: expect.stringContaining(String(MAX_INPUT_DEPTH)) }]);
  });
});
