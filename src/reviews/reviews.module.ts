import { Module } from '@nestjs/common';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';
import { SchemesService } from './schemes.service';

@Module({ controllers: [ReviewsController], providers: [SchemesService, ReviewsService] })
export class ReviewsModule {}
