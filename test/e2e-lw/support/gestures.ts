import type { Locator, Page } from 'playwright-core';

// What a person does with a pointer, counted: a click or tap is one, choosing from a dropdown is two
// (open it, pick), typing into a field is one (to put the cursor there; none when the app has
// already put the focus there) plus the keys typed. The episode test drives the app only through
// these, so its count is the count of the episode.

export interface GestureCount {
  readonly clicks: number;
  readonly keys: number;
  /** The tallest the page got (document scroll height, CSS px). */
  readonly tallestPage: number;
  /** Whether any page scrolled sideways. */
  readonly scrolledSideways: boolean;
}

export class Gestures {
  private clicks = 0;
  private keys = 0;
  private tallest = 0;
  private sideways = false;

  constructor(private readonly page: Page) {}

  async click(target: Locator): Promise<void> {
    this.clicks += 1;
    await target.click();
    await this.measure();
  }

  async check(target: Locator): Promise<void> {
    this.clicks += 1;
    await target.check();
    await this.measure();
  }

  async choose(select: Locator, value: string): Promise<void> {
    this.clicks += 2;
    await select.selectOption(value);
    await this.measure();
  }

  /**
   * Typing into a field: one click to put the cursor there, unless the app has already put it
   * there (the field has the focus), then the keys typed.
   */
  async type(field: Locator, text: string): Promise<void> {
    const focused = await field.evaluate((el) => el === document.activeElement);
    if (!focused) this.clicks += 1;
    this.keys += text.length;
    await field.fill(text);
    await this.measure();
  }

  /** A key pressed where the focus is (Tab, Space, an arrow key). */
  async press(key: string): Promise<void> {
    this.keys += 1;
    await this.page.keyboard.press(key);
  }

  /** Measures the page as it stands (after a save has re-rendered it, say). */
  async measure(): Promise<void> {
    const { height, sideways } = await this.page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    }));
    this.tallest = Math.max(this.tallest, height);
    this.sideways ||= sideways;
  }

  get count(): GestureCount {
    return {
      clicks: this.clicks,
      keys: this.keys,
      tallestPage: this.tallest,
      scrolledSideways: this.sideways,
    };
  }
}
