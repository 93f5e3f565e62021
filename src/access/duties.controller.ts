import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-responses';
import { SignedIn } from './decorators';
import { DutyCatalogueDto, DutyMatrixDto } from './dto/duties.dto';
import { DUTY_CLAUSES, RULE_NAMES } from './duty-clauses';
import type { RuleCode } from './duty.types';
import { DUTY_MATRIX } from './duty-matrix';
import { ROLE_INFO } from './roles';

/** The duty rules and the matrix exactly as the running authorisation uses them. */
@ApiTags('duties 职责制度')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('duties')
export class DutiesController {
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: DutyCatalogueDto })
  catalogue(): DutyCatalogueDto {
    return {
      rules: Object.entries(RULE_NAMES).map(([code, name]) => ({ code: code as RuleCode, name })),
      total: DUTY_CLAUSES.length,
      items: DUTY_CLAUSES.map((c) => ({ ...c, roleName: c.role ? ROLE_INFO[c.role].name : null })),
    };
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
