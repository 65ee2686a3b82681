// A small binary heap on `key` (then `order`, for determinism): the relay simulator's queues.

export class MinHeap<T extends { key: number; order: number }> {
  private items: T[] = [];
  get size() {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  private less(a: T, b: T) {
    return a.key < b.key || (a.key === b.key && a.order < b.order);
  }
  push(item: T) {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
