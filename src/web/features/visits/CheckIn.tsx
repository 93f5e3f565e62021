import { CloseOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';

export interface Coordinates {
  lat: number;
  lng: number;
}

/** The API takes at most six decimals (about 0.1 m). */
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function reason(err: GeolocationPositionError | null): string {
  if (!err) return '当前浏览器无法定位（需要通过 HTTPS 访问本系统）。不签到也可以保存拜访记录。';
  if (err.code === err.PERMISSION_DENIED)
    return '无法签到：您拒绝了位置权限。请在浏览器或系统设置中允许本网站使用位置信息后再点“签到”；不签到也可以保存拜访记录。';
  if (err.code === err.TIMEOUT) return '定位超时，请到信号较好的地方再试一次。';
  return '暂时无法获取位置，请稍后重试。';
}

/** 外勤签到: the browser's position (with the user's consent), shown as coordinates; no map tiles (CSP 'self'). */
export function CheckIn({ id, value, onChange }: { id?: string; value?: Coordinates | null; onChange?: (v: Coordinates | null) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [accuracy, setAccuracy] = useState<number | null>(null);

  const locate = () => {
    setError(null);
    if (!('geolocation' in navigator) || !window.isSecureContext) {
      setError(reason(null));
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        setAccuracy(Number.isFinite(pos.coords.accuracy) ? Math.round(pos.coords.accuracy) : null);
        onChange?.({ lat: round6(pos.coords.latitude), lng: round6(pos.coords.longitude) });
      },
      (err) => {
        setBusy(false);
        setError(reason(err));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div id={id}>
      <Flex gap={8} align="center" wrap>
        <Button icon={<EnvironmentOutlined />} loading={busy} onClick={locate} size="large">
          {value ? '重新签到' : '签到'}
        </Button>
        {value && (
          <Button icon={<CloseOutlined />} onClick={() => onChange?.(null)} size="large" type="text" aria-label="清除签到位置" />
        )}
      </Flex>
      {value && (
        <Typography.Paragraph data-testid="check-in-coords" style={{ margin: '8px 0 0' }}>
          已签到：纬度 {value.lat.toFixed(6)}，经度 {value.lng.toFixed(6)}
          {accuracy ? <Typography.Text type="secondary">（精度约 {accuracy} 米）</Typography.Text> : null}
        </Typography.Paragraph>
      )}
      {error && <Alert role="alert" type="warning" showIcon title={error} style={{ marginTop: 8 }} />}
    </div>
  );
}
