import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { UserResponseDto } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: 'username 必须是字符串' })
  @Length(1, 64, { message: 'username 长度必须在 1 到 64 之间' })
  username: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString({ message: 'password 必须是字符串' })
  @Length(1, 128, { message: 'password 长度必须在 1 到 128 之间' })
  password: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: '有效期（秒）' }) expiresIn: number;
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}

export class PermissionGrantDto {
  @ApiProperty() permission: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['own', 'team', 'department', 'all'] }) scope: string;
  @ApiProperty({ type: [String] }) clauses: string[];
}

export class MeResponseDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
  @ApiProperty({ type: [PermissionGrantDto] }) permissions: PermissionGrantDto[];
}

export class SessionResponseDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
  @ApiProperty({ description: 'CSRF 令牌：改变数据的请求须在 X-CSRF-Token 请求头中原样带上（也在 zhize_csrf Cookie 中）' })
  csrfToken: string;
  @ApiProperty({ description: '会话有效期（秒）' }) expiresIn: number;
}
