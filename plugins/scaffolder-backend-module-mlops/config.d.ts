export interface Config {
  mlops?: {
    /**
     * The platform GitOps repository that `mlops:platform:pull-request` opens
     * pull requests on. Authentication comes from `integrations.github`.
     */
    platform?: {
      /** e.g. https://github.com/acme/platform-gitops */
      repoUrl: string;
      /** Target branch of the pull requests; defaults to the repository's default branch. */
      baseBranch?: string;
      /** Folder with one folder per project and a kustomization.yaml listing them (default "projects"). */
      projectsPath?: string;
      /** Folder of each project's repository that Argo CD / Flux syncs (default "control-plane"). */
      sourcePath?: string;
      /** Branch of each project's repository that is deployed (default "main"). */
      sourceRevision?: string;
      argocd?: {
        /** Namespace of Argo CD Applications (default "argocd"). */
        namespace?: string;
        /** Argo CD AppProject (default "default"). */
        project?: string;
        /** Destination cluster API server (default https://kubernetes.default.svc). */
        destinationServer?: string;
      };
      flux?: {
        /** Namespace of Flux GitRepository and Kustomization objects (default "flux-system"). */
        namespace?: string;
        /** Reconciliation interval (default "5m"). */
        interval?: string;
      };
      rbac?: {
        /** ClusterRole bound to the owning team in the project's namespace (default "edit"). */
        clusterRole?: string;
        /** Prefix of Kubernetes group names for catalog groups, e.g. "oidc:" (default none). */
        groupPrefix?: string;
      };
    };
  };
}
