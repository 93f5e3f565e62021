import { CloseOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Upload } from 'antd';
import { MAX_FILE_BYTES, MAX_ROWS } from './api';
import type { KindInfo } from './vocab';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** What the console can tell about a file before uploading it (the API checks everything again). */
export function fileProblem(file: File | null): string | null {
  if (!file) return null;
  if (file.size > MAX_FILE_BYTES) return `文件有 ${size(file.size)}，超过 5 MiB 的上限，请拆分后分批导入。`;
  if (!/\.xlsx$/i.test(file.name)) return '请选择 .xlsx 格式的 Excel 文件（旧版 .xls 或 CSV 请先在 Excel 或 WPS 中另存为 .xlsx）。';
  return null;
}

/** Pick or drop the .xlsx file; the chosen file stays until another is chosen or it is removed. */
export function FilePicker({ kind, file, onChange, disabled }: { kind: KindInfo; file: File | null; onChange: (file: File | null) => void; disabled?: boolean }) {
  const problem = fileProblem(file);
  return (
    <>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(f) => {
          onChange(f);
          return false; // kept here; uploaded by 开始检查
        }}
        data-testid="import-file-picker"
      >
        {file ? (
          <p className="ant-upload-text" style={{ margin: 0 }}>
            <InboxOutlined aria-hidden /> 点击或拖入另一个文件以替换
          </p>
        ) : (
          <>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击选择，或把 Excel 文件拖到这里</p>
            <p className="ant-upload-hint">
              .xlsx 格式，第一行是表头（{kind.columns.join('、')}），最多 {MAX_ROWS} 行、5 MiB
            </p>
          </>
        )}
      </Upload.Dragger>
      {file && (
        <Flex align="center" gap={8} wrap style={{ marginTop: 12 }} data-testid="import-file">
          <FileExcelOutlined style={{ color: '#237804', fontSize: 20 }} aria-hidden />
          <span style={{ fontWeight: 500, wordBreak: 'break-all' }}>{file.name}</span>
          <span style={{ color: 'rgba(0,0,0,0.65)' }}>{size(file.size)}</span>
          <Button type="text" size="small" icon={<CloseOutlined />} aria-label="移除文件" disabled={disabled} onClick={() => onChange(null)} />
        </Flex>
      )}
      {problem && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={problem} />}
    </>
  );
}
