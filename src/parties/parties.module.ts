import { Module } from '@nestjs/common';
import { DuplicatesService } from './duplicates.service';

/** What prospects and customers share: company identity keys and duplicate detection. */
@Module({ providers: [DuplicatesService], exports: [DuplicatesService] })
export class PartiesModule {}
