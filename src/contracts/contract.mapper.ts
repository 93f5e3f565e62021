import type { Approver } from './contract-approvers';
import { Contract, ContractApproval, ContractPlanLine } from './contract.entity';
import type { ContractDetailDto, ContractSummaryDto } from './dto/contract.dto';

/** `raw` is the row of a query that joins the customer's name (`customer_name`), as every contract read does. */
export function toContractSummary(c: Contract, raw: Record<string, unknown>): ContractSummaryDto {
  return {
    id: c.id,
    number: c.number,
    customerId: c.customerId,
    customerName: String(raw.customer_name),
    title: c.title,
    amount: c.amount,
    startDate: c.startDate,
    endDate: c.endDate,
    status: c.status,
    ownerId: c.ownerId,
    department: c.department,
    submittedAt: c.submittedAt?.toISOString() ?? null,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    signedAt: c.signedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    terminatedAt: c.terminatedAt?.toISOString() ?? null,
    terminationReason: c.terminationReason,
    archiveNo: c.archiveNo,
    archiveLocation: c.archiveLocation,
    archivedAt: c.archivedAt?.toISOString() ?? null,
    archivedBy: c.archivedBy,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toContractDetail(c: Contract, lines: ContractPlanLine[], approvals: ContractApproval[], awaiting: Approver[] | null, raw: Record<string, unknown>): ContractDetailDto {
  return {
    ...toContractSummary(c, raw),
    paymentPlan: lines.map((l) => ({ seq: l.seq, dueDate: l.dueDate, amount: l.amount })),
    approvals: approvals.map((a) => ({
      round: a.round,
      level: a.level,
      approverId: a.approverId,
      decision: a.decision,
      comment: a.comment,
      decidedAt: a.decidedAt.toISOString(),
    })),
    // Only for a contract waiting on an approval step: who may decide it; empty = nobody eligible yet.
    ...(awaiting
      ? {
          awaitingApprovers: awaiting,
          ...(awaiting.length === 0 ? { awaitingNote: '当前没有符合条件的审批人，合同保持待审批状态，不会自动批准' } : {}),
        }
      : {}),
  };
}

export type ContractDetail = ContractDetailDto;
