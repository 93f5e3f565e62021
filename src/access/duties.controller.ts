import { Controller, Get, Inject, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { PRODUCT_MODULES } from '../app.tokens';
import { ApiProblemResponses } from '../common/api-responses';
import { AppError } from '../common/app-error';
import { SignedIn } from './decorators';
import { DutyCatalogueDto, DutyMatrixDto, DutyVersionListDto, DutyVersionQueryDto } from './dto/duties.dto';
import { RULE_NAMES } from './duty-clauses';
import { dutyCoverage, type DutyCoverage } from './duty-coverage';
import { NOT_SERVED } from './duty-not-served';
import type { RuleCode } from './duty.types';
import { DutyPolicy, effectivePolicy, knownPolicies, policyVersion } from './policy';
import { ROLE_INFO } from './roles';
import { controllersOf, routesOf, type DeclaredRoute } from './route-table';

/** The duty rules and the matrix exactly as the running authorisation uses them — any version of them (SPEC §12). */
@ApiTags('duties 职责制度')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('duties')
export class DutiesController {
  private routes?: DeclaredRoute[];
  private readonly coverage = new Map<DutyPolicy, DutyCoverage>();

  constructor(
    @Inject(PRODUCT_MODULES) private readonly modules: readonly unknown[],
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /**
   * Every clause of the version asked for (default: in force) with its text, the permissions citing
   * it and the routes demanding them (SPEC §11), derived from that version's matrix and the route
   * table of the product's modules (what a test app adds is not the product), or why it is not served.
   */
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: DutyCatalogueDto })
  @ApiProblemResponses(400, 404)
  catalogue(@Query() q: DutyVersionQueryDto): DutyCatalogueDto {
    const policy = this.pick(q);
    const coverage = this.coverageOf(policy);
    return {
      version: policy.version,
      effectiveFrom: policy.effectiveFrom.toISOString(),
      rules: Object.entries(RULE_NAMES).map(([code, name]) => ({ code: code as RuleCode, name })),
      total: policy.clauses.length,
      coverage: { numbered: coverage.numbered, served: coverage.numberedServed, notServed: coverage.numbered - coverage.numberedServed },
      items: policy.clauses.map((c) => ({ ...c, roleName: c.role ? ROLE_INFO[c.role].name : null, ...coverage.byClause.get(c.id)! })),
    };
  }

  /** Every version approved so far, the one in force marked. */
  @Get('versions')
  @SignedIn()
  @ApiOkResponse({ type: DutyVersionListDto })
  async versions(): Promise<DutyVersionListDto> {
    const rows: { version: number; effective_from: Date; title: string; approved_at: Date; approved_by_name: string | null }[] = await this.ds.query(
      `SELECT v.version, v.effective_from, v.title, v.approved_at, u.display_name AS approved_by_name
         FROM duty_versions v LEFT JOIN users u ON u.id = v.approved_by ORDER BY v.version DESC`,
    );
    const inForce = effectivePolicy().version;
    return {
      items: rows.map((r) => ({
        version: r.version,
        effectiveFrom: new Date(r.effective_from).toISOString(),
        title: r.title,
        approvedAt: new Date(r.approved_at).toISOString(),
        approvedByName: r.approved_by_name,
        inForce: r.version === inForce,
      })),
    };
  }

  @Get('matrix')
  @SignedIn()
  @ApiOkResponse({ type: DutyMatrixDto })
  @ApiProblemResponses(400, 404)
  matrix(@Query() q: DutyVersionQueryDto): DutyMatrixDto {
    const policy = this.pick(q);
    return {
      version: policy.version,
      effectiveFrom: policy.effectiveFrom.toISOString(),
      roles: Object.values(ROLE_INFO),
      items: policy.matrix.map((e) => ({
        permission: e.permission,
        name: e.name,
        grants: e.grants.map((g) => ({ role: g.role, roleName: ROLE_INFO[g.role].name, scope: g.scope, clauses: g.clauses, ...(g.note ? { note: g.note } : {}), ...(g.constraint ? { constraint: g.constraint } : {}) })),
      })),
    };
  }

  /** `version=N`, or the version in force `at` an instant, or the one in force now. */
  private pick(q: DutyVersionQueryDto): DutyPolicy {
    if (q.version !== undefined && q.at !== undefined) throw new AppError(400, 'DUTY_VERSION_AMBIGUOUS', '请求参数错误', 'version 与 at 只能给出一个');
    if (q.version !== undefined) {
      const p = policyVersion(q.version);
      if (!p) throw new AppError(404, 'DUTY_VERSION_NOT_FOUND', '版本不存在', `职责制度没有第 ${q.version} 版`);
      return p;
    }
    if (q.at !== undefined) {
      const at = Date.parse(q.at);
      if (Number.isNaN(at)) throw new AppError(400, 'VALIDATION_FAILED', '请求参数错误', 'at 必须是 ISO 8601 时间');
      return effectivePolicy(at);
    }
    return effectivePolicy();
  }

  private coverageOf(policy: DutyPolicy): DutyCoverage {
    let c = this.coverage.get(policy);
    if (!c) {
      this.routes ??= routesOf(controllersOf(this.modules));
      c = dutyCoverage(policy.clauses, policy.matrix, this.routes, NOT_SERVED);
      // versions are few and immutable; drop those no longer installed
      for (const k of this.coverage.keys()) if (!knownPolicies().includes(k)) this.coverage.delete(k);
      this.coverage.set(policy, c);
    }
    return c;
  }
}
