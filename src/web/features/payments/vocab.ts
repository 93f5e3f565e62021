import type { Payment } from './api';

/** 收款方式, as the API's enum (src/payments/payment.entity.ts). */
export const PAYMENT_METHOD: Record<Payment['method'], string> = {
  bank_transfer: '银行转账',
  cash: '现金',
  cheque: '支票',
  other: '其他',
};

export const PAYMENT_METHOD_OPTIONS = (Object.keys(PAYMENT_METHOD) as Payment['method'][]).map((value) => ({ value, label: PAYMENT_METHOD[value] }));
