import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Campaign, Channel, ChannelPlan } from './campaign.entities';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';

/** 渠道与推广活动 (SPEC §11): channels with their maintenance plans, campaigns and their evaluation. */
@Module({
  imports: [TypeOrmModule.forFeature([Channel, ChannelPlan, Campaign])],
  controllers: [ChannelsController, CampaignsController],
  providers: [ChannelsService, CampaignsService],
})
export class CampaignsModule {}
