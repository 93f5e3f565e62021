import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG } from '../app.tokens';
import type { AppConfig } from '../../config/configuration';
import type { Actor } from '../access/actor';
import { departmentOf, ROLE_INFO } from '../access/roles';
import type { RoleCode } from '../access/roles';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { paginate, Page } from '../common/pagination';
import { AdvisoryLock } from '../database/advisory-locks';
import { hashPassword, passwordProblem } from '../auth/password';
import type { CreateUserDto, DirectoryEntryDto, DirectoryQueryDto, ListUsersQueryDto, UpdateUserDto, UserResponseDto } from './dto/user.dto';
import { User } from './user.entity';
import { UsersErrors } from './users.errors';
import { printNotice } from '../common/logging';

export function toUserResponse(u: User): UserResponseDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    roleName: ROLE_INFO[u.role].name,
    department: u.department,
    supervisorId: u.supervisorId,
    email: u.email,
    active: u.active,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** On an empty database, create the admin account (SPEC §2); a random password is printed once. */
  async onApplicationBootstrap(): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [AdvisoryLock.AdminBootstrap]);
      const [{ n }] = await m.query('SELECT count(*)::int AS n FROM users');
      if (n > 0) return;
      const generated = this.config.adminPassword === null;
      const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
      const problem = passwordProblem(password, this.config.adminUsername);
      if (problem) throw new Error(`ADMIN_PASSWORD 不可用: ${problem}`);
      const admin = m.create(User, {
        username: this.config.adminUsername,
        displayName: '系统管理员',
        role: 'admin',
        department: 'system',
        supervisorId: null,
        passwordHash: await hashPassword(password),
      });
      await m.save(admin);
      await this.audit.record(m, { id: null, role: 'system', requestId: null, ip: null }, {
        action: 'user.bootstrap-admin',
        entity: 'user',
        entityId: admin.id,
        after: { username: admin.username, role: admin.role },
      });
      this.logger.log(`已创建管理员账号「${admin.username}」`);
      if (generated) {
        // Printed exactly once, on the first start; it is not stored anywhere in clear.
        printNotice('Users', `\n  管理员账号: ${admin.username}\n  初始密码:   ${password}\n  （只显示这一次，请登录后立即修改）\n\n`);
      }
    });
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<UserResponseDto> {
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw UsersErrors.passwordRejected(problem);
    const passwordHash = await hashPassword(dto.password);
    return this.ds.transaction(async (m) => {
      await this.assertUsernameFree(m, dto.username);
      if (dto.supervisorId) await this.assertSupervisor(m, dto.supervisorId, null);
      const user = m.create(User, {
        username: dto.username,
        displayName: dto.displayName,
        role: dto.role,
        department: departmentOf(dto.role),
        supervisorId: dto.supervisorId ?? null,
        email: dto.email ?? null,
        passwordHash,
      });
      await m.save(user);
      const out = toUserResponse(user);
      await this.audit.record(m, actor, { action: 'user.create', entity: 'user', entityId: user.id, after: out });
      return out;
    }).catch((err: unknown) => {
      // Two concurrent creates of one username both pass the check; the unique index decides.
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string })?.constraint === 'users_username_uq') {
        throw UsersErrors.usernameTaken(dto.username);
      }
      throw err;
    });
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserResponseDto>> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.department) qb.andWhere('u.department = :department', { department: query.department });
    if (query.active) qb.andWhere('u.active = :active', { active: query.active === 'true' });
    if (query.supervisorId) qb.andWhere('u.supervisor_id = :sid', { sid: query.supervisorId });
    if (query.q) {
      qb.andWhere("(u.username ILIKE :q ESCAPE '\\' OR u.display_name ILIKE :q ESCAPE '\\')", { q: `%${escapeLike(query.q)}%` });
    }
    return paginate(
      qb,
      query,
      { username: 'u.username', displayName: 'u.display_name', role: 'u.role', createdAt: 'u.created_at' },
      'username',
      toUserResponse,
    );
  }

  async get(id: string): Promise<UserResponseDto> {
    const user = await this.ds.getRepository(User).findOneBy({ id });
    if (!user) throw CommonErrors.notFound('用户');
    return toUserResponse(user);
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    let passwordHash: string | undefined;
    if (dto.password !== undefined) {
      // The same rule as on create, the username included (usernames never change).
      const [row] = await this.ds.query('SELECT username FROM users WHERE id = $1', [id]);
      const problem = passwordProblem(dto.password, row?.username);
      if (problem) throw UsersErrors.passwordRejected(problem);
      passwordHash = await hashPassword(dto.password);
    }
    return this.ds.transaction(async (m) => {
      // Changes that may take away an admin are serialised: two admins demoting each other at once
      // would otherwise deadlock (each holds the other's row, which its audit row references).
      if (dto.role !== undefined || dto.active === false) await m.query('SELECT pg_advisory_xact_lock($1)', [AdvisoryLock.AdminRoster]);
      const user = await m.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id }).setLock('pessimistic_write').getOne();
      if (!user) throw CommonErrors.notFound('用户');
      if (user.version !== dto.version) throw CommonErrors.staleVersion();
      const before = toUserResponse(user);

      if (id === actor.id && ((dto.active === false) || (dto.role !== undefined && dto.role !== user.role))) {
        throw UsersErrors.cannotChangeSelf('不能停用自己的账号或修改自己的角色，请由另一位管理员操作');
      }
      const losesAdmin = user.role === 'admin' && user.active && ((dto.role !== undefined && dto.role !== 'admin') || dto.active === false);
      if (losesAdmin) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active AND id <> $1`, [id]);
        if (n === 0) throw UsersErrors.lastAdmin();
      }
      if (dto.supervisorId !== undefined && dto.supervisorId !== null) await this.assertSupervisor(m, dto.supervisorId, id);

      // Anything that changes what the account may do invalidates the tokens it holds.
      const revokes =
        (dto.role !== undefined && dto.role !== user.role) ||
        (dto.active !== undefined && dto.active !== user.active) ||
        passwordHash !== undefined;

      const set: Record<string, unknown> = {};
      if (dto.displayName !== undefined) set.display_name = dto.displayName;
      if (dto.role !== undefined) {
        set.role = dto.role;
        set.department = departmentOf(dto.role as RoleCode);
      }
      if (dto.supervisorId !== undefined) set.supervisor_id = dto.supervisorId;
      if (dto.email !== undefined) set.email = dto.email;
      if (dto.active !== undefined) set.active = dto.active;
      if (passwordHash !== undefined) set.password_hash = passwordHash;
      const cols = Object.keys(set);
      const assignments = cols.map((c, i) => `${c} = $${i + 3}`);
      if (revokes) assignments.push('token_version = token_version + 1');
      assignments.push('version = version + 1', 'updated_at = now()');
      const result: [unknown[], number] = await m.query(
        `UPDATE users SET ${assignments.join(', ')} WHERE id = $1 AND version = $2`,
        [id, dto.version, ...cols.map((c) => set[c])],
      );
      if (result[1] !== 1) throw CommonErrors.staleVersion();

      const updated = await m.getRepository(User).findOneByOrFail({ id });
      const after = toUserResponse(updated);
      await this.audit.record(m, actor, {
        action: 'user.update',
        entity: 'user',
        entityId: id,
        before,
        after: { ...after, ...(passwordHash ? { passwordChanged: true } : {}) },
      });
      return after;
    });
  }

  async directory(query: DirectoryQueryDto): Promise<DirectoryEntryDto[]> {
    const qb = this.ds.getRepository(User).createQueryBuilder('u').where('u.active').andWhere("u.role <> 'admin'");
    if (query.department) qb.andWhere('u.department = :d', { d: query.department });
    if (query.role) qb.andWhere('u.role = :r', { r: query.role });
    const users = await qb.orderBy('u.department').addOrderBy('u.display_name').addOrderBy('u.id').limit(2000).getMany();
    return users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      role: u.role,
      roleName: ROLE_INFO[u.role].name,
      department: u.department,
      supervisorId: u.supervisorId,
    }));
  }

  private async assertUsernameFree(m: EntityManager, username: string): Promise<void> {
    const rows = await m.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
    if (rows.length) throw UsersErrors.usernameTaken(username);
  }

  /** The supervisor must be an active user, and the reporting line may not loop back to the user. */
  private async assertSupervisor(m: EntityManager, supervisorId: string, userId: string | null): Promise<void> {
    if (supervisorId === userId) throw UsersErrors.supervisorInvalid('不能把自己设为自己的上级');
    const rows: { id: string; active: boolean; role: string }[] = await m.query(
      'SELECT id, active, role FROM users WHERE id = $1',
      [supervisorId],
    );
    if (!rows.length || !rows[0].active) throw UsersErrors.supervisorInvalid('上级必须是一个已启用的用户');
    if (rows[0].role === 'admin') throw UsersErrors.supervisorInvalid('系统管理员不能作为业务人员的上级');
    if (userId) {
      const loop = await m.query(
        `WITH RECURSIVE chain(id, depth) AS (
           SELECT supervisor_id, 1 FROM users WHERE id = $1
           UNION ALL
           SELECT u.supervisor_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.id WHERE c.depth < 100
         ) SELECT 1 FROM chain WHERE id = $2 LIMIT 1`,
        [supervisorId, userId],
      );
      if (loop.length) throw UsersErrors.supervisorInvalid('该设置会形成循环的上下级关系');
    }
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
