import { usccCheckCharacter } from '../parties/uscc';
import { checkRow, decideRow, FileKeys, inColumnWords, RowCheck } from './import-rules';

const uscc = (n: number) => {
  const first17 = `91320500${String(n).padStart(9, '0')}`;
  return first17 + usccCheckCharacter(first17);
};
const customer = (extra: Record<string, string | null> = {}) => ({
  name: '苏州精工科技有限公司',
  uscc: null,
  contactName: '张伟',
  contactPhone: '13800001111',
  address: null,
  region: null,
  industry: null,
  ...extra,
});
const valid = async (values: Record<string, string | null>) => {
  const c = await checkRow('customers', values);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
};

describe('checkRow: the create body’s own rules, in the words of the Excel columns', () => {
  it('accepts a valid row and normalises it as POST /customers would (USCC upper-cased, texts trimmed)', async () => {
    const c = await valid(customer({ uscc: ` ${uscc(1).toLowerCase()} `, contactName: ' 张伟 ' }));
    expect(c.body).toMatchObject({ name: '苏州精工科技有限公司', uscc: uscc(1), contactName: '张伟' });
    expect(c.identity).toEqual({ companyName: '苏州精工科技有限公司', uscc: uscc(1), contactPhone: '13800001111' });
  });

  it('names an empty required column once, as 「<列> 不能为空」', async () => {
    const c = await checkRow('customers', customer({ contactName: null, contactPhone: null }));
    expect(c).toEqual({
      ok: false,
      errors: [
        { column: '联系人', field: 'contactName', message: '联系人 不能为空' },
        { column: '联系电话', field: 'contactPhone', message: '联系电话 不能为空' },
      ],
    });
  });

  it('tells a wrong USCC check character from a wrong shape (GB 32100)', async () => {
    const good = uscc(2);
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const check = await checkRow('customers', customer({ uscc: wrongCheck }));
    expect(!check.ok && check.errors).toEqual([{ column: '统一社会信用代码', field: 'uscc', message: expect.stringMatching(/^统一社会信用代码 校验位错误/) }]);
    const shape = await checkRow('customers', customer({ uscc: '12345' }));
    expect(!shape.ok && shape.errors[0].message).toMatch(/^统一社会信用代码 必须是 18 位/);
  });

  it('applies the lengths and the phone pattern of the DTO', async () => {
    const c = await checkRow('prospects', { companyName: '某'.repeat(201), contactName: '甲', contactPhone: '电话待补', notes: 'x'.repeat(2001) });
    expect(!c.ok && c.errors.map((e) => [e.column, e.message.split(' ')[0]])).toEqual([
      ['公司名称', '公司名称'],
      ['联系电话', '联系电话'],
      ['备注', '备注'],
    ]);
  });

  it('refuses a company name without letters or digits (it has no duplicate key)', async () => {
    const c = await checkRow('customers', customer({ name: '（）——' }));
    expect(!c.ok && c.errors).toEqual([{ column: '客户名称', field: 'name', message: '客户名称 必须包含文字或数字' }]);
  });

  it('keeps the cell problems of the file (a number Excel rounded) and does not add 「不能为空」 to them', async () => {
    const cellError = { column: '联系电话', field: 'contactPhone', message: '联系电话 是一个过长的数字' };
    const c = await checkRow('customers', customer({ contactPhone: null }), [cellError]);
    expect(!c.ok && c.errors).toEqual([cellError]);
  });

  it('turns a DTO message into the column’s words', () => {
    expect(inColumnWords('customers', 'contactName', 'contactName 长度必须在 1 到 50 之间')).toBe('联系人 长度必须在 1 到 50 之间');
    expect(inColumnWords('prospects', 'source', '来源太长')).toBe('来源：来源太长');
  });
});

describe('decideRow: errors, then earlier rows of the file, then registered records (SPEC §6)', () => {
  const match = (field: 'uscc' | 'companyName' | 'contactPhone') => ({ field, entity: 'customer' as const, id: '3f1c2b7e-8a4d-4c6b-9e2f-0a1b2c3d4e5f' });

  it('an error stays an error, whatever it would duplicate', async () => {
    const file = new FileKeys();
    const bad: RowCheck = { ok: false, errors: [{ column: '联系人', field: 'contactName', message: '联系人 不能为空' }] };
    expect(decideRow('customers', 2, bad, [match('uscc')], file)).toEqual({ status: 'error', errors: bad.errors });
  });

  it('a later row with the same phone, written differently, duplicates the earlier row; the normalised name too', async () => {
    const file = new FileKeys();
    expect(decideRow('customers', 2, await valid(customer()), [], file).status).toBe('create');
    const samePhone = await valid(customer({ name: '另一家公司', contactPhone: '+86 138-0000-1111' }));
    expect(decideRow('customers', 3, samePhone, [], file)).toEqual({ status: 'duplicate', duplicateOf: { field: 'contactPhone', column: '联系电话', row: 2, entity: null, id: null } });
    const sameName = await valid(customer({ name: '苏州 精工科技（有限公司）', contactPhone: '13900000000' }));
    expect(decideRow('customers', 4, sameName, [], file)).toEqual({ status: 'duplicate', duplicateOf: { field: 'companyName', column: '客户名称', row: 2, entity: null, id: null } });
  });

  it('a row duplicating a registered record names it by id and rule; its keys are not taken by the file', async () => {
    const file = new FileKeys();
    const row = await valid(customer({ uscc: uscc(3) }));
    expect(decideRow('customers', 2, row, [match('uscc'), match('contactPhone')], file)).toEqual({
      status: 'duplicate',
      duplicateOf: { field: 'uscc', column: '统一社会信用代码', row: null, entity: 'customer', id: match('uscc').id },
    });
    // the duplicate is not created, so a later row with its phone is judged on its own
    expect(decideRow('customers', 3, await valid(customer({ name: '第三家' })), [], file).status).toBe('create');
  });

  it('the earlier row wins over a registered record (a commit creates the earlier row first, so both runs say the same)', async () => {
    const file = new FileKeys();
    decideRow('prospects', 2, await checkRowOk('prospects', { companyName: '甲公司', contactName: '甲', contactPhone: '13700000001' }), [], file);
    const later = await checkRowOk('prospects', { companyName: '甲公司', contactName: '乙', contactPhone: '13700000002' });
    expect(decideRow('prospects', 3, later, [match('companyName')], file)).toMatchObject({ status: 'duplicate', duplicateOf: { row: 2, column: '公司名称' } });
  });
});

async function checkRowOk(kind: 'customers' | 'prospects', values: Record<string, string | null>) {
  const c = await checkRow(kind, values);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c;
}
