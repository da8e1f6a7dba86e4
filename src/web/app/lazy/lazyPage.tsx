import {
  lazy,
  useState,
  type ComponentType,
  type FunctionComponent,
} from "react";

/**
 * Error for a page whose code file failed to download or run, most often
 * because a release replaced the hashed file that this tab still names.
 */
export class PageLoadError extends Error {
  constructor(cause: unknown) {
    super("The page's code failed to load.", { cause });
    this.name = "PageLoadError";
  }
}

/** A page component whose code loads on first render. */
export type LazyPage<Props extends object> = FunctionComponent<Props> & {
  /** Starts the download before the page renders; safe to call often. */
  preload(): Promise<unknown>;
};

/**
 * Returns `pick(module)` as a component whose module is fetched by `load`
 * when it first renders, so the page stays out of the main chunk. It
 * suspends to the nearest Suspense boundary while the module downloads,
 * and a failed download throws a PageLoadError to the PageBoundary.
 */
export function lazyPage<Module, Props extends object>(
  load: () => Promise<Module>,
  pick: (module: Module) => ComponentType<Props>,
): LazyPage<Props> {
  let loaded: ComponentType<Props> | null = null;
  let loading: Promise<{ default: ComponentType<Props> }> | null = null;
  const loadOnce = () => {
    loading ??= load().then(
      (module) => {
        loaded = pick(module);

        return { default: loaded };
      },
      (error: unknown) => {
        // The next call fetches again, so a failed preload does not make
        // the first render fail. React.lazy keeps its own rejected result,
        // so after a failed render the page shows the error again until a
        // preload succeeds or the browser reloads the app.
        loading = null;
        throw new PageLoadError(error);
      },
    );

    return loading;
  };
  const Lazy = lazy(loadOnce);

  function LazyPageComponent(props: Props) {
    // A page whose module has loaded renders at once, because React.lazy
    // throws its promise on its first render even then, which can show
    // the loading state for a frame. Each instance keeps the component it
    // started with, because a switch from Lazy to the loaded one would
    // remount the page.
    const [Page] = useState<ComponentType<Props>>(() => loaded ?? Lazy);

    return <Page {...props} />;
  }

  return Object.assign(LazyPageComponent, { preload: loadOnce });
}
