import { CrownOutlined } from '@ant-design/icons';
import { ReadableTag } from '../../components/ReadableTag';
import type { Customer } from './api';

/** A key account's tier (its name when the caller may read tiers, else its code). */
export function TierTag({ customer, name }: { customer: Pick<Customer, 'isKeyAccount' | 'tierCode'>; name?: string }) {
  if (!customer.isKeyAccount) return null;
  return (
    <ReadableTag tone="gold" icon={<CrownOutlined />} data-testid="tier-tag">
      {name ?? (customer.tierCode ? `${customer.tierCode} 级大客户` : '大客户')}
    </ReadableTag>
  );
}
