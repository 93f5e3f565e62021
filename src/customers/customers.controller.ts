import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { ListQueryDto, PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CustomersService } from './customers.service';
import { AssignDto, CreateCustomerDto, CustomerLedgerDto, CustomerResponseDto, ListCustomersQueryDto, UpdateCustomerDto } from './dto/customer.dto';

@ApiTags('customers 客户档案')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @RequirePermission('customer.create')
  @ApiCreatedResponse({ type: CustomerResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCustomerDto) {
    return this.customers.create(actor, dto);
  }

  @Get()
  @RequirePermission('customer.read')
  @ApiOkResponse({ type: PageDto(CustomerResponseDto) })
  list(@CurrentActor() actor: Actor, @Query() query: ListCustomersQueryDto) {
    return this.customers.list(actor, query);
  }

  @Get(':id')
  @RequirePermission('customer.read')
  @ApiOkResponse({ type: CustomerResponseDto })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.customers.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission('customer.update')
  @ApiOkResponse({ type: CustomerResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateCustomerDto) {
    return this.customers.update(actor, id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @RequirePermission('customer.assign')
  @ApiOkResponse({ type: CustomerResponseDto })
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignDto) {
    return this.customers.assign(actor, id, dto);
  }

  @Get(':id/ledger')
  @RequirePermission('customer.read')
  @ApiOkResponse({ type: CustomerLedgerDto })
  ledger(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Query() page: ListQueryDto) {
    return this.customers.ledger(actor, id, page);
  }
}
