import { CameraOutlined, DeleteOutlined, DownloadOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Flex, Image, List, Popconfirm, Progress, Skeleton, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ProblemAlert } from '../../components/ErrorResult';
import { Section } from '../../components/RecordPage';
import { download, fetchBlob } from '../../lib/api/client';
import { formatDateTime } from '../../lib/format';
import { useIsPhone } from '../../lib/responsive';
import { attachmentKeys, attachmentPath, formatSize, isImage, uploadFile, useAttachments, useDeleteAttachment, type Attachment, type ParentType } from './api';

/** What the file picker offers; the server decides from the bytes. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.webp,.xlsx,.docx,application/pdf,image/jpeg,image/png,image/webp';

interface Uploading {
  key: string;
  name: string;
  percent: number;
  error?: unknown;
}

function FileIcon({ a }: { a: Attachment }) {
  const style = { fontSize: 28 };
  if (a.contentType === 'application/pdf') return <FilePdfOutlined style={{ ...style, color: '#cf1322' }} />;
  if (a.contentType.includes('spreadsheet')) return <FileExcelOutlined style={{ ...style, color: '#389e0d' }} />;
  if (a.contentType.includes('wordprocessing')) return <FileWordOutlined style={{ ...style, color: '#1677ff' }} />;
  return <PaperClipOutlined style={style} />;
}

/** An image attachment's thumbnail, fetched with the session and shown from a blob URL (tap to enlarge). */
function Thumbnail({ a }: { a: Attachment }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    fetchBlob(attachmentPath(a.id)).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        if (live) setSrc(url);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [a.id]);
  if (!src) return <Skeleton.Image active style={{ width: 48, height: 48 }} />;
  return <Image src={src} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} alt={a.fileName} preview={{ mask: '查看' }} />;
}

/**
 * 附件 of a record (SPEC §14): the files with who added them and when, images as thumbnails;
 * 上传 (and 拍照 on a visit, straight from the phone's camera) when the caller may add files, with
 * progress per file; 删除 where the server says the caller may — never on a signed contract.
 */
export function AttachmentsSection({ parentType, parentId, camera, hint }: { parentType: ParentType; parentId: string; camera?: boolean; hint?: ReactNode }) {
  const list = useAttachments(parentType, parentId);
  const remove = useDeleteAttachment(parentType, parentId);
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string>();
  const isPhone = useIsPhone();
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [downloadError, setDownloadError] = useState<unknown>();
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const data = list.data;

  const send = async (files: FileList | null) => {
    if (!files?.length || !data) return;
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      if (file.size > data.limitBytes) {
        setUploading((u) => [...u, { key, name: file.name, percent: 0, error: new Error(`「${file.name}」超过 ${formatSize(data.limitBytes)} 的上限，未上传`) }]);
        continue;
      }
      setUploading((u) => [...u, { key, name: file.name, percent: 0 }]);
      try {
        await uploadFile(parentType, parentId, file, (percent) => setUploading((u) => u.map((x) => (x.key === key ? { ...x, percent } : x))));
        setUploading((u) => u.filter((x) => x.key !== key));
        setNotice(`已上传「${file.name}」`);
      } catch (error) {
        setUploading((u) => u.map((x) => (x.key === key ? { ...x, error } : x)));
      }
      await qc.invalidateQueries({ queryKey: attachmentKeys.of(parentType, parentId) });
    }
  };

  const picker = (ref: React.RefObject<HTMLInputElement | null>, props: React.InputHTMLAttributes<HTMLInputElement>, testId: string) => (
    <input
      ref={ref}
      type="file"
      hidden
      data-testid={testId}
      {...props}
      onChange={(e) => {
        void send(e.target.files);
        e.target.value = '';
      }}
    />
  );

  const size = isPhone ? 'large' : undefined;
  const extra = data?.canUpload ? (
    <Flex gap={8}>
      {camera && (
        <Button size={size} icon={<CameraOutlined />} onClick={() => cameraInput.current?.click()}>
          拍照
        </Button>
      )}
      <Button size={size} icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
        上传
      </Button>
      {picker(fileInput, { accept: ACCEPT, multiple: true }, 'attachment-input')}
      {camera && picker(cameraInput, { accept: 'image/*', capture: 'environment' }, 'attachment-camera')}
    </Flex>
  ) : undefined;

  return (
    <Section title={`附件${data ? `（${data.total}）` : ''}`} extra={extra}>
      <div data-testid="attachments">
        {list.error ? (
          <ProblemAlert error={list.error} onReload={() => void list.refetch()} />
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : (
          <>
            {notice && <Alert type="success" showIcon style={{ marginBottom: 12 }} title={notice} />}
            {data.locked && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="合同已签订：合同档案中的附件只能查看和补充，不能删除。" />}
            {uploading.map((u) => (
              <div key={u.key} style={{ marginBottom: 12 }} data-testid="attachment-uploading">
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  {u.name}
                </Typography.Text>
                {u.error ? (
                  <Flex gap={8} align="center">
                    <div style={{ flex: 1 }}>
                      <ProblemAlert error={u.error} />
                    </div>
                    <Button size="small" onClick={() => setUploading((all) => all.filter((x) => x.key !== u.key))}>
                      关闭
                    </Button>
                  </Flex>
                ) : (
                  <Progress percent={u.percent} size="small" status="active" />
                )}
              </div>
            ))}
            {remove.error ? <ProblemAlert error={remove.error} /> : null}
            {downloadError ? <ProblemAlert error={downloadError} /> : null}
            {data.items.length === 0 && uploading.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.canUpload ? (hint ?? '暂无附件，可上传 PDF、图片、Excel 或 Word 文件') : '暂无附件'} />
            ) : (
              <List
                dataSource={data.items}
                renderItem={(a) => (
                  <List.Item
                    data-testid="attachment-item"
                    actions={[
                      <Button key="dl" type="link" size={size} icon={<DownloadOutlined />} aria-label={`下载 ${a.fileName}`} onClick={() => download(attachmentPath(a.id), a.fileName).then(() => setDownloadError(undefined), setDownloadError)}>
                        {isPhone ? '' : '下载'}
                      </Button>,
                      ...(a.canDelete
                        ? [
                            <Popconfirm key="del" title={`删除「${a.fileName}」？`} description="删除后不能恢复" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove.mutateAsync(a.id).then(() => setNotice(`已删除「${a.fileName}」`))}>
                              <Button type="link" danger size={size} icon={<DeleteOutlined />} aria-label={`删除 ${a.fileName}`}>
                                {isPhone ? '' : '删除'}
                              </Button>
                            </Popconfirm>,
                          ]
                        : []),
                    ]}
                  >
                    <List.Item.Meta
                      avatar={isImage(a) ? <Thumbnail a={a} /> : <FileIcon a={a} />}
                      title={<span style={{ overflowWrap: 'anywhere' }}>{a.fileName}</span>}
                      description={`${formatSize(a.sizeBytes)} · ${a.uploaderName ?? '—'} · ${formatDateTime(a.createdAt)}`}
                    />
                  </List.Item>
                )}
              />
            )}
          </>
        )}
      </div>
    </Section>
  );
}
