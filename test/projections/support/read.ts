import { TestApp, TestResponse } from '../../support/test-app';

/** GET with query parameters; fails loudly on anything but 200 unless the caller expects otherwise. */
export async function read<T = any>(
  t: TestApp,
  path: string,
  params: Record<string, string | number> = {},
  status = 200,
): Promise<T> {
  const res = await readRaw<T>(t, path, params);
  if (res.status !== status) throw new Error(`GET ${path} answered ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export function readRaw<T = any>(
  t: TestApp,
  path: string,
  params: Record<string, string | number> = {},
): Promise<TestResponse<T>> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return t.request<T>('GET', query ? `${path}?${query}` : path);
}

/** Milestone id → its rating on a board response. */
export const ragsOf = (board: { priorities: Array<{ milestones: Array<{ milestoneId: string; rag: string }> }> }) =>
  Object.fromEntries(board.priorities.flatMap((p) => p.milestones.map((m) => [m.milestoneId, m.rag])));
