import { noAuth, startTestApp, TestApp } from '../support/test-app';

/** What a client reads in the API docs about the documents: each route, and every status it answers. */
describe('the API docs of reports, board packs and returns', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['get', '/api/plans/{planId}/reports/quarterly', ['200', '400', '401', '403', '404', '429', '503']],
    ['post', '/api/plans/{planId}/board-packs', ['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']],
    ['get', '/api/plans/{planId}/board-packs', ['200', '400', '401', '403', '404', '429', '503']],
    ['get', '/api/plans/{planId}/board-packs/{packId}', ['200', '400', '401', '403', '404', '409', '429', '503']],
    ['get', '/api/plans/{planId}/returns/{period}/template.xlsx', ['200', '400', '401', '403', '404', '429', '503']],
    ['post', '/api/plans/{planId}/returns/{period}', ['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']],
  ])('documents %s %s with every status it answers', async (method, path, statuses) => {
    const docs = await t.request('GET', '/api/docs-json', undefined, noAuth);
    const operation = docs.body.paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(Object.keys(operation.responses).sort()).toEqual(statuses);
  });

  it('says the upload is multipart with a file, and the report answers in four formats', async () => {
    const docs = await t.request('GET', '/api/docs-json', undefined, noAuth);
    const upload = docs.body.paths['/api/plans/{planId}/returns/{period}'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toEqual({ type: 'string', format: 'binary' });
    const report = docs.body.paths['/api/plans/{planId}/reports/quarterly'].get;
    expect(Object.keys(report.responses['200'].content).sort()).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/csv; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
    expect(report.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['period', 'format', 'asOf', 'knownAt', 'minPosition']));
  });
});
