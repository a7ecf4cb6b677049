/** The paging fields of an MLflow `.../search` request body (runs, LoggedModels). */
export const pagingBody = (query: {
  maxResults?: number;
  pageToken?: string;
}) => ({
  ...(query.maxResults ? { max_results: query.maxResults } : {}),
  ...(query.pageToken ? { page_token: query.pageToken } : {}),
});

/** `nextPageToken` of a search answer, when MLflow has another page. */
export const nextPageOf = (body: { next_page_token?: string }) =>
  body.next_page_token ? { nextPageToken: body.next_page_token } : {};

/**
 * Follows MLflow's `page_token` / `next_page_token` through at most
 * `maxPages` pages and joins their items; `complete` is false when the server
 * still had pages after the last one read.
 */
export async function everyPage<T>(
  maxPages: number,
  page: (
    pageToken: string | undefined,
  ) => Promise<{ items?: T[]; next_page_token?: string }>,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let pageToken: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const body = await page(pageToken);
    items.push(...(body.items ?? []));
    pageToken = body.next_page_token || undefined;
    if (!pageToken) return { items, complete: true };
  }
  return { items, complete: false };
}
