export interface Config {
  /** Configuration of the MLOps plugins (MLflow, Prometheus, demo data). */
  mlops?: {
    /**
     * The demo profile: the portal's backend then adds the demo module
     * (`@mlops-portal/plugin-mlops-backend-module-demo`), which answers MLflow,
     * Kubernetes and Prometheus from synthetic data; every card then shows a
     * "demo data" badge. Never enable in production.
     */
    demo?: boolean;
    mlflow?: {
      /** Instance used when an entity has no `mlflow.org/instance` annotation. */
      defaultInstance?: string;
      /** MLflow tracking servers, referenced by name from `mlflow.org/instance`. */
      instances: Array<{
        /** Name used in the `mlflow.org/instance` annotation. */
        name: string;
        /** Base URL of the tracking server's REST API, e.g. https://mlflow.example.com */
        baseUrl: string;
        /**
         * Bearer token (Databricks personal access token or an MLflow auth token).
         * @visibility secret
         */
        token?: string;
        /** HTTP Basic user name (MLflow's basic-auth app); needs password, excludes token. */
        username?: string;
        /**
         * HTTP Basic password, together with username.
         * @visibility secret
         */
        password?: string;
        /**
         * MLflow 3 workspace (sent as the X-MLFLOW-WORKSPACE header). Leave unset
         * for servers without workspaces: they answer the header with 500 FEATURE_DISABLED.
         */
        workspace?: string;
        /**
         * Most calls in flight to this instance at once (default 8); further calls
         * wait in a first-in, first-out queue within the route's deadline.
         */
        maxConcurrentRequests?: number;
        /** Public URL of the MLflow UI for deep links; defaults to baseUrl. */
        uiUrl?: string;
      }>;
    };
    prometheus?: {
      /** Prometheus (or Thanos/Mimir) base URL with DCGM exporter metrics. */
      baseUrl: string;
      /**
       * Bearer token for the Prometheus query API.
       * @visibility secret
       */
      token?: string;
    };
    /** What the GPU card counts and how it reads the clusters. */
    gpu?: {
      /**
       * Extended resources to count as GPUs besides nvidia.com/gpu,
       * nvidia.com/gpu.shared, nvidia.com/mig-<profile>, amd.com/gpu,
       * gpu.intel.com/i915 and gpu.intel.com/xe, e.g. habana.ai/gaudi.
       */
      extraResourceNames?: string[];
      /** Allocated GPUs below this DCGM utilisation (percent) count as idle (default 5). */
      idleUtilizationPercent?: number;
      /** How often one replica relists the clusters' GPU nodes and pods, seconds (default 60, at least 5). */
      inventoryRefreshSeconds?: number;
    };
    /**
     * Prices per GPU-hour for the GPU-hours figures. Nothing is priced that is
     * not listed here; an instance type's price wins over its GPU model's.
     */
    gpuPricing?: {
      /** Currency code shown with the cost, e.g. USD. */
      currency: string;
      /** Per GPU-hour by node.kubernetes.io/instance-type: the instance's hourly price divided by its GPUs. */
      instanceTypes?: Array<{ instanceType: string; perGpuHour: number }>;
      /** Per GPU-hour by GPU model (DCGM modelName or the nvidia.com/gpu.product label). */
      gpuModels?: Array<{ model: string; perGpuHour: number }>;
    };
    /** Upstream timeout in milliseconds (default 10000). */
    timeoutMs?: number;
    /** Cache lifetime of upstream answers in seconds (default 30). */
    cacheTtlSeconds?: number;
    /** Per-upstream overrides of timeoutMs and cacheTtlSeconds. */
    upstreams?: {
      /** Overrides for MLflow REST calls. */
      mlflow?: {
        /** Timeout of one call, milliseconds. */
        timeoutMs?: number;
        /** Cache lifetime of answers, seconds (0 disables caching). */
        cacheTtlSeconds?: number;
      };
      /** Overrides for Kubernetes calls through the Kubernetes backend. */
      kubernetes?: {
        /** Timeout of one call, milliseconds. */
        timeoutMs?: number;
        /** Cache lifetime of answers, seconds (0 disables caching). */
        cacheTtlSeconds?: number;
      };
      /** Overrides for Prometheus queries. */
      prometheus?: {
        /** Timeout of one call, milliseconds. */
        timeoutMs?: number;
        /** Cache lifetime of answers, seconds (0 disables caching). */
        cacheTtlSeconds?: number;
      };
      /** Overrides for DVC files read through the UrlReader. */
      source?: {
        /** Timeout of one call, milliseconds. */
        timeoutMs?: number;
        /** Cache lifetime of answers, seconds (0 disables caching). */
        cacheTtlSeconds?: number;
      };
    };
    /**
     * Demo mode only: folder with the example project's files (dvc.yaml,
     * dvc.lock, params), relative to the backend's working directory.
     * Defaults to ../../examples/fraud-detection.
     */
    demoSourceDir?: string;
  };
}
