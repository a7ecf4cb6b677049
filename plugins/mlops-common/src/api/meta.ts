/** Where an answer came from; every response of the MLOps API carries it. @public */
export interface MlopsResponseMeta {
  /** True when the answer is demo data (synthetic, served by the demo module), not a live system. */
  demo: boolean;
  /** When the backend fetched the data from upstream (ISO 8601); cached answers keep it. */
  fetchedAt: string;
}
