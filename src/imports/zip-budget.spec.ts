import { deflateRawSync } from 'node:zlib';
import { inflateWithinBudget, ZipBudgetError } from './zip-budget';

/** A ZIP archive of the given entries (deflated), written by hand: local headers, central directory, end record. */
function zip(entries: Array<{ name: string; data: Buffer; method?: 0 | 8; flags?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const problem = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof ZipBudgetError ? err.problem : `other: ${String(err)}`;
  }
  return 'none';
};

describe('inflateWithinBudget: a ZIP is unpacked only up to a budget', () => {
  it('returns the entries asked for, stored or deflated', () => {
    const z = zip([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<row r="1"/>') },
      { name: 'docProps/app.xml', data: Buffer.from('app'), method: 0 },
    ]);
    const kept = inflateWithinBudget(z, 1024, (n) => n.startsWith('xl/'));
    expect([...kept.keys()]).toEqual(['xl/worksheets/sheet1.xml']);
    expect(kept.get('xl/worksheets/sheet1.xml')!.toString()).toBe('<row r="1"/>');
  });

  it('stops a small archive that inflates past the budget (a zip bomb), whatever its headers claim', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(problem(() => inflateWithinBudget(bomb, 10 * 1024 * 1024))).toBe('too-large');
    // the sizes in the headers are the attacker's: make them lie, the inflation still stops at the cap
    const lying = Buffer.from(bomb);
    const cd = lying.readUInt32LE(lying.length - 6);
    lying.writeUInt32LE(10, cd + 24);
    expect(problem(() => inflateWithinBudget(lying, 10 * 1024 * 1024))).toBe('too-large');
    // and the budget counts every entry together
    const many = zip([1, 2, 3].map((i) => ({ name: `f${i}`, data: Buffer.alloc(4 * 1024 * 1024) })));
    expect(problem(() => inflateWithinBudget(many, 10 * 1024 * 1024))).toBe('too-large');
  });

  it('refuses what is not a ZIP, a truncated one, an encrypted entry or an unknown method', () => {
    expect(problem(() => inflateWithinBudget(Buffer.from('客户名称,联系人\n'), 1024))).toBe('not-zip');
    const good = zip([{ name: 'a', data: Buffer.from('hello') }]);
    expect(problem(() => inflateWithinBudget(good.subarray(0, good.length - 10), 1024))).toBe('not-zip');
    expect(problem(() => inflateWithinBudget(zip([{ name: 'a', data: Buffer.from('x'), flags: 1 }]), 1024))).toBe('unsupported');
    const bzip = zip([{ name: 'a', data: Buffer.from('x'), method: 0 }]);
    bzip.writeUInt16LE(12, bzip.readUInt32LE(bzip.length - 6) + 10);
    expect(problem(() => inflateWithinBudget(bzip, 1024))).toBe('unsupported');
    expect(problem(() => inflateWithinBudget(good, 1024))).toBe('none');
  });
});
