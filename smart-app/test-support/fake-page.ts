import type { PageSignals } from '../src/smart/page-signals';

/** Page visibility the test controls: `hide()` and `show()` as the browser would signal them. */
export function fakePage(): { page: PageSignals; hide: () => void; show: () => void } {
  let hidden = false;
  const watchers = new Set<{ wake: () => void; sleep: () => void }>();
  const page: PageSignals = {
    hidden: () => hidden,
    watch: (wake, sleep) => {
      const watcher = { wake, sleep };
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
  };
  return {
    page,
    hide: () => {
      hidden = true;
      watchers.forEach((w) => {
        w.sleep();
      });
    },
    show: () => {
      hidden = false;
      watchers.forEach((w) => {
        w.wake();
      });
    },
  };
}
