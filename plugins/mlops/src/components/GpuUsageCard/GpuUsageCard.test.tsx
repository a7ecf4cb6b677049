import { screen, waitFor, within } from '@testing-library/react';
import { GpuClusterUsage } from '@mlops-portal/plugin-mlops-common';
import { itShowsCardStates } from '../../__testUtils__/cardStates';
import { renderCard } from '../../__testUtils__/renderCard';
import { GpuUsageCard } from './GpuUsageCard';
import { gpuCost } from './__fixtures__/gpuCost';
import { gpuUsage } from './__fixtures__/gpuUsage';
import { expectTexts } from '../../__testUtils__/expectTexts';

const api = {
  getGpuUsage: async () => gpuUsage,
  getGpuCost: async () => gpuCost,
};
const [prodEu, ...otherClusters] = gpuUsage.clusters;

/** Renders the card with prod-eu's answer changed by `change`, the other clusters as recorded. */
const renderWithProdEu = (change: Partial<GpuClusterUsage>) =>
  renderCard(<GpuUsageCard />, {
    ...api,
    getGpuUsage: async () => ({
      ...gpuUsage,
      clusters: [{ ...prodEu, ...change }, ...otherClusters],
    }),
  });

describe('GpuUsageCard', () => {
  it('shows each GPU node with labelled allocation and utilisation gauges', async () => {
    await renderCard(<GpuUsageCard />, api);
    const nodes = await screen.findByRole('table', {
      name: 'GPU nodes of prod-eu',
    });
    const a10 = within(nodes).getByText('NVIDIA-A10G').closest('tr')!;
    expect(within(a10).getByText('g5.12xlarge')).toBeInTheDocument();
    const allocated = within(a10).getByRole('meter', {
      name: 'GPUs allocated on ip-10-0-1-23.eu-west-1.compute.internal',
    });
    expect(allocated).toHaveAttribute('aria-valuenow', '3');
    expect(allocated).toHaveAttribute('aria-valuemax', '4');
    expect(within(a10).getByText('3 of 4 GPUs')).toBeInTheDocument();
    expect(
      within(a10).getByRole('meter', {
        name: 'GPU utilisation of ip-10-0-1-23.eu-west-1.compute.internal',
      }),
    ).toHaveAttribute('aria-valuenow', '61');
    expect(within(a10).getByText('38.0 GiB')).toBeInTheDocument();
  });

  it('lists the project’s GPU pods and flags the idle ones', async () => {
    await renderCard(<GpuUsageCard />, api);
    const pods = await screen.findByRole('table', {
      name: 'GPU pods of this project on prod-eu',
    });
    const notebook = within(pods)
      .getByText(/fraud-notebook-0/)
      .closest('tr')!;
    expect(within(notebook).getByText('idle')).toBeInTheDocument();
    const train = within(pods)
      .getByText(/fraud-train/)
      .closest('tr')!;
    expect(within(train).queryByText('idle')).not.toBeInTheDocument();
    expect(
      screen.getByText('1 GPU is allocated to idle pods of this project.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /This project holds 3 GPUs; the cluster has 4 of 18 allocated/,
      ),
    ).toBeInTheDocument();
  });

  it('does not count a pending pod’s GPUs as held', async () => {
    const pendingPod = {
      ...prodEu.pods[0],
      name: 'fraud-batch-score',
      nodeName: undefined,
      phase: 'Pending',
      gpuRequested: 1,
    };
    await renderWithProdEu({
      pods: [...prodEu.pods, pendingPod],
      totals: { ...prodEu.totals, waitingByEntity: 1 },
    });
    expect(
      await screen.findByText(
        /This project holds 3 GPUs and waits for 1 more \(pending pods\); the cluster has/,
      ),
    ).toBeInTheDocument();
  });

  it('says which cluster could not be read while showing the others', async () => {
    await renderCard(<GpuUsageCard />, api);
    const prodUs = await screen.findByRole('region', {
      name: 'Cluster prod-us',
    });
    expectTexts(
      prodUs,
      'Kubernetes is unavailable',
      'prod-us: connect ECONNREFUSED 10.1.0.1:443',
    );
    expect(
      screen.getByRole('table', { name: 'GPU nodes of prod-eu' }),
    ).toBeInTheDocument();
  });

  it('leaves out utilisation columns without DCGM metrics', async () => {
    await renderCard(<GpuUsageCard />, {
      ...api,
      getGpuUsage: async () => ({ ...gpuUsage, metricsAvailable: false }),
    });
    expect(
      await screen.findByText(
        /appear when Prometheus with DCGM metrics is configured/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('meter', { name: /GPU utilisation/ })).toBeNull();
  });

  itShowsCardStates({
    card: <GpuUsageCard />,
    method: 'getGpuUsage',
    answer: gpuUsage,
    annotation: /backstage\.io\/kubernetes-id/,
    missing: 'the entity is not on Kubernetes',
    others: { getGpuCost: api.getGpuCost },
  });

  it('shows MIG slices and shared GPUs as what they are, with the cards behind them', async () => {
    await renderCard(<GpuUsageCard />, api);
    const nodes = await screen.findByRole('table', {
      name: 'GPU nodes of prod-eu',
    });
    const a100 = within(nodes)
      .getByText('NVIDIA-A100-SXM4-40GB')
      .closest('tr')!;
    expectTexts(a100, '14× MIG 1g.5gb from 2 GPUs', '1 of 14 devices');
    const pods = screen.getByRole('table', {
      name: 'GPU pods of this project on prod-eu',
    });
    expect(within(pods).getByText('1× MIG 1g.5gb')).toBeInTheDocument();
  });

  it('says how old each cluster inventory is, and why it is stale', async () => {
    const refreshedAt = new Date(Date.now() - 5 * 60_000).toISOString();
    await renderWithProdEu({
      inventory: {
        refreshedAt,
        stale: true,
        error: {
          code: 'UpstreamError',
          upstream: 'kubernetes',
          message: 'nodes is forbidden',
        },
      },
    });
    expect(
      await screen.findByText(
        'Inventory 5 min 0 s old (stale): the last refresh failed: nodes is forbidden.',
      ),
    ).toBeInTheDocument();
  });

  it('shows GPU-hours, the idle share, cost and the top idle pods, per window', async () => {
    const getGpuCost = jest.fn(async () => gpuCost);
    await renderCard(<GpuUsageCard />, { ...api, getGpuCost });
    const section = await screen.findByRole('region', {
      name: 'GPU-hours and cost',
    });
    expect(
      await within(section).findByText(
        'Allocated 120 GPU-h, used 70.5 GPU-h, idle 30 GPU-h (25% of allocated). Cost US$492.00.',
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole('img', {
        name: 'GPU-hours per day, allocated and used, last 7d',
      }),
    ).toBeInTheDocument();
    const idle = within(section).getByRole('table', {
      name: 'Pods that held GPUs idle',
    });
    const notebook = within(idle).getByText('fraud-notebook-0').closest('tr')!;
    expectTexts(notebook, '36 h', '0.4%');
    expect(getGpuCost).toHaveBeenLastCalledWith(expect.anything(), '7d');

    within(section).getByRole('button', { name: '30d' }).click();
    await waitFor(() =>
      expect(getGpuCost).toHaveBeenLastCalledWith(expect.anything(), '30d'),
    );
  });

  it('says which Prometheus series are missing and that cost needs pricing', async () => {
    await renderCard(<GpuUsageCard />, {
      ...api,
      getGpuCost: async () => ({
        ...gpuCost,
        currency: undefined,
        entity: {
          allocatedGpuHours: 12,
          unpricedGpuHours: 12,
          daily: [],
          topIdlePods: [],
        },
        missing: [
          {
            series: 'dcgm-exporter' as const,
            metric: 'DCGM_FI_DEV_GPU_UTIL',
            effect:
              'no used or idle GPU-hours (the DCGM exporter is not scraped)',
          },
        ],
      }),
    });
    expect(
      await screen.findByText(
        'DCGM_FI_DEV_GPU_UTIL (dcgm-exporter) is missing from Prometheus: no used or idle GPU-hours (the DCGM exporter is not scraped).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Cost appears when mlops.gpuPricing is configured.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Allocated 12 GPU-h, used –, idle –\. Cost –, 12 GPU-h without a configured price/,
      ),
    ).toBeInTheDocument();
  });
});
