import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { IndicatorsQueries } from '../../projections/indicators/indicators.queries';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { PlanParams } from '../../web/params';
import { lineChart } from '../charts/line.chart';
import { planPage, render } from '../layout/frame';
import { Ctx, PageContext } from '../layout/page-context';
import { formatDate } from '../layout/uk-time';

/** The plan's performance indicators: each one's values over time, as a chart and as a table of the same figures. */
@ApiExcludeController()
@Controller('plans/:planId/indicators')
export class IndicatorsPageController {
  constructor(
    private readonly plans: PlanLookup,
    private readonly indicators: IndicatorsQueries,
  ) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams): Promise<void> {
    const plan = this.plans.require(planId, ctx.cut);
    const indicators = this.indicators.list(planId, ctx.cut).map((indicator) => {
      const values = indicator.values;
      const last = values.at(-1);
      return {
        indicatorId: indicator.indicatorId,
        title: indicator.title,
        unit: indicator.unit,
        // A line needs two points: a single value is said by the table alone.
        chart:
          values.length > 1
            ? lineChart(
                {
                  id: `indicator-${indicator.indicatorId}`,
                  title: `${indicator.title} (${indicator.unit})`,
                  description:
                    `${indicator.title}, ${values.length === 1 ? 'one value' : `${values.length} values from ${values[0]!.period} to ${last!.period}`}` +
                    `: ${values.map((v) => `${v.period} ${v.value}`).join(', ')}. The table after the chart gives each with its note.`,
                },
                values.map((v) => ({ label: v.period, value: v.value })),
              )
            : null,
        values: [...values]
          .reverse()
          .map((v) => ({ period: v.period, value: v.value, effectiveOn: formatDate(v.effectiveOn), note: v.note })),
      };
    });
    await render(ctx, 'indicators/indicators.njk', {
      ...planPage(ctx, plan, 'indicators', 'indicators', [{ text: 'Indicators' }]),
      indicators,
    });
  }
}
