import { ErrorResult } from '../components/ErrorResult';

export default function NotFoundPage() {
  return <ErrorResult error={new Error('页面不存在')} />;
}
