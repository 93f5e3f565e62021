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
    const keys = [
      who.uscc ? `uscc:${who.uscc}` : null,
      who.companyName ? `name:${companyNameKey(who.companyName)}` : null,
      who.contactPhone ? `phone:${phoneKey(who.contactPhone)}` : null,
    ]
      .filter((k): k is string => k !== null)
      .sort(); // a fixed order, so two transactions never wait on each other crosswise
    for (const key of keys) await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [key]);
    const matches = await this.find(m, who, except);
    if (matches.length) throw PartyErrors.duplicate(matches);
  }
}
