import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { ApiProblemResponses } from '../common/api-responses';
import { PageDto } from '../common/pagination';
import { uuidParam } from '../common/params';
import { CreateUserDto, DirectoryEntryDto, DirectoryQueryDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users 用户')
@ApiBearerAuth()
@ApiProblemResponses()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('directory')
  @SignedIn()
  @ApiOkResponse({ type: [DirectoryEntryDto], description: '在职的业务人员（不含系统管理员），最多 2000 人' })
  directory(@Query() query: DirectoryQueryDto) {
    return this.users.directory(query);
  }

  @Post()
  @RequirePermission('user.manage')
  @ApiCreatedResponse({ type: UserResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get()
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: PageDto(UserResponseDto) })
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @Get(':id')
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: UserResponseDto })
  get(@Param('id', uuidParam) id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: UserResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
