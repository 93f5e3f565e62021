import { Body, Controller, Param, Post } from '@nestjs/common';
import { bodyNotAccepted, hasContent, readsBody } from './unread-body.interceptor';

@Controller('x')
class Probe {
  @Post('with')
  withBody(@Param('id') _id: string, @Body() _dto: object) {
    return null;
  }

  @Post('without')
  withoutBody(@Param('id') _id: string) {
    return null;
  }
}

describe('unread bodies', () => {
  it('tells handlers with a @Body() parameter from those without', () => {
    expect(readsBody(Probe, 'withBody')).toBe(true);
    expect(readsBody(Probe, 'withoutBody')).toBe(false);
  });

  it.each([
    [undefined, false],
    [null, false],
    [{}, false],
    [{ ownerId: 'x' }, true],
    [[], true],
    ['text', true],
    [0, true],
    [Object.create(null), true],
  ])('hasContent(%p) is %p', (body, expected) => {
    expect(hasContent(body)).toBe(expected);
  });

  it('names the refused fields in a 400 problem', () => {
    const err = bodyNotAccepted(['ownerId']);
    expect(err).toMatchObject({ status: 400, code: 'BODY_NOT_ACCEPTED', extra: { errors: [{ field: 'ownerId', message: '此接口不接受 ownerId' }] } });
    expect(bodyNotAccepted([]).extra.errors).toEqual([{ field: 'body', message: '此接口不接受 body' }]);
  });
});
