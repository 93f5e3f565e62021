import { AGING_BUCKETS, agingBucket, agingBucketSql } from './aging';

describe('aging buckets', () => {
  it.each([
    [-10, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
    [1000, '90+'],
  ])('%i days past due → %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it('the SQL CASE encodes the same edges', () => {
    expect(agingBucketSql('d')).toBe(
      "CASE WHEN d <= 0 THEN 'current' WHEN d <= 30 THEN '1-30' WHEN d <= 60 THEN '31-60' WHEN d <= 90 THEN '61-90' ELSE '90+' END",
    );
    expect(AGING_BUCKETS.map((b) => b.key)).toEqual(['current', '1-30', '31-60', '61-90', '90+']);
  });
});
