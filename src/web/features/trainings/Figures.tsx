import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Figures as TrainingFigures } from './api';
import { PASS_SCORE, showRate } from './vocab';

/**
 * 培训效果 as statistic cards: every figure computed by the API from the attendance and scores
 * recorded — nothing here is typed in; "—" where there is nothing to divide by.
 */
export function Figures({ f }: { f: TrainingFigures }) {
  const tiles = [
    { key: 'attendanceRate', title: '到课率', value: showRate(f.attendanceRate), hint: `实到 ${f.attended} / 受邀 ${f.invited} 人` },
    { key: 'averageScore', title: '平均分', value: f.averageScore ?? '—', hint: `${f.scored} 人有成绩` },
    { key: 'passRate', title: '及格率', value: showRate(f.passRate), hint: `及格 ${f.passed} / ${f.scored} 人（${PASS_SCORE} 分及格）` },
  ];
  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles.map((t) => (
          <Col key={t.key} xs={24} sm={8}>
            <Card size="small" data-testid={`figure-${t.key}`} style={{ height: '100%' }}>
              <Statistic title={t.title} value={t.value} styles={{ content: { fontSize: 22 } }} />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t.hint}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 13 }}>
        到课率按受邀人数计；平均分与及格率按参加且有成绩的人计。
      </Typography.Paragraph>
    </>
  );
}
