import { AppError } from '../common/app-error';
import { XLSX_CONTENT_TYPE } from '../common/xlsx-body';
import { MAX_IMPORT_ROWS } from './import-kinds';

export const ImportsErrors = {
  /** The body was not sent as an Excel file at all. */
  notXlsx: () =>
    new AppError(415, 'IMPORT_BAD_FILE', '不是 Excel 文件', `请上传 .xlsx 格式的 Excel 文件（Content-Type: ${XLSX_CONTENT_TYPE}）`),
  /** Sent as Excel, but the bytes are not a workbook that can be read. */
  badFile: (why: string) => new AppError(400, 'IMPORT_BAD_FILE', '文件无法读取', `${why}。请用 Excel 或 WPS 另存为 .xlsx 格式后重新上传`),
  /** A small file that would unpack to far more than any import needs. */
  unpacksTooLarge: (limitMiB: number) =>
    new AppError(413, 'IMPORT_FILE_TOO_LARGE', '文件过大', `文件解压后超过 ${limitMiB} MiB，远大于 ${MAX_IMPORT_ROWS} 行数据所需，请检查文件内容后重新导出`),
  /** `about`: counted before the workbook is read (header rows and every sheet included). */
  tooManyRows: (rows: number, about = false) =>
    new AppError(400, 'IMPORT_TOO_MANY_ROWS', '行数过多', `文件中有${about ? '约' : ''} ${rows} 行数据，单次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`, {
      rows,
      maxRows: MAX_IMPORT_ROWS,
    }),
  empty: () => new AppError(400, 'IMPORT_EMPTY', '没有数据', '文件的第一个工作表中，表头下面没有数据行'),
  missingHeaders: (missing: string[], found: string[]) =>
    new AppError(
      400,
      'IMPORT_MISSING_HEADER',
      '缺少必填列',
      `表头缺少必填列：${missing.join('、')}。请使用导入模板，或在第一行写上这些列名${found.length ? `（找到的列：${found.join('、')}）` : ''}`,
      { missing, found },
    ),
  duplicateHeader: (name: string) =>
    new AppError(400, 'IMPORT_DUPLICATE_HEADER', '列名重复', `表头中「${name}」出现了不止一次，请只保留一列`, { column: name }),
};
