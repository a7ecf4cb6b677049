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
