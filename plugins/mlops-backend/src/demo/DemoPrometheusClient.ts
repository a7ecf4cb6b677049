import { PrometheusClient, parsePrometheusVector } from '../prometheus/PrometheusClient';
import { FixtureFiles } from './fixtureFiles';

const QUERIES: Record<string, string> = {
  DCGM_FI_DEV_GPU_UTIL: 'prometheus/dcgm-gpu-util.json',
  DCGM_FI_DEV_FB_USED: 'prometheus/dcgm-fb-used.json',
};

/** Demo mode: recorded `/api/v1/query` answers of the DCGM queries. */
export class DemoPrometheusClient implements PrometheusClient {
  constructor(private readonly files: FixtureFiles) {}

  async query(promql: string) {
    const file = QUERIES[promql.trim()];
    const body = file ? await this.files.read(file) : undefined;
    return parsePrometheusVector(
      (body as Parameters<typeof parsePrometheusVector>[0]) ?? {
        status: 'success',
        data: { resultType: 'vector', result: [] },
      },
    );
  }
}
