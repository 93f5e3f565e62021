import { ReadableTag } from '../../components/ReadableTag';

export function ActiveTag({ active }: { active: boolean }) {
  return active ? <ReadableTag tone="green">启用</ReadableTag> : <ReadableTag tone="red">已停用</ReadableTag>;
}
