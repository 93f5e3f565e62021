import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';
import { ME_KEY, signIn } from '../lib/session';
import { safeNext } from '../lib/next-path';

export default function LoginPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const expired = (location.state as { expired?: boolean } | null)?.expired;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(v.username.trim(), v.password);
      await qc.invalidateQueries({ queryKey: ME_KEY });
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100dvh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16 }}>
      <section style={{ width: '100%', maxWidth: 380, background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 1px 2px rgba(0,0,0,0.06)' }}>
        <h1 style={{ fontSize: 24, fontWeight: 600, textAlign: 'center', margin: '0 0 4px' }}>
          职责 CRM
        </h1>
        <p style={{ textAlign: 'center', color: 'rgba(0,0,0,0.65)', margin: '0 0 20px' }}>
          市场开拓部 · 销售部 · 大客户部
        </p>
        {expired && <Alert type="warning" showIcon title="登录已过期，请重新登录" style={{ marginBottom: 16 }} />}
        <ProblemAlert error={error} />
        <Form layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input size="large" prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password size="large" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            登录
          </Button>
        </Form>
      </section>
    </main>
  );
}
