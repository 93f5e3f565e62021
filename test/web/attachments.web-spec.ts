import { readFileSync } from 'node:fs';
import { files, PNG_1x1 } from '../setup/files';
import { checkPage, describeInBrowser, journey, signIn, smallTapTargets, startConsole, type ConsoleWorld } from './support/console';

/**
 * 附件 (SPEC §14): a 专员 photographs a customer's shop on a visit from the phone, sees a refused
 * file explained and removes a photo; a 内勤 at a desk files the signed scan of a contract, which
 * then can be downloaded but not deleted — each checked through the API afterwards.
 */
describeInBrowser('附件: photos on a visit, the signed scan of a contract', () => {
  let w: ConsoleWorld;
  const api = async (user: string, path: string) => w.t.http().get(`/api/v1${path}`).set('authorization', `Bearer ${await w.token(user)}`);
  const list = async (user: string, parentType: string, parentId: string) => (await api(user, `/attachments?parentType=${parentType}&parentId=${parentId}`)).body;

  beforeAll(async () => {
    w = await startConsole();
  }, 180_000);
  afterAll(() => w?.close());

  it('a specialist takes a photo on a visit with the phone camera, is told why an HTML file is refused, and deletes a photo', async () => {
    const me = (await api('mkt.spec.sun', '/auth/me')).body.user.id as string;
    const visit = (await api('mkt.spec.sun', `/visits?visitorId=${me}&reviewed=false&pageSize=1`)).body.items[0] as { id: string };
    expect(visit).toBeDefined();
    await journey(w, 'phone', async (page) => {
      await signIn(page, 'mkt.spec.sun', undefined, `/visits/${visit.id}`);
      const section = page.getByTestId('attachments');
      await section.getByText('暂无附件，可拍照或上传现场照片、客户资料').waitFor();
      // the camera button opens the phone's camera: an image input with capture
      expect(await page.getByTestId('attachment-camera').getAttribute('capture')).toBe('environment');
      expect(await page.getByTestId('attachment-camera').getAttribute('accept')).toBe('image/*');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: /拍\s*照/ }).click();
      await (await chooser).setFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: PNG_1x1 });
      await page.getByText('已上传「IMG_2041.png」').waitFor();
      await section.getByText('IMG_2041.png', { exact: true }).waitFor();
      await section.locator('img[alt="IMG_2041.png"]').waitFor();
      await checkPage(page, 'visit-attachments');
      expect(await smallTapTargets(page)).toEqual([]);

      // an HTML page dressed as a PDF: refused with the reason, nothing stored
      await page.getByTestId('attachment-input').setInputFiles({ name: '报价单.pdf', mimeType: 'application/pdf', buffer: files.html() });
      await section.getByText(/只能上传 PDF、JPEG、PNG、WebP、XLSX、DOCX 文件/).waitFor();
      await section.getByText(/ATTACHMENT_TYPE_REFUSED/).waitFor();
      const stored = await list('mkt.spec.sun', 'visit', visit.id);
      expect(stored.items.map((a: { fileName: string; contentType: string; uploadedBy: string }) => [a.fileName, a.contentType, a.uploadedBy])).toEqual([['IMG_2041.png', 'image/png', me]]);

      // a second photo, then removed again
      await page.getByTestId('attachment-camera').setInputFiles({ name: 'IMG_2042.png', mimeType: 'image/png', buffer: PNG_1x1 });
      await section.getByText('IMG_2042.png', { exact: true }).waitFor();
      await page.getByRole('button', { name: '删除 IMG_2042.png' }).click();
      await page.getByRole('button', { name: /^删\s*除$/ }).click();
      await page.getByText('已删除「IMG_2042.png」').waitFor();
      await section.getByText('IMG_2042.png', { exact: true }).waitFor({ state: 'detached' });
      expect((await list('mkt.spec.sun', 'visit', visit.id)).items.map((a: { fileName: string }) => a.fileName)).toEqual(['IMG_2041.png']);
    });
  }, 60_000);

  it('the 内勤 files the signed scan of a contract at a desk; it downloads whole and cannot be deleted', async () => {
    const signed = (await api('sales.clerk', '/contracts?status=signed&pageSize=1')).body.items[0] as { id: string };
    expect(signed).toBeDefined();
    const scan = files.pdf();
    await journey(w, 'desktop', async (page) => {
      await signIn(page, 'sales.clerk', undefined, `/contracts/${signed.id}`);
      const section = page.getByTestId('attachments');
      await section.getByText('合同已签订：合同档案中的附件只能查看和补充，不能删除。').waitFor();
      await page.getByTestId('attachment-input').setInputFiles({ name: '合同-双方签字盖章.pdf', mimeType: 'application/pdf', buffer: scan });
      await section.getByText('合同-双方签字盖章.pdf', { exact: true }).waitFor();
      await checkPage(page, 'contract-attachments');
      // no delete anywhere on a signed contract
      expect(await section.getByRole('button', { name: /删除/ }).count()).toBe(0);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '下载 合同-双方签字盖章.pdf' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('合同-双方签字盖章.pdf');
      expect(Buffer.compare(readFileSync((await file.path())!), scan)).toBe(0);
    });
    const stored = await list('sales.clerk', 'contract', signed.id);
    expect(stored).toMatchObject({ locked: true, total: 1 });
    expect(stored.items[0]).toMatchObject({ fileName: '合同-双方签字盖章.pdf', contentType: 'application/pdf', sizeBytes: scan.length, canDelete: false });
  }, 60_000);
});
