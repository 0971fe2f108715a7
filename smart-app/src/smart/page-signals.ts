/** Whether the app's page is on screen, and when that changes: live updates run only while it is. */
export interface PageSignals {
  readonly hidden: () => boolean;
  /** `wake` when the page is shown again or its window gains focus, `sleep` when it is hidden. */
  readonly watch: (wake: () => void, sleep: () => void) => () => void;
}

/** The browser's Page Visibility API and window focus. */
export function browserPage(doc: Document = document, win: Window = window): PageSignals {
  return {
    hidden: () => doc.hidden,
    watch: (wake, sleep) => {
      const visibility = (): void => {
        if (doc.hidden) sleep();
        else wake();
      };
      doc.addEventListener('visibilitychange', visibility);
      win.addEventListener('focus', wake);
      return () => {
        doc.removeEventListener('visibilitychange', visibility);
        win.removeEventListener('focus', wake);
      };
    },
  };
}
