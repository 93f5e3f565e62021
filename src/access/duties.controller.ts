import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PRODUCT_MODULES } from '../app.tokens';
import { ApiProblemResponses } from '../common/api-responses';
import { SignedIn } from './decorators';
import { DutyCatalogueDto, DutyMatrixDto } from './dto/duties.dto';
import { DUTY_CLAUSES, RULE_NAMES } from './duty-clauses';
import { dutyCoverage, type DutyCoverage } from './duty-coverage';
import { NOT_SERVED } from './duty-not-served';
import type { RuleCode } from './duty.types';
import { DUTY_MATRIX } from './duty-matrix';
import { ROLE_INFO } from './roles';
import { controllersOf, routesOf } from './route-table';

/** The duty rules and the matrix exactly as the running authorisation uses them. */
@ApiTags('duties 职责制度')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('duties')
export class DutiesController {
  private coverage?: DutyCoverage;

  constructor(@Inject(PRODUCT_MODULES) private readonly modules: readonly unknown[]) {}

  /**
   * Every clause with the permissions citing it and the routes demanding them (SPEC §11), derived
   * from the matrix and the route table of the product's modules (what a test app adds is not the
   * product), or why it is not served.
   */
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: DutyCatalogueDto })
  catalogue(): DutyCatalogueDto {
    const coverage = (this.coverage ??= this.derive());
    return {
      rules: Object.entries(RULE_NAMES).map(([code, name]) => ({ code: code as RuleCode, name })),
      total: DUTY_CLAUSES.length,
      coverage: { numbered: coverage.numbered, served: coverage.numberedServed, notServed: coverage.numbered - coverage.numberedServed },
      items: DUTY_CLAUSES.map((c) => ({ ...c, roleName: c.role ? ROLE_INFO[c.role].name : null, ...coverage.byClause.get(c.id)! })),
    };
  }

  private derive(): DutyCoverage {
    return dutyCoverage(DUTY_CLAUSES, DUTY_MATRIX, routesOf(controllersOf(this.modules)), NOT_SERVED);
  }

  @Get('matrix')
  @SignedIn()
  @ApiOkResponse({ type: DutyMatrixDto })
  matrix(): DutyMatrixDto {
    return {
      roles: Object.values(ROLE_INFO),
      items: DUTY_MATRIX.map((e) => ({
        permission: e.permission,
        name: e.name,
        grants: e.grants.map((g) => ({ role: g.role, roleName: ROLE_INFO[g.role].name, scope: g.scope, clauses: g.clauses, ...(g.note ? { note: g.note } : {}), ...(g.constraint ? { constraint: g.constraint } : {}) })),
      })),
    };
  }
}
