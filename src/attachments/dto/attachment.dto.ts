import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { PARENT_TYPES } from '../attachment-parents';
import type { ParentType } from '../attachment-parents';

/** The record a file belongs to: `?parentType=contract&parentId=…`. */
export class AttachmentParentQueryDto {
  @ApiProperty({ enum: PARENT_TYPES, description: '所属记录：合同、拜访记录、投诉、等级评估' })
  @IsIn(PARENT_TYPES as unknown as string[], { message: `parentType 必须是 ${PARENT_TYPES.join('、')} 之一` })
  parentType: ParentType;

  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'parentId 必须是 UUID' }) parentId: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PARENT_TYPES }) parentType: ParentType;
  @ApiProperty({ format: 'uuid' }) parentId: string;
  @ApiProperty({ example: '华东机电-销售合同-签字扫描件.pdf', description: '文件名（扩展名取自识别出的类型）' }) fileName: string;
  @ApiProperty({ example: 'application/pdf', description: '按文件内容识别的类型' }) contentType: string;
  @ApiProperty({ type: 'integer', example: 482113 }) sizeBytes: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ type: String, nullable: true, example: '李内勤' }) uploaderName: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: '调用者能否删除该附件（有该记录的写权限，且合同未签订）' }) canDelete: boolean;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] }) items: AttachmentDto[];
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ description: '调用者能否为该记录上传附件' }) canUpload: boolean;
  @ApiProperty({ description: '记录已锁定（已签订的合同）：附件不能再删除' }) locked: boolean;
  @ApiProperty({ type: 'integer', example: 20971520, description: '单个附件的大小上限（字节）' }) limitBytes: number;
}
