import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { ReportsModule } from '../reports/reports.module';
import { AuditPageController } from './audit/audit.controller';
import { IndicatorsPageController } from './indicators/indicators.controller';
import { CsrfGuard } from './layout/csrf.guard';
import { MilestonePageController } from './milestone/milestone.controller';
import { PlanPageController } from './plan/plan.controller';
import { ReportsPageController } from './reports/reports.controller';
import { RecommendationPageController } from './recommendation/recommendation.controller';
import { RecommendationsPageController } from './recommendations/recommendations.controller';
import { PortfolioPageController } from './portfolio/portfolio.controller';
import { QuarterlyUpdatePageController } from './quarterly-update/quarterly-update.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { TokensPageController } from './tokens/tokens.controller';
import { VisitsPageController } from './visits/visits.controller';

/** The web pages: GOV.UK pages over the same queries and commands as the API. */
@Module({
  imports: [AccessModule, ReportsModule],
  controllers: [
    SignInController,
    PortfolioPageController,
    TokensPageController,
    PlanPageController,
    QuarterlyUpdatePageController,
    MilestonePageController,
    RecommendationsPageController,
    RecommendationPageController,
    VisitsPageController,
    IndicatorsPageController,
    ReportsPageController,
    AuditPageController,
  ],
  providers: [CsrfGuard],
})
export class PagesModule {}
