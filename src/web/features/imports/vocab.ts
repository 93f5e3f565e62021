import type { Tone } from '../../components/ReadableTag';
import type { ImportKind, ImportRowStatus } from './api';

export interface KindInfo {
  label: string;
  /** The create permission the import needs (as the ordinary create endpoint). */
  permission: string;
  /** The list the created records are in, and a record's page. */
  list: string;
  record: (id: string) => string;
  /** The field holding the company name, and its column name. */
  nameField: 'name' | 'companyName';
  nameColumn: string;
  columns: string[];
}

export const KINDS: Record<ImportKind, KindInfo> = {
  customers: {
    label: '客户',
    permission: 'customer.create',
    list: '/customers?sort=-createdAt',
    record: (id) => `/customers/${id}`,
    nameField: 'name',
    nameColumn: '客户名称',
    columns: ['客户名称', '统一社会信用代码', '联系人', '联系电话', '地址', '地区', '行业'],
  },
  prospects: {
    label: '潜在客户',
    permission: 'prospect.create',
    list: '/prospects?sort=-createdAt',
    record: (id) => `/prospects/${id}`,
    nameField: 'companyName',
    nameColumn: '公司名称',
    columns: ['公司名称', '统一社会信用代码', '联系人', '联系电话', '地区', '行业', '来源', '备注'],
  },
};

export const ROW_STATUS: Record<ImportRowStatus, { label: string; tone: Tone }> = {
  create: { label: '可导入', tone: 'green' },
  created: { label: '已导入', tone: 'blue' },
  duplicate: { label: '重复', tone: 'orange' },
  error: { label: '有错误', tone: 'red' },
};

export const DUPLICATE_ENTITY: Record<'customer' | 'prospect', string> = { customer: '客户', prospect: '潜在客户' };
