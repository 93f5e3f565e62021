import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError } from '../common/app-error';
import { companyNameKey, phoneKey } from './party-keys';

export type DuplicateField = 'uscc' | 'companyName' | 'contactPhone';

export interface DuplicateMatch {
  field: DuplicateField;
  entity: 'prospect' | 'customer';
  id: string;
}

export interface PartyIdentity {
  companyName?: string;
  uscc?: string | null;
  contactPhone?: string;
}

/** Records that may keep their keys: the record itself on update; a prospect and its customer on conversion. */
export interface DuplicateExclusions {
  prospectId?: string;
  customerId?: string;
}

export const PartyErrors = {
  /** A name of punctuation only has no identity to check duplicates against. */
  nameWithoutLetters: (field: string) =>
    new AppError(400, 'VALIDATION_FAILED', '请求参数无效', `${field} 必须包含文字或数字`, { errors: [{ field, message: `${field} 必须包含文字或数字` }] }),
  duplicate: (matches: DuplicateMatch[]) => {
    const first = matches[0];
    const label = { uscc: '统一社会信用代码', companyName: '公司名称', contactPhone: '联系电话' }[first.field];
    return new AppError(409, 'DUPLICATE_PARTY', '重复登记', `该${label}已属于已登记的${first.entity === 'customer' ? '客户' : '潜在客户'}`, {
      duplicateOf: { entity: first.entity, id: first.id, field: first.field },
      matches,
    });
  },
};

/**
 * Duplicate detection across prospects and customers. `lock` takes a transaction-scoped advisory
 * lock per key before checking, so two concurrent registrations of the same company are
 * serialised and the second one sees the first.
 */
@Injectable()
export class DuplicatesService {
  async find(m: EntityManager, who: PartyIdentity, except: DuplicateExclusions = {}): Promise<DuplicateMatch[]> {
    const nameKey = who.companyName ? companyNameKey(who.companyName) : null;
    const phone = who.contactPhone ? phoneKey(who.contactPhone) : null;
    const uscc = who.uscc ?? null;
    if (!nameKey && !phone && !uscc) return [];
    const rows: { field: DuplicateField; entity: 'prospect' | 'customer'; id: string }[] = await m.query(
      `SELECT 'uscc' AS field, 'prospect' AS entity, id FROM prospects WHERE $1::text IS NOT NULL AND uscc = $1 AND id IS DISTINCT FROM $4::uuid
       UNION ALL SELECT 'uscc', 'customer', id FROM customers WHERE $1::text IS NOT NULL AND uscc = $1 AND id IS DISTINCT FROM $5::uuid
       UNION ALL SELECT 'companyName', 'prospect', id FROM prospects WHERE $2::text IS NOT NULL AND name_key = $2 AND id IS DISTINCT FROM $4::uuid
       UNION ALL SELECT 'companyName', 'customer', id FROM customers WHERE $2::text IS NOT NULL AND name_key = $2 AND id IS DISTINCT FROM $5::uuid
       UNION ALL SELECT 'contactPhone', 'prospect', id FROM prospects WHERE $3::text IS NOT NULL AND phone_key = $3 AND id IS DISTINCT FROM $4::uuid
       UNION ALL SELECT 'contactPhone', 'customer', id FROM customers WHERE $3::text IS NOT NULL AND phone_key = $3 AND id IS DISTINCT FROM $5::uuid
       LIMIT 20`,
      [uscc, nameKey, phone, except.prospectId ?? null, except.customerId ?? null],
    );
    return rows.map((r) => ({ field: r.field, entity: r.entity, id: r.id }));
  }

  /** Locks the identity's keys for this transaction, then throws 409 with `duplicateOf` if any is taken. */
  async lockAndAssertUnique(m: EntityManager, who: PartyIdentity, except: DuplicateExclusions = {}): Promise<void> {
    await this.lockKeys(m, [who]);
    const matches = await this.find(m, who, except);
    if (matches.length) throw PartyErrors.duplicate(matches);
  }

  /**
   * Takes the transaction-scoped advisory lock of every key of `who` — the same locks a single
   * registration takes — in one fixed order, so two transactions never wait on each other crosswise.
   */
  async lockKeys(m: EntityManager, who: PartyIdentity[]): Promise<void> {
    const keys = [...new Set(who.flatMap(identityKeys))].sort();
    if (!keys.length) return;
    if (keys.length === 1) {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, keys);
      return;
    }
    // one statement, the locks taken in the array's (sorted) order
    await m.query(`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 7))) FROM (SELECT k FROM unnest($1::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n) s`, [keys]);
  }

  /**
   * The duplicates of many identities at once (an import's batch): for each, the records holding
   * its USCC, its normalised company name or its contact phone, in that order. A constant number of
   * queries whatever the count.
   */
  async findMany(m: EntityManager, who: PartyIdentity[]): Promise<DuplicateMatch[][]> {
    const usccs = new Set<string>();
    const names = new Set<string>();
    const phones = new Set<string>();
    const keyed = who.map((w) => {
      const k = { uscc: w.uscc ?? null, name: w.companyName ? companyNameKey(w.companyName) : null, phone: w.contactPhone ? phoneKey(w.contactPhone) : null };
      if (k.uscc) usccs.add(k.uscc);
      if (k.name) names.add(k.name);
      if (k.phone) phones.add(k.phone);
      return k;
    });
    if (!usccs.size && !names.size && !phones.size) return who.map(() => []);
    const rows: { field: DuplicateField; entity: 'prospect' | 'customer'; id: string; key: string }[] = await m.query(
      `SELECT 'uscc' AS field, 'prospect' AS entity, id, uscc::text AS key FROM prospects WHERE uscc = ANY($1::text[])
       UNION ALL SELECT 'uscc', 'customer', id, uscc::text FROM customers WHERE uscc = ANY($1::text[])
       UNION ALL SELECT 'companyName', 'prospect', id, name_key FROM prospects WHERE name_key = ANY($2::text[])
       UNION ALL SELECT 'companyName', 'customer', id, name_key FROM customers WHERE name_key = ANY($2::text[])
       UNION ALL SELECT 'contactPhone', 'prospect', id, phone_key FROM prospects WHERE phone_key = ANY($3::text[])
       UNION ALL SELECT 'contactPhone', 'customer', id, phone_key FROM customers WHERE phone_key = ANY($3::text[])`,
      [[...usccs], [...names], [...phones]],
    );
    const byKey = new Map<string, DuplicateMatch[]>();
    for (const r of rows) {
      const k = `${r.field}:${r.key}`;
      const list = byKey.get(k) ?? [];
      list.push({ field: r.field, entity: r.entity, id: r.id });
      byKey.set(k, list);
    }
    return keyed.map((k) => [
      ...(k.uscc ? (byKey.get(`uscc:${k.uscc}`) ?? []) : []),
      ...(k.name ? (byKey.get(`companyName:${k.name}`) ?? []) : []),
      ...(k.phone ? (byKey.get(`contactPhone:${k.phone}`) ?? []) : []),
    ]);
  }
}

/** The advisory-lock keys of an identity: one per key it has. */
export function identityKeys(who: PartyIdentity): string[] {
  return [
    who.uscc ? `uscc:${who.uscc}` : null,
    who.companyName ? `name:${companyNameKey(who.companyName)}` : null,
    who.contactPhone ? `phone:${phoneKey(who.contactPhone)}` : null,
  ].filter((k): k is string => k !== null);
}
