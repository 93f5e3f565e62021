import { button, choose } from './support/antd';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/** Today's quarter in Beijing, as the API writes it and as the console names it. */
function currentQuarter(): { period: string; label: string } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  return { period: `${y}-Q${q}`, label: `${y} 年第 ${q} 季度` };
}

const SCORES = [86, 72, 90, 95];

describeInBrowser('绩效考核: the 经理 drafts a scheme, the 总经理 approves it; a 主管 reviews a rep, the 经理 confirms, the rep reads it on a phone', () => {
  let w: ConsoleWorld;
  const api = async (user: string, method: 'get' | 'post', path: string, body?: object) => {
    const req = w.t.http()[method](`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
    return body ? req.send(body) : req;
  };
  let schemeId = '';
  let reviewId = '';
  let expectedTotal = '';

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('销售部经理 drafts a quarterly scheme — the weights’ sum shown as they are typed — and submits it', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, '/review-schemes');
      await page.getByText('暂无考核方案').waitFor();
      await page.getByRole('button', { name: '起草方案' }).click();
      await page.waitForURL('**/review-schemes/new');
      await page.getByLabel('方案名称').fill('销售部季度绩效考核方案');
      const sum = page.getByTestId('weight-sum');
      // the three suggested criteria sum to 100; taking 10 off the first shows what is missing
      await sum.filter({ hasText: '权重合计 100 / 100' }).waitFor();
      await page.getByLabel('指标 1 权重').fill('30');
      await sum.filter({ hasText: '权重合计 90 / 100（还差 10）' }).waitFor();
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByRole('alert').filter({ hasText: '各项权重之和必须正好为 100' }).waitFor();
      expect(page.url()).toMatch(/\/review-schemes\/new$/);
      // a fourth criterion of 10 makes it whole
      await page.getByRole('button', { name: '添加指标' }).click();
      await page.getByLabel('指标 4 名称').fill('拜访量');
      await choose(page, '实测来源', '拜访次数', { scope: page.getByTestId('criterion-row').nth(3) });
      await page.getByLabel('指标 4 权重').fill('10');
      await sum.filter({ hasText: '权重合计 100 / 100' }).waitFor();
      await checkPage(page, 'review-scheme-form');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/review-schemes\/[0-9a-f-]{36}$/);
      schemeId = page.url().split('/').pop()!;
      await page.getByTestId('scheme-status').filter({ hasText: '草稿' }).waitFor();
      await page.getByRole('button', { name: '提交审批' }).click();
      await page.getByTestId('scheme-status').filter({ hasText: '待总经理审批' }).waitFor();
    });
    const res = await api('sales.manager', 'get', `/reviews/schemes/${schemeId}`);
    expect(res.body).toMatchObject({
      name: '销售部季度绩效考核方案',
      department: 'sales',
      periodType: 'quarter',
      status: 'submitted',
      criteria: [
        { seq: 1, name: '指标完成率', weight: 30, source: 'target_attainment' },
        { seq: 2, name: '回款率', weight: 30, source: 'collection_rate' },
        { seq: 3, name: '工作态度', weight: 30, source: 'manual' },
        { seq: 4, name: '拜访量', weight: 10, source: 'visits' },
      ],
    });
  });

  it('the 总经理 finds it in 审批 and approves it: in force from now', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'gm.wang', undefined, '/approvals?kind=reviewScheme');
      await page.locator(`[data-kind="reviewScheme"][data-id="${schemeId}"]`).click();
      await page.waitForURL(`**/review-schemes/${schemeId}`);
      await checkPage(page, 'review-scheme-decision');
      await page.getByRole('button', { name: '批准' }).first().click();
      await button(page.getByRole('dialog'), '批准').click();
      await page.getByTestId('scheme-status').filter({ hasText: '现行' }).waitFor();
    });
    const res = await api('gm.wang', 'get', `/reviews/schemes/${schemeId}`);
    expect(res.body).toMatchObject({ status: 'approved', decidedByName: '王建国' });
    expect(res.body.effectiveFrom).toEqual(expect.any(String));
  });

  it('销售主管 reviews his rep for this quarter, on his phone: the figures beside each criterion are the API’s; scores, total, submit', async () => {
    const { period, label } = currentQuarter();
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.sup.liu', undefined, '/reviews');
      await page.getByRole('button', { name: '开始考核' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('scheme-in-force').filter({ hasText: '销售部季度绩效考核方案' }).waitFor();
      await choose(page, '被考核人', '吴昊（销售业务员）', { scope: dialog });
      await choose(page, '考核期间', label, { scope: dialog });
      await button(dialog, '开始').click();
      await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
      reviewId = page.url().split('/').pop()!;

      const review = (await api('sales.sup.liu', 'get', `/reviews/${reviewId}`)).body;
      expect(review).toMatchObject({ period, revieweeName: '吴昊', reviewerName: '刘洋', status: 'draft', schemeId });
      // every measured figure on the page is the API's, to the digit
      for (const item of review.items as Array<{ seq: number; source: string; measured: string | null }>) {
        const shown = page.getByTestId(`measured-${item.seq}`);
        expect(await shown.getAttribute('data-value')).toBe(item.measured ?? '');
        if (item.source === 'visits') expect(await shown.innerText()).toContain(`${item.measured} 次`);
      }
      expect(await page.getByTestId('figure-visits').innerText()).toBe(`${review.figures.visits.count} 次`);
      expect(await page.getByTestId('figure-complaints').innerText()).toContain(`${review.figures.complaintSla.total} 件中按时解决 ${review.figures.complaintSla.kept} 件`);

      const names = (review.items as Array<{ name: string }>).map((i) => i.name);
      for (const [k, name] of names.entries()) await page.getByLabel(`${name} 评分`).fill(String(SCORES[k]));
      await page.getByLabel('回款率 评语').fill('回款及时，个别客户需跟进');
      const hundredths = (review.items as Array<{ weight: number }>).reduce((s, i, k) => s + i.weight * SCORES[k], 0);
      expectedTotal = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
      await page.getByTestId('review-total').filter({ hasText: expectedTotal }).waitFor();
      await page.getByLabel('总体评语').fill('本季度表现良好');
      await checkPage(page, 'review-form');
      expect(await smallTapTargets(page)).toEqual([]);
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('review-status').filter({ hasText: '待确认' }).waitFor();
    });
    const res = await api('sales.sup.liu', 'get', `/reviews/${reviewId}`);
    expect(res.body).toMatchObject({ status: 'submitted', total: expectedTotal, comment: '本季度表现良好' });
    expect(res.body.items.map((i: { score: number }) => i.score)).toEqual(SCORES);
    expect(res.body.items[1].comment).toBe('回款及时，个别客户需跟进');
  });

  it('销售部经理 confirms it from 审批', async () => {
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.manager', undefined, '/approvals?kind=review');
      await page.locator(`[data-kind="review"][data-id="${reviewId}"]`).click();
      await page.waitForURL(`**/reviews/${reviewId}`);
      await page.getByTestId('review-total').filter({ hasText: expectedTotal }).waitFor();
      await page.getByRole('button', { name: '确认' }).first().click();
      await button(page.getByRole('dialog'), '确认').click();
      await page.getByTestId('review-status').filter({ hasText: '已确认' }).waitFor();
      await checkPage(page, 'review-confirmed');
    });
    const res = await api('sales.manager', 'get', `/reviews/${reviewId}`);
    expect(res.body).toMatchObject({ status: 'confirmed', confirmedByName: '陈静' });
  });

  it('the rep reads the confirmed review on his phone', async () => {
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'sales.rep.wu', undefined, '/my-reviews');
      const card = page.getByTestId('my-review');
      await card.first().waitFor();
      expect(await card.count()).toBe(1);
      expect(await card.getByTestId('my-review-total').innerText()).toBe(expectedTotal);
      expect(await card.getByTestId('review-status').innerText()).toBe('已确认');
      expect(await card.innerText()).toContain('回款及时，个别客户需跟进');
      await checkPage(page, 'my-reviews');
      expect(await smallTapTargets(page)).toEqual([]);
    });
    const mine = await api('sales.rep.wu', 'get', '/me/reviews');
    expect(mine.body.items.map((r: { id: string; status: string; total: string }) => [r.id, r.status, r.total])).toEqual([[reviewId, 'confirmed', expectedTotal]]);
  });
});
