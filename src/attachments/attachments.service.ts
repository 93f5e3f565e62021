import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { CommonErrors } from '../common/app-error';
import { ParentType, PARENTS, parentAccess, requireWrite } from './attachment-parents';
import { ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_RECORD, AttachmentsErrors } from './attachments.errors';
import type { AttachmentDto, AttachmentListDto } from './dto/attachment.dto';
import { cleanFileName, CONTENT_TYPES, FileKind, HEAD_BYTES, officeKind, sniffHead, TAIL_BYTES, zipEntryNames } from './file-types';

/** The size of a stored chunk: a 20 MiB file is 80 rows, and no more than one chunk is held at a time. */
export const CHUNK_BYTES = 256 * 1024;
/** A download reads this much per query (CHUNK_BYTES is a multiple of it). */
const READ_SLICE = 32 * 1024;
/** An upload still `uploading` after this long was cut off; the next upload removes it. */
const ABANDONED_AFTER = '1 hour';

/** A file as it arrives: its name as the client gave it and its bytes as a stream. */
export interface IncomingFile {
  filename?: string;
  stream: AsyncIterable<Buffer> & { truncated?: boolean; resume(): unknown };
}

interface Row {
  id: string;
  parent_type: ParentType;
  parent_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploader_name: string | null;
  created_at: Date;
}

const SELECT = `SELECT a.id, a.parent_type, a.parent_id, a.file_name, a.content_type, a.size_bytes, a.sha256, a.uploaded_by,
  u.display_name AS uploader_name, a.created_at FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by`;

function toDto(r: Row, canDelete: boolean): AttachmentDto {
  return {
    id: r.id,
    parentType: r.parent_type,
    parentId: r.parent_id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedBy: r.uploaded_by,
    uploaderName: r.uploader_name,
    createdAt: r.created_at.toISOString(),
    canDelete,
  };
}

/**
 * Attachments on records (SPEC §14), kept in Postgres. An upload streams into 256 KiB chunks as it
 * arrives — the file is never whole in memory — while its hash, its first bytes and its last MiB
 * (for a zip's directory) are kept; the row becomes `ready`, with its audit row, only when the
 * type, the size and the parent's scope have all been checked, so a refused or broken upload
 * leaves nothing behind.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, type: ParentType, parentId: string): Promise<AttachmentListDto> {
    const access = await parentAccess(this.ds.manager, actor, type, parentId);
    const rows: Row[] = await this.ds.query(`${SELECT} WHERE a.parent_type = $1 AND a.parent_id = $2 AND a.status = 'ready' ORDER BY a.created_at, a.id`, [type, parentId]);
    return {
      items: rows.map((r) => toDto(r, access.canDelete)),
      total: rows.length,
      canUpload: access.canWrite,
      locked: access.locked,
      limitBytes: ATTACHMENT_MAX_BYTES,
    };
  }

  async upload(actor: Actor, type: ParentType, parentId: string, file: IncomingFile | undefined): Promise<AttachmentDto> {
    if (!file) throw AttachmentsErrors.noFile();
    // The caller's right to the record is checked before a byte is stored.
    try {
      await requireWrite(this.ds.manager, actor, type, parentId);
    } catch (err) {
      file.stream.resume();
      throw err;
    }
    await this.ds.query(`DELETE FROM attachments WHERE status = 'uploading' AND created_at < now() - interval '${ABANDONED_AFTER}'`);
    const [{ id }] = await this.ds.query(
      `INSERT INTO attachments (parent_type, parent_id, file_name, content_type, uploaded_by) VALUES ($1, $2, '', '', $3) RETURNING id`,
      [type, parentId, actor.id],
    );
    try {
      const stored = await this.store(id, file);
      return await this.ds.transaction(async (m) => {
        // the record locked: two uploads to it at once count one after the other
        const access = await requireWrite(m, actor, type, parentId, 'update');
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM attachments WHERE parent_type = $1 AND parent_id = $2 AND status = 'ready'`, [type, parentId]);
        if (n >= ATTACHMENTS_PER_RECORD) throw AttachmentsErrors.tooMany();
        const fileName = cleanFileName(file.filename, stored.kind);
        await m.query(
          `UPDATE attachments SET status = 'ready', file_name = $2, content_type = $3, size_bytes = $4, sha256 = $5, created_at = now() WHERE id = $1`,
          [id, fileName, CONTENT_TYPES[stored.kind], stored.size, stored.sha256],
        );
        const row = await this.readRow(m, id);
        await this.audit.record(m, actor, { action: 'attachment.upload', entity: 'attachment', entityId: id, after: this.auditView(row) });
        return toDto(row, access.canDelete);
      });
    } catch (err) {
      await this.ds.query(`DELETE FROM attachments WHERE id = $1`, [id]);
      throw err;
    }
  }

  /** Streams the file into chunks; checks its kind from the bytes and its size as they pass. */
  private async store(id: string, file: IncomingFile): Promise<{ kind: FileKind; size: number; sha256: string }> {
    const hash = createHash('sha256');
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let tail: Buffer[] = [];
    let tailBytes = 0;
    let head = Buffer.alloc(0);
    let sniffed: FileKind | 'zip' | null | undefined;
    let size = 0;
    let seq = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const chunk = joined.subarray(0, Math.min(CHUNK_BYTES, joined.length));
        const rest = joined.subarray(chunk.length);
        await this.ds.query(`INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES ($1, $2, $3)`, [id, seq++, chunk]);
        pending = rest.length ? [Buffer.from(rest)] : [];
        pendingBytes = rest.length;
      }
    };
    try {
      for await (const part of file.stream) {
        size += part.length;
        if (size > ATTACHMENT_MAX_BYTES) throw AttachmentsErrors.tooLarge();
        hash.update(part);
        if (sniffed === undefined) {
          head = Buffer.concat([head, part.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
          if (head.length >= HEAD_BYTES) {
            sniffed = sniffHead(head);
            if (!sniffed) throw AttachmentsErrors.typeRefused();
          }
        }
        if (sniffed === 'zip' || sniffed === undefined) {
          tail.push(part);
          tailBytes += part.length;
          while (tail.length > 1 && tailBytes - tail[0].length >= TAIL_BYTES) tailBytes -= tail.shift()!.length;
        }
        pending.push(part);
        pendingBytes += part.length;
        await flush(false);
      }
    } catch (err) {
      file.stream.resume();
      throw err;
    }
    if (file.stream.truncated) throw AttachmentsErrors.tooLarge();
    if (size === 0) throw AttachmentsErrors.empty();
    if (sniffed === undefined) sniffed = sniffHead(head);
    let kind: FileKind | null = sniffed === 'zip' ? null : (sniffed ?? null);
    if (sniffed === 'zip') {
      const joined = Buffer.concat(tail, tailBytes);
      const names = zipEntryNames(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)), size);
      kind = names ? officeKind(names) : null;
      tail = [];
    }
    if (!kind) throw AttachmentsErrors.typeRefused();
    await flush(true);
    return { kind, size, sha256: hash.digest('hex') };
  }

  /** The file's metadata and a stream of its bytes, one chunk read at a time. */
  async open(actor: Actor, id: string): Promise<{ meta: AttachmentDto; body: Readable }> {
    const row = await this.readRow(this.ds.manager, id);
    try {
      await parentAccess(this.ds.manager, actor, row.parent_type, row.parent_id);
    } catch (err) {
      // Outside the record's scope the file does not exist, whatever the record's own answer was.
      if ((err as { status?: number }).status === 404) throw CommonErrors.notFound('附件');
      throw err;
    }
    // Read in 32 KiB slices (Postgres reads a slice of an uncompressed value without the rest): bytea
    // arrives as hex text, and text this small is young garbage the collector frees at once, where a
    // whole chunk's would wait for a full collection and swell the process.
    const ds = this.ds;
    const size = row.size_bytes;
    async function* bytes() {
      for (let pos = 0; pos < size; pos += READ_SLICE) {
        const rows: { data: Buffer }[] = await ds.query(
          `SELECT substring(data FROM $3 FOR $4) AS data FROM attachment_chunks WHERE attachment_id = $1 AND seq = $2`,
          [id, Math.floor(pos / CHUNK_BYTES), (pos % CHUNK_BYTES) + 1, READ_SLICE],
        );
        if (!rows.length || !rows[0].data.length) throw new Error(`attachment ${id}: bytes at ${pos} are missing`);
        yield rows[0].data;
      }
    }
    return { meta: toDto(row, false), body: Readable.from(bytes(), { objectMode: false }) };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const [found] = await m.query(`SELECT parent_type, parent_id FROM attachments WHERE id = $1 AND status = 'ready' FOR UPDATE`, [id]);
      if (!found) throw CommonErrors.notFound('附件');
      let access;
      try {
        access = await requireWrite(m, actor, found.parent_type, found.parent_id, 'share');
      } catch (err) {
        if ((err as { status?: number }).status === 404) throw CommonErrors.notFound('附件');
        throw err;
      }
      if (access.locked) throw AttachmentsErrors.signedContract();
      const row = await this.readRow(m, id);
      await m.query(`DELETE FROM attachments WHERE id = $1`, [id]);
      await this.audit.record(m, actor, { action: 'attachment.delete', entity: 'attachment', entityId: id, before: this.auditView(row) });
    });
  }

  private async readRow(m: EntityManager, id: string): Promise<Row> {
    const rows: Row[] = await m.query(`${SELECT} WHERE a.id = $1 AND a.status = 'ready'`, [id]);
    if (!rows.length) throw CommonErrors.notFound('附件');
    return rows[0];
  }

  private auditView(r: Row) {
    return {
      parentType: r.parent_type,
      parentId: r.parent_id,
      parentLabel: PARENTS[r.parent_type].label,
      fileName: r.file_name,
      contentType: r.content_type,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
    };
  }
}
