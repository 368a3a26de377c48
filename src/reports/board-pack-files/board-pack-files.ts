import { Injectable } from '@nestjs/common';
import { Clock } from '../../domain/clock';
import { IssuedPack, PACK_FORMATS, PackFormat, PackHashes } from '../../board-pack/board-pack';
import { BoardPacksQueries } from '../../projections/board-packs/board-packs.queries';
import { ReadCut } from '../../projections/shared/read-cut';
import { ProblemException, problemType, validationProblem } from '../../web/problem.filter';
import { ReportMoment } from '../quarterly-report/quarterly-report';
import { QuarterlyReports, ReportRequest } from '../quarterly-report/quarterly-reports';
import { RenderedFile } from '../render/rendered-file';
import { ReportRenderer } from '../render/report-renderer';

/** The files of a board pack: made to be issued, and made again, byte for byte, to be downloaded. */
@Injectable()
export class BoardPackFiles {
  constructor(
    private readonly reports: QuarterlyReports,
    private readonly packs: BoardPacksQueries,
    private readonly clock: Clock,
    private readonly renderer: ReportRenderer,
  ) {}

  /** Every format of the report at one moment, hashed: what BoardPackIssued records. */
  async generate(planId: string, request: Omit<ReportRequest, 'minPosition'>): Promise<Omit<IssuedPack, 'packId'>> {
    // Facts recorded between now and a later knownAt would change the pack after the board got it.
    if (request.knownAt !== undefined && Date.parse(request.knownAt) > this.clock.now().getTime()) {
      throw new ProblemException(
        validationProblem([{ field: 'knownAt', message: `knownAt (${request.knownAt}) is in the future: a pack shows what had been recorded by a moment that has passed` }]),
      );
    }
    const report = await this.reports.generate(planId, request);
    const sha256 = {} as PackHashes;
    for (const format of PACK_FORMATS) sha256[format] = (await this.renderer.render(report, format)).sha256;
    const { asOf, knownAt, lastPosition, lastHash } = report.moment;
    return { period: report.period.text, asOf, knownAt, lastPosition: lastPosition ?? 0, lastHash: lastHash ?? '', sha256 };
  }

  /** An issued pack's file, made again from the moment it recorded; refused when the bytes would differ from what the board got. */
  async download(planId: string, packId: string, format: PackFormat, cut: ReadCut): Promise<{ file: RenderedFile; moment: ReportMoment }> {
    const pack = this.packs.require(planId, packId, cut);
    const report = await this.reports.generate(planId, { period: pack.period, asOf: pack.asOf, knownAt: pack.knownAt });
    const file = await this.renderer.render(report, format);
    if (file.sha256 !== pack.sha256[format]) {
      throw new ProblemException({
        type: problemType('pack-not-reproducible'),
        title: 'The pack cannot be made again byte for byte',
        status: 409,
        detail:
          `Pack ${packId} was issued with a ${format} file whose SHA-256 is ${pack.sha256[format]}; made again from the same moment it is ${file.sha256}, ` +
          'so this is not the file the board saw (it was made by another version of the product, or the record was changed outside it). ' +
          `The report of that moment is still at ?period=${pack.period}&asOf=${pack.asOf}&knownAt=${pack.knownAt}.`,
        packId,
        issuedSha256: pack.sha256[format],
        madeSha256: file.sha256,
      });
    }
    return { file, moment: report.moment };
  }
}
