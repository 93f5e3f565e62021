import { describe, expect, it } from '@jest/globals';
import { canonical, IdempotentSubmission, randomKey } from './submission';

const body = { contractId: 'k-1', amount: '100.00', receivedAt: '2026-11-20', method: 'bank_transfer' };

describe('one Idempotency-Key per submission', () => {
  const counter = () => {
    let n = 0;
    return () => `key-${++n}`;
  };

  it('a double click or a retry of the same values sends the same key', () => {
    const s = new IdempotentSubmission(counter());
    expect(s.keyFor(body)).toBe('key-1');
    expect(s.keyFor({ ...body })).toBe('key-1');
    // the same values with the keys in another order, or an unset optional field, are the same request
    expect(s.keyFor({ method: 'bank_transfer', receivedAt: '2026-11-20', amount: '100.00', contractId: 'k-1', reference: undefined })).toBe('key-1');
  });

  it('changed values are another request: a new key (the server would answer 409 to the old one)', () => {
    const s = new IdempotentSubmission(counter());
    expect(s.keyFor(body)).toBe('key-1');
    expect(s.keyFor({ ...body, amount: '99.00' })).toBe('key-2');
    expect(s.keyFor({ ...body, amount: '99.00' })).toBe('key-2');
    expect(s.keyFor({ ...body, reference: '回单 1' })).toBe('key-3');
  });

  it('after a success the next payment gets a new key, even with the same values', () => {
    const s = new IdempotentSubmission(counter());
    expect(s.keyFor(body)).toBe('key-1');
    s.succeeded();
    expect(s.keyFor(body)).toBe('key-2');
  });

  it('keys are 32 random hex digits, as the server accepts (visible ASCII, at most 200)', () => {
    const a = randomKey();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(randomKey()).not.toBe(a);
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonical({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});
