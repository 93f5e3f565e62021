import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission, SignedIn } from '../access/decorators';
import { uuidParam } from '../common/params';
import { CreateUserDto, DirectoryEntryDto, DirectoryQueryDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('directory')
  @SignedIn()
  @ApiOkResponse({ type: [DirectoryEntryDto] })
  directory(@Query() query: DirectoryQueryDto) {
    return this.users.directory(query);
  }

  @Post()
  @RequirePermission('user.manage')
  @ApiOkResponse({ type: UserResponseDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Get()
  @RequirePermission('user.manage')
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
