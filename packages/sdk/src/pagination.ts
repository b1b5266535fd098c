/** The API's list envelope. */
export type PageData<T> = { data: T[]; next_cursor: string | null };

/** One page of a list, with the cursor to the next. */
export class Page<T> implements AsyncIterable<T> {
  readonly data: T[];
  readonly next_cursor: string | null;
  readonly #fetchPage: (cursor: string) => Promise<PageData<T>>;

  constructor(page: PageData<T>, fetchPage: (cursor: string) => Promise<PageData<T>>) {
    this.data = page.data;
    this.next_cursor = page.next_cursor;
    this.#fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    return this.next_cursor !== null;
  }

  /** The next page; throws when there is none (check `hasNextPage()`). */
  async getNextPage(): Promise<Page<T>> {
    if (this.next_cursor === null) throw new Error("This is the last page: check hasNextPage() first.");
    return new Page(await this.#fetchPage(this.next_cursor), this.#fetchPage);
  }

  /** Every item from this page to the end, fetching further pages as needed. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T> = this;
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

/**
 * What list methods return. `await` it for the first page; `for await` over it for every item
 * of every page. The first page is fetched once, when first needed.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  #first: Promise<Page<T>> | undefined;
  readonly #fetchPage: (cursor: string | undefined) => Promise<PageData<T>>;

  constructor(fetchPage: (cursor: string | undefined) => Promise<PageData<T>>) {
    this.#fetchPage = fetchPage;
  }

  #firstPage(): Promise<Page<T>> {
    this.#first ??= this.#fetchPage(undefined).then((p) => new Page(p, (cursor) => this.#fetchPage(cursor)));
    return this.#first;
  }

  // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, like a fetch-style promise of the first page
  then<A = Page<T>, B = never>(
    onfulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#firstPage();
  }

  /** Every item of every page, collected (mind large lists). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}
