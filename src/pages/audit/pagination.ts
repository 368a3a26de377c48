/** GOV.UK pagination's options: previous and next, the first and last page, and the pages around this one. */
export function pagination(page: number, pages: number, href: (page: number) => string) {
  if (pages <= 1) return null;
  const near = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  let previous = 0;
  for (const n of [...near].sort((a, b) => a - b)) {
    if (n - previous > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
    previous = n;
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
  };
}
