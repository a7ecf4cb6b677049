export interface Config {
  app?: {
    signIn?: {
      /**
       * Sign-in methods the sign-in page offers, in order. Each must also be
       * enabled in the auth backend's `auth.providers`. Defaults to guest.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
